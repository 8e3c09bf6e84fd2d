"""Migration of issue 24 item 4: the journal a dossier brought from another desk.

An imported dossier starts its own journal on this desk (« dossier importé »); the entries
of the desk it came from are kept beside it as a record, as they were (`entries`: their
seq, time, canonical content and hashes, JSON), with the source desk's vault id (or NULL)
and the bundle's creation time. The row goes with its dossier (abandon, erasure).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from anef_tui.store.connection import Db
from anef_tui.store.schema.statements import run

if TYPE_CHECKING:
    from sqlite_utils import Database


def migration_imports(db: Db | Database) -> None:
    run(
        db,
        "CREATE TABLE dossier_imports ("
        " dossier_id INTEGER PRIMARY KEY REFERENCES dossiers(id) ON DELETE CASCADE,"
        " imported_at TEXT NOT NULL,"
        " source_vault TEXT,"
        " bundle_created_at TEXT NOT NULL,"
        " entries TEXT NOT NULL DEFAULT '[]')",
    )
