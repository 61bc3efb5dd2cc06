// Search suggestions as an ARIA 1.2 combobox with a list popup (https://www.w3.org/WAI/ARIA/apg/patterns/combobox/).
// The suggestions come from the form's data-suggest-url (/api/search/suggest/) and include pinyin and initials
// hits (sfz → 身份证), which a native <datalist> would hide because it filters by the typed text.
// Keyboard: Down/Up move through the suggestions, Enter searches for the highlighted one, Escape closes the list.
// A polite status line says how many suggestions there are. Without JavaScript the form still submits to /search/.
(function () {
  "use strict";
  if (!window.fetch) return;
  // The words the script says, translated by Django: data-label names the list, data-count announces it.
  var strings = document.currentScript ? document.currentScript.dataset : {};
  document.querySelectorAll("form[data-suggest-url]").forEach(enhance);

  function enhance(form) {
    var input = form.querySelector("input[name=q]");
    if (!input || !input.id) return;
    var wrapper = document.createElement("span");
    var list = document.createElement("ul");
    var status = document.createElement("span");
    var options = [];
    var active = -1;
    var timer = null;
    var latest = "";

    wrapper.className = "combobox";
    input.parentNode.insertBefore(wrapper, input);
    wrapper.appendChild(input);
    list.id = input.id + "-suggestions";
    list.className = "suggestions";
    list.hidden = true;
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", strings.label || "");
    wrapper.appendChild(list);
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    form.appendChild(status);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("aria-expanded", "false");

    function highlight(index) {
      active = index;
      options.forEach(function (option, i) { option.setAttribute("aria-selected", i === index ? "true" : "false"); });
      if (index < 0) input.removeAttribute("aria-activedescendant");
      else input.setAttribute("aria-activedescendant", options[index].id);
    }

    function open(isOpen) {
      list.hidden = !isOpen;
      input.setAttribute("aria-expanded", isOpen ? "true" : "false");
      if (!isOpen) highlight(-1);
    }

    function show(words) {
      list.textContent = "";
      options = words.map(function (word, i) {
        var option = document.createElement("li");
        option.id = list.id + "-" + i;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.textContent = word;
        list.appendChild(option);
        return option;
      });
      open(options.length > 0);
      status.textContent = options.length ? (strings.count || "").replace("{n}", options.length) : "";
    }

    function choose(option) {
      input.value = option.textContent;
      open(false);
      if (form.requestSubmit) form.requestSubmit();
      else form.submit();
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      var text = input.value.trim();
      latest = text;
      if (!text) return show([]);
      timer = setTimeout(function () {
        fetch(form.dataset.suggestUrl + "?q=" + encodeURIComponent(text), { headers: { Accept: "application/json" } })
          .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
          .then(function (data) { if (latest === text) show(data.suggestions || []); })
          .catch(function () { if (latest === text) show([]); });
      }, 150);
    });

    input.addEventListener("keydown", function (event) {
      if (event.isComposing) return;
      var count = options.length;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (!count) return;
        event.preventDefault();
        var step = event.key === "ArrowDown" ? 1 : -1;
        if (list.hidden) open(true);
        highlight(active < 0 ? (step > 0 ? 0 : count - 1) : (active + step + count) % count);
      } else if (event.key === "Enter" && !list.hidden && active >= 0) {
        event.preventDefault();
        choose(options[active]);
      } else if (event.key === "Escape" && !list.hidden) {
        event.preventDefault();
        open(false);
      }
    });

    input.addEventListener("blur", function () { open(false); });
    // Keep the focus in the box while a suggestion is pressed, so that the click lands before the blur.
    list.addEventListener("mousedown", function (event) { event.preventDefault(); });
    list.addEventListener("click", function (event) {
      var option = event.target.closest("[role=option]");
      if (option) choose(option);
    });
  }
})();
