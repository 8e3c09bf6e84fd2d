"""PostgreSQL's side of migrations 18 (accounts: the workers, the structure) and 19 (desks:
presence, and the change notifications the other desks LISTEN to), issue 25: the tables
of a structure's desks. Their SQLite migrations
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
        NOTIFY_FUNCTION,
        *(f"CREATE TRIGGER anef_notify AFTER INSERT OR UPDATE OR DELETE ON {table} "
          f"FOR EACH ROW EXECUTE FUNCTION anef_notify_change('{column}')"
          for table, column in NOTIFIED_TABLES),
    )


#: The channel every desk listens to (`store/desks/server_feed.py`).
CHANNEL = "anef_changes"

#: The tables whose rows a screen shows, and the column naming their dossier: a write to
#: one of them tells the other desks (`pg_notify` in the writer's transaction: sent at its
#: commit, never for a rollback, identical ones of one transaction folded into one). The
#: journal, the search words, the file contents and the events go with a write to one of
#: these, so they tell nothing more. A table without a dossier says « something ».
NOTIFIED_TABLES = (
    ("dossiers", "id"), ("answers", "dossier_id"), ("attachments", "dossier_id"),
    ("notifications", "dossier_id"), ("complement_answers", "dossier_id"),
    ("deadlines", "dossier_id"), ("dossier_states", "dossier_id"),
    ("consents", "dossier_id"), ("kept_documents", "dossier_id"),
    ("presence", "dossier_id"),
)

#: The payload is the dossier's id ("" when the row names none); the writer is the
#: notification's own sender, its backend's pid (a desk skips its own).
NOTIFY_FUNCTION = f"""CREATE OR REPLACE FUNCTION anef_notify_change() RETURNS trigger
    LANGUAGE plpgsql AS $$
    DECLARE
        changed jsonb;
    BEGIN
        IF TG_OP = 'DELETE' THEN
            changed := to_jsonb(OLD);
        ELSE
            changed := to_jsonb(NEW);
        END IF;
        PERFORM pg_notify('{CHANNEL}', COALESCE(changed ->> TG_ARGV[0], ''));
        RETURN NULL;
    END $$"""


PG_MIGRATIONS: list[Callable[[Any], None]] = [*PG_STORE_MIGRATIONS, m18_workers, m19_presence]
