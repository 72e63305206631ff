// The book's chart loader. Each chart is carried in its page as data (a JSON script element
// beside its reserved plot area); nothing here runs before the page has been parsed (defer).
// plotly.js is fetched only when a chart comes near the viewport, or when the reader reaches
// for one (pointer or keyboard), and charts are drawn one at a time as they approach, so a
// reader who stops after the lede never downloads the chart library.
(function () {
  "use strict";
  var loader = document.currentScript;
  var library = new URL(loader.dataset.plotly, loader.src).href;  // served beside this file
  var loading = null;
  var queue = Promise.resolve();

  // The page's language for plotly (month names, mode bar), when it is not English.
  var locale = loader.dataset.plotlyLocale ? new URL(loader.dataset.plotlyLocale, loader.src).href : null;

  function fetchScript(src) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = src;
      script.onload = resolve;
      script.onerror = function () { reject(new Error(src + " could not be loaded")); };
      document.head.appendChild(script);
    });
  }

  function plotly() {
    if (!loading) {
      loading = fetchScript(library).then(function () {
        return locale ? fetchScript(locale) : null;  // it registers itself with Plotly
      }).then(function () { return window.Plotly; });
    }
    return loading;
  }

  // Points that carry a chapter link open it on click: the trace names the customdata column
  // holding the link in trace.meta.link (see karabakh_book/stories/timeline.py).
  function followLinks(plot) {
    plot.on("plotly_click", function (event) {
      var point = event.points[0];
      var column = point.data.meta && point.data.meta.link;
      if (column === undefined || !point.customdata) return;
      // On an embed page the chapter opens in the reader's window, not in the frame.
      window.open(point.customdata[column], document.body.classList.contains("kb-embed") ? "_top" : "_self");
    });
  }

  function draw(figure) {
    if (figure.dataset.kbState) return queue;
    figure.dataset.kbState = "drawing";
    var plot = figure.querySelector(".kb-chart-plot");
    var spec = JSON.parse(figure.querySelector("script.kb-chart-spec").textContent);
    // One chart at a time, each in a task of its own: the page stays responsive while they draw.
    queue = queue.then(plotly).then(function (Plotly) {
      return new Promise(function (resolve) { setTimeout(resolve, 0); }).then(function () {
        return Plotly.newPlot(plot, spec.data, spec.layout, spec.config);
      });
    }).then(function () {
      followLinks(plot);
      figure.dataset.kbState = "drawn";
    }, function () {
      figure.dataset.kbState = "unavailable";  // the text, notes and data table stay; CSS shows the notice
    });
    return queue;
  }

  var figures = document.querySelectorAll("figure.kb-chart");
  var near = "IntersectionObserver" in window ? new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      if (entry.isIntersecting) {
        near.unobserve(entry.target);
        draw(entry.target);
      }
    });
  }, { rootMargin: "200px 0px" }) : null;
  figures.forEach(function (figure) {
    if (near) near.observe(figure); else draw(figure);
    ["pointerover", "touchstart", "focusin"].forEach(function (type) {
      figure.addEventListener(type, function () { draw(figure); }, { once: true, passive: true });
    });
  });
})();
