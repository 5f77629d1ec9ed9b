// Searchable country picker over the series pages' <select multiple name="area">.
//
// Without JavaScript the select itself is the control (Ctrl-click several, then "Show"). With it, the select
// is hidden but stays the form's source of truth: the picker is an ARIA 1.2 combobox (a text box that filters)
// with a multi-select listbox, and the chosen areas show as chips, each with a remove button. Filtering folds
// accents and case ("turk" finds Türkiye) and reads every name of an area carried in the option's data-search
// (its French, English and Spanish names, the spellings of real files, its ISO code). A pick or a removal
// submits the form, as the page's other selects do, so the chart, the table, the downloads and the URL follow;
// the focus comes back to the picker after the reload. Texts come translated from data-* attributes.
(function () {
  "use strict";

  var FOCUS_KEY = "migmon.areaPicker.focus";

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[’']/g, "").trim();
  }

  function el(name, attrs, text) {
    var node = document.createElement(name);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text) { node.textContent = text; }
    return node;
  }

  // 0: a name starts with the query; 1: a word of a name does; 2: a name contains it; -1: no match.
  function rank(choice, query) {
    var best = -1;
    choice.keys.forEach(function (key) {
      var score = -1;
      if (key.indexOf(query) === 0) { score = 0; }
      else if (key.split(/[\s\-(),]+/).some(function (word) { return word.indexOf(query) === 0; })) { score = 1; }
      else if (key.indexOf(query) > 0) { score = 2; }
      if (score >= 0 && (best < 0 || score < best)) { best = score; }
    });
    return best;
  }

  function enhance(select) {
    var form = select.form;
    var texts = select.dataset;
    var baseId = select.id;
    var label = document.querySelector('label[for="' + baseId + '"]');
    var choices = Array.prototype.map.call(select.options, function (option, index) {
      var names = [option.textContent].concat((option.dataset.search || "").split(" | "));
      return { option: option, index: index, name: option.textContent, keys: names.filter(Boolean).map(fold) };
    });

    var picker = el("div", { class: "area-picker" });
    var chips = el("ul", { class: "area-chips", "aria-label": texts.chosenLabel });
    var box = el("div", { class: "area-combo" });
    var input = el("input", {
      id: baseId + "-input", type: "text", role: "combobox", autocomplete: "off", spellcheck: "false",
      "aria-autocomplete": "list", "aria-expanded": "false", "aria-controls": baseId + "-listbox",
      "aria-describedby": baseId + "-hint", placeholder: texts.placeholder
    });
    var list = el("ul", {
      id: baseId + "-listbox", role: "listbox", class: "area-options", "aria-multiselectable": "true",
      "aria-label": label ? label.textContent : ""
    });
    var hint = el("p", { id: baseId + "-hint", class: "area-hint" }, texts.hint);
    var status = el("p", { id: baseId + "-status", class: "visually-hidden", role: "status", "aria-live": "polite" });
    list.hidden = true;
    box.append(input, list);
    picker.append(chips, box, hint, status);
    select.hidden = true;
    select.tabIndex = -1;
    select.after(picker);
    if (label) { label.htmlFor = input.id; }

    var shown = [];
    var active = -1;

    function submit() {
      try { window.sessionStorage.setItem(FOCUS_KEY, input.id); } catch (e) { /* private mode: no refocus */ }
      if (form.requestSubmit) { form.requestSubmit(); } else { form.submit(); }
    }

    function toggle(choice) {
      choice.option.selected = !choice.option.selected;
      drawChips();
      submit();
    }

    function drawChips() {
      chips.replaceChildren();
      choices.filter(function (c) { return c.option.selected; }).forEach(function (choice) {
        var chip = el("li", { class: "area-chip" });
        var remove = el("button", { type: "button", class: "area-chip-remove",
          "aria-label": texts.removeLabel.replace("{name}", choice.name) });
        remove.append(el("span", { "aria-hidden": "true" }, "×"));
        remove.addEventListener("click", function () { toggle(choice); });
        chip.append(el("span", {}, choice.name), remove);
        chips.append(chip);
      });
      chips.hidden = !chips.children.length;
    }

    function announce(count) {
      status.textContent = count === 0 ? texts.noMatch : count === 1 ? texts.oneMatch
        : texts.manyMatches.replace("{count}", String(count));
    }

    function setActive(index) {
      var items = list.children;
      if (active >= 0 && items[active]) { items[active].classList.remove("active"); }
      active = index;
      if (active >= 0 && items[active]) {
        items[active].classList.add("active");
        input.setAttribute("aria-activedescendant", items[active].id);
        items[active].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function open() {
      var query = fold(input.value);
      shown = choices
        .map(function (c) { return { choice: c, score: query ? rank(c, query) : 0 }; })
        .filter(function (m) { return m.score >= 0; })
        .sort(function (a, b) { return a.score - b.score || a.choice.index - b.choice.index; })
        .map(function (m) { return m.choice; });
      list.replaceChildren();
      shown.forEach(function (choice, position) {
        var item = el("li", { id: baseId + "-option-" + choice.index, role: "option",
          "aria-selected": choice.option.selected ? "true" : "false" }, choice.name);
        item.addEventListener("mousedown", function (event) { event.preventDefault(); }); // keep the focus
        item.addEventListener("click", function () { setActive(position); toggle(choice); });
        list.append(item);
      });
      if (!shown.length) { list.append(el("li", { class: "area-none", "aria-hidden": "true" }, texts.noMatch)); }
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      active = -1;
      setActive(query && shown.length ? 0 : -1);
      announce(shown.length);
    }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      setActive(-1);
    }

    input.addEventListener("input", open);
    input.addEventListener("focus", function () { if (input.value) { open(); } });
    input.addEventListener("click", function () { if (list.hidden) { open(); } });  // a click shows every area
    input.addEventListener("blur", close);
    input.addEventListener("keydown", function (event) {
      var isOpen = !list.hidden;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        if (!isOpen) { open(); }
        var step = event.key === "ArrowDown" ? 1 : -1;
        if (shown.length) { setActive((active + step + shown.length) % shown.length); }
      } else if (event.key === "Enter") {
        if (isOpen && active >= 0 && shown[active]) { event.preventDefault(); toggle(shown[active]); }
        else if (input.value) { event.preventDefault(); }  // a half-typed name is no reason to submit
      } else if (event.key === "Escape") {
        if (isOpen) { event.preventDefault(); close(); } else if (input.value) { input.value = ""; }
      }
    });

    drawChips();
    try {
      if (window.sessionStorage.getItem(FOCUS_KEY) === input.id) {
        window.sessionStorage.removeItem(FOCUS_KEY);
        input.focus();
      }
    } catch (e) { /* no storage: the focus stays where the browser puts it */ }
  }

  document.querySelectorAll("select[data-area-picker]").forEach(enhance);
})();
