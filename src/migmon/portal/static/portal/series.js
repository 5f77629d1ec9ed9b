/* Series pages: tabs without reload (state kept in the URL), the Vega-Lite chart, the choropleth map with
   dots for small areas, table sorting and chart images. Everything here enhances server-rendered HTML:
   without JavaScript the tabs are links and the table holds every figure. */
(function () {
  "use strict";

  function json(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  var config = json("series-config") || {};
  var chartRows = json("chart-data") || [];
  var mapRows = json("map-data") || [];
  var lang = document.documentElement.lang || "fr";
  var numberFormat = new Intl.NumberFormat(lang, { maximumFractionDigits: 2 });
  var chartView = null;
  var chartSpec = null;
  var credits = json("chart-credits") || {};
  /* Categorical series (10.7.2 scores): their categories in order, [{code, label}]; empty for quantities. */
  var chartCategories = json("chart-categories") || [];
  var mapCategories = json("map-categories") || [];
  /* Ordered categories take colours along one ramp (light = lowest), the map's own blues. */
  var CATEGORY_RAMP = ["#c6dbef", "#6baed6", "#2171b5", "#08306b"];

  function fmt(value) {
    return value === null || value === undefined ? "–" : numberFormat.format(value);
  }

  /* --- state in the URL ------------------------------------------------------------------------------- */
  function setParam(name, value) {
    var url = new URL(window.location.href);
    url.searchParams.set(name, value);
    window.history.replaceState(null, "", url.toString());
    var hidden = document.querySelector('#view-state [data-state="' + name + '"]');
    if (hidden) { hidden.value = value; }
    var code = document.getElementById("embed-code");
    var embed = document.getElementById("embed-url");
    if (code && embed && name === "tab") {
      var src = new URL(embed.value, window.location.href);
      src.searchParams.set(name, value);
      code.value = code.value.replace(/src="[^"]*"/, 'src="' + src.toString().replace(/&/g, "&amp;") + '"');
    }
    document.querySelectorAll("a[data-download], a.api-link, #embed-url").forEach(function (node) {
      var attr = node.tagName === "INPUT" ? "value" : "href";
      var target = new URL(node[attr], window.location.href);
      if (target.searchParams.has(name)) {
        target.searchParams.set(name, value);
        node[attr] = node.tagName === "INPUT" ? target.toString() : target.pathname + target.search;
      }
    });
  }

  /* --- tabs (WAI-ARIA tabs pattern: arrows move, Enter/Space or click selects) ------------------------- */
  var tabs = Array.prototype.slice.call(document.querySelectorAll('[role="tab"][data-tab]'));
  function selectTab(tab, focus) {
    tabs.forEach(function (other) {
      var selected = other === tab;
      other.setAttribute("aria-selected", selected ? "true" : "false");
      other.tabIndex = selected ? 0 : -1;
      var panel = document.getElementById(other.getAttribute("aria-controls"));
      if (panel) { panel.hidden = !selected; }
    });
    if (focus) { tab.focus(); }
    setParam("tab", tab.dataset.tab);
    if (tab.dataset.tab === "map") { drawMap(); }
    if (tab.dataset.tab === "chart" && chartView) { chartView.resize().runAsync(); }
  }
  tabs.forEach(function (tab, index) {
    tab.addEventListener("click", function (event) { event.preventDefault(); selectTab(tab, false); });
    tab.addEventListener("keydown", function (event) {
      var next = null;
      if (event.key === "ArrowRight") { next = tabs[(index + 1) % tabs.length]; }
      if (event.key === "ArrowLeft") { next = tabs[(index - 1 + tabs.length) % tabs.length]; }
      if (event.key === "Home") { next = tabs[0]; }
      if (event.key === "End") { next = tabs[tabs.length - 1]; }
      if (event.key === " ") { event.preventDefault(); selectTab(tab, true); }
      if (next) { event.preventDefault(); selectTab(next, true); }
    });
  });

  /* The state form applies itself when a menu changes (the button stays for keyboard users). */
  var form = document.getElementById("view-state");
  if (form) {
    form.querySelectorAll("select:not([multiple])").forEach(function (select) {
      select.addEventListener("change", function () { form.submit(); });
    });
  }

  /* --- chart ----------------------------------------------------------------------------------------- */
  /* Provisional periods (data still being recorded) are drawn dashed with hollow points, joined to the last
     final point of their line; rows with value null (gaps) break the line. */
  function chartValues() {
    var values = [];
    var lastFinal = {};
    chartRows.forEach(function (row) {
      if (!row.provisional) {
        values.push(Object.assign({}, row, { segment: "final" }));
        if (row.value !== null) { lastFinal[row.line] = row; }
        return;
      }
      if (lastFinal[row.line]) {
        values.push(Object.assign({}, lastFinal[row.line], { segment: "provisional", bridge: true }));
        delete lastFinal[row.line];
      }
      values.push(Object.assign({}, row, { segment: "provisional" }));
    });
    return values;
  }

  /* The tooltip names its fields in the page's language; the nature of the data (C country data, E estimated …)
     is listed only when some value of the chart has one, as its label with the code. */
  var words = config.words || {};
  function tooltipFields(values) {
    var fields = [
      { field: "area", type: "nominal", title: words.area || "area" },
      { field: "breakdown", type: "nominal", title: words.breakdown || "breakdown" },
      { field: "period", type: "nominal", title: words.period || "period" }
    ].concat(values);
    if (chartRows.some(function (row) { return row.nature_text; })) {
      fields.push({ field: "nature_text", type: "nominal", title: words.nature || "nature" });
    }
    fields.push({ field: "status", type: "nominal", title: " " });
    return fields;
  }

  function categoryColours(categories) {
    if (categories.length <= 1) { return CATEGORY_RAMP.slice(-1); }
    return categories.map(function (c, i) {
      return CATEGORY_RAMP[Math.round(i * (CATEGORY_RAMP.length - 1) / (categories.length - 1))];
    });
  }

  /* A categorical series is no line: one cell per line (area, breakdown) and period, coloured by its category,
     the legend naming the categories in their order; the tooltip gives the label and the published code. */
  function categoricalLayers() {
    var labels = chartCategories.map(function (c) { return c.label; });
    var tooltip = tooltipFields([
      { field: "category", type: "nominal", title: words.category || "category" },
      { field: "category_code", type: "nominal", title: words.code || "code" }
    ]);
    return {
      data: { values: chartRows.filter(function (row) { return row.value !== null && row.category; }) },
      height: { step: 36 },
      mark: { type: "rect", tooltip: true, stroke: "#fff", strokeWidth: 2 },
      encoding: {
        x: { field: "period", type: "ordinal", title: null, axis: { labelAngle: 0 } },
        y: { field: "line", type: "nominal", title: null, axis: { labelLimit: 220 } },
        color: {
          field: "category", type: "ordinal", title: null,
          scale: { domain: labels, range: categoryColours(chartCategories) },
          legend: { orient: "bottom", columns: 1, labelLimit: 320 }
        },
        tooltip: tooltip
      }
    };
  }

  function drawChart() {
    var target = document.getElementById("chart");
    if (!target || !window.vegaEmbed) { return; }
    if (chartCategories.length) { return embedChart(target, categoricalLayers()); }
    var x = { field: "year", type: "quantitative", title: null, axis: { format: "d", tickMinStep: 1 } };
    var y = { field: "value", type: "quantitative", title: config.unit || null };
    var color = { field: "line", type: "nominal", title: null, legend: { orient: "bottom", columns: 3 } };
    var tooltip = tooltipFields([{ field: "value", type: "quantitative", format: ",.2~f", title: words.value || "value" }]);
    embedChart(target, {
      height: 360,
      data: { values: chartValues() },
      encoding: { x: x, y: y, color: color },
      layer: [
        { transform: [{ filter: "datum.segment === 'final'" }], mark: { type: "line" }, encoding: { detail: { field: "line" } } },
        { transform: [{ filter: "datum.segment === 'provisional'" }], mark: { type: "line", strokeDash: [5, 4] }, encoding: { detail: { field: "line" } } },
        { transform: [{ filter: "datum.segment === 'final' && datum.value !== null" }], mark: { type: "point", filled: true, tooltip: true }, encoding: { tooltip: tooltip } },
        { transform: [{ filter: "datum.segment === 'provisional' && !datum.bridge" }], mark: { type: "point", filled: false, fill: "#fff", tooltip: true }, encoding: { tooltip: tooltip } }
      ]
    });
  }

  function embedChart(target, body) {
    var spec = Object.assign({
      $schema: "https://vega.github.io/schema/vega-lite/v6.json",
      description: target.getAttribute("aria-label") || config.title,
      width: "container",
      autosize: { type: "fit", contains: "padding" },
      /* aria: false: the chart's container is the image (role="img", labelled); Vega's own mark roles would make
         unlabelled images inside it. The table tab gives every value to screen readers. */
      config: { font: "system-ui, sans-serif", aria: false, mark: { aria: false }, axis: { labelFontSize: 12 }, legend: { labelFontSize: 12 } }
    }, body);
    chartSpec = spec;
    target.innerHTML = "";
    window.vegaEmbed(target, spec, { ast: true, defaultStyle: false, tooltip: { disableDefaultStyle: true }, actions: false, renderer: "svg", formatLocale: formatLocale() }).then(function (result) {
      chartView = result.view;
      target.dataset.ready = "true";
    });
  }

  /* d3-format locale from the browser's Intl data for the page language (1 234,5 in French, 1.234,5 in Spanish). */
  function formatLocale() {
    var parts = new Intl.NumberFormat(lang).formatToParts(1234567.5);
    var pick = function (type, fallback) {
      var part = parts.find(function (p) { return p.type === type; });
      return part ? part.value : fallback;
    };
    return { decimal: pick("decimal", "."), thousands: pick("group", ""), grouping: [3], currency: ["", ""] };
  }

  /* The exported image carries what a shared chart needs: title, subtitle (areas, breakdown) above; source
     with its release date, licence and the page's address below (portal/sharing.py writes them). */
  function exportSpec() {
    var chart = Object.assign({}, chartSpec, { width: 760 });
    if (typeof chart.height === "number") { chart.height = 380; }  /* a categorical chart keeps its row step */
    delete chart.$schema;
    delete chart.autosize;
    delete chart.config;
    var footer = [credits.licence, credits.url].filter(Boolean);
    chart.title = {
      text: credits.source || " ", subtitle: footer, orient: "bottom", anchor: "start",
      fontSize: 11, fontWeight: "normal", subtitleFontSize: 11, subtitleColor: "#444", offset: 16
    };
    return {
      $schema: chartSpec.$schema,
      background: "white",
      padding: 16,
      title: {
        text: credits.title || config.title || "", subtitle: credits.subtitle || [], anchor: "start",
        fontSize: 16, subtitleFontSize: 12, subtitleColor: "#333", offset: 12
      },
      vconcat: [chart],
      config: chartSpec.config
    };
  }

  function downloadImage(type) {
    /* Drawn by vega-embed off screen with the same CSP-safe options as the page's chart (no eval: the
       expression interpreter), then read back as an image. */
    if (!chartSpec || !window.vegaEmbed) { return; }
    var holder = document.createElement("div");
    holder.className = "offscreen-export";
    holder.setAttribute("aria-hidden", "true");
    document.body.appendChild(holder);
    window.vegaEmbed(holder, exportSpec(), { ast: true, defaultStyle: false, tooltip: { disableDefaultStyle: true }, actions: false, renderer: "svg", formatLocale: formatLocale() }).then(function (result) {
      return result.view.toImageURL(type, type === "png" ? 2 : 1).then(function (url) {
        var link = document.createElement("a");
        link.href = url;
        link.download = (config.filename || "chart") + "." + type;
        document.body.appendChild(link);
        link.click();
        link.remove();
        result.finalize();
        holder.remove();
      });
    });
  }
  document.querySelectorAll("[data-image]").forEach(function (button) {
    button.addEventListener("click", function () { downloadImage(button.dataset.image); });
  });

  /* --- map ------------------------------------------------------------------------------------------- */
  var SVG = "http://www.w3.org/2000/svg";
  var PALETTE = ["#e3eef9", "#b3d0ec", "#73a9d8", "#3b7fc0", "#13508f"];
  var mapDrawn = false;
  var ANTARCTICA = "010";  /* no migration statistics, and its ring around the pole draws a line across the map */

  /* Equal Earth projection (Šavrič, Patterson, Jenny 2018), scaled to a 960 × 470 box. */
  function equalEarth(lon, lat) {
    var A1 = 1.340264, A2 = -0.081106, A3 = 0.000893, A4 = 0.003796, M = Math.sqrt(3) / 2;
    var l = lon * Math.PI / 180, p = lat * Math.PI / 180;
    var t = Math.asin(M * Math.sin(p)), t2 = t * t, t6 = t2 * t2 * t2;
    var x = l * Math.cos(t) / (M * (A1 + 3 * A2 * t2 + t6 * (7 * A3 + 9 * A4 * t2)));
    var y = t * (A1 + A2 * t2 + t6 * (A3 + A4 * t2));
    return [480 + x * 175, 240 - y * 175];
  }

  function pathData(geometry) {
    var polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
    var parts = [];
    polygons.forEach(function (polygon) {
      polygon.forEach(function (ring) {
        /* Rings crossing the antimeridian (Fiji, Chukotka) jump from +180 to -180: start a new piece there
           instead of drawing a line across the whole map. */
        var piece = [];
        ring.forEach(function (c, i) {
          if (i > 0 && Math.abs(c[0] - ring[i - 1][0]) > 180 && piece.length) {
            parts.push("M" + piece.join("L") + "Z");
            piece = [];
          }
          var p = equalEarth(c[0], c[1]);
          piece.push(p[0].toFixed(1) + "," + p[1].toFixed(1));
        });
        if (piece.length) { parts.push("M" + piece.join("L") + "Z"); }
      });
    });
    return parts.join("");
  }

  function quantileBreaks(values) {
    var sorted = values.slice().sort(function (a, b) { return a - b; });
    var breaks = [];
    for (var i = 1; i < PALETTE.length; i++) {
      breaks.push(sorted[Math.min(sorted.length - 1, Math.floor(i * sorted.length / PALETTE.length))]);
    }
    return breaks.filter(function (b, i) { return i === 0 || b !== breaks[i - 1]; });
  }

  /* The map of a categorical series colours each country by its category (the chart's ramp), not by quantile. */
  function colourOf(row, breaks) {
    if (!mapCategories.length) { return colourFor(row.value, breaks); }
    var index = mapCategories.findIndex(function (c) { return c.code === row.category_code; });
    return index < 0 ? "#d9d9d9" : categoryColours(mapCategories)[index];
  }

  function valueText(row) {
    if (mapCategories.length && row.category) { return row.category + " (" + row.category_code + ")"; }
    return fmt(row.value) + (config.mapUnit === "%" ? " %" : "");
  }

  function colourFor(value, breaks) {
    var index = 0;
    while (index < breaks.length && value >= breaks[index]) { index++; }
    return PALETTE[Math.min(index, PALETTE.length - 1)];
  }

  function el(name, attrs) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    return node;
  }

  function drawLegend(breaks) {
    var legend = document.getElementById("map-legend");
    if (!legend) { return; }
    // Built from nodes, not an HTML string: the unit is data (never markup), and the swatch colours are set
    // through the style object, which the Content-Security-Policy allows (a style="" attribute it refuses).
    function item(text, swatchClass, colour) {
      var li = document.createElement("li");
      var swatch = document.createElement("span");
      swatch.className = "swatch" + (swatchClass ? " " + swatchClass : "");
      if (colour) { swatch.style.background = colour; }
      li.appendChild(swatch);
      li.appendChild(document.createTextNode(text));
      return li;
    }
    var list = document.createElement("ul");
    var lower = null;
    var colours = categoryColours(mapCategories);
    mapCategories.forEach(function (c, index) { list.appendChild(item(c.label + " (" + c.code + ")", "", colours[index])); });
    for (var i = 0; i <= breaks.length && !mapCategories.length; i++) {
      var upper = i < breaks.length ? breaks[i] : null;
      var text = lower === null ? "< " + fmt(upper) : (upper === null ? "≥ " + fmt(lower) : fmt(lower) + " – " + fmt(upper));
      if (breaks.length === 0) { text = fmt(mapRows.length ? mapRows[0].value : null); }
      list.appendChild(item(text, "", PALETTE[Math.min(i, PALETTE.length - 1)]));
      lower = upper;
    }
    list.appendChild(item(config.noData || "No data", "hatched"));
    list.appendChild(item(config.dots || "Small area", "dot"));
    var title = document.createElement("p");
    title.className = "legend-title";
    title.textContent = (mapCategories.length ? words.category || "" : config.mapUnit || config.unit || "") + " " + (config.year || "");
    legend.replaceChildren(title, list);
  }

  function drawMap() {
    var holder = document.getElementById("map");
    if (mapDrawn || !holder || !window.topojson || holder.closest("[hidden]")) { return; }
    mapDrawn = true;
    var tooltip = document.getElementById("map-tooltip");
    var byId = {};
    mapRows.forEach(function (row) { byId[row.m49] = row; });
    var breaks = mapCategories.length ? [] : quantileBreaks(mapRows.map(function (r) { return r.value; }));
    fetch(holder.dataset.atlas).then(function (r) { return r.json(); }).then(function (topology) {
      var features = window.topojson.feature(topology, topology.objects.countries).features;
      var svg = el("svg", { viewBox: "0 25 960 410", class: "map-svg", role: "group", "aria-label": config.mapTitle || config.title || "" });
      var defs = el("defs");
      var pattern = el("pattern", { id: "hatch", width: "6", height: "6", patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)" });
      pattern.appendChild(el("rect", { width: "6", height: "6", fill: "#f4f4f4" }));
      pattern.appendChild(el("line", { x1: "0", y1: "0", x2: "0", y2: "6", stroke: "#b5b5b5", "stroke-width": "2" }));
      defs.appendChild(pattern);
      svg.appendChild(defs);
      var background = el("g", { class: "no-data", "aria-hidden": "true" });
      var withData = [];
      features.forEach(function (feature) {
        if (!feature.geometry || feature.id === ANTARCTICA) { return; }
        var row = byId[feature.id];
        var path = el("path", { d: pathData(feature.geometry), "data-m49": feature.id });
        if (row) {
          path.setAttribute("fill", colourOf(row, breaks));
          withData.push({ node: path, row: row });
        } else {
          path.setAttribute("fill", "url(#hatch)");
          background.appendChild(path);
        }
      });
      svg.appendChild(background);
      mapRows.forEach(function (row) {
        if (row.placement !== "dot" || !row.point) { return; }
        var p = equalEarth(row.point[0], row.point[1]);
        var dot = el("circle", { cx: p[0].toFixed(1), cy: p[1].toFixed(1), r: "4.5", fill: colourOf(row, breaks), class: "dot", "data-m49": row.m49 });
        withData.push({ node: dot, row: row });
      });
      var layer = el("g", { class: "with-data" });
      withData.sort(function (a, b) {
        return (a.node.tagName === "circle") - (b.node.tagName === "circle") || a.row.name.localeCompare(b.row.name, lang);
      });
      withData.forEach(function (item) {
        var label = item.row.name + ": " + valueText(item.row) + " (" + item.row.period + ")";
        item.node.setAttribute("tabindex", "0");
        item.node.setAttribute("role", "img");
        item.node.setAttribute("aria-label", label);
        item.node.setAttribute("class", (item.node.getAttribute("class") || "") + " area");
        function show(event) {
          tooltip.textContent = label;
          tooltip.classList.add("visible");
          var box = holder.getBoundingClientRect();
          var rect = item.node.getBoundingClientRect();
          var x = event && event.clientX ? event.clientX : rect.left + rect.width / 2;
          var y = event && event.clientY ? event.clientY : rect.top;
          /* Kept inside the map: a tooltip past its right edge would widen a phone's page. */
          var right = Math.max(0, box.width - tooltip.offsetWidth);
          tooltip.style.left = Math.min(right, Math.max(0, x - box.left + 12)) + "px";
          tooltip.style.top = Math.max(0, y - box.top - 28) + "px";
        }
        function hide() { tooltip.classList.remove("visible"); }
        item.node.addEventListener("mousemove", show);
        item.node.addEventListener("focus", function () { show(null); });
        item.node.addEventListener("mouseleave", hide);
        item.node.addEventListener("blur", hide);
        layer.appendChild(item.node);
      });
      svg.appendChild(layer);
      holder.innerHTML = "";
      holder.appendChild(svg);
      holder.dataset.ready = "true";
      holder.dataset.shapes = String(withData.filter(function (i) { return i.node.tagName === "path"; }).length);
      holder.dataset.dots = String(withData.filter(function (i) { return i.node.tagName === "circle"; }).length);
      drawLegend(breaks);
    });
  }

  /* --- sortable table -------------------------------------------------------------------------------- */
  document.querySelectorAll("table.sortable").forEach(function (table) {
    var headers = table.querySelectorAll("thead th");
    headers.forEach(function (th, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      button.innerHTML = th.innerHTML;
      th.innerHTML = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var numeric = th.dataset.type === "number";
        var rows = Array.prototype.slice.call(table.tBodies[0].rows);
        rows.sort(function (a, b) {
          var x = a.cells[column], y = b.cells[column];
          var result;
          if (numeric) {
            result = (parseFloat(x.dataset.value) || -Infinity) - (parseFloat(y.dataset.value) || -Infinity);
          } else {
            result = x.textContent.trim().localeCompare(y.textContent.trim(), lang, { numeric: true });
          }
          return ascending ? result : -result;
        });
        rows.forEach(function (row) { table.tBodies[0].appendChild(row); });
      });
    });
  });

  function start() {
    drawChart();
    drawMap();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
