// Warns people before they are signed out (WCAG 2.2.1), the NHS.UK/GOV.UK timeout pattern: a modal
// dialog that takes focus and says how long is left. Staff idle for 30 minutes are offered "Stay signed
// in" or "Sign out"; everyone is told when the 12-hour sign-out will happen, with "Sign in again".
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

function formValues() {
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
  return saved;
}

function store(key, value) {
  try {
    window.sessionStorage.setItem(key, JSON.stringify(value));
  } catch (error) {
    // Storage full or refused (private browsing): nothing is kept, the sign-out still happens.
  }
}

export function saveForms() {
  const saved = formValues();
  if (saved.length) {
    store(storeKey(), saved);
  }
}

// A form sent after the server has already signed the person out (another tab signed out, a clock that
// drifted) is answered with the sign-in page, and what was typed would be lost. So every form sent keeps
// a copy until the next page: if that page is sign-in, coming back to this address, the copy is kept to
// be put back after signing in; any other page (the form was accepted, or shown again with its errors)
// throws it away.
const PENDING_KEY = "academy-sent-form";

function signInPath() {
  const meta = document.querySelector('meta[name="academy-sign-in"]');
  return meta ? meta.content : null;
}

function keepWhatIsSent() {
  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (!postForms().includes(form) || window.location.pathname === signInPath()) {
      return;
    }
    const saved = formValues();
    if (saved.length) {
      store(PENDING_KEY, { path: window.location.pathname, saved });
    }
  });
}

function settleWhatWasSent() {
  let sent;
  try {
    sent = JSON.parse(window.sessionStorage.getItem(PENDING_KEY) || "null");
    window.sessionStorage.removeItem(PENDING_KEY);
  } catch (error) {
    return;
  }
  if (!sent || typeof sent.path !== "string" || window.location.pathname !== signInPath()) {
    return;
  }
  const next = new URLSearchParams(window.location.search).get("next") || "";
  if (next.split("?")[0] === sent.path) {
    store(STORE_PREFIX + sent.path, sent.saved);
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

// Two sign-outs, two dialogs. Staff are signed out after 30 minutes without activity (#session-timeout:
// "Stay signed in" puts it off); everyone is signed out 12 hours after signing in (#session-ending: nothing
// puts it off, so it says when, and offers to sign in again now, back to this page). Only the sooner of
// the two is ever shown, and "Stay signed in" never counts past the 12-hour sign-out.
function start(idleDialog, endingDialog) {
  const loaded = Date.now();
  let endsAt = endingDialog ? loaded + Number(endingDialog.dataset.remaining) * 1000 : Infinity;
  const endingWarning = endingDialog ? Number(endingDialog.dataset.warning) * 1000 : 0;
  let idleDeadline = idleDialog ? loaded + Number(idleDialog.dataset.remaining) * 1000 : Infinity;
  const idleWarning = idleDialog ? Number(idleDialog.dataset.warning) * 1000 : 0;
  const idleLimit = idleDialog ? Number(idleDialog.dataset.limit) * 1000 : 0;
  const stay = idleDialog ? idleDialog.querySelector("[data-timeout-stay]") : null;
  const carryOn = endingDialog ? endingDialog.querySelector("[data-timeout-continue]") : null;
  const signInAgain = endingDialog ? endingDialog.querySelector("[data-timeout-sign-in-again]") : null;
  const announced = new Map();
  let endingDismissed = false;
  let returnFocus = null;
  let finished = false;

  function deadline() {
    return Math.min(idleDeadline, endsAt);
  }

  function open(dialog, focus) {
    if (dialog.open) {
      return;
    }
    [idleDialog, endingDialog].forEach((other) => {
      if (other && other !== dialog && other.open) {
        other.close();
      }
    });
    if (!returnFocus) {
      returnFocus = document.activeElement;
    }
    announced.delete(dialog);
    dialog.showModal();
    focus.focus();
  }

  function close(dialog) {
    if (!dialog || !dialog.open) {
      return;
    }
    dialog.close();
    if (returnFocus && typeof returnFocus.focus === "function") {
      returnFocus.focus();
    }
    returnFocus = null;
  }

  function show(dialog, left, message) {
    dialog.querySelector("[data-timeout-countdown]").textContent = inWords(left);
    // Announce at opening, then every 15 seconds (GOV.UK pattern): not every second.
    const last = announced.get(dialog);
    if (last === undefined || last - left >= 15) {
      dialog.querySelector("[data-timeout-announce]").textContent = message;
      announced.set(dialog, left);
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
    const now = Date.now();
    if (now >= deadline()) {
      signOutNow();
      return;
    }
    const idleFirst = idleDeadline < endsAt;
    const idleLeft = Math.ceil((idleDeadline - now) / 1000);
    const endingLeft = Math.ceil((endsAt - now) / 1000);
    if (idleDialog && idleFirst && idleLeft * 1000 <= idleWarning) {
      open(idleDialog, stay);
      show(idleDialog, idleLeft, `For your security, we will sign you out in ${inWords(idleLeft)}.`);
    } else if (idleDialog && idleDialog.open) {
      close(idleDialog);
    }
    if (endingDialog && !idleFirst && !endingDismissed && endingLeft * 1000 <= endingWarning) {
      open(endingDialog, signInAgain.querySelector("button"));
      show(endingDialog, endingLeft,
        `We will sign you out at ${endingDialog.dataset.at}, in ${inWords(endingLeft)}. Save your work.`);
    }
  }

  if (stay) {
    stay.addEventListener("click", async () => {
      stay.disabled = true;
      try {
        const response = await fetch(idleDialog.dataset.extendUrl, {
          method: "POST",
          credentials: "same-origin",
          headers: { "X-CSRFToken": csrfToken(idleDialog), Accept: "application/json" },
        });
        const answer = response.ok ? await response.json() : null;
        if (answer && typeof answer.remaining === "number") {
          idleDeadline = Date.now() + answer.remaining * 1000;
          if (typeof answer.ends_in === "number") {
            endsAt = Date.now() + answer.ends_in * 1000;
          }
          close(idleDialog);
          tick(); // the 12-hour sign-out may be next: its own warning says so at once
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
    idleDialog.addEventListener("cancel", (event) => {
      event.preventDefault();
      stay.click();
    });
  }

  if (endingDialog) {
    const dismiss = () => {
      endingDismissed = true;
      close(endingDialog);
    };
    carryOn.addEventListener("click", dismiss);
    endingDialog.addEventListener("cancel", (event) => {
      event.preventDefault();
      dismiss();
    });
    // Signing in again signs out first: keep what was typed, as when the time runs out.
    signInAgain.addEventListener("submit", () => {
      finished = true;
      saveForms();
    });
  }

  // Any request to the server (an htmx poll, a search as you type) counts as activity there; the server
  // records it at most once a minute, so count from a minute before.
  if (idleDialog) {
    document.body.addEventListener("htmx:afterRequest", () => {
      idleDeadline = Math.max(idleDeadline, Date.now() + idleLimit - 60 * 1000);
    });
  }

  // Saving before the page is left for sign-in also covers a laptop woken after the time ran out.
  window.addEventListener("pagehide", () => {
    if (Date.now() >= deadline()) {
      saveForms();
    }
  });

  tick();
  window.setInterval(tick, 1000);
}

settleWhatWasSent();
keepWhatIsSent();
const idleDialog = document.getElementById("session-timeout");
const endingDialog = document.getElementById("session-ending");
if (idleDialog || endingDialog) {
  restoreForms();
  start(idleDialog, endingDialog);
}
