// Keeps what was typed in a form posted after the session expired. On each submission of a
// POST form, its fields are saved in this tab's sessionStorage, keyed by the page. If the
// login page opens next with that page as ?next=, the draft waits for the login; when the page
// opens again after it, the typed values are put back with a notice. Any other page load
// forgets the drafts (the submission went through), and none is kept more than a few hours.
// Never saved: passwords, the CSRF token, files.
(function () {
  "use strict";

  var PREFIX = "keep-form:";
  var MAX_AGE_MS = 4 * 60 * 60 * 1000;
  var RESTORED = "Đã khôi phục nội dung bạn nhập trước khi phiên hết hạn. Hãy kiểm tra rồi lưu lại.";
  var WAITING = "Nội dung bạn vừa nhập được giữ tạm trên trình duyệt này và sẽ được điền lại sau khi đăng nhập.";

  function pagePath(url) {
    var parsed = new URL(url, window.location.href);
    return parsed.pathname + parsed.search;
  }

  function skipped(element) {
    var type = (element.type || "").toLowerCase();
    return !element.name || element.disabled || element.name === "csrfmiddlewaretoken" ||
      ["password", "file", "submit", "button", "reset", "image"].indexOf(type) !== -1;
  }

  function fieldsOf(form) {
    var saved = [];
    Array.prototype.forEach.call(form.elements, function (element) {
      if (skipped(element)) { return; }
      var type = (element.type || "").toLowerCase();
      if (type === "checkbox" || type === "radio") {
        saved.push([element.name, element.checked]);
      } else if (element.tagName === "SELECT" && element.multiple) {
        saved.push([element.name, Array.prototype.map.call(element.selectedOptions, function (o) { return o.value; })]);
      } else {
        saved.push([element.name, element.value]);
      }
    });
    return saved;
  }

  function storage() {
    try { return window.sessionStorage; } catch (error) { return null; }  // storage disabled
  }

  function drafts(store) {
    var found = [];
    for (var i = 0; i < store.length; i++) {
      var key = store.key(i);
      if (key && key.indexOf(PREFIX) === 0) { found.push(key); }
    }
    return found.map(function (key) {
      try { return { key: key, draft: JSON.parse(store.getItem(key)) }; } catch (error) { return { key: key, draft: null }; }
    });
  }

  function save(event) {
    var form = event.target;
    var store = storage();
    if (!store || !(form instanceof HTMLFormElement) || (form.method || "").toLowerCase() !== "post" ||
        form.hasAttribute("data-login-form") || form.querySelector("input[type=password]")) { return; }
    var index = Array.prototype.indexOf.call(document.forms, form);
    var page = pagePath(window.location.href);
    var draft = {
      page: page, formId: form.id || "", formIndex: index, action: form.getAttribute("action") || "",
      fields: fieldsOf(form), savedAt: Date.now(), awaitingLogin: false
    };
    try { store.setItem(PREFIX + page + "#" + index, JSON.stringify(draft)); } catch (error) { /* full */ }
  }

  function notice(before, text) {
    var box = document.createElement("div");
    box.className = "alert alert-info";
    box.setAttribute("role", "status");
    box.textContent = text;
    before.parentNode.insertBefore(box, before);
  }

  function growFormsets(form, fields) {
    // Rows added in the page (static/js/formset.js) are added again before the values go back.
    fields.forEach(function (field) {
      var name = field[0];
      if (!/-TOTAL_FORMS$/.test(name)) { return; }
      var prefix = name.slice(0, -"-TOTAL_FORMS".length);
      var total = form.elements.namedItem(name);
      var button = form.querySelector("[data-add-row='" + prefix + "']");
      if (!total || !button) { return; }
      for (var missing = parseInt(field[1], 10) - parseInt(total.value, 10); missing > 0; missing--) {
        button.click();
      }
    });
  }

  function restore(form, fields) {
    growFormsets(form, fields);
    var queues = {};
    fields.forEach(function (field) { (queues[field[0]] = queues[field[0]] || []).push(field[1]); });
    Array.prototype.forEach.call(form.elements, function (element) {
      if (skipped(element) || !queues[element.name] || !queues[element.name].length) { return; }
      var value = queues[element.name].shift();
      var type = (element.type || "").toLowerCase();
      if (type === "checkbox" || type === "radio") {
        element.checked = value === true;
      } else if (element.tagName === "SELECT" && element.multiple) {
        Array.prototype.forEach.call(element.options, function (option) { option.selected = value.indexOf(option.value) !== -1; });
      } else {
        element.value = value;
      }
      element.dispatchEvent(new Event("change", { bubbles: true }));
    });
    notice(form, RESTORED);
  }

  function formFor(draft) {
    if (draft.formId) { return document.getElementById(draft.formId); }
    var form = document.forms[draft.formIndex];
    return form && (form.getAttribute("action") || "") === draft.action ? form : null;
  }

  function onLoad() {
    var store = storage();
    if (!store) { return; }
    var login = document.querySelector("form[data-login-form]");
    var now = Date.now();
    if (login) {
      var next = login.querySelector("input[name=next]");
      var target = next && next.value ? pagePath(next.value) : null;
      var waiting = false;
      drafts(store).forEach(function (item) {
        if (item.draft && target && item.draft.page === target && now - item.draft.savedAt < MAX_AGE_MS) {
          item.draft.awaitingLogin = true;
          store.setItem(item.key, JSON.stringify(item.draft));
          waiting = true;
        }
      });
      if (waiting) { notice(login, WAITING); }
      return;
    }
    var here = pagePath(window.location.href);
    drafts(store).forEach(function (item) {
      store.removeItem(item.key);
      var draft = item.draft;
      if (!draft || !draft.awaitingLogin || draft.page !== here || now - draft.savedAt >= MAX_AGE_MS) { return; }
      var form = formFor(draft);
      if (form) { restore(form, draft.fields); }
    });
  }

  document.addEventListener("submit", save, true);
  document.addEventListener("DOMContentLoaded", function () {
    // After the other scripts' own DOMContentLoaded work (formset.js sets up its buttons).
    window.setTimeout(onLoad, 0);
  });
}());
