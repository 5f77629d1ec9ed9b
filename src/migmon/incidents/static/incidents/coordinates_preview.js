/* Incident form: a map preview of the coordinates being entered, on Natural Earth's outlines (npm world-atlas),
   with the chosen country of incident outlined, so a point typed in the wrong hemisphere or with latitude and
   longitude swapped shows at once. Progressive enhancement: without JavaScript the form works as before. */
(function () {
  "use strict";
  var frame = document.getElementById("coordinates-preview");
  var latInput = document.getElementById("id_latitude");
  var lonInput = document.getElementById("id_longitude");
  var country = document.getElementById("id_country_name");
  if (!frame || !latInput || !lonInput || !window.fetch || !window.topojson) return;
  var NS = "http://www.w3.org/2000/svg";
  var W = 360, H = 180, SPAN_LON = 50, SPAN_LAT = 25;
  var status = frame.querySelector(".preview-status");
  var svg = document.createElementNS(NS, "svg");
  svg.setAttribute("class", "preview-svg");
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", frame.getAttribute("data-label-map"));
  var land = document.createElementNS(NS, "g");
  land.setAttribute("class", "land");
  var chosen = document.createElementNS(NS, "g");
  chosen.setAttribute("class", "chosen");
  var marker = document.createElementNS(NS, "g");
  marker.setAttribute("class", "marker");
  svg.appendChild(land);
  svg.appendChild(chosen);
  svg.appendChild(marker);
  frame.insertBefore(svg, status);
  var shapes = {};

  function x(lon) { return lon + 180; }
  function y(lat) { return 90 - lat; }

  function number(input, limit) {
    var text = input.value.trim().replace(",", ".");
    if (text === "") return null;
    var value = Number(text);
    return isFinite(value) && Math.abs(value) <= limit ? value : NaN;
  }

  function selectedCode() {
    if (!country || country.selectedIndex < 0) return "";
    return country.options[country.selectedIndex].getAttribute("data-m49") || "";
  }

  function outlineCountry() {
    while (chosen.firstChild) chosen.removeChild(chosen.firstChild);
    var code = selectedCode();
    if (code && shapes[code]) {
      var path = document.createElementNS(NS, "path");
      path.setAttribute("d", shapes[code]);
      chosen.appendChild(path);
    }
  }

  function update() {
    outlineCountry();
    while (marker.firstChild) marker.removeChild(marker.firstChild);
    var lat = number(latInput, 90), lon = number(lonInput, 180);
    if (lat === null || lon === null || isNaN(lat) || isNaN(lon)) {
      svg.setAttribute("viewBox", "0 0 " + W + " " + H);
      frame.setAttribute("data-point", "");
      status.textContent = frame.getAttribute(lat === null || lon === null ? "data-label-empty" : "data-label-invalid");
      return;
    }
    var left = Math.min(Math.max(x(lon) - SPAN_LON / 2, 0), W - SPAN_LON);
    var top = Math.min(Math.max(y(lat) - SPAN_LAT / 2, 0), H - SPAN_LAT);
    svg.setAttribute("viewBox", left.toFixed(2) + " " + top.toFixed(2) + " " + SPAN_LON + " " + SPAN_LAT);
    var ring = document.createElementNS(NS, "circle");
    ring.setAttribute("cx", x(lon));
    ring.setAttribute("cy", y(lat));
    ring.setAttribute("r", 0.9);
    marker.appendChild(ring);
    frame.setAttribute("data-point", lat + "," + lon);
    status.textContent = frame.getAttribute("data-label-point").replace("{lat}", lat).replace("{lon}", lon);
  }

  fetch(frame.getAttribute("data-world")).then(function (r) { return r.json(); }).then(function (world) {
    topojson.feature(world, world.objects.countries).features.forEach(function (feature) {
      if (!feature.geometry) return;
      var d = window.migmonWorldPath(feature.geometry, x, y, 2);
      if (feature.id) shapes[feature.id] = d;
      var path = document.createElementNS(NS, "path");
      path.setAttribute("d", d);
      land.appendChild(path);
    });
    frame.hidden = false;
    frame.setAttribute("data-ready", "1");
    update();
  }).catch(function () {});

  [latInput, lonInput].forEach(function (input) { input.addEventListener("input", update); });
  if (country) country.addEventListener("change", update);
})();
