// Inline lists (Django formsets): add, remove and reorder rows in the page, without a reload
// and without losing what was typed. Rows are saved together with the form.
(function () {
  "use strict";

  function renumber(list) {
    // Positions count the rows still shown; removed rows keep a position but no number.
    var position = 0;
    list.querySelectorAll(":scope > .formset-row").forEach(function (row) {
      var deleted = row.classList.contains("is-deleted");
      if (!deleted) { position++; }
      var order = row.querySelector("input[name$='-ORDER']");
      if (order) { order.value = deleted ? 0 : position; }
      var label = row.querySelector(".row-number");
      if (label) { label.textContent = deleted ? "" : position; }
    });
  }

  function neighbour(row, direction) {
    // The nearest row still shown above or below, skipping removed rows and undo notes.
    var next = direction === "up" ? row.previousElementSibling : row.nextElementSibling;
    while (next && (!next.classList.contains("formset-row") || next.classList.contains("is-deleted"))) {
      next = direction === "up" ? next.previousElementSibling : next.nextElementSibling;
    }
    return next;
  }

  function markSubtask(row) {
    var box = row.querySelector("input[name$='-is_subtask']");
    if (box) { row.classList.toggle("is-subtask", box.checked); }
  }

  function enhance(row) {
    // A row new in the page gets its htmx hints and its unit pickers (unit-picker.js).
    if (window.htmx) { window.htmx.process(row); }
    if (window.unitPickers) { window.unitPickers.setup(row); }
  }

  function setupPaste(list, total) {
    // "Dán bảng nhiệm vụ" (templates/plans/_paste_tasks.html): the server reads the pasted table
    // and answers with new rows, numbered from the list's current total; they join the list
    // here and are saved with the section.
    var button = list.closest("form").querySelector("[data-paste-rows='" + list.dataset.prefix + "']");
    if (!button) { return; }
    var box = button.closest("[data-paste-box]");
    var result = list.closest("form").querySelector(button.getAttribute("hx-target"));
    box.hidden = false;
    button.addEventListener("htmx:configRequest", function (event) {
      event.detail.parameters["paste-start"] = total.value;
    });
    result.addEventListener("htmx:afterSwap", function () {
      var holder = result.querySelector("[data-pasted-rows]");
      if (!holder) { return; }
      var rows = Array.prototype.slice.call(holder.querySelectorAll(":scope > .formset-row"));
      rows.forEach(function (row) {
        list.appendChild(row);
        markSubtask(row);
        enhance(row);
      });
      total.value = parseInt(total.value, 10) + rows.length;
      holder.remove();
      renumber(list);
      box.querySelector("textarea").value = "";
    });
  }

  function setup(list) {
    // Once per list: a section opened in place (htmx) arrives after the page has loaded.
    if (list.dataset.formsetReady) { return; }
    list.dataset.formsetReady = "1";
    var prefix = list.dataset.prefix;
    // Looked up in the list's own form: the plan's editor may hold several sections' forms,
    // each with a formset of the same prefix.
    var form = list.closest("form");
    var total = form.querySelector("input[name='" + prefix + "-TOTAL_FORMS']");
    var template = form.querySelector("template[id='" + prefix + "-empty']");

    list.closest("form").querySelectorAll("[data-add-row='" + prefix + "']").forEach(function (button) {
      button.addEventListener("click", function () {
        var index = parseInt(total.value, 10);
        var html = template.innerHTML.replace(/__prefix__/g, index);
        var holder = document.createElement("div");
        holder.innerHTML = html.trim();
        var row = holder.firstElementChild;
        list.appendChild(row);
        total.value = index + 1;
        renumber(list);
        enhance(row);
        var first = row.querySelector(
          "textarea, input:not([type=hidden]):not([type=checkbox]):not(.ts-hidden-accessible), select"
        );
        if (first) { first.focus(); }
      });
    });

    setupPaste(list, total);

    list.addEventListener("click", function (event) {
      var button = event.target.closest("[data-row-action]");
      if (!button) { return; }
      var row = button.closest(".formset-row");
      var action = button.dataset.rowAction;
      var other = neighbour(row, action);
      if (action === "up" && other) {
        list.insertBefore(row, other);
      } else if (action === "down" && other) {
        other.after(row);
      } else if (action === "delete") {
        row.querySelector("input[name$='-DELETE']").checked = true;
        row.classList.add("is-deleted");
        var undo = document.createElement("div");
        undo.className = "alert alert-light py-1 small formset-undo";
        undo.innerHTML = "Đã bỏ một mục. <button type='button' class='btn btn-link btn-sm p-0'>Hoàn tác</button>";
        undo.querySelector("button").addEventListener("click", function () {
          row.querySelector("input[name$='-DELETE']").checked = false;
          row.classList.remove("is-deleted");
          undo.remove();
          renumber(list);
        });
        row.after(undo);
      }
      renumber(list);
    });

    list.addEventListener("change", function (event) {
      if (event.target.name && event.target.name.endsWith("-is_subtask")) {
        markSubtask(event.target.closest(".formset-row"));
      }
    });

    list.querySelectorAll(":scope > .formset-row").forEach(function (row) {
      markSubtask(row);
      var deleted = row.querySelector("input[name$='-DELETE']");
      if (deleted && deleted.checked) { row.classList.add("is-deleted"); }
    });
    renumber(list);
  }

  function setupWithin(root) {
    root.querySelectorAll("[data-formset]").forEach(setup);
    if (window.unitPickers && root !== document) { window.unitPickers.setup(root); }
  }

  document.addEventListener("DOMContentLoaded", function () { setupWithin(document); });
  // A section's form swapped in by htmx (opened or saved in place in the plan's editor).
  document.addEventListener("htmx:load", function (event) {
    if (event.detail.elt.querySelectorAll) { setupWithin(event.detail.elt); }
  });
})();
