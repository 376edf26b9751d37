// Unit pickers of the plan editor (plans/forms.py UnitFields). A text field of unit names
// separated by ";" becomes a Tom Select picker fed by plans:unit_search: a unit chosen in the
// tree is posted as "#<id>" (the server accepts it only if the user may see that unit), and
// anything typed stays a name ("Công an xã"). Without this script the field stays a text field.
// Rows added later (formset.js: "Thêm …", a pasted table) call window.unitPickers.setup(row).
(function () {
  "use strict";

  var SEPARATOR = " — ";
  var known = {};  // every unit card the page has seen, by value ("#123"), for followTheField
  var AMBIGUOUS = "Tên này có ở nhiều nơi: xem kỹ địa bàn trước khi chọn.";

  function parentOf(place) {
    // "Thôn 1 — Xã Quyết Thắng — Tỉnh Lai Châu" → "Xã Quyết Thắng"
    var parts = (place || "").split(SEPARATOR);
    return parts.length > 1 ? parts[1] : "";
  }

  function renderOption(data, escape) {
    var html = "<div class=\"unit-option\"><div>" + escape(data.name || data.text);
    if (data.short_name) {
      html += " <span class=\"text-body-secondary\">(" + escape(data.short_name) + ")</span>";
    }
    html += "</div>";
    if (data.place) {
      html += "<div class=\"small text-body-secondary\">" + escape(data.place) + "</div>";
    }
    if (data.ambiguous) {
      html += "<div class=\"small text-warning-emphasis unit-ambiguous\">⚠ " + escape(AMBIGUOUS) + "</div>";
    }
    return html + "</div>";
  }

  function renderItem(data, escape, printsName) {
    var title = data.place ? " title=\"" + escape(data.place) + "\"" : "";
    var html = "<div" + title + ">" + escape(printsName && data.name ? data.name : data.text);
    if (data.ambiguous && parentOf(data.place)) {
      // The same name elsewhere: the chosen unit shows where it is.
      html += " <span class=\"small text-body-secondary\">(" + escape(parentOf(data.place)) + ")</span>";
    }
    return html + "</div>";
  }

  function setupInput(input) {
    if (input.tomselect || typeof window.TomSelect === "undefined") { return; }
    var many = input.dataset.unitPicker === "many";
    var url = input.dataset.searchUrl;
    remember(JSON.parse(input.dataset.items || "[]"));
    var picker = new window.TomSelect(input, {
      dataAttr: "data-items",  // [{value, text, place, ambiguous}], from the server
      delimiter: ";",
      maxItems: many ? null : 1,
      create: true,
      createOnBlur: true,
      // A unit picked from the list leaves no search text behind, or leaving the field would
      // add that text as one more (typed) unit.
      clearAfterSelect: true,
      persist: false,
      valueField: "value",
      labelField: "text",
      searchField: ["text", "name", "short_name", "place"],
      plugins: many ? ["remove_button"] : [],
      loadThrottle: 300,
      shouldLoad: function (query) { return query.trim().length >= 2; },
      load: function (query, callback) {
        var address = url + "?q=" + encodeURIComponent(query);
        fetch(address, { credentials: "same-origin", headers: { Accept: "application/json" } })
          .then(function (response) { return response.ok ? response.json() : { results: [] }; })
          .then(function (data) { remember(data.results); callback(data.results); })
          .catch(function () { callback(); });
      },
      render: {
        option: renderOption,
        item: function (data, escape) {
          // The item shows what the plan prints: the short name, or the full name of a duty.
          return renderItem(data, escape, input.dataset.prints === "name");
        },
        option_create: function (data, escape) {
          return "<div class=\"create\">Dùng tên đã gõ: <strong>" + escape(data.input) + "</strong></div>";
        },
        no_results: function () {
          return "<div class=\"no-results\">Không thấy trong cây đơn vị; bấm Enter để dùng tên đã gõ.</div>";
        },
        not_loading: function () {
          return "<div class=\"no-results\">Gõ ít nhất 2 ký tự để tìm trong cây đơn vị.</div>";
        },
        loading: function () {
          return "<div class=\"no-results\">Đang tìm…</div>";
        }
      }
    });
    keepFocusWhereItIs(picker);
    followTheField(input, picker);
  }

  function remember(cards) {
    cards.forEach(function (card) { if (card.id) { known[card.value] = card; } });
  }

  function followTheField(input, picker) {
    // A value written into the field by another script (keep-form.js puts back what was typed
    // before the session expired) becomes the picker's items; an id the page knows keeps its
    // card, any other text is a typed name.
    input.addEventListener("change", function () {
      if (input.value === picker.getValue()) { return; }
      var tokens = input.value.split(";").map(function (t) { return t.trim(); }).filter(Boolean);
      picker.clear(true);
      tokens.forEach(function (token) {
        if (!picker.options[token]) {
          picker.addOption(known[token] || { value: token, text: token, place: "", ambiguous: false });
        }
        picker.addItem(token, true);
      });
    });
  }

  function keepFocusWhereItIs(picker) {
    // Tom Select refreshes its list 300 ms after the last keystroke and opens it, taking the
    // focus, even if one has moved on to the next field meanwhile (typed a name, ";", Tab):
    // the list opens only while the focus is in the picker, and a pending refresh is dropped
    // when the focus leaves.
    var open = picker.open.bind(picker);
    picker.open = function () {
      if (picker.wrapper.contains(document.activeElement)) { open(); }
    };
    picker.control_input.addEventListener("blur", function () {
      if (picker.refreshTimeout) {
        window.clearTimeout(picker.refreshTimeout);
        picker.refreshTimeout = null;
      }
    });
  }

  function setup(root) {
    (root || document).querySelectorAll("input[data-unit-picker]").forEach(function (input) {
      if (!input.closest("template")) { setupInput(input); }
    });
  }

  window.unitPickers = { setup: setup };
  document.addEventListener("DOMContentLoaded", function () { setup(document); });
})();
