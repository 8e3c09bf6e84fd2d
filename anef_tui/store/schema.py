"""The schema and its versioned migrations.

Each migration runs inside the transaction that bumps `PRAGMA user_version`. Never edit a
migration once released: append a new one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from anef_tui.store.connection import Db, _as_utils, db_path, write_transaction
from anef_tui.store.errors import StoreError, guard
from anef_tui.store.keys import (
    LISTING_ORDER,
    SEQUENCE_EXPR,
    SEQUENCE_WHERE,
    index_search_key,
    n_etranger_of,
    search_key_for,
)

if TYPE_CHECKING:
    from sqlite_utils import Database


def _run(db: Db | Database, *statements: str) -> None:
    for statement in statements:
        db.conn.execute(statement)


def _migration_1_initial_schema(db: Db | Database) -> None:
    """Dossier summaries, their answers (JSON, kept apart) and the audit trail."""
    _run(
        db,
        """
        CREATE TABLE dossiers (
            id INTEGER PRIMARY KEY,
            procedure TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'brouillon',
            current_step TEXT,
            applicant_name TEXT NOT NULL DEFAULT '',
            search_key TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            numero_demande TEXT,
            filed_at TEXT,
            parent_id INTEGER REFERENCES dossiers(id) ON DELETE SET NULL
        )
        """,
        """
        CREATE TABLE answers (
            dossier_id INTEGER PRIMARY KEY REFERENCES dossiers(id) ON DELETE CASCADE,
            data TEXT NOT NULL DEFAULT '{}',
            drafts TEXT NOT NULL DEFAULT '{}'
        )
        """,
        # No foreign key on purpose: the audit trail outlives an abandoned dossier.
        """
        CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            dossier_id INTEGER NOT NULL,
            at TEXT NOT NULL,
            kind TEXT NOT NULL,
            detail TEXT NOT NULL DEFAULT ''
        )
        """,
        "CREATE INDEX events_by_dossier ON events(dossier_id, id)",
    )


def _migration_2_deadlines_and_search(db: Db | Database) -> None:
    """Next deadline columns, listing indexes, and a search key that includes numbers.

    Version 1 folded only the applicant name and the procedure label into `search_key`;
    from version 2 it also holds the N° de la demande and the n° étranger, so every
    existing row is recomputed here.
    """
    _run(
        db,
        "ALTER TABLE dossiers ADD COLUMN next_deadline TEXT",
        "ALTER TABLE dossiers ADD COLUMN next_deadline_label TEXT",
        "CREATE INDEX dossiers_by_deadline ON dossiers(next_deadline, updated_at)",
        "CREATE INDEX dossiers_by_numero ON dossiers(numero_demande)",
        "CREATE INDEX dossiers_by_parent ON dossiers(parent_id)",
    )
    import json  # not at module level: start-up lists dossiers without it

    rows = db.conn.execute(
        "SELECT d.id, d.applicant_name, d.procedure, d.numero_demande, a.data "
        "FROM dossiers d LEFT JOIN answers a ON a.dossier_id = d.id"
    ).fetchall()
    for dossier_id, name, procedure, numero, data_json in rows:
        try:
            data = json.loads(data_json) if data_json else {}
        except ValueError:
            data = {}
        key = search_key_for(
            name, procedure, numero,
            n_etranger_of(data if isinstance(data, dict) else {}, procedure),
        )
        db.conn.execute("UPDATE dossiers SET search_key = ? WHERE id = ?", (key, dossier_id))


def _migration_3_attachments(db: Db | Database) -> None:
    """Attached files: content-addressed blobs under `pieces/` and per-slot references.

    A blob is stored once per content (sha256), whatever the number of dossiers or slots it
    is attached to; `stored_name` is its path relative to `pieces/` (`ab/ab12….pdf`).
    Deleting a dossier cascades to its attachment rows; a blob row cannot be deleted while
    an attachment refers to it.
    """
    _run(
        db,
        """
        CREATE TABLE blobs (
            sha256 TEXT PRIMARY KEY,
            size INTEGER NOT NULL,
            format TEXT NOT NULL,
            pages INTEGER,
            stored_name TEXT NOT NULL UNIQUE,
            created_at TEXT NOT NULL
        )
        """,
        """
        CREATE TABLE attachments (
            id INTEGER PRIMARY KEY,
            dossier_id INTEGER NOT NULL REFERENCES dossiers(id) ON DELETE CASCADE,
            slot_id TEXT NOT NULL,
            sha256 TEXT NOT NULL REFERENCES blobs(sha256),
            original_name TEXT NOT NULL DEFAULT '',
            warnings TEXT NOT NULL DEFAULT '[]',
            added_at TEXT NOT NULL,
            position INTEGER NOT NULL
        )
        """,
        "CREATE INDEX attachments_by_slot ON attachments(dossier_id, slot_id, position)",
        # Finding whether a blob is still referenced (and the foreign key check on delete).
        "CREATE INDEX attachments_by_blob ON attachments(sha256)",
    )


def _migration_4_followup(db: Db | Database) -> None:
    """The instruction after the dépôt: what the administration sent, and the answers.

    `notifications` holds what the user copied from the official site or e-mail (kind,
    ANEF title, dates, kind-specific JSON: documents asked for, validity dates, dates of a
    checklist — never anything medical). `complement_answers` holds the answer to a
    « Demande de complément » (a draft while `sent_on` is NULL). Both go with their dossier.
    """
    _run(
        db,
        """
        CREATE TABLE notifications (
            id INTEGER PRIMARY KEY,
            dossier_id INTEGER NOT NULL REFERENCES dossiers(id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (
                kind IN ('complement', 'certificat_medical', 'prolongation', 'decision')
            ),
            title TEXT NOT NULL,
            domain TEXT NOT NULL DEFAULT 'SEJOUR',
            received_on TEXT NOT NULL,
            read_on TEXT,
            data TEXT NOT NULL DEFAULT '{}',
            created_at TEXT NOT NULL
        )
        """,
        "CREATE INDEX notifications_by_dossier ON notifications(dossier_id, received_on)",
        """
        CREATE TABLE complement_answers (
            notification_id INTEGER PRIMARY KEY
                REFERENCES notifications(id) ON DELETE CASCADE,
            data TEXT NOT NULL DEFAULT '{}',
            sent_on TEXT
        )
        """,
    )


def _bump(dossier_expr: str) -> str:
    return f"UPDATE dossiers SET version = version + 1 WHERE id = {dossier_expr};"


def _migration_5_dossier_versions(db: Db | Database) -> None:
    """A version per dossier, so that a save never silently replaces a newer one.

    `version` grows at every write that touches the dossier (its row, its answers and
    drafts, its attachments, its notifications and complément answers), by one or more per
    transaction: triggers do it, so no write path can forget. A screen keeps the version it
    read and passes it back as `expected_version` (see DossierStore.save_step).
    """
    notification_dossier = (
        "(SELECT dossier_id FROM notifications WHERE id = {}.notification_id)"
    )
    statements = [
        "ALTER TABLE dossiers ADD COLUMN version INTEGER NOT NULL DEFAULT 0",
        # The bump's own UPDATE changes `version`, so the WHEN clause stops it from looping.
        "CREATE TRIGGER dossiers_version AFTER UPDATE ON dossiers "
        "WHEN NEW.version = OLD.version BEGIN "
        "UPDATE dossiers SET version = OLD.version + 1 WHERE id = NEW.id; END",
    ]
    for table, column in (("answers", "dossier_id"), ("attachments", "dossier_id"),
                          ("notifications", "dossier_id")):
        for event, row in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")):
            statements.append(
                f"CREATE TRIGGER {table}_{event.lower()}_version AFTER {event} ON {table} "
                f"BEGIN {_bump(f'{row}.{column}')} END"
            )
    for event, row in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")):
        statements.append(
            f"CREATE TRIGGER complement_answers_{event.lower()}_version AFTER {event} "
            f"ON complement_answers BEGIN {_bump(notification_dossier.format(row))} END"
        )
    _run(db, *statements)


def _migration_6_scale(db: Db | Database) -> None:
    """As fast with 100,000 dossiers as with 100 (issue 14).

    * `search_words`: every word of each dossier's folded search key, indexed, so a search
      is a range query per typed word (« dup » finds « dupont ») instead of a scan;
    * `dossiers_listing`: the list's order as an index (the first 100 without sorting);
    * `dossiers_by_sequence`: the largest local sequence number read from an index;
    * `deadlines`: every open deadline of every dossier, kept by the write paths (see
      store/deadlines.py) and read by date, so « Échéances » and the alerts never
      recompute them; `today` is a parameter of the queries, never a rewrite.
    """
    _run(
        db,
        """
        CREATE TABLE search_words (
            word TEXT NOT NULL,
            dossier_id INTEGER NOT NULL REFERENCES dossiers(id) ON DELETE CASCADE
        )
        """,
        "CREATE INDEX search_words_by_word ON search_words(word, dossier_id)",
        "CREATE INDEX search_words_by_dossier ON search_words(dossier_id)",
        f"CREATE INDEX dossiers_listing ON dossiers({LISTING_ORDER})",
        f"CREATE INDEX dossiers_by_sequence ON dossiers({SEQUENCE_EXPR}) WHERE {SEQUENCE_WHERE}",
        """
        CREATE TABLE deadlines (
            id INTEGER PRIMARY KEY,
            dossier_id INTEGER NOT NULL REFERENCES dossiers(id) ON DELETE CASCADE,
            notification_id INTEGER NOT NULL,
            date TEXT NOT NULL,
            label TEXT NOT NULL
        )
        """,
        "CREATE INDEX deadlines_by_date ON deadlines(date, dossier_id, notification_id)",
        "CREATE INDEX deadlines_by_label ON deadlines(label, date)",
        "CREATE INDEX deadlines_by_dossier ON deadlines(dossier_id)",
    )
    conn = db.conn
    for dossier_id, key in conn.execute("SELECT id, search_key FROM dossiers").fetchall():
        index_search_key(conn, dossier_id, key or "")
    from anef_tui.store.deadline_rows import backfill  # the follow-up rules, off start-up

    backfill(conn)


def _migration_7_open_kinds_and_local_sequence(db: Db | Database) -> None:
    """A fifth notification kind is data, and an official number leaves the local sequence.

    * `notifications.kind` loses its CHECK on the four shipped kinds: the kinds are declared
      in `assets/followup.toml` (and an extra folder), validated there. Removing a CHECK
      changes no stored byte, so the table's definition is edited in place, as SQLite's
      documentation describes for dropping a constraint (« writable_schema »), rather than
      rebuilt: a rebuild would delete the complément answers through their ON DELETE CASCADE
      (foreign keys cannot be turned off inside the migration's transaction).
    * `dossiers.local_sequence`: the 7-digit sequence of the local N° de la demande given at
      filing, kept when an official number replaces it, so the next local number continues
      from the last local one (issue 12), never from an official one.
    """
    import re

    conn = db.conn
    (sql,) = conn.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'notifications'"
    ).fetchone()
    open_sql = re.sub(r"\s*CHECK\s*\(\s*kind IN \([^)]*\)\s*\)", "", sql, count=1)
    if open_sql != sql:
        (schema_version,) = conn.execute("PRAGMA schema_version").fetchone()
        conn.execute("PRAGMA writable_schema = ON")
        try:
            conn.execute(
                "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = 'notifications'",
                (open_sql,),
            )
            conn.execute(f"PRAGMA schema_version = {int(schema_version) + 1:d}")
        finally:
            conn.execute("PRAGMA writable_schema = OFF")
    _run(
        db,
        "ALTER TABLE dossiers ADD COLUMN local_sequence INTEGER",
        # Numbers never replaced by an official one are the local ones given here.
        f"UPDATE dossiers SET local_sequence = {SEQUENCE_EXPR} WHERE {SEQUENCE_WHERE} "
        "AND id NOT IN (SELECT dossier_id FROM events WHERE kind = 'numero_officiel')",
        "CREATE INDEX dossiers_by_local_sequence ON dossiers(local_sequence)",
    )


MIGRATIONS: list[Callable[[Db | Database], None]] = [
    _migration_1_initial_schema,
    _migration_2_deadlines_and_search,
    _migration_3_attachments,
    _migration_4_followup,
    _migration_5_dossier_versions,
    _migration_6_scale,
    _migration_7_open_kinds_and_local_sequence,
]


SCHEMA_VERSION = len(MIGRATIONS)


def user_version(db: Db | Database) -> int:
    return int(db.conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(db: Db | Database, *, target: int = SCHEMA_VERSION) -> int:
    """Apply the missing migrations up to `target`; return how many ran.

    Each migration and its `user_version` bump share one `BEGIN IMMEDIATE` transaction, and
    the version is re-read under the write lock, so two processes opening the same new
    database never apply a migration twice. Raise StoreError if the database was written
    by a newer version of the application.
    """
    if not 0 <= target <= SCHEMA_VERSION:
        raise ValueError(f"Version de schéma inconnue : {target}.")
    path = db_path(db)
    applied = 0
    with guard(path):
        while True:
            with write_transaction(db):
                version = user_version(db)
                if version > SCHEMA_VERSION:
                    raise StoreError(
                        f"La base de données « {path} » a été créée par une version plus "
                        "récente d'anef-tui : mettez l'application à jour."
                    )
                if version >= target:
                    break
                MIGRATIONS[version](_as_utils(db))
                db.conn.execute(f"PRAGMA user_version = {version + 1:d}")
            applied += 1
    return applied
