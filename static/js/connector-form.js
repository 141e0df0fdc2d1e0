// The connector form shows only the fields of the chosen Auth Config; without this file every field is shown.
(function () {
  "use strict";
  function update(root) {
    root.querySelectorAll("[data-when]").forEach(function (block) {
      var form = block.closest("form");
      var rule = block.getAttribute("data-when").split("=");
      var select = form ? form.querySelector("[data-toggles='" + rule[0] + "']") : null;
      block.hidden = select !== null && select.value !== rule[1];
    });
  }
  document.addEventListener("change", function (event) {
    if (event.target.matches && event.target.matches("[data-toggles]")) {
      update(event.target.closest("form") || document);
    }
  });
  document.addEventListener("DOMContentLoaded", function () { update(document); });
  document.addEventListener("htmx:afterSettle", function () { update(document); });
})();
