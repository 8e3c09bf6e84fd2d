"""PostgreSQL's side of migrations 18 (accounts: the workers, the structure) and 19 (desks:
presence), issue 25: the tables of a structure's desks. Their SQLite migrations
(`workers.py`, `presence.py`) are portable SQL; here BLOB → BYTEA, ids BIGINT identities so
that `RETURNING id` works, TEXT `COLLATE "C"`. `PG_MIGRATIONS`: every PostgreSQL migration,
in the order they run (the same numbers as SQLite's `MIGRATIONS`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from anef_tui.store.schema.postgresql import ID, PG_STORE_MIGRATIONS, T, _run


def m18_workers(db: Any) -> None:
    _run(
        db,
        f"""CREATE TABLE structure (
            id BIGINT PRIMARY KEY CHECK (id = 1),
            structure_id {T} NOT NULL,
            retention_months BIGINT,
            created_at {T} NOT NULL)""",
        f"""CREATE TABLE workers (
            id {ID},
            login {T} NOT NULL UNIQUE,
            display_name {T} NOT NULL,
            role {T} NOT NULL,
            passphrase_hash {T} NOT NULL,
            kdf_memory_kib BIGINT NOT NULL,
            kdf_iterations BIGINT NOT NULL,
            kdf_lanes BIGINT NOT NULL,
            kdf_salt BYTEA NOT NULL,
            key_nonce BYTEA NOT NULL,
            key_sealed BYTEA NOT NULL,
            must_change BIGINT NOT NULL DEFAULT 0,
            failures BIGINT NOT NULL DEFAULT 0,
            created_at {T} NOT NULL,
            created_by BIGINT REFERENCES workers(id),
            disabled_at {T},
            disabled_by BIGINT REFERENCES workers(id))""",
    )


def m19_presence(db: Any) -> None:
    _run(
        db,
        f"""CREATE TABLE IF NOT EXISTS presence (
            desk {T} NOT NULL,
            dossier_id BIGINT NOT NULL,
            worker {T} NOT NULL DEFAULT '',
            host {T} NOT NULL DEFAULT '',
            pid BIGINT NOT NULL DEFAULT 0,
            started {T} NOT NULL DEFAULT '',
            since {T} NOT NULL,
            PRIMARY KEY (desk, dossier_id))""",
        "CREATE INDEX IF NOT EXISTS presence_by_dossier ON presence (dossier_id)",
    )


PG_MIGRATIONS: list[Callable[[Any], None]] = [*PG_STORE_MIGRATIONS, m18_workers, m19_presence]
