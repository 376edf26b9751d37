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

  // <button data-print>: prints the page (the recovery codes of two-factor authentication).
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-print]")) {
      window.print();
    }
  });
})();
