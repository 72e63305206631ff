// On a chart's embed page: tell the page that embeds it how tall the chart is, whenever that
// changes (the chart drawn, the data table opened, a narrower frame), so that its iframe fits.
(function () {
  "use strict";
  if (window.parent === window) return;
  var last = 0;
  function post() {
    var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    window.parent.postMessage({ type: "kb-embed-height", height: height }, "*");
  }
  if ("ResizeObserver" in window) new ResizeObserver(post).observe(document.body);
  window.addEventListener("load", post);
  post();
})();
