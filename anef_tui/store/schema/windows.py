"""Migrations 5, 7 and 8: what keeps two windows from crossing, and data-declared kinds.

* 5: a version per dossier (a save never silently replaces a newer one);
* 7: notification kinds open to data, and the local sequence of N° de la demande;
* 8: ids never given twice.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from anef_tui.store.connection import Db
from anef_tui.store.keys import SEQUENCE_EXPR, SEQUENCE_WHERE
from anef_tui.store.schema.statements import run

if TYPE_CHECKING:
    from sqlite_utils import Database


def _bump(dossier_expr: str) -> str:
    return f"UPDATE dossiers SET version = version + 1 WHERE id = {dossier_expr};"


def migration_5_dossier_versions(db: Db | Database) -> None:
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
    run(db, *statements)


def migration_7_open_kinds_and_local_sequence(db: Db | Database) -> None:
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
    run(
        db,
        "ALTER TABLE dossiers ADD COLUMN local_sequence INTEGER",
        # Numbers never replaced by an official one are the local ones given here.
        f"UPDATE dossiers SET local_sequence = {SEQUENCE_EXPR} WHERE {SEQUENCE_WHERE} "
        "AND id NOT IN (SELECT dossier_id FROM events WHERE kind = 'numero_officiel')",
        "CREATE INDEX dossiers_by_local_sequence ON dossiers(local_sequence)",
    )


#: Tables whose ids a window can hold (a dossier, a notification, an attached file), and
#: where ids of deleted rows were also recorded (an abandoned dossier's events).
_HELD_IDS = {
    "dossiers": ("SELECT max(id) FROM dossiers", "SELECT max(dossier_id) FROM events"),
    "notifications": ("SELECT max(id) FROM notifications",),
    "attachments": ("SELECT max(id) FROM attachments",),
}


def migration_8_ids_never_reused(db: Db | Database) -> None:
    """An id is never given twice (issue 19): `AUTOINCREMENT` on the ids a window can hold.

    Without it SQLite gives a new row the largest id + 1, so a dossier abandoned in one
    window and one created in another got the same id, and the first window's autosave
    wrote one person's answers into the other's dossier. `AUTOINCREMENT` changes no stored
    byte (only how the next id is chosen, through `sqlite_sequence`), so, as migration 7
    did for a CHECK, the definitions are edited in place (« writable_schema ») instead of
    rebuilding the tables (a rebuild would cascade deletions). Each sequence starts above
    every id the base ever gave, as far as it can tell (an abandoned dossier's events).
    """
    import re

    conn = db.conn
    # `sqlite_sequence` exists once a table with AUTOINCREMENT has been created.
    conn.execute("CREATE TABLE anef_sequence_maker (id INTEGER PRIMARY KEY AUTOINCREMENT)")
    conn.execute("DROP TABLE anef_sequence_maker")
    (schema_version,) = conn.execute("PRAGMA schema_version").fetchone()
    conn.execute("PRAGMA writable_schema = ON")
    try:
        for table in _HELD_IDS:
            (sql,) = conn.execute(
                "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
            ).fetchone()
            new_sql = re.sub(
                r"\bid INTEGER PRIMARY KEY\b(?! AUTOINCREMENT)",
                "id INTEGER PRIMARY KEY AUTOINCREMENT", sql, count=1,
            )
            conn.execute(
                "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = ?",
                (new_sql, table),
            )
        conn.execute(f"PRAGMA schema_version = {int(schema_version) + 1:d}")
    finally:
        conn.execute("PRAGMA writable_schema = OFF")
    for table, queries in _HELD_IDS.items():
        highest = max(int(conn.execute(query).fetchone()[0] or 0) for query in queries)
        conn.execute("DELETE FROM sqlite_sequence WHERE name = ?", (table,))
        conn.execute("INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)", (table, highest))
