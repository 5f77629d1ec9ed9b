/* The workshop's impact × uncertainty chart (progressive enhancement: the ranking table holds the same means).
   Axis titles come from the page (its language); Vega-Lite and vega-embed are the app's own static files. */
(function () {
  "use strict";
  function draw() {
    var source = document.getElementById("workshop-data");
    var target = document.getElementById("workshop-chart");
    if (!source || !target || typeof vegaEmbed !== "function") { return; }
    var rows = JSON.parse(source.textContent);
    if (!rows.length) { return; }
    var t = target.dataset;
    var scale = { domain: [1, 5], zero: false, nice: false };
    var spec = {
      $schema: "https://vega.github.io/schema/vega-lite/v5.json",
      width: "container", height: 360, data: { values: rows },
      layer: [
        { mark: { type: "rule", strokeDash: [4, 4], color: "#9aa5b1" }, encoding: { x: { datum: 3, type: "quantitative", scale: scale } } },
        { mark: { type: "rule", strokeDash: [4, 4], color: "#9aa5b1" }, encoding: { y: { datum: 3, type: "quantitative", scale: scale } } },
        { mark: { type: "circle", size: 120, color: "#13508f", opacity: 0.85 },
          encoding: {
            x: { field: "impact", type: "quantitative", title: t.impact, scale: scale },
            y: { field: "uncertainty", type: "quantitative", title: t.uncertainty, scale: scale },
            tooltip: [{ field: "driver", title: t.driver }, { field: "impact", title: t.impact, format: ".2f" },
                      { field: "uncertainty", title: t.uncertainty, format: ".2f" }, { field: "ballots", title: t.ballots }] } },
        { mark: { type: "text", align: "left", dx: 8, fontSize: 12 },
          encoding: { x: { field: "impact", type: "quantitative" }, y: { field: "uncertainty", type: "quantitative" },
                      text: { field: "driver" } } }
      ]
    };
    vegaEmbed(target, spec, { ast: true, defaultStyle: false, tooltip: { disableDefaultStyle: true }, actions: false, renderer: "svg" }).then(function () { target.dataset.ready = "true"; });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", draw); } else { draw(); }
})();
