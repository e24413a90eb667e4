/* Small progressive enhancements; every page works without this file. No inline scripts (CSP). */
(function () {
  "use strict";

  // An error summary link moves the keyboard focus into its field, not only the scroll position.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[href^='#']");
    if (!link || !link.closest("#error-summary, .error-summary")) return;
    var target = document.getElementById(link.getAttribute("href").slice(1));
    if (!target) return;
    var field = target.matches("input, select, textarea") ? target : target.querySelector("input, select, textarea");
    if (!field) return;
    // Let the browser follow the link (the address keeps the #field), then move the focus.
    window.setTimeout(function () {
      field.focus();
      field.scrollIntoView({ block: "center" });
    }, 0);
  });

  // A page with an error summary opens with the focus on it, so a screen reader reads it first.
  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.querySelector("#error-summary[tabindex]");
    if (summary) summary.focus();
  });
})();
