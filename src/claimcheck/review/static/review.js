// Keyboard shortcuts and small conveniences. Every action is also a plain link or form
// button, so the pages work without this file.
(function () {
  "use strict";

  function typing(event) {
    const el = event.target;
    return el instanceof HTMLElement &&
      (el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName));
  }

  function helpDialog() {
    const dialog = document.getElementById("help");
    if (dialog && !dialog.open) dialog.showModal();
  }

  function queueRows() {
    return Array.from(document.querySelectorAll("#queue tbody tr[data-href]"));
  }

  function moveSelection(step) {
    const rows = queueRows();
    if (!rows.length) return;
    const current = rows.findIndex((row) => row.classList.contains("selected"));
    const next = Math.max(0, Math.min(rows.length - 1, current < 0 ? 0 : current + step));
    rows.forEach((row) => row.classList.remove("selected"));
    rows[next].classList.add("selected");
    rows[next].scrollIntoView({ block: "nearest" });
  }

  function openSelected() {
    const row = document.querySelector("#queue tbody tr.selected");
    if (row) window.location.assign(row.dataset.href);
  }

  function pressButton(key) {
    const target = document.querySelector('[data-key="' + key + '"]');
    if (!target || target.disabled) return false;
    if (target instanceof HTMLButtonElement && target.form) {
      target.form.requestSubmit(target);
    } else {
      target.click();
    }
    return true;
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (typing(event)) {
      if (event.key === "Escape") event.target.blur();
      return;
    }
    const key = event.key;
    if (key === "?") { helpDialog(); event.preventDefault(); return; }
    if (document.getElementById("queue") || document.body.classList.contains("page-queue")) {
      if (key === "j") { moveSelection(1); event.preventDefault(); return; }
      if (key === "k") { moveSelection(-1); event.preventDefault(); return; }
      if (key === "Enter" || key === "o") { openSelected(); return; }
      if (key === "/") {
        const search = document.getElementById("search");
        if (search) { search.focus(); event.preventDefault(); }
        return;
      }
    }
    if (key === "n") {
      const note = document.querySelector('[data-key-focus="n"]');
      if (note) { note.focus(); event.preventDefault(); }
      return;
    }
    if (key.length === 1 && pressButton(key)) event.preventDefault();
  });

  document.addEventListener("click", function (event) {
    const help = event.target.closest("[data-show-help]");
    if (help) { helpDialog(); return; }
    const row = event.target.closest("#queue tbody tr[data-href]");
    if (row && !event.target.closest("a, button, input")) window.location.assign(row.dataset.href);
  });

  document.addEventListener("DOMContentLoaded", function () {
    const mark = document.getElementById("claim-mark");
    const passage = document.getElementById("passage");
    if (mark && passage) {
      passage.scrollTop = Math.max(0, mark.offsetTop - passage.offsetTop - passage.clientHeight / 3);
    }
    // A decision form is sent once: a second key press while it posts does nothing.
    const form = document.getElementById("decision-form");
    if (form) {
      form.addEventListener("submit", function () {
        setTimeout(function () {
          form.querySelectorAll("button").forEach(function (b) { b.disabled = true; });
        }, 0);
      });
    }
  });
})();
