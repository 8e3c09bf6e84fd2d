"""Whether this app is served to a browser (issue 26): `anef-tui servir` runs one process
per browser tab and sets `ANEF_TUI_SERVI=1` in it before the app is built. Read here and
nowhere else.

Served, a file made for the user goes to the browser (`ui/delivery.py`), never to a viewer
on the server nor in plain to the server's disk, and the session ends (drafts kept) where
a desk would lock (`ui/session_end.py`)."""

from __future__ import annotations

import os

#: The environment variable the served session's entry sets.
SERVED_VARIABLE = "ANEF_TUI_SERVI"


def served() -> bool:
    """True when this process runs the app for a browser tab."""
    return os.environ.get(SERVED_VARIABLE) == "1"
