/* Small enhancements, when JavaScript is on (every page works without it):
   - a select marked data-guess-zone starts on the browser's own zone;
   - zone selects and country checkbox lists get a search-as-you-type box;
   - a readonly input marked data-copy (a feed address) gets a Copy button. */
(function () {
  "use strict";
  var browserZone = "";
  try {
    browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  } catch (error) {}

  function each(nodes, act) { Array.prototype.forEach.call(nodes, act); }

  // A search box before `before`; each keystroke calls show(matches, searching).
  function addSearchBox(control, before, show) {
    var label = control.getAttribute("data-search-label") || "";
    var box = document.createElement("input");
    box.type = "search";
    box.className = "zone-search";
    box.id = control.id + "-search";
    box.setAttribute("aria-label", label);
    box.setAttribute("aria-controls", control.id);
    box.placeholder = label;
    box.autocomplete = "off";
    before.parentNode.insertBefore(box, before);
    box.addEventListener("input", function () {
      var words = box.value.toLowerCase().split(/\s+/).filter(Boolean);
      show(function (text) {
        text = text.toLowerCase();
        return words.every(function (word) { return text.indexOf(word) !== -1; });
      }, words.length > 0);
    });
  }

  each(document.querySelectorAll("select[data-zone-select]"), function (select) {
    var guess = select.hasAttribute("data-guess-zone");
    if (browserZone && guess && select.querySelector('option[value="' + browserZone + '"]')) {
      select.value = browserZone;
    }
    addSearchBox(select, select, function (matches) {
      var first = null;
      each(select.options, function (option) {
        var shown = matches(option.text + " " + option.value.replace(/_/g, " "));
        option.hidden = !shown;
        if (shown && !first) first = option;
      });
      each(select.querySelectorAll("optgroup"), function (group) {
        group.hidden = !group.querySelector("option:not([hidden])");
      });
      var chosen = select.options[select.selectedIndex];
      if (first && (!chosen || chosen.hidden)) select.value = first.value;
    });
  });

  // Country checkboxes by region: show the matching ones, open their regions.
  each(document.querySelectorAll("[data-country-list]"), function (list) {
    addSearchBox(list, list.querySelector("details"), function (matches, searching) {
      each(list.querySelectorAll("li"), function (item) {
        item.hidden = !matches(item.textContent + " " + item.querySelector("input").value);
      });
      each(list.querySelectorAll("details"), function (group) {
        var any = !!group.querySelector("li:not([hidden])");
        group.hidden = !any;
        if (searching) group.open = any;
      });
    });
  });

  function addCopy(input) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button-secondary copy-button";
    button.textContent = input.getAttribute("data-copy");
    var status = document.createElement("span");
    status.setAttribute("role", "status");
    status.className = "copy-status";
    input.parentNode.insertBefore(status, input.nextSibling);
    input.parentNode.insertBefore(button, status);
    function copied() { status.textContent = input.getAttribute("data-copied"); }
    button.addEventListener("click", function () {
      input.select();
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(input.value).then(copied, function () {
          if (document.execCommand("copy")) copied();
        });
      } else if (document.execCommand("copy")) {
        copied();
      }
    });
  }

  each(document.querySelectorAll("input[data-copy]"), addCopy);
})();
