"""A browser tab's process, as the server starts and stops it (issue 26): a clean
environment (what it may inherit of the server's, and nothing that would skip the login or
reach another base), no shell in between, anef-tui's own messages (refused logins), the
tab told when the process ended on its own, killed if it does not quit when asked."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import shlex
import sys
from pathlib import Path
from typing import Any, Protocol

from textual_serve.app_service import AppService

from anef_tui.serve import PIECES_VARIABLE, UPLOAD_VARIABLE
from anef_tui.serve.depot import CHOOSE, Depot
from anef_tui.serve.tries import SERVED_VARIABLE
from anef_tui.store.base_choice import ENV_BASE


class Counts(Protocol):
    """What a session's service reads and counts on its server (`server.AnefServer`)."""

    refused_logins: int
    base_url: str | None
    pieces: Path | None

#: Seconds a session's process has to quit once its tab closed, before it is killed.
STOP_GRACE = 10.0

#: What a session's process inherits of the server's environment (nothing else: not
#: ANEF_TUI_PHRASE_FILE, nor an account, a base or a data folder chosen by the
#: environment — the server gives its own on the command line).
INHERITED = ("PATH", "HOME", "LANG", "LANGUAGE", "TZ", "TMPDIR", "USER", "LOGNAME",
             "SYSTEMROOT", "ANEF_TUI_PROCEDURES", "ANEF_TUI_FOLLOWUP",
             "ANEF_TUI_NOTIFICATIONS")
INHERITED_PREFIXES = ("LC_", "PG", "XDG_")

def session_environment(environ: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of a session's process (see `INHERITED`)."""
    source = os.environ if environ is None else environ
    kept = {name: value for name, value in source.items()
            if name in INHERITED or name.startswith(INHERITED_PREFIXES)}
    kept[SERVED_VARIABLE] = "1"
    kept["TEXTUAL_DRIVER"] = "anef_tui.serve.driver:SessionDriver"
    kept["PYTHONIOENCODING"] = "utf-8"
    # As textual-serve's own environment: the browser's terminal is xterm.js.
    kept["TEXTUAL_COLOR_SYSTEM"] = "truecolor"
    kept["TEXTUAL_FPS"] = "60"
    kept["TERM_PROGRAM"] = "textual"
    return kept


def session_command(data_dir: Path, procedures: str | None = None) -> str:
    """The command of a session's process, quoted as textual-serve keeps it (a string;
    `SessionService` splits it again and starts it without a shell). A server's base is
    given in the session's environment, not here: its address may hold a password, and a
    command line is readable by every user of the machine."""
    argv = [sys.executable, "-m", "anef_tui.serve.session", "--data-dir", str(data_dir)]
    if procedures:
        argv += ["--procedures", procedures]
    return shlex.join(argv)


class SessionService(AppService):
    """One session's process: a clean environment, anef-tui's own messages (a refused
    login), and killed if it does not quit when its tab closed."""

    def __init__(self, *args: Any, server: Counts, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._server = server
        #: A login passed in this session (the door's passphrase or an account's).
        self.logged_in = False
        #: The folder of files sent from the worker's computer (None with `--pieces`).
        self.depot: Depot | None = None

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Any:
        """As textual-serve's, without a shell between: the process stopped or killed is
        the app's own."""
        self._process = process = await asyncio.create_subprocess_exec(
            *shlex.split(self.command), stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
            env=self._build_environment(width=width, height=height))
        assert process.stdin is not None
        self._stdin = process.stdin
        return process

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        from anef_tui.serve.tries import REFUSALS_VARIABLE

        environment = session_environment()
        environment[REFUSALS_VARIABLE] = str(self._server.refused_logins)
        if self._server.base_url:
            environment[ENV_BASE] = self._server.base_url
        if self._server.pieces is not None:  # the one folder its file picker shows
            environment[PIECES_VARIABLE] = str(self._server.pieces)
        else:  # the files the worker sends from the browser (serve/depot.py)
            self.depot = Depot()
            environment[PIECES_VARIABLE] = str(self.depot.folder)
            environment[UPLOAD_VARIABLE] = "1"
        environment["COLUMNS"] = str(width)
        environment["ROWS"] = str(height)
        return environment

    async def on_meta(self, data: bytes) -> None:
        try:
            meta = json.loads(data)
        except ValueError:
            return
        kind = meta.get("type") if isinstance(meta, dict) else None
        from anef_tui.serve import tries

        if kind == tries.REFUSED:
            self._server.refused_logins += 1
            return
        if kind == tries.PASSED:
            self._server.refused_logins = 0
            self.logged_in = True
            return
        if kind == CHOOSE:  # the picker asks the page for its file dialog
            if self.depot is not None:
                await self.remote_write_str(json.dumps([CHOOSE]))
            return
        await super().on_meta(data)

    async def run(self) -> None:
        """textual-serve's, then the tab is told the session is over when the process
        ended on its own (killed, crashed): its page says « Session terminée » instead of
        a screen that no longer answers."""
        try:
            await super().run()
        finally:
            with contextlib.suppress(Exception):
                await self.remote_close()

    async def stop(self) -> None:
        try:
            await asyncio.wait_for(super().stop(), STOP_GRACE)
        except (TimeoutError, OSError, RuntimeError):
            pass
        if self.depot is not None:  # what the worker sent goes with the session
            self.depot.remove()
        process = self._process
        if process is not None and process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                process.kill()
            with contextlib.suppress(Exception):
                await process.wait()
