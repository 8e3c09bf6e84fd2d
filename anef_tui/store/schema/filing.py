"""Migration 10: the PDFs owed by a filing (issue 20)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from anef_tui.store.connection import Db
from anef_tui.store.schema.statements import run

if TYPE_CHECKING:
    from sqlite_utils import Database


def migration_10_documents_due(db: Db | Database) -> None:
    """`dossiers.documents_due`: set by a filing whose front end makes its PDFs at once (the
    plain mode), cleared once they are written. A session killed between the two owes
    them: the next start makes them (a filed dossier always gets its PDFs). The partial
    index keeps that look-up free whatever the number of dossiers."""
    run(
        db,
        "ALTER TABLE dossiers ADD COLUMN documents_due INTEGER NOT NULL DEFAULT 0",
        "CREATE INDEX dossiers_documents_due ON dossiers(id) WHERE documents_due = 1",
    )
