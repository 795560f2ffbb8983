/* wiretrace report: small, dependency-free behaviour.
   1. Legend entries switch a highlight layer on/off (body class off-<kind>).
   2. Hovering or focusing a swap (in a text or in the swaps table) outlines every
      occurrence of the same swap in all versions of the story.
   3. When a story's versions do not fit side by side, a hint says to scroll sideways. */
(function () {
  "use strict";
  document.querySelectorAll(".legend-item").forEach(function (button) {
    button.addEventListener("click", function () {
      var kind = button.getAttribute("data-kind");
      var off = document.body.classList.toggle("off-" + kind);
      button.setAttribute("aria-pressed", off ? "false" : "true");
    });
  });

  function link(group, on) {
    document.querySelectorAll('[data-group="' + group + '"]').forEach(function (el) {
      el.classList.toggle("linked", on);
    });
  }
  document.querySelectorAll("[data-group]").forEach(function (el) {
    var group = el.getAttribute("data-group");
    ["mouseenter", "focus"].forEach(function (ev) {
      el.addEventListener(ev, function () { link(group, true); });
    });
    ["mouseleave", "blur"].forEach(function (ev) {
      el.addEventListener(ev, function () { link(group, false); });
    });
  });

  function hintScroll() {
    document.querySelectorAll(".versions").forEach(function (row) {
      var hint = row.previousElementSibling;
      if (hint && hint.classList.contains("scroll-hint")) {
        hint.hidden = row.scrollWidth <= row.clientWidth + 2;
      }
    });
  }
  hintScroll();
  window.addEventListener("resize", hintScroll);
})();
