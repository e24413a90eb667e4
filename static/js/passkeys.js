/* Passkeys: fingerprint or face login on the worker's phone (navigator.credentials).
   No inline scripts (CSP): a page marks its forms with data attributes.
   - <form data-passkey-form="create" data-passkey-options="ID">: ID is a json_script element
     holding {"creation_options": ...}; the phone makes a passkey, the form posts its answer.
   - <form data-passkey-form="get" data-passkey-options-url="URL">: the options come from URL
     (JSON); the phone checks the fingerprint or face, the form posts its answer.
   The answer goes into the form's hidden "credential" field. A box marked data-passkey stays
   hidden where the browser has no passkeys or this file does not run; the page's other way
   (the code to show to the instructor) is always there. Uses allauth's webauthn-json. */
(function () {
  "use strict";
  if (!window.PublicKeyCredential || !window.webauthnJSON) return;
  var webauthnJSON = window.webauthnJSON;

  function show(form, failed) {
    var error = form.querySelector("[data-passkey-error]");
    if (error) error.hidden = !failed;
    var button = form.querySelector("button[type=submit]");
    if (button) button.disabled = false;
  }

  async function options(form) {
    if (form.dataset.passkeyForm === "create") {
      var data = JSON.parse(document.getElementById(form.dataset.passkeyOptions).textContent);
      return data.creation_options;
    }
    var response = await fetch(form.dataset.passkeyOptionsUrl, {
      method: "GET",
      credentials: "same-origin",
      headers: { Accept: "application/json" }
    });
    if (!response.ok) throw new Error("no passkey options");
    return (await response.json()).request_options;
  }

  async function answer(form) {
    var opts = await options(form);
    if (form.dataset.passkeyForm === "create") return webauthnJSON.create(opts);
    return webauthnJSON.get(opts);
  }

  document.addEventListener("submit", async function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("form[data-passkey-form]")) return;
    var field = form.querySelector("input[name=credential]");
    if (field.value) return; // the answer is in: let the form go
    event.preventDefault();
    var button = form.querySelector("button[type=submit]");
    if (button) button.disabled = true;
    try {
      field.value = JSON.stringify(await answer(form));
      form.submit();
    } catch (error) {
      field.value = "";
      show(form, true);
    }
  });

  function reveal() {
    document.querySelectorAll("[data-passkey]").forEach(function (box) {
      box.hidden = false;
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", reveal);
  else reveal();
})();
