"""Which base the process works on (issue 25): the data folder's SQLite file, or the
structure's base on a PostgreSQL server.

The command line chooses once (`--base postgresql://…`, else `$ANEF_TUI_BASE`, else the
data folder) with `choose`; every store opened without an explicit `base` then uses it
(`Database`), so that the full-screen app, `texte`, `liste` and the other commands open
the same base without each passing it along. The data folder still holds the desk's
preferences, exports and crash reports.
"""

from __future__ import annotations

import os

ENV_BASE = "ANEF_TUI_BASE"

_SCHEMES = ("postgresql://", "postgres://")

_chosen: str | None = None


class BaseChoiceError(ValueError):
    """A `--base` / $ANEF_TUI_BASE that names no PostgreSQL server (French)."""


def from_command_line(option: str | None) -> str | None:
    """`--base` wins, then $ANEF_TUI_BASE; None: the data folder. BaseChoiceError (French)
    for anything but a `postgresql://` URL."""
    value = option if option else os.environ.get(ENV_BASE, "")
    value = value.strip()
    if not value:
        return None
    if not value.lower().startswith(_SCHEMES):
        raise BaseChoiceError(
            "La base choisie (--base ou ANEF_TUI_BASE) doit être l'adresse d'un serveur "
            "PostgreSQL, de la forme « postgresql://utilisateur@serveur/base » : corrigez-la, "
            "ou retirez-la pour travailler dans le dossier des données."
        )
    return value


def choose(base: str | None) -> None:
    """The base of this process's stores (None: the data folder's)."""
    global _chosen
    _chosen = base


def chosen() -> str | None:
    return _chosen
