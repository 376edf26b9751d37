// Plausibility while typing a report (issue 11): a row of figures whose numerator exceeds its
// denominator ("250 of 200 households") shows a warning under the row at once; the report can
// still be saved (the figure may be right), the reviewer sees the same flag on the dashboard.
(function () {
  "use strict";

  function number(input) {
    const text = (input.value || "").trim().replace(/\./g, "").replace(",", ".");
    if (text === "") return null;
    const value = Number(text);
    return Number.isFinite(value) ? value : null;
  }

  function check(row) {
    const numerator = number(row.querySelector("[data-numerator] input"));
    const denominator = number(row.querySelector("[data-denominator] input"));
    const warning = row.querySelector("[data-plausibility-warning]");
    const wrong = numerator !== null && denominator !== null && numerator > denominator;
    warning.hidden = !wrong;
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-plausibility]").forEach(function (row) {
      row.addEventListener("input", function () { check(row); });
      check(row);
    });
  });
})();
