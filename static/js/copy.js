/* "Copy" buttons: <button data-copy="ID" hidden> copies the value of the field ID. Without this file
   the field can still be selected and copied by hand, so the button stays hidden. No inline scripts (CSP). */
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    if (!navigator.clipboard) return;
    document.querySelectorAll("button[data-copy]").forEach(function (button) {
      var field = document.getElementById(button.getAttribute("data-copy"));
      var status = document.getElementById(button.getAttribute("data-copy") + "-status");
      if (!field) return;
      button.hidden = false;
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(field.value).then(function () {
          if (status) status.textContent = button.getAttribute("data-copied") || "";
        });
      });
    });
  });
})();
