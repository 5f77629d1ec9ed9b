/* The signpost chart (progressive enhancement: the table beside it holds the same figures).
   Yearly figures as a line, the checked years as points coloured and shaped by their outcome, the threshold
   as a rule. Vega-Lite and vega-embed come from the app's own static files. */
(function () {
  "use strict";
  function draw() {
    var source = document.getElementById("signpost-data");
    var target = document.getElementById("signpost-chart");
    if (!source || !target || typeof vegaEmbed !== "function") { return; }
    var data = JSON.parse(source.textContent);
    var labels = data.labels;
    var layers = [
      {
        mark: { type: "line", color: "#13508f" },
        encoding: {
          x: { field: "year", type: "ordinal", title: labels.year },
          y: { field: "value", type: "quantitative", title: data.y }
        }
      },
      {
        mark: { type: "point", filled: true, size: 90 },
        encoding: {
          x: { field: "year", type: "ordinal" },
          y: { field: "value", type: "quantitative" },
          color: {
            field: "check", type: "nominal", title: labels.check,
            scale: { domain: data.outcomes, range: data.colours },
            legend: { orient: "bottom", direction: "horizontal" }
          },
          shape: {
            field: "check", type: "nominal", title: labels.check,
            scale: { domain: data.outcomes, range: ["circle", "cross", "diamond", "circle"] },
            legend: null
          },
          tooltip: [
            { field: "year", title: labels.year },
            { field: "value", title: labels.value },
            { field: "check", title: labels.check }
          ]
        }
      }
    ];
    if (data.projection.length) {
      var trend = data.projection.map(function (p) { return { year: p.year, value: p.value, low: p.low, high: p.high }; });
      layers.unshift({
        data: { values: trend },
        mark: { type: "area", opacity: 0.18, color: "#6b4fa0" },
        encoding: {
          x: { field: "year", type: "ordinal" },
          y: { field: "low", type: "quantitative" },
          y2: { field: "high" },
          tooltip: [
            { field: "year", title: labels.year },
            { field: "value", title: labels.projection, format: ".0f" },
            { field: "low", format: ".0f" },
            { field: "high", format: ".0f" }
          ]
        }
      });
      layers.push({
        data: { values: trend },
        mark: { type: "line", strokeDash: [4, 3], color: "#6b4fa0" },
        encoding: { x: { field: "year", type: "ordinal" }, y: { field: "value", type: "quantitative" } }
      });
    }
    if (data.target !== null) {
      layers.push({
        data: { values: [{ target: data.target }] },
        mark: { type: "rule", color: "#1a6b3c", strokeWidth: 2 },
        encoding: { y: { field: "target", type: "quantitative", title: labels.target } }
      });
    }
    if (data.threshold !== null) {
      layers.push({
        data: { values: [{ threshold: data.threshold }] },
        mark: { type: "rule", strokeDash: [6, 4], color: "#b3261e" },
        encoding: { y: { field: "threshold", type: "quantitative", title: labels.threshold } }
      });
    }
    var spec = {
      $schema: "https://vega.github.io/schema/vega-lite/v5.json",
      title: data.title,
      width: "container",
      height: 320,
      data: { values: data.points },
      layer: layers,
      resolve: { scale: { y: "shared" } }
    };
    vegaEmbed(target, spec, { ast: true, defaultStyle: false, tooltip: { disableDefaultStyle: true }, actions: false, renderer: "svg" });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
