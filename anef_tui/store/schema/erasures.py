"""Migration of issue 24 item 5: the erasures not finished yet.

« Effacer cette personne » deletes the person's rows and records, in the same transaction,
one row here per dossier erased: the ids of its notifications (their PDFs are named by
them) and the sha256 of its files (their copies under `pieces/` and their exports are found
by them). The steps after the commit (files overwritten then removed, backups rewritten,
the base vacuumed) are redone from these rows until the row goes: an erasure cut short by
a crash is finished at the next open (`store/erasure/`). Nothing here names the person.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from anef_tui.store.connection import Db
from anef_tui.store.schema.statements import run

if TYPE_CHECKING:
    from sqlite_utils import Database


def migration_erasures(db: Db | Database) -> None:
    run(
        db,
        "CREATE TABLE erasures_pending ("
        " dossier_id INTEGER PRIMARY KEY,"
        " notifications TEXT NOT NULL DEFAULT '[]',"
        " hashes TEXT NOT NULL DEFAULT '[]',"
        " at TEXT NOT NULL)",
    )
