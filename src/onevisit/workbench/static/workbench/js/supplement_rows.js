// "Add a row" for the one-time supplement notice: clones the formset's empty row and bumps
// TOTAL_FORMS. Without JavaScript the five blank rows the server renders still work.
(function () {
  "use strict";
  document.querySelectorAll("[data-testid='action-supplement']").forEach(function (form) {
    var list = form.querySelector("[data-supplement-rows]");
    var template = form.querySelector("[data-supplement-template]");
    var total = form.querySelector("input[name$='-TOTAL_FORMS']");
    var max = form.querySelector("input[name$='-MAX_NUM_FORMS']");
    var button = form.querySelector("[data-supplement-add]");
    if (!list || !template || !total || !button) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var index = parseInt(total.value, 10);
      if (max && index >= parseInt(max.value, 10)) return;
      var html = template.innerHTML.replace(/__prefix__/g, String(index));
      list.insertAdjacentHTML("beforeend", html);
      total.value = String(index + 1);
      var input = list.lastElementChild.querySelector("input");
      if (input) input.focus();
    });
  });
})();
