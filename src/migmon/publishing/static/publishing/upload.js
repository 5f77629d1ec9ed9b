// Drag and drop onto the upload form: dropped files become the file input's selection. The plain file input
// works without this script.
(function () {
  "use strict";
  var zone = document.querySelector("[data-publishing-drop]");
  if (!zone) return;
  var input = zone.querySelector("input[type=file]");
  var chosen = zone.querySelector("[data-publishing-chosen]");
  zone.querySelector("[data-publishing-drop-hint]").hidden = false;

  function list() {
    chosen.textContent = "";
    Array.prototype.forEach.call(input.files, function (file) {
      var item = document.createElement("li");
      item.textContent = file.name + " (" + (file.size / 1048576).toFixed(1) + " MB)";
      chosen.appendChild(item);
    });
  }

  ["dragenter", "dragover"].forEach(function (name) {
    zone.addEventListener(name, function (event) {
      event.preventDefault();
      zone.classList.add("is-dragging");
    });
  });
  ["dragleave", "drop"].forEach(function (name) {
    zone.addEventListener(name, function () { zone.classList.remove("is-dragging"); });
  });
  zone.addEventListener("drop", function (event) {
    event.preventDefault();
    if (event.dataTransfer && event.dataTransfer.files.length) {
      input.files = event.dataTransfer.files;
      list();
    }
  });
  input.addEventListener("change", list);
})();
