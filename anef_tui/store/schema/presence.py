"""Migration 19 (issue 25 item 3): which desk has which dossier open, since when.

Written in SQL both engines accept (INTEGER, TEXT, no AUTOINCREMENT, no SQLite-only
function).

One row per desk and dossier: the worker's name (`Database.actor`, as the journal writes
it), the desk (`desk`: host name, process id and its start, and a number per open base in
the process; on a server the backend's pid), and when it was opened. Removed when the
dossier is closed; a row whose process is gone is ignored by the readers
(`store/desks/presence.py`), never trusted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from anef_tui.store.connection import Db
from anef_tui.store.schema.statements import run

if TYPE_CHECKING:
    from sqlite_utils import Database


def migration_presence(db: Db | Database) -> None:
    run(
        db,
        "CREATE TABLE IF NOT EXISTS presence ("
        " desk TEXT NOT NULL,"
        " dossier_id INTEGER NOT NULL,"
        " worker TEXT NOT NULL DEFAULT '',"
        " host TEXT NOT NULL DEFAULT '',"
        " pid INTEGER NOT NULL DEFAULT 0,"
        " started TEXT NOT NULL DEFAULT '',"
        " since TEXT NOT NULL,"
        " PRIMARY KEY (desk, dossier_id))",
        "CREATE INDEX IF NOT EXISTS presence_by_dossier ON presence (dossier_id)",
    )
