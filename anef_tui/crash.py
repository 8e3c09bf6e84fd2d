"""Crash reports that hold no personal data.

A truly unexpected bug must not print Textual's traceback (it shows local variables, and so
the applicant's answers) nor Python's (an exception's message can quote a value, e.g.
« invalid literal for int(): '200²' »). What is kept: the exception's type and, for each
frame, the file, line and function — enough to find the bug, nothing a person typed.

No Textual here: the CLI uses it too.
"""

from __future__ import annotations

import os
import platform
import sys
import traceback
from datetime import datetime
from pathlib import Path

from anef_tui import __version__
from anef_tui.display import display_path

REPORTS_DIR = "rapports"


def _frames(exc: BaseException) -> list[str]:
    lines: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        lines.append(f"{type(current).__module__}.{type(current).__qualname__}")
        for frame in traceback.extract_tb(current.__traceback__):
            where = _short_path(frame.filename)
            lines.append(f"  {where}:{frame.lineno} dans {frame.name}")
        current = current.__cause__ or current.__context__
        if current is not None:
            lines.append("à la suite de :")
    return lines


def _short_path(filename: str) -> str:
    """Paths relative to the package or to site-packages (no user name in a home path)."""
    parts = Path(filename).parts
    for marker in ("anef_tui", "site-packages", "lib"):
        if marker in parts:
            index = len(parts) - 1 - parts[::-1].index(marker)
            return "/".join(parts[index:])
    return Path(filename).name


def report_text(exc: BaseException, now: datetime | None = None) -> str:
    """The report: versions, the exception's type, its frames. No message, no locals."""
    now = now or datetime.now()
    head = [
        "anef-tui — rapport d'erreur",
        f"Date : {now.isoformat(timespec='seconds')}",
        f"Version : anef-tui {__version__}, Python {platform.python_version()}, "
        f"{platform.system()} {platform.machine()}",
        "Ce rapport ne contient aucune réponse ni aucun nom : seulement l'endroit du programme",
        "où l'erreur s'est produite. Vous pouvez le transmettre aux développeurs.",
        "",
    ]
    return "\n".join(head + _frames(exc)) + "\n"


def write_report(data_dir: Path | None, exc: BaseException, now: datetime | None = None) -> Path | None:
    """Write the report owner-only into `<data dir>/rapports/`; None if that fails too."""
    now = now or datetime.now()
    text = report_text(exc, now)
    candidates = [data_dir / REPORTS_DIR] if data_dir is not None else []
    for folder in candidates:
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            os.chmod(folder, 0o700, follow_symlinks=False)
            path = folder / f"erreur-{now.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}.txt"
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
            return path
        except OSError:
            continue
    return None


def crash_message(path: Path | None) -> str:
    """What the user reads once the terminal is restored (French, no personal data)."""
    if path is None:
        where = "Le rapport d'erreur n'a pas pu être écrit."
    else:
        where = (
            "Un rapport d'erreur (sans aucune donnée personnelle) est dans : "
            f"{display_path(path)}"
        )
    return (
        "anef-tui s'est arrêté à cause d'une erreur du programme.\n"
        "Les étapes déjà enregistrées sont conservées ; relancez anef-tui pour reprendre.\n"
        f"{where}\n"
    )


def print_crash(data_dir: Path | None, exc: BaseException) -> int:
    """For the CLI: write the report, say where it is on stderr, return exit code 70."""
    path = write_report(data_dir, exc)
    sys.stderr.write(crash_message(path))
    return 70
