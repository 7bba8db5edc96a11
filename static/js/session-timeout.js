// Warns staff before they are signed out for being idle (WCAG 2.2.1), the NHS.UK/GOV.UK timeout pattern:
// a modal dialog that takes focus, says how long is left and offers "Stay signed in" or "Sign out".
// When time runs out, what was typed into the page's forms is kept in sessionStorage (this tab only,
// never passwords) and put back once the person has signed in again and returns to the page.
// Loaded as an external module: the Content Security Policy allows no inline script.

const STORE_PREFIX = "academy-saved-form:";
const SKIPPED_TYPES = new Set(["password", "hidden", "file", "submit", "button", "reset", "image"]);

function storeKey() {
  return STORE_PREFIX + window.location.pathname;
}

function keptFields(form) {
  return Array.from(form.elements).filter(
    (element) =>
      element.name &&
      !element.disabled &&
      !SKIPPED_TYPES.has(element.type) &&
      element.autocomplete !== "one-time-code" &&
      element.name !== "csrfmiddlewaretoken",
  );
}

function postForms() {
  return Array.from(document.querySelectorAll("main form")).filter(
    (form) => (form.getAttribute("method") || "get").toLowerCase() === "post" && !form.hasAttribute("data-timeout-ignore"),
  );
}

export function saveForms() {
  const saved = [];
  postForms().forEach((form, index) => {
    keptFields(form).forEach((element) => {
      if (element.type === "checkbox" || element.type === "radio") {
        saved.push({ form: index, name: element.name, value: element.value, checked: element.checked });
      } else if (element.tagName === "SELECT" && element.multiple) {
        const values = Array.from(element.selectedOptions).map((option) => option.value);
        saved.push({ form: index, name: element.name, values });
      } else {
        saved.push({ form: index, name: element.name, value: element.value });
      }
    });
  });
  if (saved.length) {
    try {
      window.sessionStorage.setItem(storeKey(), JSON.stringify(saved));
    } catch (error) {
      // Storage full or refused (private browsing): nothing is kept, the sign-out still happens.
    }
  }
}

function restoreForms() {
  let saved;
  try {
    saved = JSON.parse(window.sessionStorage.getItem(storeKey()) || "null");
    window.sessionStorage.removeItem(storeKey());
  } catch (error) {
    return;
  }
  if (!Array.isArray(saved) || !saved.length) {
    return;
  }
  const forms = postForms();
  let restored = 0;
  saved.forEach((item) => {
    const form = forms[item.form];
    if (!form) {
      return;
    }
    keptFields(form)
      .filter((element) => element.name === item.name)
      .forEach((element) => {
        if (element.type === "checkbox" || element.type === "radio") {
          if (element.value === item.value) {
            element.checked = Boolean(item.checked);
            restored += 1;
          }
        } else if (Array.isArray(item.values)) {
          Array.from(element.options).forEach((option) => {
            option.selected = item.values.includes(option.value);
          });
          restored += 1;
        } else if (typeof item.value === "string") {
          element.value = item.value;
          restored += 1;
        }
      });
  });
  if (restored) {
    const main = document.querySelector("main");
    const notice = document.createElement("div");
    notice.className = "nhsuk-inset-text";
    notice.setAttribute("role", "status");
    const text = document.createElement("p");
    text.textContent = "We have put back what you typed before you were signed out. Check it before you continue.";
    notice.appendChild(text);
    main.insertBefore(notice, main.firstChild);
  }
}

function inWords(seconds) {
  if (seconds >= 60) {
    const minutes = Math.ceil(seconds / 60);
    return minutes === 1 ? "1 minute" : `${minutes} minutes`;
  }
  return seconds === 1 ? "1 second" : `${seconds} seconds`;
}

function csrfToken(dialog) {
  const input = dialog.querySelector("input[name=csrfmiddlewaretoken]");
  return input ? input.value : "";
}

function start(dialog) {
  const warning = Number(dialog.dataset.warning) * 1000;
  const limit = Number(dialog.dataset.limit) * 1000;
  const countdown = dialog.querySelector("[data-timeout-countdown]");
  const announce = dialog.querySelector("[data-timeout-announce]");
  const stay = dialog.querySelector("[data-timeout-stay]");
  let deadline = Date.now() + Number(dialog.dataset.remaining) * 1000;
  let lastAnnounced = null;
  let returnFocus = null;
  let finished = false;

  function open() {
    returnFocus = document.activeElement;
    lastAnnounced = null;
    dialog.showModal();
    stay.focus();
  }

  function close() {
    if (dialog.open) {
      dialog.close();
    }
    if (returnFocus && typeof returnFocus.focus === "function") {
      returnFocus.focus();
    }
  }

  function signOutNow() {
    finished = true;
    saveForms();
    // The server has signed the person out by now: reloading takes them to sign in, then back here.
    window.location.reload();
  }

  function tick() {
    if (finished) {
      return;
    }
    const left = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
    if (left <= 0) {
      signOutNow();
      return;
    }
    if (left * 1000 <= warning) {
      if (!dialog.open) {
        open();
      }
      countdown.textContent = inWords(left);
      // Announce at opening, then every 15 seconds (GOV.UK pattern): not every second.
      if (lastAnnounced === null || lastAnnounced - left >= 15) {
        announce.textContent = `For your security, we will sign you out in ${inWords(left)}.`;
        lastAnnounced = left;
      }
    } else if (dialog.open) {
      close();
    }
  }

  stay.addEventListener("click", async () => {
    stay.disabled = true;
    try {
      const response = await fetch(dialog.dataset.extendUrl, {
        method: "POST",
        credentials: "same-origin",
        headers: { "X-CSRFToken": csrfToken(dialog), Accept: "application/json" },
      });
      const answer = response.ok ? await response.json() : null;
      if (answer && typeof answer.remaining === "number") {
        deadline = Date.now() + answer.remaining * 1000;
        close();
      } else {
        signOutNow();
      }
    } catch (error) {
      signOutNow();
    } finally {
      stay.disabled = false;
    }
  });

  // Escape would close the dialog without an answer: treat it as "Stay signed in".
  dialog.addEventListener("cancel", (event) => {
    event.preventDefault();
    stay.click();
  });

  // Any request to the server (an htmx poll, a search as you type) counts as activity there; the server
  // records it at most once a minute, so count from a minute before.
  document.body.addEventListener("htmx:afterRequest", () => {
    deadline = Math.max(deadline, Date.now() + limit - 60 * 1000);
  });

  // Saving before the page is left for sign-in also covers a laptop woken after the time ran out.
  window.addEventListener("pagehide", () => {
    if (Date.now() >= deadline) {
      saveForms();
    }
  });

  tick();
  window.setInterval(tick, 1000);
}

const dialog = document.getElementById("session-timeout");
if (dialog) {
  restoreForms();
  start(dialog);
}
