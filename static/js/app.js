// Behaviour every page may use, attached here because the Content-Security-Policy refuses
// inline scripts and handlers (onclick=, onsubmit=…): templates mark elements with data-
// attributes instead.
(function () {
  "use strict";

  // <form data-confirm="Xóa …?">: asks before sending; nothing is sent if the user cancels.
  document.addEventListener("submit", function (event) {
    var form = event.target.closest("form[data-confirm]");
    if (form && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
    }
  });

  // <div data-shown-when="kind" data-shown-values="letter report">: shown only while the
  // form's field named "kind" holds one of those values (the plan editor's Kính gửi, printed
  // by a Công văn or a Báo cáo only); hidden fields keep what was typed.
  document.addEventListener("change", function (event) {
    var field = event.target;
    if (!field.name || !field.form) {
      return;
    }
    field.form.querySelectorAll("[data-shown-when]").forEach(function (element) {
      if (element.dataset.shownWhen === field.name) {
        var shown = element.dataset.shownValues.split(" ").indexOf(field.value) !== -1;
        element.classList.toggle("d-none", !shown);
      }
    });
  });

  // <button data-print>: prints the page (the recovery codes of two-factor authentication).
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-print]")) {
      window.print();
    }
  });
})();
