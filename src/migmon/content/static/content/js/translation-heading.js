// wagtail-localize's translation editor heads its list of strings "<source> to <target> translation" in English,
// whatever the editor's language (the phrase is not marked for translation in its bundle). This script swaps in
// the phrase migmon translates, given by the page in data-pattern ("Traduction : {source} → {target}"), and
// again whenever the editor's React app redraws the heading.
(function () {
  "use strict";
  var script = document.currentScript;
  var pattern = script && script.dataset.pattern;
  var editor = document.querySelector(".js-translation-editor");
  if (!pattern || !editor) {
    return;
  }
  var english = /^(.+) to (.+) translation$/;

  function translateHeadings() {
    editor.querySelectorAll("section > * > h3, section > h3").forEach(function (heading) {
      var match = english.exec(heading.textContent.trim());
      if (match) {
        heading.textContent = pattern.replace("{source}", match[1]).replace("{target}", match[2]);
      }
    });
  }

  new MutationObserver(translateHeadings).observe(editor, { childList: true, subtree: true, characterData: true });
  translateHeadings();
})();
