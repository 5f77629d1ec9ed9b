/* The pledging dashboard's chart: pledges by GCM objective as a Vega-Lite bar chart drawn over the table it
   repeats. Without JavaScript (or without Vega) the table stays the answer; the chart only adds a picture. */
(function () {
  "use strict";
  function draw() {
    var target = document.getElementById("objective-chart");
    var source = document.getElementById("objective-rows");
    if (!target || !source || !window.vegaEmbed) { return; }
    var rows = JSON.parse(source.textContent);
    if (!rows.length) { return; }
    var spec = {
      $schema: "https://vega.github.io/schema/vega-lite/v6.json",
      description: target.getAttribute("aria-label"),
      width: "container",
      height: { step: 22 },
      autosize: { type: "fit-x", contains: "padding" },
      data: { values: rows },
      mark: { type: "bar", color: "#13508f", tooltip: true },
      encoding: {
        y: { field: "label", type: "nominal", sort: null, title: null, axis: { labelLimit: 260 } },
        x: { field: "count", type: "quantitative", title: target.dataset.axis, axis: { tickMinStep: 1, format: "d" } },
        tooltip: [{ field: "label", title: target.dataset.objective }, { field: "count", title: target.dataset.axis }, { field: "share", title: "%" }]
      },
      config: { font: "system-ui, sans-serif", axis: { labelFontSize: 12 } }
    };
    window.vegaEmbed(target, spec, { ast: true, defaultStyle: false, tooltip: { disableDefaultStyle: true }, actions: false, renderer: "svg" }).then(function () {
      target.dataset.ready = "true";
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", draw); } else { draw(); }
})();
