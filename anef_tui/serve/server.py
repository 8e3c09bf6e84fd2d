"""`anef-tui servir`: the app in a browser, through textual-serve (issue 26).

textual-serve's server, with what a structure's data needs around it:

- **one process per browser tab** (`process.py`), started with a clean environment (no
  passphrase file, no account or base chosen by the server's own environment): it can
  reach the base this server serves and nothing else; it is stopped (and killed if it does
  not stop) when the tab closes; at most `max_sessions` at once;
- **a page of anef-tui's**, in French, that asks nothing of another host: the fonts and the
  scripts come from this server (textual-serve's own page fetches a font from Google);
  a Content-Security-Policy tells the browser to load nothing from anywhere else;
- **textual-serve's script, three changes** (`SCRIPT_CHANGES`): the terminal is in
  xterm.js's screen-reader mode (the screen's rows are text a screen reader or a braille
  display reads), typed text that comes without a key press is kept in that mode, and a
  file the app delivers is downloaded by the page (`anefDownload`) instead of in a new tab,
  which browsers block;
- **only this page may open a session**: the websocket's Origin must be this server's (a
  page of another site cannot drive a worker's session, nor one reached by DNS
  rebinding);
- **files from the worker's computer** (`depot.py`): posted by the page to
  `/depot/{token}` into the session's private folder, which the session's picker shows;
- **the growing wait after refused logins** holds across sessions: each session tells the
  server (`serve.driver.tell_server`), and a new session waits as long as the next try
  would (`vault.passphrase.wait_after`) before its process starts.

The server never reads the base and holds no key: each session's process asks its login.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from anef_tui.serve import (
    DEFAULT_HOST,
    DEFAULT_LOGIN_TIMEOUT,
    DEFAULT_MAX_SESSIONS,
    DEFAULT_PORT,
)
from anef_tui.serve.addresses import ServeError, allowed_origins, check_address
from anef_tui.serve.depot import ARRIVED, MAX_BYTES, MAX_FILES, TOKEN_MESSAGE
from anef_tui.serve.process import SessionService, session_command

#: The page, its style sheet and script (`page/`).
PAGE = Path(str(files("anef_tui.serve") / "page"))
#: textual-serve's own static files: its script (changed, see `patched_script`), xterm's
#: style sheet and the Roboto Mono fonts.
TEXTUAL_SERVE_STATIC = Path(str(files("textual_serve") / "static"))

#: The changes to textual-serve's script (pinned in pyproject): each must be found once.
SCRIPT_CHANGES = (
    # The screen's rows as text for a screen reader (xterm.js's accessibility tree).
    ("allowProposedApi:!0,fontSize:i", "allowProposedApi:!0,screenReaderMode:!0,fontSize:i"),
    # In screen-reader mode xterm.js drops text that comes as an « input » event with no
    # key press (an on-screen keyboard, dictation, a character its keyboard layout does not
    # have): taken as without that mode (a key press already handled is still not doubled).
    ('"insertText"===e.inputType&&(!e.composed||!this._keyDownSeen)&&'
     '!this.optionsService.rawOptions.screenReaderMode)',
     '"insertText"===e.inputType&&(!e.composed||!this._keyDownSeen))'),
    # A delivered file is downloaded by the page, not opened in a (blocked) new tab.
    ('window.open(n,"_blank")', "anefDownload(n)"),
)

@cache
def patched_script() -> bytes:
    """textual-serve's script with `SCRIPT_CHANGES` made; ServeError if one is not found
    exactly once (textual-serve changed: the page would work without them, unsafely)."""
    text = (TEXTUAL_SERVE_STATIC / "js" / "textual.js").read_text(encoding="utf-8")
    for before, after in SCRIPT_CHANGES:
        if text.count(before) != 1:
            raise ServeError(
                "Le script de textual-serve installé n'est pas celui qu'anef-tui connaît : "
                "réinstallez anef-tui (pip install --force-reinstall anef-tui).")
        text = text.replace(before, after)
    return text.encode("utf-8")


def _size(width: object, height: object) -> tuple[int, int]:
    """A terminal size the page asked for, within bounds (20–500 columns, 10–300 rows)."""

    def bounded(value: object, default: int, low: int, high: int) -> int:
        try:
            number = int(value)  # type: ignore[call-overload]
        except (TypeError, ValueError, OverflowError):
            return default
        return max(low, min(high, number))

    return bounded(width, 80, 20, 500), bounded(height, 24, 10, 300)


def _without_password(url: str) -> str:
    parts = urlsplit(url)
    if parts.password is None:
        return url
    return url.replace(f":{parts.password}@", ":…@", 1)


class AnefServer(Server):
    """textual-serve's `Server`, as the module's docstring says."""

    def __init__(self, data_dir: Path, base_url: str | None = None, *,
                 host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
                 public_url: str | None = None, procedures: str | None = None,
                 max_sessions: int = DEFAULT_MAX_SESSIONS,
                 pieces: Path | None = None,
                 login_timeout: float = DEFAULT_LOGIN_TIMEOUT) -> None:
        check_address(host, public_url)
        patched_script()  # refused now rather than at the first page
        super().__init__(session_command(data_dir, procedures), host=host,
                         port=port, title="anef-tui", public_url=public_url,
                         statics_path=TEXTUAL_SERVE_STATIC, templates_path=PAGE)
        self.public_url = self.public_url.rstrip("/")
        self.origins = allowed_origins(self.public_url, port)
        self.max_sessions = max_sessions
        #: Seconds a tab may stay on the login before its session ends.
        self.login_timeout = login_timeout
        self.sessions: set[SessionService] = set()
        #: Logins refused in a row, in every session of this server (reset by a login).
        self.refused_logins = 0
        self.base_url = base_url
        #: The folder of incoming files (scans) the sessions' file picker shows, if any.
        self.pieces = pieces
        self.where = _without_password(base_url) if base_url else str(data_dir)

    # -- the page ------------------------------------------------------------------
    def initialize_logging(self) -> None:
        """The console says what anef-tui says, in French: the libraries' own log lines
        (English, e.g. asyncio's about a session process killed) are not shown."""
        logging.basicConfig(handlers=[logging.NullHandler()], force=True)
        logging.getLogger().setLevel(logging.CRITICAL + 1)

    async def on_startup(self, app: web.Application) -> None:
        print(f"anef-tui servi sur {self.public_url}/ (base : {self.where}).", flush=True)
        print("Ctrl+C pour arrêter : les sessions ouvertes se terminent.", flush=True)

    async def _make_app(self) -> web.Application:
        app = web.Application(middlewares=[self._headers])
        app.add_routes([
            web.get("/", self.handle_index, name="index"),
            web.get("/ws", self.handle_websocket, name="websocket"),
            web.get("/download/{key}", self.handle_download, name="download"),
            web.get("/static/js/textual.js", self.handle_script),
            web.post("/depot/{token}", self.handle_depot),
            web.get("/anef/{name}", self.handle_page_file, name="page"),
            web.static("/static", self.statics_path, show_index=False, name="static"),
        ])
        app.on_startup.append(self.on_startup)
        app.on_shutdown.append(self.on_shutdown)
        return app

    @web.middleware
    async def _headers(self, request: web.Request, handler: Any) -> web.StreamResponse:
        response = await handler(request)
        parts = urlsplit(self.public_url)
        websocket = ("wss://" if parts.scheme == "https" else "ws://") + parts.netloc
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            f"font-src 'self'; img-src 'self' data:; connect-src 'self' {websocket}; "
            "base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Cache-Control", "no-store")
        return response

    async def handle_index(self, request: web.Request) -> web.Response:
        import html

        template = (PAGE / "index.html").read_text(encoding="utf-8")
        websocket = self.public_url.replace("https://", "wss://", 1).replace(
            "http://", "ws://", 1) + "/ws"
        values = {
            "title": "anef-tui",
            "static_url": "static/",
            "page_url": "anef/",
            "websocket_url": websocket,
            "font_size": str(max(8, min(40, to_int(request.query.get("fontsize", "16"), 16)))),
        }
        for name, value in values.items():
            template = template.replace("{{ " + name + " }}", html.escape(value, quote=True))
        return web.Response(text=template, content_type="text/html", charset="utf-8")

    async def handle_script(self, request: web.Request) -> web.Response:
        return web.Response(body=patched_script(), content_type="application/javascript",
                            charset="utf-8")

    async def handle_page_file(self, request: web.Request) -> web.Response:
        name = request.match_info["name"]
        types = {"page.css": "text/css", "page.js": "application/javascript"}
        if name not in types:
            raise web.HTTPNotFound()
        return web.Response(body=(PAGE / name).read_bytes(), content_type=types[name],
                            charset="utf-8")

    # -- the sessions --------------------------------------------------------------
    def origin_allowed(self, origin: str | None) -> bool:
        return origin is not None and origin.lower().rstrip("/") in self.origins

    async def _process_messages(self, websocket: web.WebSocketResponse,
                                app_service: AppService) -> None:
        """textual-serve's, reading what the page sends as data from anywhere: a message
        that is not what the page sends is ignored, a size is kept within bounds (a huge
        one would make the session's process build a huge screen)."""
        from aiohttp import WSMsgType

        async for message in websocket:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                envelope = json.loads(message.data)
            except ValueError:
                continue
            if not isinstance(envelope, list) or not envelope:
                continue
            kind = envelope[0]
            data = envelope[1] if len(envelope) > 1 else None
            if kind == "stdin" and isinstance(data, str):
                await app_service.send_bytes(data.encode("utf-8", "replace"))
            elif kind == "resize" and isinstance(data, dict):
                width, height = _size(data.get("width"), data.get("height"))
                await app_service.set_terminal_size(width, height)
            elif kind == "ping" and isinstance(data, str) and len(data) < 64:
                await websocket.send_json(["pong", data])
            elif kind == "blur":
                await app_service.blur()
            elif kind == "focus":
                await app_service.focus()

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        if not self.origin_allowed(request.headers.get("Origin")):
            raise web.HTTPForbidden(text="Origine refusée.")
        if len(self.sessions) >= self.max_sessions:
            raise web.HTTPServiceUnavailable(
                text="Trop de sessions ouvertes : réessayez dans un moment.")
        websocket = web.WebSocketResponse(heartbeat=15)
        width, height = _size(request.query.get("width", "80"),
                              request.query.get("height", "24"))
        service: SessionService | None = None
        try:
            await websocket.prepare(request)
            from anef_tui.vault.passphrase import wait_after

            wait = wait_after(self.refused_logins)
            if wait:  # refused logins before: the next session waits as the next try would
                await asyncio.sleep(wait)
            service = SessionService(
                self.command, write_bytes=websocket.send_bytes,
                write_str=websocket.send_str, close=websocket.close,
                download_manager=self.download_manager, server=self)
            self.sessions.add(service)
            await service.start(width, height)
            if service.depot is not None:  # the page may send files to this session
                await websocket.send_str(json.dumps([TOKEN_MESSAGE, service.depot.token]))
            deadline = asyncio.create_task(self._login_deadline(service, websocket))
            try:
                await self._process_messages(websocket, service)
            finally:
                deadline.cancel()
        except asyncio.CancelledError:
            await websocket.close()
        except Exception:  # the session ends; the server goes on
            import sys

            print("anef-tui : une session s'est terminée sur une erreur inattendue ; les "
                  "autres continuent.", file=sys.stderr, flush=True)
        finally:
            if service is not None:
                await service.stop()
                self.sessions.discard(service)
        return websocket

    async def handle_depot(self, request: web.Request) -> web.Response:
        """Files the worker chose in the browser, for the session whose token this is."""
        import secrets

        token = request.match_info["token"]
        service = next((s for s in self.sessions if s.depot is not None
                        and secrets.compare_digest(s.depot.token, token)), None)
        if service is None or service.depot is None or not service.logged_in:
            raise web.HTTPNotFound()
        if not self.origin_allowed(request.headers.get("Origin")):
            raise web.HTTPForbidden(text="Origine refusée.")
        depot = service.depot
        reader = await request.multipart()
        names: list[str] = []
        while (part := await reader.next()) is not None:
            filename = getattr(part, "filename", None)
            if not filename:
                continue
            if depot.count >= MAX_FILES:
                raise web.HTTPRequestEntityTooLarge(max_size=MAX_FILES, actual_size=depot.count)
            path, fd = depot.open_new(filename)
            size, whole = 0, False
            try:
                with os.fdopen(fd, "wb") as out:
                    while chunk := await part.read_chunk(65536):  # type: ignore[union-attr]
                        size += len(chunk)
                        if size > MAX_BYTES:
                            raise web.HTTPRequestEntityTooLarge(max_size=MAX_BYTES,
                                                                actual_size=size)
                        out.write(chunk)
                whole = True
            finally:
                if not whole:
                    path.unlink(missing_ok=True)
            depot.count += 1
            names.append(path.name)
            await service.send_meta({"type": ARRIVED, "name": path.name})
        return web.json_response({"fichiers": names})

    async def _login_deadline(self, service: SessionService,
                              websocket: web.WebSocketResponse) -> None:
        """A tab left on the login (or the passphrase) ends after `login_timeout` seconds:
        tabs nobody logs in to would otherwise hold every session the server allows."""
        await asyncio.sleep(self.login_timeout)
        if not service.logged_in:
            await websocket.close()

    async def on_shutdown(self, app: web.Application) -> None:
        await asyncio.gather(*(service.stop() for service in list(self.sessions)),
                             return_exceptions=True)


def serve(data_dir: Path, base_url: str | None, *, host: str, port: int,
          public_url: str | None, procedures: str | None, max_sessions: int,
          pieces: Path | None = None,
          login_timeout: float = DEFAULT_LOGIN_TIMEOUT) -> None:
    """Serve until Ctrl+C (or SIGTERM)."""
    AnefServer(data_dir, base_url, host=host, port=port, public_url=public_url,
               procedures=procedures, max_sessions=max_sessions, pieces=pieces,
               login_timeout=login_timeout).serve()
