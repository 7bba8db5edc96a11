// SEL Systems Leadership Academy: suggest organisation names as a person types.
// Progressive enhancement: without scripts the field is a plain text box and the server matches the
// name typed. With scripts, accessible-autocomplete (GOV.UK, vendored under static/vendor) replaces the
// text box with a combobox of the same id and name that asks the portal for names as the person types.
// Loaded as an external script, so the Content Security Policy needs no inline script.
(function () {
  "use strict";
  if (typeof window.accessibleAutocomplete !== "function" || !window.fetch) {
    return;
  }
  // The component writes each suggestion into the page as HTML: names are text, so escape them.
  function escapeHtml(text) {
    return String(text == null ? "" : text)
      .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;").replace(/'/g, "&#39;");
  }
  document.querySelectorAll("input[data-autocomplete-source]").forEach(function (input) {
    var source = input.getAttribute("data-autocomplete-source");
    var describedBy = input.getAttribute("aria-describedby");
    var hasError = input.classList.contains("nhsuk-input--error");
    var container = document.createElement("div");
    var pending = null;
    input.parentNode.insertBefore(container, input);
    input.parentNode.removeChild(input);
    window.accessibleAutocomplete({
      element: container,
      id: input.id,
      name: input.name,
      defaultValue: input.value,
      minLength: 2,
      autoselect: false,
      confirmOnBlur: false,
      showNoOptionsFound: true,
      inputClasses: "nhsuk-input" + (hasError ? " nhsuk-input--error" : ""),
      tNoResults: function () { return "No organisation found"; },
      templates: {
        inputValue: function (name) { return name || ""; },
        suggestion: function (name) { return escapeHtml(name); },
      },
      tStatusQueryTooShort: function (minQueryLength) {
        return "Type " + minQueryLength + " or more characters for suggestions";
      },
      source: function (query, populateResults) {
        if (pending) {
          pending.abort();
        }
        pending = window.AbortController ? new AbortController() : null;
        window.fetch(source + "?q=" + encodeURIComponent(query), {
          headers: { Accept: "application/json" },
          credentials: "same-origin",
          signal: pending ? pending.signal : undefined,
        })
          .then(function (response) { return response.ok ? response.json() : { results: [] }; })
          .then(function (data) { populateResults(data.results || []); })
          .catch(function () { /* a newer query replaced this one, or the network failed: keep typing */ });
      },
    });
    if (describedBy) {
      // Keep the hint and any error message announced with the new input, after the component's own hint.
      var enhanced = container.querySelector("input");
      if (enhanced) {
        var own = enhanced.getAttribute("aria-describedby");
        enhanced.setAttribute("aria-describedby", own ? own + " " + describedBy : describedBy);
      }
    }
  });
})();
