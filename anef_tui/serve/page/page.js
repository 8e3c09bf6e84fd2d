// anef-tui served (issue 26). Loaded before textual.js, from this server only.
"use strict";

// A file the app delivers (a PDF, « Ce que anef-tui sait de vous », a scan) is downloaded
// by the browser: a link with « download », same origin, clicked here. (textual-serve opens
// a new tab instead, which browsers block when no key was pressed on the page.)
function anefDownload(url) {
  const link = document.createElement("a");
  link.href = url;
  link.download = "";
  link.rel = "noopener";
  document.body.appendChild(link);
  link.click();
  link.remove();
}

window.addEventListener("DOMContentLoaded", () => {
  const restart = document.getElementById("restart");
  for (const button of [restart, document.getElementById("start")]) {
    button.addEventListener("click", () => {
      window.location.href = window.location.pathname;
    });
  }
  // The keyboard goes to the app as soon as it shows (nothing to click first); when the
  // session ends, to « Nouvelle session » (a screen reader says it).
  let typing = false;
  new MutationObserver(() => {
    const classes = document.body.classList;
    if (classes.contains("-closed")) {
      restart.focus();
    } else if (!typing && classes.contains("-first-byte")) {
      const input = document.querySelector("#terminal .xterm-helper-textarea");
      if (input) {
        typing = true;
        input.focus();
      }
    }
  }).observe(document.body, { attributes: true, attributeFilter: ["class"] });
});
