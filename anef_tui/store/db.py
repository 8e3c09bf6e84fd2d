"""The SQLite database: opening it safely, its schema and its versioned migrations.

The connection runs in driver autocommit mode (`isolation_level=None`): every write
transaction is opened explicitly with `BEGIN IMMEDIATE` (see `write_transaction`), so
nothing is ever left half-committed by an implicit transaction of the sqlite3 module.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import sqlite3
import stat
import time
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from anef_tui.domain.procedure_index import procedure_index
from anef_tui.domain.text import fold

DB_FILE_MODE = 0o600
#: SQLite waits this long for a lock before reporting SQLITE_BUSY (short: the UI must not
#: freeze); `write_transaction` tries BUSY_ATTEMPTS times (≤ ~1 s in all) then gives up.
BUSY_TIMEOUT_MS = 250
BUSY_ATTEMPTS = 4
BUSY_PAUSE_S = 0.02


def procedure_label(procedure: str) -> str:
    """« Renouvellement »: the procedure's `short_label`, from its file; its id when no file
    describes it any more (a procedure of an extra folder no longer given)."""
    ref = procedure_index().get(procedure)
    return ref.short_label if ref is not None else procedure


class StoreError(Exception):
    """The store cannot do what was asked; the message is one French line for the user."""


#: The command that restores a backup, named in the messages about a damaged base.
RESTORE_COMMAND = "anef-tui sauvegardes --restaurer NOM"
LIST_BACKUPS_COMMAND = "anef-tui sauvegardes"


class StoreBusy(StoreError):
    """Another window or program holds the database's write lock (retried, then given up)."""

    def __init__(self, message: str | None = None) -> None:
        super().__init__(
            message
            or "La base est occupée par une autre fenêtre ou un autre programme : rien n'a été "
            "perdu. Réessayez dans un instant."
        )


class ConflictError(StoreError):
    """The dossier changed (another window) since the version the caller read: nothing was
    written. Save again without `expected_version` to keep one's input, or reload it."""

    def __init__(self, message: str | None = None, *, current_version: int | None = None):
        super().__init__(
            message
            or "Ce dossier a été modifié dans une autre fenêtre depuis que vous l'avez ouvert : "
            "rien n'a été enregistré. Choisissez de garder votre saisie ou de reprendre la "
            "version enregistrée."
        )
        self.current_version = current_version


class DossierGone(StoreError):
    """No dossier with that id: abandoned (perhaps in another window) or deleted."""

    def __init__(self, message: str | None = None, *, dossier_id: int | None = None) -> None:
        number = f" n° {dossier_id}" if dossier_id is not None else ""
        super().__init__(
            message
            or f"Le dossier{number} est introuvable : il a peut-être été abandonné dans une "
            "autre fenêtre. Revenez à « Mes dossiers »."
        )
        self.dossier_id = dossier_id


class DamagedDatabase(StoreError):
    """The database file is damaged or is not a database: nothing was written to it."""

    def __init__(self, path: Path | str, detail: str = "elle est endommagée") -> None:
        super().__init__(
            f"La base de données « {path} » est illisible ou corrompue ({detail}) : rien n'y a été écrit. "
            f"Restaurez une sauvegarde : « {LIST_BACKUPS_COMMAND} » les liste et "
            f"« {RESTORE_COMMAND} » en remet une en place (la base actuelle est gardée à "
            "côté). Sinon, choisissez un autre dossier avec --data-dir."
        )
        self.path = str(path)


class DiskFull(StoreError):
    """No space left on the device (SQLITE_FULL, ENOSPC): the write did not happen."""

    def __init__(self, path: Path | str | None = None) -> None:
        where = f" (« {path} »)" if path else ""
        super().__init__(
            f"Le disque est plein{where} : rien n'a été perdu de ce qui était déjà "
            "enregistré. Libérez de la place puis réessayez."
        )


_DISK_FULL_ERRNOS = frozenset(
    code for code in (getattr(errno, "ENOSPC", None), getattr(errno, "EDQUOT", None)) if code
)


# --------------------------------------------------------------------------------------
# Error translation


def is_busy(exc: BaseException) -> bool:
    """True for SQLITE_BUSY / SQLITE_LOCKED (another connection holds the lock)."""
    if not isinstance(exc, sqlite3.Error):
        return False
    name = getattr(exc, "sqlite_errorname", "") or ""
    return name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in str(exc).lower()


def translate_error(exc: BaseException, path: Path | str) -> StoreError:
    """Turn a sqlite3 error (or an OSError) into a StoreError whose message tells the user
    what to do: StoreBusy, DiskFull, DamagedDatabase, or a plain StoreError."""
    if isinstance(exc, StoreError):
        return exc
    if isinstance(exc, OSError):
        if exc.errno in _DISK_FULL_ERRNOS:
            return DiskFull(path)
        return StoreError(
            f"Erreur de lecture ou d'écriture sur « {path} » ({exc.strerror or exc}) : "
            "vérifiez le disque ou choisissez un autre dossier avec --data-dir."
        )
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc).lower()
    if name.startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT")) or (
        "not a database" in text or "malformed" in text
    ):
        return DamagedDatabase(path)
    if is_busy(exc):
        return StoreBusy()
    if name.startswith("SQLITE_FULL") or "disk is full" in text:
        return DiskFull(path)
    if name.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM", "SQLITE_AUTH")) or (
        "readonly" in text or "unable to open" in text
    ):
        return StoreError(
            f"La base de données « {path} » ne peut pas être ouverte en écriture : vérifiez "
            "les droits du dossier ou choisissez-en un autre avec --data-dir."
        )
    if name.startswith("SQLITE_IOERR") or "disk i/o" in text:
        return StoreError(
            f"Erreur de lecture ou d'écriture sur « {path} » : vérifiez que le disque n'est "
            "pas plein ni débranché, puis réessayez."
        )
    return StoreError(
        f"Erreur inattendue de la base de données « {path} » ({exc}) : réessayez, ou "
        f"restaurez une sauvegarde avec « {RESTORE_COMMAND} » si le problème persiste."
    )


@contextlib.contextmanager
def guard(path: Path | str) -> Iterator[None]:
    """Re-raise any sqlite3 error met inside the block as a StoreError."""
    try:
        yield
    except sqlite3.Error as exc:
        raise translate_error(exc, path) from exc
    except OSError as exc:
        if exc.errno not in _DISK_FULL_ERRNOS:
            raise
        raise DiskFull(path) from exc


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


def _begin_immediate(db: Database) -> None:
    """`BEGIN IMMEDIATE`, tried BUSY_ATTEMPTS times while another connection writes; then
    StoreBusy."""
    for attempt in range(BUSY_ATTEMPTS):
        try:
            db.conn.execute("BEGIN IMMEDIATE")
            return
        except sqlite3.OperationalError as exc:
            if not is_busy(exc):
                raise
            if attempt == BUSY_ATTEMPTS - 1:
                raise StoreBusy() from exc
            time.sleep(BUSY_PAUSE_S)


@contextlib.contextmanager
def write_transaction(db: Database) -> Iterator[Database]:
    """One write transaction: `BEGIN IMMEDIATE` … `COMMIT`, rolled back on any exception.

    Nested use becomes a savepoint, so an inner failure the caller catches only undoes the
    inner block. `BEGIN IMMEDIATE` takes the write lock up front, so a concurrent writer
    waits (busy timeout, a few attempts, ≤ ~1 s) instead of failing halfway through a
    read-modify-write, then StoreBusy is raised.
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
    _begin_immediate(db)
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


def n_etranger_of(data: dict, procedure: str) -> str:
    """The foreigner number (field of role « n_etranger ») in the validated answers
    ({step: {field: value}}) of a dossier of `procedure`, or "" (none, or no valid file
    describes the procedure any more)."""
    # Imported here: the catalogue (pydantic) stays off the start-up path.
    from anef_tui.domain import roles
    from anef_tui.domain.catalogue import CatalogueError, load_procedure

    try:
        return roles.text(load_procedure(procedure), data, roles.N_ETRANGER)
    except CatalogueError:
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
            name, procedure, numero,
            n_etranger_of(data if isinstance(data, dict) else {}, procedure),
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


def _bump(dossier_expr: str) -> str:
    return f"UPDATE dossiers SET version = version + 1 WHERE id = {dossier_expr};"


def _migration_5_dossier_versions(db: Database) -> None:
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


def search_words(search_key: str) -> list[str]:
    """The distinct words of a (folded) search key, as `search_words` keeps them."""
    return sorted(set(search_key.split()))


def index_search_key(conn: sqlite3.Connection, dossier_id: int, search_key: str) -> None:
    """Keep `search_words` in step with a dossier's search key (call it wherever the key is
    written). Rows are deleted, not left behind: with secure_delete on, a former name is
    erased from the file."""
    conn.execute("DELETE FROM search_words WHERE dossier_id = ?", (dossier_id,))
    conn.executemany(
        "INSERT INTO search_words (word, dossier_id) VALUES (?, ?)",
        [(word, dossier_id) for word in search_words(search_key)],
    )


#: The order of « Mes dossiers » (soonest deadline, none last, then last saved), written so
#: that the index `dossiers_listing` gives it without sorting.
LISTING_ORDER = "next_deadline IS NULL, next_deadline, updated_at DESC, id DESC"

#: The 7-digit sequence (characters 13 to 19) of a 19-digit N° de la demande, and the
#: condition under which a number has one: `dossiers_by_sequence` indexes exactly that.
SEQUENCE_EXPR = "CAST(substr(numero_demande, 13, 7) AS INTEGER)"
SEQUENCE_WHERE = "length(numero_demande) = 19 AND numero_demande NOT GLOB '*[^0-9]*'"


def _migration_6_scale(db: Database) -> None:
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
    from anef_tui.store.deadlines import backfill  # the follow-up rules, off start-up

    backfill(conn)


MIGRATIONS: list[Callable[[Database], None]] = [
    _migration_1_initial_schema,
    _migration_2_deadlines_and_search,
    _migration_3_attachments,
    _migration_4_followup,
    _migration_5_dossier_versions,
    _migration_6_scale,
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


SQLITE_HEADER = b"SQLite format 3\x00"
#: Leftover of a new base being created (see `_create_new`), cleaned once this old (s).
NEW_BASE_PREFIX = ".nouvelle-base-"
STALE_NEW_BASE_SECONDS = 3600


def _unwritable(path: Path, exc: OSError) -> StoreError:
    if exc.errno in _DISK_FULL_ERRNOS:
        return DiskFull(path)
    return StoreError(
        f"La base de données « {path} » ne peut pas être créée ou ouverte "
        f"({exc.strerror or exc}) : vérifiez les droits du dossier ou choisissez-en un autre "
        "avec --data-dir."
    )


def _symlink_refused(path: Path) -> StoreError:
    return StoreError(
        f"« {path} » est un lien symbolique : anef-tui n'ouvre pas sa base par un lien (ses "
        "droits ne peuvent pas être protégés). Remplacez le lien par le fichier lui-même, ou "
        "choisissez un autre dossier avec --data-dir."
    )


def inspect_file(path: Path) -> bool:
    """Whether a database file exists at `path` (False: missing, a new base may be made).

    Never creates nor modifies anything. Raise StoreError for a symbolic link or something
    that is not a file, DamagedDatabase for an empty file or one without the SQLite header
    (it is never overwritten nor taken for a new base).
    """
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise _unwritable(path, exc) from exc
    if stat.S_ISLNK(info.st_mode):
        raise _symlink_refused(path)
    if not stat.S_ISREG(info.st_mode):
        raise StoreError(
            f"« {path} » n'est pas un fichier de base de données : déplacez-le ou "
            "choisissez un autre dossier avec --data-dir."
        )
    if info.st_size == 0:
        raise DamagedDatabase(path, "le fichier est vide")
    try:
        with open(path, "rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise _unwritable(path, exc) from exc
    if header != SQLITE_HEADER:
        raise DamagedDatabase(path, "ce fichier n'est pas une base de données d'anef-tui")
    return True


def _readonly_uri(path: Path) -> str:
    from urllib.parse import quote

    return f"file:{quote(str(Path(path).absolute()))}?mode=ro"


def check_integrity(path: Path) -> None:
    """`PRAGMA quick_check` on a read-only connection: DamagedDatabase if it fails.

    Read-only, so that nothing is written to a damaged base (not even a checkpoint).
    """
    conn: sqlite3.Connection | None = None
    try:
        conn = sqlite3.connect(
            _readonly_uri(path), uri=True, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None
        )
        rows = conn.execute("PRAGMA quick_check(1)").fetchall()
    except sqlite3.Error as exc:
        error = translate_error(exc, path)
        if isinstance(error, DamagedDatabase):
            raise error from exc
        if isinstance(error, StoreBusy):
            raise error from exc
        # The read-only check itself is impossible (e.g. a WAL base in a read-only folder):
        # the base is opened normally and such errors are reported there.
        return
    finally:
        if conn is not None:
            conn.close()
    if not rows or rows[0][0] != "ok":
        raise DamagedDatabase(path)


def _private_fd(path: Path) -> int | None:
    """A descriptor on `path` opened without following a link; None if it is missing."""
    try:
        return os.open(
            path,
            os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
            | getattr(os, "O_CLOEXEC", 0),
        )
    except FileNotFoundError:
        return None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise _symlink_refused(path) from exc
        raise


def tighten_modes(path: Path) -> None:
    """Make the base and its -wal and -shm files owner-only (0600), never through a link."""
    try:
        for candidate in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            fd = _private_fd(candidate)
            if fd is None:
                continue
            try:
                info = os.fstat(fd)
                if stat.S_ISREG(info.st_mode) and stat.S_IMODE(info.st_mode) != DB_FILE_MODE:
                    os.fchmod(fd, DB_FILE_MODE)
            finally:
                os.close(fd)
    except OSError as exc:
        raise _unwritable(path, exc) from exc


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(
        str(path),
        timeout=BUSY_TIMEOUT_MS / 1000,
        isolation_level=None,
        check_same_thread=False,
    )
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS:d}")
        conn.execute("PRAGMA foreign_keys = ON")
        # Deleted content is overwritten with zeros, whatever SQLite's compile-time default.
        conn.execute("PRAGMA secure_delete = ON")
    except BaseException:
        conn.close()
        raise
    return conn


def _create_new(path: Path) -> None:
    """Make a new, migrated base at `path` atomically: built in a temporary file of the same
    folder (0600), then hard-linked into place, so that a file at `path` is always a
    complete base (an interrupted creation leaves no empty file there). If another process
    created the base meanwhile, theirs is kept."""
    import tempfile

    try:
        fd, temp_name = tempfile.mkstemp(prefix=NEW_BASE_PREFIX, suffix=".db", dir=path.parent)
    except OSError as exc:
        raise _unwritable(path, exc) from exc
    os.close(fd)
    temp = Path(temp_name)
    try:
        with guard(path):
            conn = _connect(temp)
            try:
                conn.execute("PRAGMA journal_mode = WAL").fetchone()
                conn.execute("PRAGMA synchronous = FULL")
                migrate(Db(conn))
            finally:
                conn.close()
        try:
            os.link(temp, path)
        except FileExistsError:
            pass
        except OSError as exc:
            if exc.errno in _DISK_FULL_ERRNOS:
                raise
            # No hard links on this filesystem: a rename, unless a base appeared meanwhile.
            if not os.path.lexists(path):
                os.replace(temp, path)
    except OSError as exc:
        raise _unwritable(path, exc) from exc
    finally:
        for leftover in (temp, Path(f"{temp}-wal"), Path(f"{temp}-shm")):
            with contextlib.suppress(OSError):
                os.unlink(leftover)


def open_database(
    path: Path, *, backups_dir: Path | None = None, now: Callable[[], datetime] | None = None
) -> Db:
    """Open the database at `path`, migrated to the latest schema.

    Only a missing file gives a new base. An existing one is checked first, read-only
    (`inspect_file`, then `PRAGMA quick_check`): an empty, foreign or damaged file raises
    DamagedDatabase and nothing is written to it. A symbolic link is refused. Then: files
    owner-only, WAL journal, `synchronous=FULL` (a commit that returned survives a crash or
    power loss), foreign keys and `secure_delete` on, short busy timeout. When `backups_dir`
    is given, a base that needs a migration is backed up there first. Raise StoreError
    (French) for everything else that goes wrong.
    """
    path = Path(path)
    if not inspect_file(path):
        _create_new(path)
        inspect_file(path)
    else:
        check_integrity(path)
    tighten_modes(path)
    conn: sqlite3.Connection | None = None
    try:
        with guard(path):
            conn = _connect(path)
            db = Db(conn)
            conn.execute("PRAGMA journal_mode = WAL").fetchone()
            conn.execute("PRAGMA synchronous = FULL")
            version = user_version(db)
            if backups_dir is not None and 0 < version < SCHEMA_VERSION:
                from anef_tui.store.backups import backup_before_migration

                backup_before_migration(db, backups_dir, version + 1, now=now)
            migrate(db)
        tighten_modes(path)
    except BaseException:
        if conn is not None:
            conn.close()
        raise
    return db
