"""The error of a notification kinds file that cannot be used, and what it tells a person.

Kept apart from `notification_kinds` (pydantic, tomllib) so that the TUI's error boundary
(`ui/errors.py`, on the first paint) and the plain mode can name it without loading them.
"""

from __future__ import annotations

import os

#: The variable that names a kinds file read in place of the shipped one
#: (`notification_kinds_model.FILE_ENV`, repeated here to keep this module light).
FILE_ENV = "ANEF_TUI_FOLLOWUP"
#: The command that lists every problem of the data files, one a line.
CHECK_COMMAND = "anef-tui procedures --verifier"


class NotificationKindsError(ValueError):
    """A notification kinds file is missing, unreadable or invalid. Its text is French and
    names the file and, where it can, the line and the key; `problems` holds each problem
    on its own (« ligne 12 : notification « x », clé « label » : … »); `unreadable`: the
    file could not be read at all (missing, not UTF-8, no permission)."""

    def __init__(self, message: str, problems: list[str] | None = None,
                 source: str | None = None, *, unreadable: bool = False) -> None:
        super().__init__(message)
        self.problems: list[str] = problems if problems is not None else [message]
        self.source = source
        self.unreadable = unreadable


def what_to_do() -> str:
    """How to get out of it: correct the file (the check command says every problem), or
    drop the variable that named a file in place of the shipped one."""
    instead = (" ; ou relancez anef-tui sans la variable ANEF_TUI_FOLLOWUP pour reprendre le "
               "fichier livré" if os.environ.get(FILE_ENV) else "")
    return (f"Corrigez ce fichier (« {CHECK_COMMAND} » dit chaque problème et sa ligne)"
            f"{instead}.")


def unavailable_message(error: NotificationKindsError) -> str:
    """What the TUI and the plain mode say: the problem, what to do, and what waits for it
    (the dossiers themselves open and save as usual)."""
    return (f"{str(error).rstrip('.')}. {what_to_do()} D'ici là, le suivi après le dépôt "
            "(notifications, échéances) est indisponible ; les dossiers s'ouvrent et "
            "s'enregistrent normalement.")
