/* Progress pages: each unit's Vega-Lite chart (values, target line, projections) and the status map.
   Both enhance server-rendered HTML: without JavaScript the cards list every component and value, and the
   table beside the map gives every status. */
(function () {
  "use strict";

  var labels = readJson("progress-config") || {};
  var STATUS_COLOURS = {
    target_achieved: "#1a6b3c", substantial_progress: "#4b9b5e", moderate_progress: "#e0b53b",
    limited_progress: "#e07b39", deterioration: "#b3261e", not_available: "#c9ced4"
  };

  function readJson(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  /* --- charts ---------------------------------------------------------------------------------------- */
  function drawChart(holder) {
    var data = readJson(holder.dataset.chart);
    if (!data || !window.vegaEmbed) { return; }
    var rows = data.values.map(function (p) { return { year: p.year, value: p.value, kind: labels.values }; });
    var projection = data.projection.map(function (p) { return { year: p.year, value: p.value, kind: labels.projection }; });
    var layers = [
      { data: { values: rows }, mark: { type: "line", point: true, tooltip: true },
        encoding: { color: { field: "kind", type: "nominal", title: null } } }
    ];
    if (projection.length) {
      layers.push({ data: { values: projection }, mark: { type: "line", strokeDash: [6, 4], tooltip: true },
        encoding: { color: { field: "kind", type: "nominal", title: null } } });
    }
    if (data.anticipated) {
      layers.push({ data: { values: [{ year: data.anticipated.year, value: data.anticipated.value, kind: labels.anticipated }] },
        mark: { type: "point", shape: "diamond", size: 90, filled: true, tooltip: true },
        encoding: { color: { field: "kind", type: "nominal", title: null } } });
    }
    if (data.target !== null && data.target !== undefined) {
      layers.push({ data: { values: [{ value: data.target, kind: labels.target }] },
        mark: { type: "rule", strokeWidth: 2 },
        encoding: { y: { field: "value", type: "quantitative" }, color: { field: "kind", type: "nominal", title: null } } });
    }
    var colours = { values: "#0b57a4", projection: "#6b4fa0", anticipated: "#00695c", target: "#b3261e" };
    var present = ["values"];
    if (projection.length) { present.push("projection"); }
    if (data.anticipated) { present.push("anticipated"); }
    if (data.target !== null && data.target !== undefined) { present.push("target"); }
    var domain = present.map(function (name) { return labels[name]; });
    var range = present.map(function (name) { return colours[name]; });
    var spec = {
      $schema: "https://vega.github.io/schema/vega-lite/v6.json",
      width: "container", height: 220,
      autosize: { type: "fit", contains: "padding" },
      encoding: {
        x: { field: "year", type: "quantitative", title: null, axis: { format: "d", tickMinStep: 1 },
             scale: { domain: [Math.min.apply(null, rows.map(function (r) { return r.year; })), data.target_year] } },
        y: { field: "value", type: "quantitative", title: null, scale: { zero: false } }
      },
      layer: layers,
      resolve: { scale: { color: "shared" } },
      config: {
        font: "system-ui, sans-serif",
        legend: { orient: "bottom", columns: 2, labelFontSize: 12, labelLimit: 320 }
      }
    };
    layers.forEach(function (layer) { layer.encoding.color.scale = { domain: domain, range: range }; });
    window.vegaEmbed(holder, spec, { ast: true, defaultStyle: false, tooltip: { disableDefaultStyle: true }, actions: false, renderer: "svg" }).then(function () {
      holder.dataset.ready = "true";
    });
  }

  /* --- status map ------------------------------------------------------------------------------------ */
  var SVG = "http://www.w3.org/2000/svg";
  function el(name, attrs) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    return node;
  }
  /* Equal Earth projection, as on the series maps, in a 960 × 470 box. */
  function project(lon, lat) {
    var A1 = 1.340264, A2 = -0.081106, A3 = 0.000893, A4 = 0.003796, M = Math.sqrt(3) / 2;
    var l = lon * Math.PI / 180, t = Math.asin(M * Math.sin(lat * Math.PI / 180)), t2 = t * t, t6 = t2 * t2 * t2;
    var x = l * Math.cos(t) / (M * (A1 + 3 * A2 * t2 + t6 * (7 * A3 + 9 * A4 * t2)));
    return [480 + x * 175, 240 - t * (A1 + A2 * t2 + t6 * (A3 + A4 * t2)) * 175];
  }
  function pathData(geometry) {
    var polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
    var out = [];
    polygons.forEach(function (polygon) {
      polygon.forEach(function (ring) {
        var piece = [];
        ring.forEach(function (c, i) {
          if (i > 0 && Math.abs(c[0] - ring[i - 1][0]) > 180 && piece.length) { out.push("M" + piece.join("L") + "Z"); piece = []; }
          var p = project(c[0], c[1]);
          piece.push(p[0].toFixed(1) + "," + p[1].toFixed(1));
        });
        if (piece.length) { out.push("M" + piece.join("L") + "Z"); }
      });
    });
    return out.join("");
  }

  function drawMap(holder) {
    var rows = readJson("progress-map-data") || [];
    var tooltip = document.getElementById("progress-map-tooltip");
    var byId = {};
    rows.forEach(function (row) { if (row.m49) { byId[row.m49] = row; } });
    fetch(holder.dataset.atlas).then(function (r) { return r.json(); }).then(function (topology) {
      var features = window.topojson.feature(topology, topology.objects.countries).features;
      var svg = el("svg", { viewBox: "0 25 960 410", class: "map-svg", role: "group", "aria-label": document.title });
      var defs = el("defs");
      var pattern = el("pattern", { id: "hatch", width: "6", height: "6", patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)" });
      pattern.appendChild(el("rect", { width: "6", height: "6", fill: "#f4f4f4" }));
      pattern.appendChild(el("line", { x1: "0", y1: "0", x2: "0", y2: "6", stroke: "#b5b5b5", "stroke-width": "2" }));
      defs.appendChild(pattern);
      svg.appendChild(defs);
      var shapes = 0;
      features.forEach(function (feature) {
        if (!feature.geometry || feature.id === "010") { return; }
        var row = byId[feature.id];
        var path = el("path", { d: pathData(feature.geometry), "data-m49": feature.id,
          fill: row ? STATUS_COLOURS[row.status] || "#999" : "url(#hatch)" });
        if (row) {
          shapes++;
          var label = row.name + ": " + row.icon + " " + row.label;
          path.setAttribute("tabindex", "0");
          path.setAttribute("role", "img");
          path.setAttribute("aria-label", label);
          path.setAttribute("class", "area status-" + row.status);
          var show = function (event) {
            tooltip.textContent = label;
            tooltip.classList.add("visible");
            var box = holder.getBoundingClientRect(), rect = path.getBoundingClientRect();
            var x = event && event.clientX ? event.clientX : rect.left + rect.width / 2;
            var y = event && event.clientY ? event.clientY : rect.top;
            tooltip.style.left = Math.max(0, x - box.left + 12) + "px";
            tooltip.style.top = Math.max(0, y - box.top - 28) + "px";
          };
          var hide = function () { tooltip.classList.remove("visible"); };
          path.addEventListener("mousemove", show);
          path.addEventListener("focus", function () { show(null); });
          path.addEventListener("mouseleave", hide);
          path.addEventListener("blur", hide);
        }
        svg.appendChild(path);
      });
      holder.innerHTML = "";
      holder.appendChild(svg);
      holder.dataset.ready = "true";
      holder.dataset.shapes = String(shapes);
    });
  }

  function start() {
    document.querySelectorAll(".progress-chart[data-chart]").forEach(drawChart);
    var map = document.getElementById("progress-map");
    if (map && window.topojson) { drawMap(map); }
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
