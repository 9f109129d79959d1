// Saves bytes sent from the server as a file download (quick scoring's XLSX).
window.kaoheDownload = async (fileName, contentStreamReference) => {
  const buffer = await contentStreamReference.arrayBuffer();
  const url = URL.createObjectURL(new Blob([buffer]));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName ?? '';
  a.click();
  a.remove();
  URL.revokeObjectURL(url);
};

// Draws (or redraws) an ECharts chart in the element with the given id.
window.kaoheChart = (id, option) => {
  const el = document.getElementById(id);
  if (!el || !window.echarts) return;
  const chart = echarts.getInstanceByDom(el) || echarts.init(el);
  chart.setOption(option, true);
};

// Line numbers for the scheme YAML editors (Components/Shared/YamlEditor.razor). The gutter belongs to this script
// alone (the server never renders into it); lines listed in data-marks are marked as having a problem.
window.kaoheYaml = {
  draw(id) {
    const root = document.getElementById(id);
    if (!root) return;
    const text = root.querySelector('textarea');
    const gutter = root.querySelector('.gutter');
    if (!root.dataset.ready) {
      root.dataset.ready = '1';
      text.addEventListener('input', () => window.kaoheYaml.draw(id));
      text.addEventListener('scroll', () => { gutter.scrollTop = text.scrollTop; });
    }
    const count = text.value.split('\n').length;
    const marks = new Set((root.dataset.marks || '').split(',').filter(x => x).map(Number));
    const lines = [];
    for (let i = 1; i <= count; i++) lines.push(marks.has(i) ? '<span class="mark">' + i + '</span>' : String(i));
    gutter.innerHTML = lines.join('\n') + '\n';
    gutter.scrollTop = text.scrollTop;
  },
  goTo(id, line) {
    const root = document.getElementById(id);
    if (!root) return;
    const text = root.querySelector('textarea');
    const lines = text.value.split('\n');
    const n = Math.max(1, Math.min(line, lines.length));
    let start = 0;
    for (let i = 0; i < n - 1; i++) start += lines[i].length + 1;
    text.focus();
    text.setSelectionRange(start, start + lines[n - 1].length);
    const height = parseFloat(getComputedStyle(text).lineHeight) || 20;
    text.scrollTop = Math.max(0, (n - 1) * height - text.clientHeight / 3);
    root.querySelector('.gutter').scrollTop = text.scrollTop;
  },
};

// A rating form's draft kept in this browser (localStorage) as the user types, so a refresh, Back, a closed tab or a
// lost connection never loses input; the page restores it when it opens again and drops it once the server has it.
window.kaoheDraft = {
  put(key, json) {
    try { localStorage.setItem(key, json); return true; } catch { return false; } // full or disabled storage: the server draft remains
  },
  get(key) {
    try { return localStorage.getItem(key); } catch { return null; }
  },
  drop(key) {
    try { localStorage.removeItem(key); } catch { /* nothing kept */ }
  },
};

// Scrolls to a form field named by its data-indicator (or data-field) attribute, puts it in the middle and focuses it.
window.kaoheScrollToField = (name) => {
  const q = CSS.escape(name);
  const el = document.querySelector(`[data-indicator="${q}"], [data-field="${q}"]`);
  if (!el) return false;
  el.scrollIntoView({ block: 'center', behavior: 'instant' });
  const input = el.matches('input, textarea') ? el : el.querySelector('input, textarea');
  if (input) input.focus({ preventScroll: true });
  return true;
};

// The reconnect dialog (Components/Layout/ReconnectModal.razor) in Chinese: shown while the connection to the server is
// lost; when the server no longer knows this page (the circuit is gone) the page reloads, and a rating form comes
// back with its input from the server or from this browser's draft.
(() => {
  const modal = document.getElementById('components-reconnect-modal');
  if (!modal) return;
  const text = modal.querySelector('[data-reconnect-text]');
  const retry = modal.querySelector('[data-reconnect-retry]');
  const say = (words, canRetry) => { text.textContent = words; retry.hidden = !canRetry; };
  const again = async () => {
    say('正在重新连接服务器…', false);
    try {
      if (!(await Blazor.reconnect())) location.reload(); // the server no longer has this page: load it anew
    } catch {
      say('仍无法连接服务器。请检查网络后重试；你的输入已暂存在本机，不会丢失。', true);
    }
  };
  retry.addEventListener('click', again);
  modal.querySelector('[data-reconnect-reload]').addEventListener('click', () => location.reload());
  modal.addEventListener('components-reconnect-state-changed', (e) => {
    const s = e.detail.state;
    if (s === 'show' || s === 'retrying') {
      say(`与服务器的连接中断，正在重新连接…${e.detail.currentAttempt ? `（第 ${e.detail.currentAttempt} 次）` : ''}你的输入已暂存在本机。`, false);
      if (!modal.open) modal.showModal();
    } else if (s === 'hide') {
      if (modal.open) modal.close();
    } else if (s === 'failed') {
      say('无法连接服务器。请检查网络后重试；你的输入已暂存在本机，不会丢失。', true);
      if (!modal.open) modal.showModal();
      document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'visible') again(); }, { once: true });
    } else if (s === 'rejected') {
      say('页面已过期，正在重新载入…', false);
      location.reload();
    }
  });
})();
