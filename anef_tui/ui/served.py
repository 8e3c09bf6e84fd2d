"""Whether this app is served to a browser (issue 26): `anef-tui servir` runs one process
per browser tab and sets `ANEF_TUI_SERVI=1` in it before the app is built. Read here and
nowhere else (the variable itself: `serve/tries.py`).

Served, a file made for the user goes to the browser (`ui/delivery.py`), never to a viewer
on the server nor in plain to the server's disk, and the session ends (drafts kept) where
a desk would lock (`ui/session_end.py`)."""

from __future__ import annotations

# One reading of the variable for the whole app: the serving side's (`serve/tries.py`).
from anef_tui.serve.tries import SERVED_VARIABLE, served

__all__ = ["SERVED_VARIABLE", "served"]
