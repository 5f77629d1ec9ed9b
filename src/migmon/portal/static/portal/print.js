// "Print" buttons (data-print): open the browser's print dialog. Bound here rather than in an onclick
// attribute, which the Content-Security-Policy refuses.
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () {
      window.print();
    });
  });
})();
