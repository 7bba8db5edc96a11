// SEL Systems Leadership Academy: start the NHS.UK frontend components.
// Loaded as an external ES module, so the Content Security Policy needs no inline script.
import { initAll } from "../vendor/nhsuk-frontend-10.6.1/js/nhsuk-frontend.min.js";

const body = document.body;
body.classList.add("js-enabled");
if ("noModule" in HTMLScriptElement.prototype) {
  body.classList.add("nhsuk-frontend-supported");
}

initAll();

// Content swapped in by htmx gets its components started too.
body.addEventListener("htmx:load", (event) => {
  const element = event.detail && event.detail.elt;
  if (element && element !== body && element.nodeType === Node.ELEMENT_NODE) {
    initAll(element);
  }
});
