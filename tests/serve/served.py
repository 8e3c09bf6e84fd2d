"""Shared by the served app's tests (issue 26): `anef-tui servir` started as a user starts
it (a process of its own, a free port on the loopback), and a real Chromium (Debian's, found
by `.ci/browser-binaries`) driven by Playwright, reading the screen as a screen reader does
(xterm.js's accessibility tree, the served page's screen-reader mode)."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

_ROOT = Path(__file__).resolve().parents[2]

#: Chromium's flags on this machine (no GPU, no sandbox as root, nothing of its own sent).
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
    "--disable-default-apps", "--disable-extensions", "--metrics-recording-only",
    "--no-default-browser-check", "--disable-domain-reliability",
]


def chromium_path() -> str:
    """Debian's Chromium (installed by `.ci/browser-binaries` when missing)."""
    found = subprocess.run([str(_ROOT / ".ci" / "browser-binaries")], check=True,
                           capture_output=True, text=True)
    return found.stdout.strip().splitlines()[-1]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Served:
    """`anef-tui servir` on a data folder, running until `stop`."""

    def __init__(self, data_dir: Path, *extra: str, env: dict[str, str] | None = None) -> None:
        self.data_dir = Path(data_dir)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        environment = dict(os.environ)
        environment.pop("ANEF_TUI_PHRASE_FILE", None)
        environment.update(env or {})
        self.log = self.data_dir.parent / f"servir-{self.port}.log"
        self._log = open(self.log, "wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "anef_tui", "--data-dir", str(self.data_dir), "servir",
             "--port", str(self.port), *extra],
            stdout=self._log, stderr=subprocess.STDOUT, env=environment,
            start_new_session=True)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"servir s'est arrêté : {self.log.read_text()}")
            with contextlib.suppress(OSError), socket.create_connection(
                    ("127.0.0.1", self.port), timeout=0.5):
                return
            time.sleep(0.05)
        raise AssertionError("servir n'écoute pas")

    def sessions(self) -> list[int]:
        """The pids of this server's session processes (one per open tab)."""
        found = []
        marker = str(self.data_dir).encode()
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                cmdline = Path("/proc", entry, "cmdline").read_bytes()
            except OSError:
                continue
            if b"anef_tui.serve.session" in cmdline and marker in cmdline:
                found.append(int(entry))
        return found

    def wait_no_sessions(self, timeout: float = 20.0) -> list[int]:
        """The session processes still there once none is left or `timeout` has passed."""
        deadline = time.monotonic() + timeout
        while self.sessions() and time.monotonic() < deadline:
            time.sleep(0.1)
        return self.sessions()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        for pid in self.sessions():  # never left behind, even by a failed test
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        self._log.close()


@contextlib.contextmanager
def served(data_dir: Path, *extra: str, env: dict[str, str] | None = None) -> Iterator[Served]:
    server = Served(data_dir, *extra, env=env)
    try:
        yield server
    finally:
        server.stop()


def screen(page) -> str:
    """The terminal's rows as a screen reader reads them."""
    return page.evaluate(
        "() => { const tree = document.querySelector('.xterm-accessibility-tree');"
        " return tree ? tree.innerText : ''; }")


def wait_for_text(page, text: str, timeout: float = 30.0) -> str:
    """The screen once `text` is on it (AssertionError with the screen otherwise)."""
    deadline = time.monotonic() + timeout
    shown = ""
    while time.monotonic() < deadline:
        shown = screen(page)
        if text in shown:
            return shown
        page.wait_for_timeout(100)
    raise AssertionError(f"« {text} » n'est pas à l'écran :\n{shown}")


def type_keys(page, *keys: str, pause_ms: int = 150) -> None:
    """Keys one by one, as typed (« T:… » is text), each given a moment to land (a key
    that moves the focus is taken by the app before the next one, as at a desk)."""
    for key in keys:
        if key.startswith("T:"):
            page.keyboard.type(key[2:])
        else:
            page.keyboard.press(key)
        page.wait_for_timeout(pause_ms)


def hosts(urls: list[str]) -> set[str]:
    return {urlsplit(url).netloc for url in urls if not url.startswith(("data:", "blob:"))}
