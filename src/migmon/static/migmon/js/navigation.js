// Main menu: disclosure buttons open sub-menus (aria-expanded), Escape closes and returns focus,
// a click or focus outside closes; on small screens the "Menu" button shows the whole list.
// Without JavaScript the section links still lead to section pages that list their children.
(function () {
  "use strict";
  var nav = document.querySelector(".main-nav");
  if (!nav) return;
  var toggles = Array.prototype.slice.call(nav.querySelectorAll(".submenu-toggle"));
  var menuToggle = nav.querySelector(".menu-toggle");
  var menu = document.getElementById("main-menu");

  function panelOf(button) {
    return document.getElementById(button.getAttribute("aria-controls"));
  }
  function setOpen(button, open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    panelOf(button).hidden = !open;
    button.parentElement.classList.toggle("is-open", open);
  }
  function closeAll(except) {
    toggles.forEach(function (button) {
      if (button !== except) setOpen(button, false);
    });
  }

  toggles.forEach(function (button) {
    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-expanded") !== "true";
      closeAll(button);
      setOpen(button, open);
    });
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var open = toggles.filter(function (b) { return b.getAttribute("aria-expanded") === "true"; })[0];
    if (open) {
      setOpen(open, false);
      open.focus();
    } else if (menuToggle && menuToggle.getAttribute("aria-expanded") === "true") {
      menuToggle.setAttribute("aria-expanded", "false");
      menu.classList.remove("is-open");
      menuToggle.focus();
    }
  });

  document.addEventListener("click", function (event) {
    if (!nav.contains(event.target)) closeAll(null);
  });

  nav.addEventListener("focusout", function (event) {
    if (event.relatedTarget && !nav.contains(event.relatedTarget)) closeAll(null);
  });

  if (menuToggle && menu) {
    menuToggle.addEventListener("click", function () {
      var open = menuToggle.getAttribute("aria-expanded") !== "true";
      menuToggle.setAttribute("aria-expanded", open ? "true" : "false");
      menu.classList.toggle("is-open", open);
    });
  }
})();
