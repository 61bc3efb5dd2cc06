// Progressive enhancement for the search box: suggestions (words, pinyin) from /api/search/suggest/ in a
// native <datalist>. Without JavaScript the form still submits to /search/.
(function () {
  "use strict";
  var form = document.querySelector("form[data-suggest-url]");
  if (!form || !window.fetch) return;
  var input = form.querySelector("input[name=q]");
  var list = document.createElement("datalist");
  list.id = "search-suggestions";
  form.appendChild(list);
  input.setAttribute("list", list.id);
  var timer = null;
  var latest = "";

  function show(words) {
    list.textContent = "";
    words.forEach(function (word) {
      var option = document.createElement("option");
      option.value = word;
      list.appendChild(option);
    });
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    var text = input.value.trim();
    if (!text) return show([]);
    timer = setTimeout(function () {
      latest = text;
      fetch(form.dataset.suggestUrl + "?q=" + encodeURIComponent(text), { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
        .then(function (data) { if (latest === text) show(data.suggestions || []); })
        .catch(function () { show([]); });
    }, 150);
  });
})();
