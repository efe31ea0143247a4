/* Quick exit (the GOV.UK "Exit this page" pattern).
 * Clicking the exit link, or pressing Shift 3 times within 2 seconds, replaces
 * this page with a neutral local page. location.replace() leaves no new
 * history entry; it does NOT erase the browser history already there.
 * Without JavaScript the link still works as a plain link.
 * Nothing is stored anywhere. */
(function () {
  "use strict";
  var link = document.querySelector("a[data-quick-exit]");
  if (!link) return;
  function leave(event) {
    if (event) event.preventDefault();
    document.body.style.display = "none";
    document.title = "";
    window.location.replace(link.href);
  }
  link.addEventListener("click", leave);
  var presses = [];
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Shift" || event.repeat) return;
    var now = Date.now();
    presses = presses.filter(function (t) { return now - t < 2000; });
    presses.push(now);
    if (presses.length >= 3) leave(event);
  });
})();
