// Live progress of an upload's job: polls the page's JSON every second, moves the bar, and reloads the page
// (with its report) when the job ends. Without JavaScript the page says to refresh.
(function () {
  "use strict";
  var section = document.querySelector("[data-publishing-progress]");
  if (!section) return;
  var url = section.getAttribute("data-publishing-progress");
  var bar = section.querySelector("[data-publishing-bar]");
  var numbers = section.querySelector("[data-publishing-numbers]");
  var labels = section.querySelector("[data-publishing-labels]").dataset;

  function size(bytes) {
    return (bytes / 1048576).toFixed(1) + " MB";
  }

  function describe(p) {
    var rows = p.rows_done + (p.rows_total ? " / " + p.rows_total : "") + " " + labels.rows;
    var text = [rows, size(p.bytes_done) + " / " + size(p.bytes_total),
      p.files_done + " / " + p.files_total + " " + labels.files, p.rate + " " + labels.rate];
    if (p.seconds_left !== null) text.push(Math.round(p.seconds_left) + " s " + labels.left);
    return text.join(" · ");
  }

  function percent(p) {
    if (p.rows_total) return Math.min(100, 100 * p.rows_done / p.rows_total);
    if (p.bytes_total) return Math.min(100, 100 * p.bytes_done / p.bytes_total);
    return null;
  }

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (state) {
        if (!state.running) {
          window.location.reload();
          return;
        }
        if (state.progress) {
          var done = percent(state.progress);
          if (done === null) bar.removeAttribute("value"); else bar.value = done;
          numbers.textContent = describe(state.progress);
        } else {
          numbers.textContent = labels.waiting;
        }
        window.setTimeout(poll, 1000);
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  window.setTimeout(poll, 500);
})();
