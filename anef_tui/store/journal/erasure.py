"""The one change the journal allows: tombstoning an erased person's entries.

`tombstone_dossier` records the erasure (`journal_erasures`), empties the content and the
dossier of every entry of that dossier (the triggers allow nothing else), and appends one
pseudonymous « personne effacée » entry: a random reference, no name, no dossier number.
"""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING

from anef_tui.store.journal.chain import append

if TYPE_CHECKING:
    from anef_tui.store.database import Database

PERSON_ERASED = "person_erased"


def tombstone_dossier(database: Database, dossier_id: int) -> str:
    """Tombstone `dossier_id`'s entries in one transaction (joined if the caller's erasure
    has one open); return the random reference the « personne effacée » entry carries."""
    reference = secrets.token_hex(6)
    with database.transaction() as db:
        conn = db.conn
        conn.execute(
            "INSERT INTO journal_erasures (dossier_id, at) VALUES (?, ?) ON CONFLICT DO NOTHING",
            (int(dossier_id), database.now_iso()),
        )
        conn.execute(
            "UPDATE journal SET content = NULL, dossier_id = NULL WHERE dossier_id = ?",
            (int(dossier_id),),
        )
        append(conn, database, PERSON_ERASED, None, {"reference": reference})
    return reference
