"""Files handed to the user (issue 26): on a desk, a path on this computer to open; in a
served app (`ui/served.py`), the bytes sent to the browser with Textual's file delivery,
nothing opened on the server and nothing written there in plain.

The services make a `Handout` (in a worker thread); the screen hands it over on the UI
thread with `hand_over`, which says what became of it.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.app import App

PDF = "application/pdf"
TEXT = "text/plain"
#: What a bundle is sent as (sealed: its bytes mean nothing without the phrase).
BINARY = "application/octet-stream"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class Handout:
    """A file made for the user. On a desk: `path`, where it is to open (documents/, or the
    exports/ copy of an encrypted folder). Served: its bytes for the browser under `name`
    (ASCII-safe), `what` it is in the line that says so (« PDF », « Fichier »…)."""

    path: Path | None = None
    name: str = ""
    data: bytes = field(default=b"", repr=False)
    mime_type: str = PDF
    what: str = "PDF"

    @classmethod
    def on_disk(cls, path: Path) -> Handout:
        return cls(path=Path(path), name=Path(path).name)

    @classmethod
    def for_browser(cls, name: str, data: bytes, *, mime_type: str = PDF,
                    what: str = "PDF") -> Handout:
        return cls(name=browser_name(name), data=data, mime_type=mime_type, what=what)

    @property
    def to_browser(self) -> bool:
        return self.path is None


def browser_name(name: str) -> str:
    """The file name offered to the browser: textual-serve writes it unquoted in the
    Content-Disposition header, so ASCII letters, digits, « - », « _ » and one « . » before
    the extension only (accents folded: « Zoé Œuvre.pdf » → « Zoe-OEuvre.pdf »); never
    empty, never hidden."""
    from anef_tui.documents import ascii_slug

    base = str(name).replace("\\", "/").rsplit("/", 1)[-1]
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, ""
    suffix = _UNSAFE.sub("", suffix)[:10]
    slug = ascii_slug(stem, max_length=80) or "document"
    return f"{slug}.{suffix}" if suffix else slug


def viewer_allowed(app: App) -> bool:
    """Whether the desktop's viewer may open a file made: never when served (it would open
    on the server, out of the browser user's sight); not headless (tests, snapshots) unless
    the app's `opens_viewer` says so (a test that runs a real viewer)."""
    from anef_tui.ui.served import served

    if served():
        return False
    wanted = getattr(app, "opens_viewer", None)
    return not app.is_headless if wanted is None else bool(wanted)


def sent_line(handout: Handout) -> str:
    """« PDF envoyé au navigateur : liste-0001-GUIDE-Malade.pdf »."""
    return f"{handout.what} envoyé au navigateur : {handout.name}"


def send(app: App, handout: Handout) -> None:
    """Hand `handout` to the browser (UI thread): Textual's delivery, a download the
    browser asks for in chunks (textual-serve), nothing written on the server.

    Not through a web driver (served in a terminal, or headless: the tests), it is saved
    where Textual's terminal delivery would save it — the app's `delivery_directory`, else
    the downloads folder — by the app: Textual 8.2.8's terminal driver opens the target
    with an encoding even for bytes, and fails."""
    if app.is_web:
        app.deliver_binary(io.BytesIO(handout.data), save_filename=handout.name,
                           open_method="download", mime_type=handout.mime_type)
        return
    from platformdirs import user_downloads_path

    from anef_tui.vault.writing import write_bytes

    folder = getattr(app, "delivery_directory", None) or user_downloads_path()
    write_bytes(Path(folder) / handout.name, handout.data, own_folder=False)


def hand_over(app: App, handout: Handout, said: str) -> tuple[str, str]:
    """Hand `handout` over (UI thread): served, it is sent to the browser. The line a
    screen shows and the toast: « {said} : {path} » on a desk (the toast's path fitted,
    `toasts.saved_message`), « PDF envoyé au navigateur : NOM » served."""
    if handout.path is None:
        send(app, handout)
        line = sent_line(handout)
        return line, line
    from anef_tui.display import display_path
    from anef_tui.ui.toasts import saved_message

    return f"{said} : {display_path(handout.path)}", saved_message(app, said, handout.path)


def list_handed(app: App, handout: Handout, said: str) -> None:
    """The documents list's PDF from a step or a complément (UI thread): « Liste des pièces
    justificatives enregistrée : PATH » on a desk; served, sent and « PDF envoyé au
    navigateur : NOM »."""
    if handout.path is None:
        send(app, handout)
        app.notify(sent_line(handout), timeout=10)
    else:
        app.notify(f"{said} : {handout.path}", timeout=10)


def tell_handed(app: App, handout: Handout, said: str, *, timeout: float,
                said_first: str = "") -> None:
    """Hand `handout` over and say so in a toast (UI thread), after `said_first` (« Dossier
    créé. ») on its own line: one toast, not two."""
    message = hand_over(app, handout, said)[1]
    app.notify(f"{said_first}\n{message}" if said_first else message, timeout=timeout)
