"""Migration of issue 24 item 1: the applicant's consents.

A consent is given for one dossier and one démarche (the procedure's code), at `given_at`,
until `valid_until`, in a manner (a code of `assets/consent.toml`) for `months` (0: one
day); `mandate_sha256` is the hash of the « Mandat / consentement » PDF printed for
signature. A renewal is a new row; a withdrawal sets `withdrawn_at`. A dossier's consent is
its latest row. Dossiers made before this migration have none (« consentement à
recueillir »). The rows go with their dossier (an abandon deletes everything).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from anef_tui.store.connection import Db
from anef_tui.store.schema.statements import run

if TYPE_CHECKING:
    from sqlite_utils import Database


def migration_consents(db: Db | Database) -> None:
    run(
        db,
        "CREATE TABLE consents ("
        " id INTEGER PRIMARY KEY AUTOINCREMENT,"
        " dossier_id INTEGER NOT NULL REFERENCES dossiers(id) ON DELETE CASCADE,"
        " procedure TEXT NOT NULL,"
        " given_at TEXT NOT NULL,"
        " valid_until TEXT NOT NULL,"
        " manner TEXT NOT NULL,"
        " months INTEGER NOT NULL CHECK (months >= 0),"
        " mandate_sha256 TEXT,"
        " withdrawn_at TEXT)",
        "CREATE INDEX consents_dossier ON consents (dossier_id, id)",
        "CREATE INDEX consents_until ON consents (valid_until)",
    )
