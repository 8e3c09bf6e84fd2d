"""One browser session, one process, and in it the apps of a session in turn: the vault's
door (an encrypted folder's passphrase) and then the app itself.

textual-serve starts one process per browser tab and speaks to it through its standard
input and output, in packets (`textual.drivers.web_driver`). Textual's `WebDriver` is made
for one app per process: each one writes the prelude textual-serve waits for, reads the
standard input in a thread of its own and, when it stops, tells textual-serve that the
session is over. Here the door runs first and exits with the folder's key, then the app
runs (`cli.cmd_app`, as in a terminal). `SessionDriver` keeps the session across them:

- the prelude is written once, by the first app;
- one thread reads the standard input for the whole session and hands each packet to the
  app running now; what arrives between two apps waits for the next (no key is lost);
- the last size the browser gave is the next app's first;
- an app that stops does not end the session: `end_session` does, once, when the process
  is done (`serve.session`).

Textual is pinned exactly (pyproject): the parts of `WebDriver` used here are read there.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
import threading
from codecs import getincrementaldecoder
from typing import Any

from textual import events, messages
from textual._xterm_parser import XTermParser
from textual.drivers._byte_stream import ByteStream
from textual.drivers._input_reader import InputReader
from textual.drivers.web_driver import WebDriver, _ExitInput
from textual.geometry import Size
from textual.message import Message

#: (module:class, name) of every private name of Textual used here, and why: with
#: `ui/textual_private.py`, the only modules that touch Textual's private names
#: (tests/unit/test_textual_private.py checks that each still exists after an upgrade).
PRIVATE_USES: tuple[tuple[str, str | None, str], ...] = (
    ("textual.drivers.web_driver:_ExitInput", None,
     "what ends the web driver's input loop when textual-serve says « exit »"),
    ("textual._xterm_parser:XTermParser", None, "the keys of a packet, as every driver reads them"),
    ("textual.drivers._byte_stream:ByteStream", None, "textual-serve's packets, as WebDriver reads them"),
    ("textual.drivers._input_reader:InputReader", None, "the standard input, as WebDriver reads it"),
    ("textual.driver:Driver", "_app", "the app a driver feeds (Textual's drivers have no other way)"),
    ("textual.app:App", "_post_message", "WebDriver's way to post from the loop's thread"),
    ("textual.drivers.web_driver:WebDriver", "_write", "the raw packet channel (the prelude)"),
    ("textual.driver:Driver", "_size", "the size the app starts at"),
    ("textual.drivers.web_driver:WebDriver", "_enable_mouse_support",
     "start_application_mode as WebDriver's, step by step"),
    ("textual.drivers.web_driver:WebDriver", "_request_terminal_sync_mode_support",
     "start_application_mode as WebDriver's, step by step"),
    ("textual.drivers.web_driver:WebDriver", "_enable_bracketed_paste",
     "start_application_mode as WebDriver's, step by step"),
    ("textual.drivers.web_driver:WebDriver", "_on_meta",
     "a meta packet handled as WebDriver handles it (resize, focus, quit, file chunks)"),
)

#: What textual-serve waits for before it reads packets (written once per process).
PRELUDE = b"__GANGLION__\n"


def meta_packet(data: dict[str, object]) -> bytes:
    payload = json.dumps(data).encode("utf-8")
    return b"M" + len(payload).to_bytes(4, "big") + payload


class SessionInput:
    """The session's standard input, read by one thread for every app in turn."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.current: SessionDriver | None = None
        self.waiting: list[tuple[str, bytes]] = []
        self.reader: threading.Thread | None = None
        self.started = False
        self.ended = False
        #: The browser asked to quit (the tab closed) while no app was running.
        self.quit_asked = False
        #: The last size the browser gave (columns, rows).
        self.size: tuple[int, int] | None = None

    def attach(self, driver: SessionDriver) -> None:
        with self.lock:
            self.current = driver
            waiting, self.waiting = self.waiting, []
        for packet_type, payload in waiting:
            self.hand(driver, packet_type, payload)
        if self.reader is None:
            self.reader = threading.Thread(target=self.read_all, name="anef-session-input",
                                            daemon=True)
            self.reader.start()

    def detach(self, driver: SessionDriver) -> None:
        with self.lock:
            if self.current is driver:
                self.current = None

    def read_all(self) -> None:
        stream = ByteStream()
        try:
            for data in InputReader():
                if data:
                    for packet_type, payload in stream.feed(data):
                        self.take(packet_type, payload)
                with self.lock:
                    driver = self.current
                if driver is not None:
                    driver.tick()
        except _ExitInput:
            pass
        except Exception:  # a broken packet: the session cannot go on reading
            pass
        finally:
            self.ended_by_server()

    def take(self, packet_type: str, payload: bytes) -> None:
        if packet_type != "D":
            meta = parse_meta(payload)
            kind = meta.get("type")
            if kind == "resize":
                try:
                    self.size = (int(meta["width"]), int(meta["height"]))
                except (KeyError, TypeError, ValueError):
                    pass
            elif kind == "exit":
                raise _ExitInput()
            elif kind == "quit":  # the tab closed: no app starts after this one
                self.quit_asked = True
        with self.lock:
            driver = self.current
            if driver is None:
                self.waiting.append((packet_type, payload))
                return
        self.hand(driver, packet_type, payload)

    @staticmethod
    def hand(driver: SessionDriver, packet_type: str, payload: bytes) -> None:
        try:
            driver.take_packet(packet_type, payload)
        except _ExitInput:
            raise
        except Exception:  # a packet the app cannot read is dropped, never a crash
            pass

    def ended_by_server(self) -> None:
        """The server closed the session (or its pipe): the app running now quits."""
        with self.lock:
            driver = self.current
            self.quit_asked = True
        if driver is not None:
            driver.quit_app()

    def write(self, data: bytes) -> None:
        try:
            os.write(sys.__stdout__.fileno(), data)  # type: ignore[union-attr]
        except OSError:
            pass

    def end(self) -> None:
        """Tell textual-serve the session is over (it closes the browser's connection)."""
        if self.started and not self.ended:
            self.ended = True
            self.write(meta_packet({"type": "exit"}))


def parse_meta(payload: bytes) -> dict[str, Any]:
    try:
        found = json.loads(payload)
    except ValueError:
        return {}
    return found if isinstance(found, dict) else {}


SESSION = SessionInput()


def end_session() -> None:
    """The process is done: the browser's session ends (once)."""
    SESSION.end()


def tell_server(data: dict[str, object]) -> None:
    """A meta packet of anef-tui's own to the serving process (`serve.server`), e.g. a
    refused login, so that the growing wait holds across the sessions of one server."""
    if SESSION.started and not SESSION.ended:
        SESSION.write(meta_packet(data))


class FileArrived(Message):
    """A file the worker sent from the browser is in the session's folder (serve/depot.py);
    posted to the app, which hands it to the open file picker."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name


class SessionDriver(WebDriver):
    """`WebDriver` for one app among the session's (see the module's docstring)."""

    def __init__(self, app: Any, *, debug: bool = False, mouse: bool = True,
                 size: tuple[int, int] | None = None) -> None:
        if size is None and SESSION.size is not None:
            size = SESSION.size
        super().__init__(app, debug=debug, mouse=mouse, size=size)
        self.keys = XTermParser(debug=debug)
        self.decode = getincrementaldecoder("utf-8")(errors="replace").decode

    def start_application_mode(self) -> None:
        """As `WebDriver`'s, with the prelude once and the session's shared input."""
        loop = asyncio.get_running_loop()

        def do_exit() -> None:
            asyncio.run_coroutine_threadsafe(
                self._app._post_message(messages.ExitApp()), loop=loop)

        for _signal in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(_signal, do_exit)
        if not SESSION.started:
            SESSION.started = True
            self._write(PRELUDE)
        self.write("\x1b[?1049h")  # alternate screen
        self._enable_mouse_support()
        self.write("\x1b[?25l")  # hide the cursor
        self.write("\033[?1003h")
        size = Size(80, 24) if self._size is None else Size(*self._size)
        asyncio.run_coroutine_threadsafe(
            self._app._post_message(events.Resize(size, size)), loop=loop)
        self._request_terminal_sync_mode_support()
        self._enable_bracketed_paste()
        self.flush()
        SESSION.attach(self)
        if SESSION.quit_asked:  # the tab closed before this app started
            self.quit_app()
        self._app.call_later(self._app.post_message, events.AppBlur())

    def stop_application_mode(self) -> None:
        """This app is done; the session goes on (`end_session` ends it)."""
        self.exit_event.set()
        SESSION.detach(self)

    def take_packet(self, packet_type: str, payload: bytes) -> None:
        if packet_type == "D":
            for event in self.keys.feed(self.decode(payload)):
                self.process_message(event)
            return
        meta = parse_meta(payload)
        if meta.get("type") == "anef_depose" and isinstance(meta.get("name"), str):
            self._app.post_message(FileArrived(meta["name"]))
            return
        self._on_meta(packet_type, payload)

    def tick(self) -> None:
        for event in self.keys.tick():
            self.process_message(event)

    def quit_app(self) -> None:
        self._app.post_message(messages.ExitApp())
