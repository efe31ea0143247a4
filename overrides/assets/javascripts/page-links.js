/* The links of a page to itself, in other languages and on paper (overrides/main.html).
 *
 * 1. Material's "stay on page" language switch fetches sitemap.xml next to each
 *    <link rel="alternate"> of the page: the languages (3 requests a page view: 404 on
 *    a mirror, CORS errors from file://) and, online, the "What changed" feed
 *    (ru/sitemap.xml: 404). The language links here already lead to the same page, so
 *    those <link>s are taken out of its sight before it starts; crawlers and feed
 *    readers read them in the HTML (and the online profile's sitemap has them too).
 * 2. A language link keeps the reader's place: the #anchor of the address, or else the
 *    section being read (headings have the same ids in every language).
 * 3. The printed address is the one the page was opened at, over http(s); from a file
 *    it stays the page's path inside the guide (no folder of the reader's is printed).
 * Must run before Material's bundle. Nothing is stored. */
(function () {
  "use strict";
  var alternates = document.querySelectorAll('link[rel="alternate"]');
  for (var i = 0; i < alternates.length; i++) alternates[i].remove();

  function place() {
    if (location.hash.length > 1) return location.hash;
    var top = 80, found = "";
    var headings = document.querySelectorAll("article h2[id], article h3[id]");
    for (var j = 0; j < headings.length; j++) {
      if (headings[j].getBoundingClientRect().top > top) break;
      found = "#" + headings[j].id;
    }
    return found;
  }
  document.addEventListener("click", function (event) {
    var link = event.target instanceof Element &&
      event.target.closest(".page-languages a[hreflang], .md-select__link[hreflang]");
    if (!link) return;
    var hash = place();
    if (hash) link.href = link.href.split("#")[0] + hash;
  }, true);

  if (/^https?:$/.test(location.protocol)) {
    var here = location.origin + location.pathname;
    document.addEventListener("DOMContentLoaded", function () {
      var shown = document.querySelectorAll("[data-page-address]");
      for (var k = 0; k < shown.length; k++) shown[k].textContent = here;
    });
  }
})();
