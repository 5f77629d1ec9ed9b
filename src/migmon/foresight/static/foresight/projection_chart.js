/* Trend projections on series pages (progressive enhancement: each card says the 2030 value and its interval in
   words). Figures as a line, the projected trend dashed with its 95 % band, the target as a rule. Labels come from
   the page, in its language; Vega-Lite and vega-embed are the app's own static files. */
(function () {
  "use strict";
  function draw() {
    var source = document.getElementById("projection-data");
    if (!source || typeof vegaEmbed !== "function") { return; }
    var charts = JSON.parse(source.textContent);
    document.querySelectorAll(".projection-chart").forEach(function (holder) {
      if (holder.clientWidth > 0 || typeof ResizeObserver !== "function") { drawOne(holder, charts); return; }
      /* In a hidden tab the chart has no width yet: draw it the first time it gets one. */
      var watch = new ResizeObserver(function () {
        if (holder.clientWidth > 0) { watch.disconnect(); drawOne(holder, charts); }
      });
      watch.observe(holder);
    });
  }
  function drawOne(holder, charts) {
      var data = charts[Number(holder.dataset.index)];
      if (!data) { return; }
      var t = holder.dataset;
      var observed = data.values.map(function (p) { return { year: p.year, value: p.value, kind: t.observed }; });
      var last = observed[observed.length - 1];
      var trend = [{ year: last.year, value: last.value, low: last.value, high: last.value, kind: t.trend }].concat(
        data.projection.map(function (p) { return { year: p.year, value: p.value, low: p.low, high: p.high, kind: t.trend }; }));
      var x = { field: "year", type: "quantitative", title: t.year, axis: { format: "d" } };
      var layers = [
        { data: { values: trend }, mark: { type: "area", opacity: 0.18, color: "#6b4fa0" },
          encoding: { x: x, y: { field: "low", type: "quantitative", title: null }, y2: { field: "high" },
                      tooltip: [{ field: "year", title: t.year }, { field: "low", format: ",.4~r" }, { field: "high", format: ",.4~r" }] } },
        { data: { values: observed }, mark: { type: "line", point: true },
          encoding: { x: x, y: { field: "value", type: "quantitative", title: null }, color: { field: "kind", type: "nominal", title: null },
                      tooltip: [{ field: "year", title: t.year }, { field: "value", format: ",.4~r" }] } },
        { data: { values: trend }, mark: { type: "line", strokeDash: [6, 4] },
          encoding: { x: x, y: { field: "value", type: "quantitative" }, color: { field: "kind", type: "nominal", title: null },
                      tooltip: [{ field: "year", title: t.year }, { field: "value", format: ",.4~r" }] } }
      ];
      if (data.target !== null && data.target !== undefined) {
        layers.push({ data: { values: [{ value: data.target, kind: t.target }] }, mark: { type: "rule", strokeWidth: 2 },
          encoding: { y: { field: "value", type: "quantitative" }, color: { field: "kind", type: "nominal", title: null } } });
      }
      var spec = { $schema: "https://vega.github.io/schema/vega-lite/v5.json", width: "container", height: 200,
        layer: layers, config: { legend: { orient: "bottom" } } };
      vegaEmbed(holder, spec, { ast: true, defaultStyle: false, tooltip: { disableDefaultStyle: true }, actions: false, renderer: "svg" }).then(function () { holder.dataset.ready = "true"; });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", draw); } else { draw(); }
})();
