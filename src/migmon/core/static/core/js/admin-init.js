/*
 * The admin's widget and panel initialisers, run from data instead of inline <script> elements, so that the
 * admin's Content-Security-Policy can be `script-src 'self'` (see migmon/core/csp.py).
 *
 * Wagtail writes `<script>initDateChooser("id_date", {…})</script>`, `<script>new PageChooser("id_event", {…})
 * </script>`, `<script>new InlinePanel({…})</script>` next to each widget and panel. migmon's template overrides
 * and core/admin_scripts.py write `<template data-migmon-init="…" data-id="…" data-options="{…}">` instead (a
 * <template> is inert and never displayed); this file runs the same call for each of them, in document order:
 *   - once the page is parsed (DOMContentLoaded), before the page's own listeners registered later;
 *   - at once when an inline panel adds a form (`w-formset:added`, dispatched inside InlinePanel.addForm, so that a
 *     multiple chooser panel finds the new form's chooser widget ready right after, as with the inline script);
 *   - for any other HTML inserted later (chooser modals, listings refreshed by their filters): a MutationObserver.
 * Each element runs once (it is marked done); one that fails is logged and does not stop the others.
 */
(() => {
  "use strict";

  const initialisers = {
    date: (id, options) => window.initDateChooser(id, options),
    time: (id, options) => window.initTimeChooser(id, options),
    datetime: (id, options) => window.initDateTimeChooser(id, options),
    chooser: (id, options, element) => {
      const name = element.dataset.constructor || "";
      const Constructor = window[name];
      // Only a chooser class the admin's own scripts define (PageChooser, ImageChooser, SnippetChooser, …).
      if (!/^([A-Z][A-Za-z]*)?Chooser$/.test(name) || typeof Constructor !== "function") {
        throw new Error(`migmon admin-init: no chooser class ${name}`);
      }
      return new Constructor(id, options);
    },
    "task-chooser": (id) => window.createTaskChooser(id),
    "inline-panel": (id, options) => new window.InlinePanel(options),
    "multiple-chooser-panel": (id, options) => new window.MultipleChooserPanel(options),
  };

  const SELECTOR = "template[data-migmon-init]";

  function run(element) {
    if (element.dataset.migmonDone) return;
    element.dataset.migmonDone = "true";
    const initialise = initialisers[element.dataset.migmonInit];
    if (!initialise) throw new Error(`migmon admin-init: unknown ${element.dataset.migmonInit}`);
    const options = element.dataset.options ? JSON.parse(element.dataset.options) : {};
    initialise(element.dataset.id, options, element);
  }

  function runSafely(element) {
    try {
      run(element);
    } catch (error) {
      console.error(error); // the others still run; the browser test fails on any console error
    }
  }

  function runWithin(root) {
    if (root.nodeType !== Node.ELEMENT_NODE) return;
    if (root.matches(SELECTOR)) runSafely(root);
    root.querySelectorAll(SELECTOR).forEach(runSafely);
  }

  function start() {
    selectAllLocales();
    runWithin(document.documentElement);
    document.addEventListener("w-formset:added", (event) => runWithin(event.target));
    new MutationObserver((mutations) => {
      mutations.forEach((mutation) => mutation.addedNodes.forEach(runWithin));
    }).observe(document.documentElement, { childList: true, subtree: true });
  }

  // wagtail-localize's "translate this page" form: "select all" ticks every language (was an inline script).
  function selectAllLocales() {
    const selectAll = document.querySelector('form [name="select_all"]');
    if (!selectAll) return;
    selectAll.addEventListener("change", () => {
      selectAll.form.querySelectorAll('[name="locales"]').forEach((locale) => {
        locale.checked = selectAll.checked;
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
