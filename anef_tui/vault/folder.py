"""What a data folder is, as far as encryption goes, read from what is on disk (issue 23).

- `ENCRYPTED`: it holds a key file (`coffre.cle`): every start asks for the passphrase.
- `NEW`: nothing yet (no base, no key file): the first start chooses a passphrase.
- `DEMO`: made by `anef-tui demo` on a new folder: fictional dossiers only, kept plain, and
  every screen says « Données de démonstration ».
- `PLAIN_CHOSEN`: the user chose, at set-up and after a warning, to keep real data plain.
- `PLAIN_OLD`: a folder made before encryption existed (a base, no key file, no choice):
  it is offered to be encrypted at the next start of the interface.

The choice of a plain folder is a small owner-only file, `sans-chiffrement.json`, whose
`choix` says which (« demonstration » or « sans_chiffrement ») and when. Only `lstat` and a
read of that small file: never the base (another connection of this process may hold its
POSIX locks, see issue 19).
"""

from __future__ import annotations

import enum
import json
import os
import stat
from datetime import datetime
from pathlib import Path

from anef_tui.paths import DB_NAME
from anef_tui.vault.keyfile import KEY_FILE_NAME
from anef_tui.vault.writing import write_bytes

PLAIN_CHOICE_FILE = "sans-chiffrement.json"
CHOICE_DEMO = "demonstration"
CHOICE_PLAIN = "sans_chiffrement"
_MAX_CHOICE_BYTES = 4096

#: Said on every screen of a demonstration folder (the issue's words).
DEMO_BANNER = "Données de démonstration"
#: Said on every screen of a folder kept plain by choice.
PLAIN_BANNER = "Données non chiffrées"


class FolderKind(enum.Enum):
    ENCRYPTED = "encrypted"
    NEW = "new"
    DEMO = "demo"
    PLAIN_CHOSEN = "plain_chosen"
    PLAIN_OLD = "plain_old"

    @property
    def plain(self) -> bool:
        """Whether the folder is opened without a key."""
        return self in (FolderKind.DEMO, FolderKind.PLAIN_CHOSEN, FolderKind.PLAIN_OLD)


def _exists(path: Path) -> bool:
    try:
        os.lstat(path)
    except FileNotFoundError:
        return False
    except OSError:
        return True  # there, but unreadable: the store says why when it opens it
    return True


def plain_choice(data_dir: Path) -> str | None:
    """The plain folder's recorded choice (CHOICE_DEMO or CHOICE_PLAIN), or None."""
    path = Path(data_dir) / PLAIN_CHOICE_FILE
    try:
        info = os.lstat(path)
        if not stat.S_ISREG(info.st_mode) or info.st_size > _MAX_CHOICE_BYTES:
            return None
        document = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None
    choice = document.get("choix") if isinstance(document, dict) else None
    return choice if choice in (CHOICE_DEMO, CHOICE_PLAIN) else None


def folder_kind(data_dir: Path) -> FolderKind:
    """What `data_dir` is (see the module's docstring). A key file wins over any choice."""
    folder = Path(data_dir)
    if _exists(folder / KEY_FILE_NAME):
        return FolderKind.ENCRYPTED
    choice = plain_choice(folder)
    if choice == CHOICE_DEMO:
        return FolderKind.DEMO
    if choice == CHOICE_PLAIN:
        return FolderKind.PLAIN_CHOSEN
    if _exists(folder / DB_NAME):
        return FolderKind.PLAIN_OLD
    return FolderKind.NEW


def record_plain_choice(data_dir: Path, choice: str, *, now: datetime | None = None) -> None:
    """Record that `data_dir` stays plain, and why (CHOICE_DEMO or CHOICE_PLAIN): owner-only,
    written whole or not at all."""
    if choice not in (CHOICE_DEMO, CHOICE_PLAIN):
        raise ValueError(choice)
    moment = (now or datetime.now()).isoformat(timespec="seconds")
    document = {"choix": choice, "le": moment}
    write_bytes(Path(data_dir) / PLAIN_CHOICE_FILE,
                json.dumps(document, ensure_ascii=True).encode("ascii"), replace=True)


def forget_plain_choice(data_dir: Path) -> None:
    """The folder is encrypted now: its plain choice no longer holds."""
    try:
        os.unlink(Path(data_dir) / PLAIN_CHOICE_FILE)
    except FileNotFoundError:
        pass


#: Said where a dossier is created in a demonstration folder (it is not encrypted): in
#: full by the plain mode; in short in the interface's dialog, which must fit 80×24.
DEMO_WARNING_SHORT = (
    "Données de démonstration, non chiffrées : n'y saisissez pas les données d'une vraie "
    "personne."
)
DEMO_WARNING = (
    "Données de démonstration : ce dossier de données n'est pas chiffré. N'y saisissez pas "
    "les données d'une vraie personne : lancez anef-tui sur un autre dossier de données "
    "(--data-dir), qui sera protégé par une phrase secrète."
)


def banner(kind: FolderKind) -> str | None:
    """The words every screen shows for a plain folder, or None for an encrypted one."""
    if kind is FolderKind.DEMO:
        return DEMO_BANNER
    if kind in (FolderKind.PLAIN_CHOSEN, FolderKind.PLAIN_OLD):
        return PLAIN_BANNER
    return None
