"""The SQLite database: opening it safely, its schema and its versioned migrations.

The connection runs in driver autocommit mode (`isolation_level=None`): every write
transaction is opened explicitly with `BEGIN IMMEDIATE` (see `write_transaction`), so
nothing is ever left half-committed by an implicit transaction of the sqlite3 module.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sqlite3
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from anef_tui.domain.procedure_index import procedure_index
from anef_tui.domain.text import fold

DB_FILE_MODE = 0o600
BUSY_TIMEOUT_MS = 5000


def procedure_label(procedure: str) -> str:
    """« Renouvellement »: the procedure's `short_label`, from its file; its id when no file
    describes it any more (a procedure of an extra folder no longer given)."""
    ref = procedure_index().get(procedure)
    return ref.short_label if ref is not None else procedure


# Field ids whose value (any step) is the foreigner number (« n° étranger ») put in the
# search key.
N_ETRANGER_FIELDS: tuple[str, ...] = ("n_etranger",)


class StoreError(Exception):
    """The store cannot do what was asked; the message is one French line for the user."""


# --------------------------------------------------------------------------------------
# Error translation


def translate_error(exc: sqlite3.Error, path: Path | str) -> StoreError:
    """Turn a sqlite3 error into a StoreError whose message tells the user what to do."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc).lower()
    if name.startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT")) or (
        "not a database" in text or "malformed" in text
    ):
        return StoreError(
            f"La base de données « {path} » est illisible ou corrompue : restaurez une "
            "sauvegarde ou choisissez un autre dossier avec --data-dir."
        )
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text:
        return StoreError(
            f"La base de données « {path} » est occupée par un autre programme (une autre "
            "fenêtre d'anef-tui ?) : fermez-le puis réessayez."
        )
    if name.startswith("SQLITE_FULL") or "disk is full" in text:
        return StoreError(
            f"Le disque qui contient « {path} » est plein : libérez de la place puis "
            "réessayez (rien n'a été perdu de ce qui était déjà enregistré)."
        )
    if name.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM", "SQLITE_AUTH")) or (
        "readonly" in text or "unable to open" in text
    ):
        return StoreError(
            f"La base de données « {path} » ne peut pas être ouverte en écriture : vérifiez "
            "les droits du dossier ou choisissez-en un autre avec --data-dir."
        )
    if name.startswith("SQLITE_IOERR") or "disk i/o" in text:
        return StoreError(
            f"Erreur de lecture ou d'écriture sur « {path} » : vérifiez le disque ou "
            "choisissez un autre dossier avec --data-dir."
        )
    return StoreError(
        f"Erreur inattendue de la base de données « {path} » ({exc}) : réessayez, ou "
        "restaurez une sauvegarde si le problème persiste."
    )


@contextlib.contextmanager
def guard(path: Path | str) -> Iterator[None]:
    """Re-raise any sqlite3 error met inside the block as a StoreError."""
    try:
        yield
    except sqlite3.Error as exc:
        raise translate_error(exc, path) from exc


if TYPE_CHECKING:
    from sqlite_utils import Database


class Db:
    """The open database: its sqlite3 connection, and sqlite-utils when something needs it.

    sqlite-utils costs ~50 ms to import, so it is loaded only for migrations and tools, never
    on the ordinary start-up path (see bench/startup.py).
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    @functools.cached_property
    def utils(self) -> Database:
        from sqlite_utils import Database

        return Database(self.conn, execute_plugins=False)

    def __getitem__(self, table: str):
        """A sqlite-utils Table, for introspection (`db["dossiers"].columns_dict`)."""
        return self.utils[table]

    def table_names(self) -> list[str]:
        return self.utils.table_names()

    def close(self) -> None:
        self.conn.close()


def _as_utils(db: Db | Database) -> Database:
    return db.utils if isinstance(db, Db) else db


# --------------------------------------------------------------------------------------
# Transactions


def db_path(db: Database) -> str:
    """The file behind `db`, for error messages."""
    try:
        row = db.conn.execute("PRAGMA database_list").fetchone()
    except sqlite3.Error:
        return "?"
    return (row[2] if row else "") or ":memory:"


@contextlib.contextmanager
def write_transaction(db: Database) -> Iterator[Database]:
    """One write transaction: `BEGIN IMMEDIATE` … `COMMIT`, rolled back on any exception.

    Nested use becomes a savepoint, so an inner failure the caller catches only undoes the
    inner block. `BEGIN IMMEDIATE` takes the write lock up front, so a concurrent writer
    waits (busy timeout) instead of failing halfway through a read-modify-write.
    """
    conn = db.conn
    if conn.in_transaction:
        conn.execute("SAVEPOINT anef_nested")
        try:
            yield db
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK TO SAVEPOINT anef_nested")
                conn.execute("RELEASE SAVEPOINT anef_nested")
            raise
        else:
            conn.execute("RELEASE SAVEPOINT anef_nested")
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    else:
        try:
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise


# --------------------------------------------------------------------------------------
# Search key


def n_etranger_of(data: dict) -> str:
    """The foreigner number found in validated answers ({step: {field: value}}), or ""."""
    for values in data.values():
        if not isinstance(values, dict):
            continue
        for field in N_ETRANGER_FIELDS:
            value = values.get(field)
            if value:
                return str(value)
    return ""


def search_key_for(
    applicant_name: str,
    procedure: str,
    numero_demande: str | None = None,
    n_etranger: str | None = None,
) -> str:
    """The folded text a dossier is searched by: name, procedure label, numbers."""
    parts = [
        applicant_name or "",
        procedure_label(procedure),
        numero_demande or "",
        n_etranger or "",
    ]
    return fold(" ".join(parts))


# --------------------------------------------------------------------------------------
# Migrations. Each one runs inside the transaction that bumps `PRAGMA user_version`.
# Never edit a migration once released: append a new one.


def _run(db: Database, *statements: str) -> None:
    for statement in statements:
        db.conn.execute(statement)


def _migration_1_initial_schema(db: Database) -> None:
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


def _migration_2_deadlines_and_search(db: Database) -> None:
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
            name, procedure, numero, n_etranger_of(data if isinstance(data, dict) else {})
        )
        db.conn.execute("UPDATE dossiers SET search_key = ? WHERE id = ?", (key, dossier_id))


def _migration_3_attachments(db: Database) -> None:
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


def _migration_4_followup(db: Database) -> None:
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


MIGRATIONS: list[Callable[[Database], None]] = [
    _migration_1_initial_schema,
    _migration_2_deadlines_and_search,
    _migration_3_attachments,
    _migration_4_followup,
]
SCHEMA_VERSION = len(MIGRATIONS)


def user_version(db: Database) -> int:
    return int(db.conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(db: Database, *, target: int = SCHEMA_VERSION) -> int:
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


# --------------------------------------------------------------------------------------
# Opening


def _unwritable(path: Path, exc: OSError) -> StoreError:
    return StoreError(
        f"La base de données « {path} » ne peut pas être créée ou ouverte "
        f"({exc.strerror or exc}) : vérifiez les droits du dossier ou choisissez-en un autre "
        "avec --data-dir."
    )


def _prepare_file(path: Path) -> None:
    """Create the database file owner-only before SQLite opens it; tighten an existing one.

    SQLite gives its -wal and -shm files the permissions of the database file, so they are
    owner-only too.
    """
    try:
        fd = os.open(
            path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), DB_FILE_MODE
        )
    except FileExistsError:
        pass
    except OSError as exc:
        raise _unwritable(path, exc) from exc
    else:
        os.close(fd)
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise StoreError(
                f"« {path} » n'est pas un fichier de base de données : déplacez-le ou "
                "choisissez un autre dossier avec --data-dir."
            )
        for candidate in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            if candidate == path or candidate.exists():
                if stat.S_IMODE(os.stat(candidate).st_mode) != DB_FILE_MODE:
                    os.chmod(candidate, DB_FILE_MODE)
    except OSError as exc:
        raise _unwritable(path, exc) from exc


def open_database(path: Path) -> Db:
    """Open (creating it if needed) the database at `path`, migrated to the latest schema.

    WAL journal, `synchronous=FULL` (a commit that returned survives a crash or power loss),
    foreign keys on, 5 s busy timeout. Raise StoreError (French) if the file cannot be
    created, is not a database or is corrupt.
    """
    path = Path(path)
    _prepare_file(path)
    conn: sqlite3.Connection | None = None
    try:
        with guard(path):
            conn = sqlite3.connect(
                str(path),
                timeout=BUSY_TIMEOUT_MS / 1000,
                isolation_level=None,
                check_same_thread=False,
            )
            db = Db(conn)
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS:d}")
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA journal_mode = WAL").fetchone()
            conn.execute("PRAGMA synchronous = FULL")
            migrate(db)
    except BaseException:
        if conn is not None:
            conn.close()
        raise
    return db
