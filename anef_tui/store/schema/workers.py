"""Migration 18 (issue 25): the workers' accounts and the structure's key.

`structure`: one row (id 1) once the first référent exists — the structure's id (sealed
with its key as GCM's associated data) and the base's own settings (the retention period
when the base has accounts). `workers`: one row per account — the login name (unique, kept
normalized), the name shown, the role's code (`assets/roles.toml`), the passphrase's argon2id
hash, the structure's key sealed under a key derived from the passphrase (argon2id: its
cost, salt; AES-256-GCM: nonce, sealed bytes), whether the passphrase must be changed at
the next login, the refused logins since the last one, and who created or disabled the
account and when. An account is never deleted: the journal names it.

Portable SQL (issue 25's design): INTEGER, TEXT, BLOB, no AUTOINCREMENT, no PRAGMA, no
SQLite-only function; ids come back with `RETURNING id`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from anef_tui.store.connection import Db
from anef_tui.store.schema.statements import run

if TYPE_CHECKING:
    from sqlite_utils import Database


def migration_workers(db: Db | Database) -> None:
    run(
        db,
        """
        CREATE TABLE structure (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            structure_id TEXT NOT NULL,
            retention_months INTEGER,
            created_at TEXT NOT NULL
        )
        """,
        """
        CREATE TABLE workers (
            id INTEGER PRIMARY KEY,
            login TEXT NOT NULL UNIQUE,
            display_name TEXT NOT NULL,
            role TEXT NOT NULL,
            passphrase_hash TEXT NOT NULL,
            kdf_memory_kib INTEGER NOT NULL,
            kdf_iterations INTEGER NOT NULL,
            kdf_lanes INTEGER NOT NULL,
            kdf_salt BLOB NOT NULL,
            key_nonce BLOB NOT NULL,
            key_sealed BLOB NOT NULL,
            must_change INTEGER NOT NULL DEFAULT 0,
            failures INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            created_by INTEGER REFERENCES workers(id),
            disabled_at TEXT,
            disabled_by INTEGER REFERENCES workers(id)
        )
        """,
    )
