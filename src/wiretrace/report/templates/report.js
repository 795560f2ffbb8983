/* wiretrace report: small, dependency-free behaviour.
   1. Legend entries switch a highlight layer on/off (body class off-<kind>).
   2. Hovering or focusing a swap (in a text or in the swaps table) outlines every
      occurrence of the same swap in all versions of the story.
   3. A story of many versions has a picker: the versions checked (at most a few, the
      oldest choice dropped first) are shown side by side, the others hidden.
   4. When a story's versions do not fit side by side, a hint says to scroll sideways. */
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

  // 3. A story of many versions shows a few side by side; its picker chooses which.
  document.querySelectorAll(".picker").forEach(function (picker) {
    var row = picker.parentElement.querySelector(".versions");
    var most = parseInt(picker.getAttribute("data-shown"), 10) || 3;
    var boxes = Array.prototype.slice.call(picker.querySelectorAll("input[type=checkbox]"));
    var order = boxes.filter(function (b) { return b.checked; });
    function apply() {
      row.querySelectorAll("article.version").forEach(function (version) {
        var on = order.some(function (b) { return b.value === version.getAttribute("data-letter"); });
        version.classList.toggle("picked", on);
      });
      hintScroll();
    }
    boxes.forEach(function (box) {
      box.addEventListener("change", function () {
        order = order.filter(function (b) { return b !== box; });
        if (box.checked) { order.push(box); }
        while (order.length > most) { order.shift().checked = false; }
        if (!order.length) { box.checked = true; order.push(box); }
        apply();
      });
    });
    row.classList.add("picking");
    apply();
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
