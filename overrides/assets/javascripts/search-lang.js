/* Search per language, with stemmed Russian and Ukrainian queries (MIT).
   Wraps Material's search worker; loads search/search_index.<lang>.js (and
   search-stem.js) only when the reader searches. See hooks/sitetools/search.py. */
(function () {
  "use strict";
  var Native = window.Worker;
  var me = document.currentScript;
  if (typeof Native !== "function" || !me) return;
  try { new EventTarget(); } catch (e) { return; } /* Safari < 14 */

  /* This file is <root>/assets/javascripts/search-lang.js */
  var root = new URL("../../", me.src).href;
  var lang = (document.documentElement.getAttribute("lang") || "en").split("-")[0];
  var STEMMED = { ru: 1, uk: 1 };
  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3; /* Material's message types */
  var current = null;

  function load(src) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = src;
      s.onload = function () { s.remove(); resolve(); };
      s.onerror = function () { s.remove(); reject(new Error("cannot load " + src)); };
      document.head.appendChild(s);
    });
  }

  function SearchWorker(url) {
    var self = new EventTarget();
    var worker = null, ready = null, pending = null, options = { suggest: false };

    function emit(data) {
      setTimeout(function () {
        var ev = new MessageEvent("message", { data: data });
        self.dispatchEvent(ev);
        if (typeof self.onmessage === "function") self.onmessage(ev);
      }, 0);
    }

    function start() {
      if (ready) return ready;
      ready = Promise.all([
        load(root + "search/search_index." + lang + ".js"),
        STEMMED[lang] ? load(root + "assets/javascripts/search-stem.js") : null
      ]).then(function () {
        var store = window.__siteSearch || {};
        var index = store[lang];
        delete store[lang]; /* the worker gets its own copy */
        if (!index) throw new Error("no search index for " + lang);
        worker = new Native(url);
        return new Promise(function (resolve) {
          worker.addEventListener("message", function (ev) {
            if (ev.data && ev.data.type === READY) resolve();
            else emit(ev.data);
          });
          worker.postMessage({
            type: SETUP, data: { config: index.config, docs: index.docs, options: options }
          });
        });
      });
      return ready;
    }

    function flush() {
      if (pending === null) return;
      var query = pending, stem = window.siteSearchStem;
      pending = null;
      worker.postMessage({ type: QUERY, data: stem ? stem.rewrite(query, lang) : query });
    }

    function fail(err) {
      pending = null;
      if (window.console) console.warn("search:", err);
      emit({ type: RESULT, data: { items: [] } });
    }

    self.postMessage = function (msg) {
      if (!msg) return;
      if (msg.type === SETUP) {
        /* Material's own index is the stub: answer at once, load on demand */
        if (msg.data && msg.data.options) options = msg.data.options;
        emit({ type: READY });
      } else if (msg.type === QUERY) {
        if (!worker && !String(msg.data || "").trim()) {
          emit({ type: RESULT, data: { items: [] } });
          return;
        }
        pending = String(msg.data || "");
        start().then(flush, fail);
      } else {
        start().then(function () { worker.postMessage(msg); }, fail);
      }
    };
    self.terminate = function () { if (worker) worker.terminate(); };
    self.warm = function () { start().catch(fail); };
    return self;
  }

  window.Worker = function (url, opts) {
    if (!/\/workers\/search\.[^/]*js$/.test(String(url))) return new Native(url, opts);
    return (current = SearchWorker(String(url)));
  };
  window.Worker.prototype = Native.prototype;

  /* Start loading as soon as the reader focuses the search box */
  document.addEventListener("focusin", function (ev) {
    var el = ev.target;
    if (current && el && el.matches && el.matches("[data-md-component=search-query]"))
      current.warm();
  });
})();
