/* Vega-Lite bar charts of the totals already rendered in the page (the tables below are the same figures). */
(function () {
  "use strict";
  if (!window.vegaEmbed) return;
  var labels = JSON.parse(document.getElementById("chart-labels").textContent);
  document.querySelectorAll("[data-chart]").forEach(function (element) {
    var by = element.getAttribute("data-chart");
    var rows = JSON.parse(document.getElementById("data-" + by).textContent);
    if (by !== "year") rows = rows.slice(0, 10);
    var values = [];
    rows.forEach(function (row) {
      var key = row.key === "" ? "—" : String(row.key);
      values.push({ key: key, kind: labels.dead, people: row.dead });
      values.push({ key: key, kind: labels.missing, people: row.missing });
    });
    var keyAxis = { field: "key", type: "nominal", title: null, sort: by === "year" ? "ascending" : null,
                    axis: by === "year" ? { labelAngle: 0 } : { labelLimit: 220 } };
    var spec = {
      $schema: "https://vega.github.io/schema/vega-lite/v5.json",
      data: { values: values },
      width: "container",
      height: by === "year" ? 220 : { step: 20 },
      mark: { type: "bar", tooltip: true },
      transform: [{ calculate: "datum.kind === '" + labels.dead.replace(/'/g, "\\'") + "' ? 0 : 1", as: "order" }],
      encoding: {
        color: { field: "kind", type: "nominal", title: null,
                 scale: { domain: [labels.dead, labels.missing], range: ["#0b3a6e", "#e08a2c"] },
                 legend: { orient: "top" } },
        order: { field: "order", type: "quantitative" },
        tooltip: [{ field: "key", title: " " }, { field: "kind", title: " " }, { field: "people", title: labels.people, format: "," }]
      }
    };
    if (by === "year") {
      spec.encoding.x = keyAxis;
      spec.encoding.y = { field: "people", type: "quantitative", title: labels.people, stack: true };
    } else {
      spec.encoding.y = keyAxis;
      spec.encoding.x = { field: "people", type: "quantitative", title: labels.people, stack: true };
    }
    window.vegaEmbed(element, spec, { actions: { export: true, source: false, compiled: false, editor: false } });
  });
})();
