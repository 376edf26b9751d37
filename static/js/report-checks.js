// Plausibility while typing a report (issue 11): a row of figures whose numerator exceeds its
// denominator ("250 of 200 households") shows a warning under the row at once; the report can
// still be saved (the figure may be right), the reviewer sees the same flag on the dashboard.
// Likewise a figure that jumps from the unit's previous period (more than doubles, falls below
// half, a cumulative count that falls, a whole that moves by more than a fifth).
(function () {
  "use strict";

  function number(input) {
    const text = (input.value || "").trim().replace(/\./g, "").replace(",", ".");
    if (text === "") return null;
    const value = Number(text);
    return Number.isFinite(value) ? value : null;
  }

  // A number as reports.plausibility writes it: a decimal comma, no thousands separator.
  function vi(value) {
    return String(Math.round(value * 100) / 100).replace(".", ",");
  }

  function previous(input) {
    const text = input && input.dataset.previous;
    if (text === undefined || text === "") return null;
    const value = Number(text);
    return Number.isFinite(value) ? value : null;
  }

  // Jumps from the unit's previous period, rendered on the inputs by the view
  // (data-previous, data-previous-label, data-cumulative): the same rule, word for word, as
  // reports.plausibility.jump_warnings, which the reviewer and the dashboard see.
  function jump(input, value, field) {
    const before = previous(input);
    if (before === null || value === null) return "";
    const moved = "so với " + input.dataset.previousLabel + " (" + vi(before) + " → " + vi(value) + ").";
    if (field === "numerator") {
      if (before > 0 && value > before * 2) return "Tăng hơn gấp đôi " + moved;
      if (value * 2 < before) return "Giảm hơn một nửa " + moved;
      if (input.dataset.cumulative && value < before) return "Số cộng dồn giảm " + moved;
      return "";
    }
    if (before > 0 && Math.abs(value - before) * 5 > before) {
      return "Tổng số thay đổi hơn 20% " + moved;
    }
    return "";
  }

  function showJump(row, field, input, value) {
    const warning = row.querySelector('[data-jump-warning="' + field + '"]');
    if (!warning) return;
    const text = jump(input, value, field);
    warning.textContent = text ? text + " Hãy kiểm tra lại (vẫn lưu được nếu đúng)." : "";
    warning.hidden = !text;
  }

  function check(row) {
    const numeratorInput = row.querySelector("[data-numerator] input");
    const denominatorInput = row.querySelector("[data-denominator] input");
    const numerator = number(numeratorInput);
    const denominator = number(denominatorInput);
    const warning = row.querySelector("[data-plausibility-warning]");
    const wrong = numerator !== null && denominator !== null && numerator > denominator;
    warning.hidden = !wrong;
    showJump(row, "numerator", numeratorInput, numerator);
    showJump(row, "denominator", denominatorInput, denominator);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-plausibility]").forEach(function (row) {
      row.addEventListener("input", function () { check(row); });
      check(row);
    });
  });
})();
