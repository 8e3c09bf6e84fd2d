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

// Files from the worker's own computer (anef_tui/serve/depot.py): the server gives this
// session's token on the socket; when the app's « Joindre » asks, the browser's file dialog
// opens (a key was just pressed in the page, so the browser allows it) and the chosen files
// are posted to this server, for this session only. textual.js ignores these messages.
let anefDepotToken = null;
const NativeWebSocket = window.WebSocket;
function AnefWebSocket(url, protocols) {
  const socket = protocols === undefined
    ? new NativeWebSocket(url) : new NativeWebSocket(url, protocols);
  socket.addEventListener("message", (event) => {
    if (typeof event.data !== "string" || !event.data.startsWith('["anef_')) {
      return;
    }
    let message;
    try {
      message = JSON.parse(event.data);
    } catch (error) {
      return;
    }
    if (message[0] === "anef_depot" && typeof message[1] === "string") {
      anefDepotToken = message[1];
    } else if (message[0] === "anef_choisir" && anefDepotToken) {
      document.getElementById("depot").click();
    }
  });
  return socket;
}
AnefWebSocket.prototype = NativeWebSocket.prototype;
for (const name of ["CONNECTING", "OPEN", "CLOSING", "CLOSED"]) {
  AnefWebSocket[name] = NativeWebSocket[name];
}
window.WebSocket = AnefWebSocket;

async function anefSend(files) {
  const form = new FormData();
  for (const file of files) {
    form.append("fichier", file, file.name);
  }
  await fetch("depot/" + encodeURIComponent(anefDepotToken), { method: "POST", body: form });
}

window.addEventListener("DOMContentLoaded", () => {
  const depot = document.getElementById("depot");
  depot.addEventListener("change", async () => {
    const files = Array.from(depot.files || []);
    depot.value = "";
    const input = document.querySelector("#terminal .xterm-helper-textarea");
    if (input) {
      input.focus();
    }
    if (files.length && anefDepotToken) {
      await anefSend(files);
    }
  });
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
