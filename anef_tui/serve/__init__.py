"""anef-tui in a browser (issue 26): `anef-tui servir` serves the app through textual-serve,
one process per browser tab, each asking its login before any data.

- `server`: the web server (textual-serve's, with anef-tui's page, checks and limits);
- `session`: a tab's process (the app under `driver.SessionDriver`);
- `driver`: Textual's web driver for a session whose apps run in turn (door, then app);
- `gate`: nobody in without a login (which bases may be served).

This module stays light (the command line's parser reads its defaults): aiohttp and
textual-serve are imported by `server` only.
"""

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_MAX_SESSIONS = 20
#: Seconds a tab may stay on the login (passphrase, account) before its session ends.
DEFAULT_LOGIN_TIMEOUT = 300
#: The one folder a served session's file picker shows (`anef-tui servir --pieces`; read by
#: `ui/screens/file_picker.py`).
PIECES_VARIABLE = "ANEF_TUI_SERVI_PIECES"
#: Set (« 1 ») when that folder is the session's own, filled from the browser (serve/depot.py).
UPLOAD_VARIABLE = "ANEF_TUI_SERVI_ENVOI"
