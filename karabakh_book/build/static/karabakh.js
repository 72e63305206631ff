// Chart points that carry a chapter link open it on click. The trace names the customdata
// column holding the link in trace.meta.link (see karabakh_book/timeline.py).
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll(".kb-chart .plotly-graph-div").forEach(function (chart) {
    if (typeof chart.on !== "function") return;
    chart.on("plotly_click", function (event) {
      var point = event.points[0];
      var column = point.data.meta && point.data.meta.link;
      if (column !== undefined && point.customdata) window.location.href = point.customdata[column];
    });
  });
});
