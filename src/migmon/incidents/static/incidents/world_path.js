/* A country's outline (a GeoJSON Polygon or MultiPolygon from world-atlas) as an SVG path, shared by the register's
   map and the incident form's preview. The projection is the caller's (x(lon), y(lat)); a step of more than 180° of
   longitude crosses the antimeridian, so it starts a new sub-path instead of drawing a line across the world. */
(function () {
  "use strict";

  function ringPath(ring, x, y, digits) {
    var d = "", previous = null;
    ring.forEach(function (point) {
      var jump = previous !== null && Math.abs(point[0] - previous) > 180;
      d += (d === "" || jump ? "M" : "L") + x(point[0]).toFixed(digits) + "," + y(point[1]).toFixed(digits);
      previous = point[0];
    });
    return d + "Z";
  }

  window.migmonWorldPath = function (geometry, x, y, digits) {
    var polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
    return polygons.map(function (polygon) {
      return polygon.map(function (ring) { return ringPath(ring, x, y, digits); }).join("");
    }).join("");
  };
})();
