"""Where the app's files live: the shipped assets and the user's data directory.

Paths are computed by functions, never at import time, so tests can point them elsewhere.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

ENV_DATA_DIR = "ANEF_TUI_DATA_DIR"
DB_NAME = "anef-tui.db"
ATTACHMENTS_DIR = "pieces"


def assets_dir() -> Path:
    """The package's `assets/` folder (fonts, procedures, tables), shipped in the wheel.

    The same folder `importlib.resources.files("anef_tui") / "assets"` names. For a package
    installed as files (pip, pipx, editable), which is how anef-tui is installed, that is a
    plain `Path` next to this module, so it is computed directly: importing
    `importlib.resources` costs ~1.5 ms of start-up (bench/startup.py) and fpdf needs real
    font paths anyway. `importlib.resources` is used only if the package is ever imported
    from a zip archive, where no such folder exists.
    """
    here = Path(__file__).resolve().parent / "assets"
    if here.is_dir():
        return here
    from importlib.resources import files  # pragma: no cover - zip imports only

    return Path(str(files("anef_tui") / "assets"))  # pragma: no cover


def default_data_dir() -> Path:
    """The platform's user data directory, the embedded default a new user gets."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("anef-tui", appauthor=False))


def resolve_data_dir(option: str | os.PathLike[str] | None = None) -> Path:
    """`--data-dir` wins, then $ANEF_TUI_DATA_DIR, then the platform default."""
    if option:
        return Path(option).expanduser()
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return Path(env).expanduser()
    return default_data_dir()


class DataDirError(Exception):
    """The data directory cannot be used; the message is one French sentence."""


PRIVATE_UMASK = 0o077


def private_umask() -> int:
    """Make everything this process creates owner-only from now on, whatever the umask it
    was started with (`umask 000` included); return the previous umask. Called by the
    command line before anything is written."""
    return os.umask(PRIVATE_UMASK)


def make_private_dir(path: Path) -> None:
    """Create `path` and its missing parents 0700 whatever the umask (never 0777 under
    `umask 000`); tighten `path` itself if it exists with wider rights. A symbolic link to a
    folder is followed, never chmod-ed (only `path`'s own folder is)."""
    missing = []
    current = Path(path)
    while not os.path.lexists(current):
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=0o700)
        except FileExistsError:
            pass
        else:
            os.chmod(folder, 0o700)  # mkdir's mode is filtered by the umask, never widened
    info = os.lstat(path)
    if stat.S_ISDIR(info.st_mode) and stat.S_IMODE(info.st_mode) != 0o700:
        os.chmod(path, 0o700)


def ensure_data_dir(path: Path) -> Path:
    """Create the data directory and its attachments folder, owner-only (0700).

    DataDirError (French, saying what to do) if it cannot be used: a file in its place, a
    name whose bytes are not UTF-8 (SQLite and the backups need a name they can write), no
    rights, a full or read-only disk…"""
    from anef_tui.display import display_path
    from anef_tui.oserrors import reason

    shown = display_path(path)
    try:
        os.fspath(path).encode("utf-8")
    except UnicodeEncodeError as exc:
        raise DataDirError(
            f"Le dossier de données « {shown} » n'est pas utilisable ({reason(exc)}) : "
            "renommez-le ou choisissez-en un autre avec --data-dir."
        ) from exc
    try:
        make_private_dir(path)
        make_private_dir(path / ATTACHMENTS_DIR)
        if not os.access(path, os.W_OK | os.X_OK):
            raise PermissionError(errno.EACCES, "", os.fspath(path))
    except OSError as exc:
        if os.path.lexists(path) and not os.path.isdir(path):
            raise DataDirError(
                f"Le dossier de données « {shown} » est un fichier, pas un dossier : "
                "choisissez un dossier avec --data-dir, ou déplacez ce fichier."
            ) from exc
        raise DataDirError(
            f"Le dossier de données « {shown} » n'est pas utilisable ({reason(exc)}) : "
            "choisissez-en un autre avec --data-dir."
        ) from exc
    return path
