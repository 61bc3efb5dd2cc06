// Learning from searches (search/clicks.py): tells the site which result a citizen opens, and which search found
// guides just after one that found nothing, so that editors can add the synonym that was missing.
// Nothing identifies the person: the beacon carries the queries, the guide's id and its position. The query that
// found nothing waits in this tab's sessionStorage for a few minutes; it is never sent on its own.
// The results page stays cacheable (the script reads what it needs from data attributes). Without JavaScript,
// or without navigator.sendBeacon, nothing is recorded.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !navigator.sendBeacon || !window.URLSearchParams) return;
  var KEY = "zhinan-search-found-nothing";
  var WINDOW_MS = 10 * 60 * 1000;
  var url = script.dataset.beaconUrl;
  var query = script.dataset.query || "";
  if (!url || !query) return;

  if (script.dataset.results === "0") {
    store({ q: query, at: Date.now() });
    return;
  }
  var previous = read();
  var prev = previous && previous.q !== query && Date.now() - previous.at < WINDOW_MS ? previous.q : "";
  if (prev) {
    store(null); // one reformulation per query that found nothing; clicks on this page still carry it
    send({ q: query, prev: prev });
  }
  document.addEventListener("click", opened);
  document.addEventListener("auxclick", opened); // a result opened in a new tab with the middle button

  function opened(event) {
    var link = event.target.closest ? event.target.closest("a[data-guide]") : null;
    if (!link || (event.type === "auxclick" && event.button !== 1)) return;
    var data = { q: query, guide: link.dataset.guide, position: link.dataset.position };
    if (prev) data.prev = prev;
    send(data);
  }

  function send(data) {
    try {
      navigator.sendBeacon(url, new URLSearchParams(data));
    } catch (error) {
      // a refused beacon is a click not counted, nothing more
    }
  }

  function read() {
    try {
      return JSON.parse(window.sessionStorage.getItem(KEY) || "null");
    } catch (error) {
      return null;
    }
  }

  function store(value) {
    try {
      if (value) window.sessionStorage.setItem(KEY, JSON.stringify(value));
      else window.sessionStorage.removeItem(KEY);
    } catch (error) {
      // storage disabled (private browsing): no reformulation is counted
    }
  }
})();
