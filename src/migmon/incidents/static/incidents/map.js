/* Missing migrants map: world-atlas boundaries drawn in SVG (equirectangular), incidents clustered by the
   server per zoom level and visible box (/api/v1/incidents/clusters), so it stays light with every incident. */
(function () {
  "use strict";
  var frame = document.getElementById("incident-map");
  if (!frame || !window.fetch) return;
  var W = 960, H = 480, NS = "http://www.w3.org/2000/svg";
  var view = { zoom: 0, cx: W / 2, cy: H / 2 };
  var status = document.querySelector(".map-status");
  var svg = document.createElementNS(NS, "svg");
  svg.setAttribute("role", "group");  /* not "img": its clusters are focusable, each with its own label */
  svg.setAttribute("aria-label", frame.getAttribute("data-label-incidents") || "map");
  svg.setAttribute("class", "map-svg");
  var land = document.createElementNS(NS, "g");
  land.setAttribute("class", "land");
  var dots = document.createElementNS(NS, "g");
  dots.setAttribute("class", "clusters");
  svg.appendChild(land);
  svg.appendChild(dots);
  frame.appendChild(svg);

  function x(lon) { return (lon + 180) * W / 360; }
  function y(lat) { return (90 - lat) * H / 180; }
  function lon(px) { return px * 360 / W - 180; }
  function lat(py) { return 90 - py * 180 / H; }
  function scale() { return Math.pow(2, view.zoom); }

  function drawWorld(world) {
    var countries = topojson.feature(world, world.objects.countries).features;
    countries.forEach(function (feature) {
      if (!feature.geometry) return;
      var d = window.migmonWorldPath(feature.geometry, x, y, 1);
      var path = document.createElementNS(NS, "path");
      path.setAttribute("d", d);
      land.appendChild(path);
    });
  }

  function setViewBox() {
    var w = W / scale(), h = H / scale();
    view.cx = Math.min(Math.max(view.cx, w / 2), W - w / 2);
    view.cy = Math.min(Math.max(view.cy, h / 2), H - h / 2);
    svg.setAttribute("viewBox", (view.cx - w / 2) + " " + (view.cy - h / 2) + " " + w + " " + h);
  }

  var pending = null;
  function loadClusters() {
    var w = W / scale(), h = H / scale();
    var box = [lon(view.cx - w / 2), lat(view.cy + h / 2), lon(view.cx + w / 2), lat(view.cy - h / 2)];
    var url = frame.getAttribute("data-clusters");
    url += (url.indexOf("?") === url.length - 1 ? "" : "&") + "zoom=" + view.zoom;
    if (view.zoom > 0) {
      url += "&west=" + box[0].toFixed(3) + "&south=" + box[1].toFixed(3) + "&east=" + box[2].toFixed(3) + "&north=" + box[3].toFixed(3);
    }
    if (pending) pending.abort();
    pending = window.AbortController ? new AbortController() : null;
    if (status) status.textContent = "…";
    fetch(url, pending ? { signal: pending.signal } : {}).then(function (r) { return r.json(); }).then(function (data) {
      if (!fitted && data.items.length) { fitted = true; if (fit(data.items)) return; }
      drawClusters(data.items);
      if (status) status.textContent = data.items.length + " " + frame.getAttribute("data-label-groups");
    }).catch(function () {});
  }

  function drawClusters(items) {
    while (dots.firstChild) dots.removeChild(dots.firstChild);
    var k = scale();
    var labelIncidents = frame.getAttribute("data-label-incidents");
    var labelTotal = frame.getAttribute("data-label-total");
    var detail = frame.getAttribute("data-incident-url");
    items.sort(function (a, b) { return b.total - a.total; });
    items.forEach(function (item) {
      var r = Math.min(28, 3 + Math.sqrt(item.total) * 0.9);
      var link = document.createElementNS(NS, "a");
      link.setAttribute("href", item.id ? detail.replace("ID", encodeURIComponent(item.id)) : "#");
      link.setAttribute("class", item.incidents > 1 ? "cluster" : "cluster single");
      link.setAttribute("data-total", item.total);
      link.setAttribute("data-incidents", item.incidents);
      var title = document.createElementNS(NS, "title");
      title.textContent = item.incidents + " " + labelIncidents + ", " + item.total + " " + labelTotal;
      link.appendChild(title);
      var circle = document.createElementNS(NS, "circle");
      circle.setAttribute("cx", x(item.lon));
      circle.setAttribute("cy", y(item.lat));
      circle.setAttribute("r", r / k);
      circle.setAttribute("stroke-width", 1 / k);
      link.appendChild(circle);
      if (r >= 11) {
        var text = document.createElementNS(NS, "text");
        text.setAttribute("x", x(item.lon));
        text.setAttribute("y", y(item.lat) + 3.5 / k);
        text.setAttribute("font-size", 10 / k);
        text.textContent = item.total >= 1000 ? Math.round(item.total / 100) / 10 + "k" : item.total;
        link.appendChild(text);
      }
      if (!item.id) {
        link.addEventListener("click", function (event) {
          event.preventDefault();
          view.cx = x(item.lon); view.cy = y(item.lat);
          zoomTo(view.zoom + 2);
        });
      }
      dots.appendChild(link);
    });
  }

  /* On first load, frame the clusters of the filtered set (a route or a region is much smaller than the world). */
  var fitted = false;
  function fit(items) {
    var xs = items.map(function (i) { return x(i.lon); }), ys = items.map(function (i) { return y(i.lat); });
    var minX = Math.min.apply(null, xs), maxX = Math.max.apply(null, xs);
    var minY = Math.min.apply(null, ys), maxY = Math.max.apply(null, ys);
    var level = 0;
    while (level < 5 && (maxX - minX) * Math.pow(2, level + 1) < W * 0.7 && (maxY - minY) * Math.pow(2, level + 1) < H * 0.7) level++;
    if (level === 0) return false;
    view.cx = (minX + maxX) / 2; view.cy = (minY + maxY) / 2;
    zoomTo(level);
    return true;
  }

  function zoomTo(level) {
    view.zoom = Math.max(0, Math.min(8, level));
    setViewBox();
    loadClusters();
  }

  document.querySelectorAll("[data-zoom]").forEach(function (button) {
    button.addEventListener("click", function () {
      var what = button.getAttribute("data-zoom");
      if (what === "reset") { view.cx = W / 2; view.cy = H / 2; zoomTo(0); }
      else zoomTo(view.zoom + (what === "in" ? 1 : -1));
    });
  });

  var drag = null;
  svg.addEventListener("pointerdown", function (event) {
    drag = { x: event.clientX, y: event.clientY, cx: view.cx, cy: view.cy, moved: false };
  });
  window.addEventListener("pointermove", function (event) {
    if (!drag) return;
    var ratio = W / scale() / svg.getBoundingClientRect().width;
    var dx = event.clientX - drag.x, dy = event.clientY - drag.y;
    if (Math.abs(dx) + Math.abs(dy) > 3) drag.moved = true;
    view.cx = drag.cx - dx * ratio; view.cy = drag.cy - dy * ratio;
    setViewBox();
  });
  window.addEventListener("pointerup", function () {
    if (drag && drag.moved) loadClusters();
    drag = null;
  });

  setViewBox();
  fetch(frame.getAttribute("data-world")).then(function (r) { return r.json(); }).then(drawWorld).catch(function () {});
  loadClusters();
})();
