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
