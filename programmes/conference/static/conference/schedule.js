// On this page only: htmx's settling would copy an old element's style attribute onto its replacement, which the
// Content Security Policy (no inline styles) blocks; the editor needs no settling transitions.
if (window.htmx) {
  window.htmx.config.attributesToSettle = ["class", "width", "height"];
}
// The schedule editor: htmx swaps the editor's region after each change. A refused change answers 400 with the
// region and its error summary, so let htmx swap that too, then move focus to the error summary or the status
// message, so keyboard and screen reader users hear what happened.
document.body.addEventListener("htmx:beforeSwap", (event) => {
  const target = event.detail.target;
  if (event.detail.xhr.status === 400 && target && target.hasAttribute("data-swap-errors")) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});
document.body.addEventListener("htmx:afterSettle", (event) => {
  const region = document.getElementById("schedule-editor");
  const elt = event.detail.elt;
  if (!region || !elt || !(elt === region || elt.id === "schedule-editor" || region.contains(elt))) return;
  const summary = region.querySelector(".nhsuk-error-summary");
  const focus = summary || document.getElementById("schedule-status");
  if (focus) focus.focus();
});
