/* Vega-Lite bar charts of the totals already rendered in the page (the tables below are the same figures).
   Years still being recorded are drawn pale and named so in the tooltip; numbers follow the page language. */
(function () {
  "use strict";
  if (!window.vegaEmbed) return;
  var labels = JSON.parse(document.getElementById("chart-labels").textContent);
  var lang = document.documentElement.lang || "fr";
  /* d3-format locale from the browser's Intl data for the page language (1 234 in French, 1.234 in Spanish). */
  var parts = new Intl.NumberFormat(lang).formatToParts(1234567.5);
  var pick = function (type, fallback) {
    var part = parts.find(function (p) { return p.type === type; });
    return part ? part.value : fallback;
  };
  var formatLocale = { decimal: pick("decimal", "."), thousands: pick("group", ""), grouping: [3], currency: ["", ""] };
  document.querySelectorAll("[data-chart]").forEach(function (element) {
    var by = element.getAttribute("data-chart");
    var rows = JSON.parse(document.getElementById("data-" + by).textContent);
    if (by !== "year") rows = rows.slice(0, 10);
    var values = [];
    rows.forEach(function (row) {
      var key = row.key === "" ? "—" : String(row.label || row.key);
      var status = row.provisional ? row.status : "";
      values.push({ key: key, kind: labels.dead, people: row.dead, provisional: !!row.provisional, status: status });
      values.push({ key: key, kind: labels.missing, people: row.missing, provisional: !!row.provisional, status: status });
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
        opacity: { condition: { test: "datum.provisional", value: 0.4 }, value: 1 },
        tooltip: [{ field: "key", title: " " }, { field: "kind", title: " " }, { field: "people", title: labels.people, format: "," },
                  { field: "status", title: labels.provisional }]
      }
    };
    if (by === "year") {
      spec.encoding.x = keyAxis;
      spec.encoding.y = { field: "people", type: "quantitative", title: labels.people, stack: true };
    } else {
      spec.encoding.y = keyAxis;
      spec.encoding.x = { field: "people", type: "quantitative", title: labels.people, stack: true };
    }
    window.vegaEmbed(element, spec, { ast: true, defaultStyle: false, tooltip: { disableDefaultStyle: true }, forceActionsMenu: true, actions: { export: true, source: false, compiled: false, editor: false }, formatLocale: formatLocale }).then(function () {
      /* The export menu's toggle is an icon: name it after the chart it exports (screen readers read nothing else). */
      var summary = element.querySelector("details > summary");
      var caption = element.closest("figure") && element.closest("figure").querySelector("figcaption");
      if (summary && caption) { summary.setAttribute("aria-label", caption.textContent.trim()); }
    });
  });
})();
