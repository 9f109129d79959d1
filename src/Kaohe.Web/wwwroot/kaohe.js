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
