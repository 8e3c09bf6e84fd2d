"""Files sent from the worker's own computer (issue 26): a served session's file picker
runs on the serving computer, so a scan that is on the worker's PC comes up through the
page. Each session has a private folder (owner-only, removed when the session ends) and a
random token; the page posts the files the worker chose in the browser's own file dialog
to `/depot/{token}`, and the session's picker shows that folder (and only it).

The page opens its file dialog when the app asks (« Joindre », meta `anef_choisir`): the
browser allows it because a key was just pressed in the page. Each file is bounded in
size, its name made safe, written whole or not at all; the session is told its name
(meta `anef_depose`) and the picker takes it.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
import tempfile
import unicodedata
from pathlib import Path

#: The largest file accepted (a scan of many pages fits; the app checks its own limits).
MAX_BYTES = 50 * 1024 * 1024
#: Files a session may send.
MAX_FILES = 200
#: Meta packets' and page messages' types.
CHOOSE = "anef_choisir"
ARRIVED = "anef_depose"
TOKEN_MESSAGE = "anef_depot"


class Depot:
    """One session's folder of files sent from the browser, and its token."""

    def __init__(self) -> None:
        self.token = secrets.token_urlsafe(24)
        self.folder = Path(tempfile.mkdtemp(prefix="anef-depot-"))  # 0700
        self.count = 0

    def safe_name(self, name: str) -> str:
        """A name for the file in the folder: its last part, printable, not hidden, not
        taken (« (2) » added), at most 120 characters."""
        base = name.replace("\\", "/").rsplit("/", 1)[-1]
        base = "".join(c for c in unicodedata.normalize("NFC", base)
                       if unicodedata.category(c)[0] != "C")
        base = re.sub(r"\s+", " ", base).strip(" .") or "fichier"
        stem, dot, ext = base.rpartition(".")
        if not dot:
            stem, ext = base, ""
        stem, ext = stem[:100], ext[:15]
        candidate = f"{stem}.{ext}" if ext else stem
        number = 2
        while (self.folder / candidate).exists():
            candidate = f"{stem} ({number}).{ext}" if ext else f"{stem} ({number})"
            number += 1
        return candidate

    def open_new(self, name: str) -> tuple[Path, int]:
        """A new file of the folder for `name`, opened for writing (owner-only)."""
        path = self.folder / self.safe_name(name)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        return path, fd

    def remove(self) -> None:
        with contextlib.suppress(OSError):
            shutil.rmtree(self.folder)
