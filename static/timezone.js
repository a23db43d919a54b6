/* Small enhancements, when JavaScript is on (every page works without it):
   - a select marked data-guess-zone starts on the browser's own zone;
   - each zone select gets a search box that narrows its options as you type;
   - a readonly input marked data-copy (a feed address) gets a Copy button. */
(function () {
  "use strict";
  var browserZone = "";
  try {
    browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  } catch (error) {}

  function optionFor(select, value) {
    for (var i = 0; i < select.options.length; i++) {
      if (select.options[i].value === value) return select.options[i];
    }
    return null;
  }

  function addSearch(select) {
    var box = document.createElement("input");
    box.type = "search";
    box.className = "zone-search";
    box.id = select.id + "-search";
    box.setAttribute("aria-label", select.getAttribute("data-search-label") || "");
    box.setAttribute("aria-controls", select.id);
    box.placeholder = select.getAttribute("data-search-label") || "";
    box.autocomplete = "off";
    select.parentNode.insertBefore(box, select);
    var options = Array.prototype.slice.call(select.options);
    box.addEventListener("input", function () {
      var words = box.value.toLowerCase().split(/\s+/).filter(Boolean);
      var first = null;
      options.forEach(function (option) {
        var text = (option.text + " " + option.value.replace(/_/g, " ")).toLowerCase();
        var shown = words.every(function (word) { return text.indexOf(word) !== -1; });
        option.hidden = !shown;
        if (shown && !first) first = option;
      });
      Array.prototype.forEach.call(select.querySelectorAll("optgroup"), function (group) {
        group.hidden = !group.querySelector("option:not([hidden])");
      });
      var chosen = select.options[select.selectedIndex];
      if (first && (!chosen || chosen.hidden)) select.value = first.value;
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("select[data-zone-select]"), function (select) {
    if (browserZone && select.hasAttribute("data-guess-zone") && optionFor(select, browserZone)) {
      select.value = browserZone;
    }
    addSearch(select);
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

  Array.prototype.forEach.call(document.querySelectorAll("input[data-copy]"), addCopy);
})();
