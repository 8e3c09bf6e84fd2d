"""Refused logins across the sessions of one server (issue 26): each browser tab is a
process of its own, so the growing wait after refusals (`vault.passphrase.wait_after`)
would start again at every new tab. The server counts them instead: a session tells it of
each refusal and of a login that passed (`serve.driver.tell_server`), a new session starts
only after the wait its next try would have, and its screens count on from there
(`earlier_refusals`, given by the server in the session's environment).

Outside a served session every function here does nothing.
"""

from __future__ import annotations

import os

SERVED_VARIABLE = "ANEF_TUI_SERVI"
REFUSALS_VARIABLE = "ANEF_TUI_SERVI_REFUS"
#: Meta packets' types (the server reads them: `serve.server.SessionService.on_meta`).
REFUSED = "anef_login_refused"
PASSED = "anef_logged_in"


def served() -> bool:
    return os.environ.get(SERVED_VARIABLE) == "1"


def earlier_refusals() -> int:
    """Refusals in a row before this session (0 outside a served one)."""
    if not served():
        return 0
    try:
        return max(0, min(1000, int(os.environ.get(REFUSALS_VARIABLE, "0"))))
    except ValueError:
        return 0


def _tell(kind: str) -> None:
    if served():
        from anef_tui.serve.driver import tell_server

        tell_server({"type": kind})


def refused() -> None:
    """A passphrase or a login was refused in this session."""
    _tell(REFUSED)


def passed() -> None:
    """A login passed: the count starts again."""
    _tell(PASSED)
