/*
 * wagtail-localize's translation editor reads window.chooserUrls (the image, document and page chooser modals);
 * its template set them in an inline script, migmon's override (core/templates/wagtail_localize/admin/
 * edit_translation.html) gives them as this script element's data attributes (no inline script: core/csp.py).
 */
(() => {
  "use strict";
  if (typeof window.chooserUrls !== "undefined") return;
  const urls = document.currentScript.dataset;
  window.chooserUrls = {
    imageChooser: urls.imageChooser,
    documentChooser: urls.documentChooser,
    pageChooser: urls.pageChooser,
  };
})();
