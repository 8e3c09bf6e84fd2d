"""PostgreSQL's side of the seam (issue 25): psycopg 3 behind the small sqlite3-like
interface the store uses.

`ServerConnection` offers `execute(sql, params)` → a cursor (`fetchone`, `fetchall`,
`rowcount`, `description`, iteration), `executemany`, `in_transaction` and `close`, in
autocommit with explicit `BEGIN`/`COMMIT` as the SQLite side. The store's `?` placeholders
are translated once per statement text (`%s`, a literal `%` doubled). Every psycopg error
becomes one the store understands, in French, with no word of psycopg's: busy (StoreBusy),
a statement that hung (`statement_timeout`), the server unreachable (ServerUnreachable:
the connection is made again at the next action), anything else a StoreError.

A write transaction keeps SQLite's guarantee of one writer at a time: `BEGIN`, then the
base's advisory lock (`pg_advisory_xact_lock`) under a `lock_timeout`, then the change
counter of `anef_base` bumped (the change stamp the screens compare, as SQLite's
`data_version`). psycopg is imported when a server base is opened, never at start-up.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import Any

from anef_tui.store.engine.postgresql_sql import _arguments, translate
from anef_tui.store.errors import ServerUnreachable, StoreBusy, StoreError

#: The advisory lock every write transaction takes (« anef » in ASCII): one writer at a time.
WRITE_LOCK = 0x616E6566

#: How long a statement waits for a lock before StoreBusy (SQLite: ≤ ~1 s).
LOCK_TIMEOUT_MS = 1000

#: How long a write waits for the base's write lock, in the server's queue, before StoreBusy.
#: Longer than LOCK_TIMEOUT_MS: every write of the structure queues on this one lock, and
#: on a loaded server (20 desks, load 15) the queue passed 1 s once in ~770 writes
#: (bench/desks.py). One wait keeps the desk's place in the queue, where a retry would go
#: to its end; 2.5 s stays a pause, not a frozen screen.
WRITE_LOCK_WAIT_MS = 2500

#: A statement that runs longer than this is stopped (a server that hangs, a lock forgotten).
STATEMENT_TIMEOUT_MS = 15_000

#: How long to wait for the server when connecting (seconds).
CONNECT_TIMEOUT_S = 5

#: The tables whose rows an erasure deletes (vacuumed after it).
ERASED_TABLES = ("dossiers", "answers", "attachments", "blobs", "file_contents",
                 "notifications", "complement_answers", "search_words", "deadlines",
                 "dossier_states", "consents", "journal", "dossier_imports", "events",
                 "kept_documents")

#: The table that holds the schema version and the change counter (one row).
BASE_TABLE = "anef_base"

def where(url: str) -> str:
    """The server and database a URL names, for messages (never its password)."""
    import psycopg
    from psycopg.conninfo import conninfo_to_dict

    try:
        info = conninfo_to_dict(url)
    except psycopg.Error:  # a URL libpq cannot read: named generically
        return "serveur PostgreSQL"
    host = str(info.get("host") or "localhost")
    if host.startswith("/"):
        host = "socket local"
    return f"{host}/{info.get('dbname') or info.get('user') or ''}"


def _translated(exc: BaseException, place: str) -> StoreError:
    """The StoreError a psycopg error means (French, what to do)."""
    from psycopg import errors

    if isinstance(exc, errors.LockNotAvailable | errors.DeadlockDetected
                  | errors.SerializationFailure):
        return StoreBusy(
            "La base est occupée par un autre poste : rien n'a été perdu. Réessayez dans un "
            "instant."
        )
    if isinstance(exc, errors.QueryCanceled):
        return StoreError(
            f"Le serveur de la base (« {place} ») n'a pas répondu à temps : rien n'a été "
            "enregistré de cette opération et votre saisie reste à l'écran. Réessayez dans "
            "un instant ; si cela se répète, prévenez l'administrateur du serveur."
        )
    if isinstance(exc, errors.OperationalError | errors.AdminShutdown
                  | errors.CannotConnectNow | errors.CrashShutdown):
        return ServerUnreachable(place)
    if isinstance(exc, errors.IntegrityError | errors.RaiseException):
        return StoreError(
            f"Le serveur de la base (« {place} ») a refusé cette écriture : rien n'a été "
            "enregistré. Revenez à « Mes dossiers » et réessayez."
        )
    return StoreError(
        f"Erreur inattendue du serveur de la base (« {place} ») : rien n'a été enregistré "
        "de cette opération. Réessayez ; si le problème persiste, prévenez l'administrateur."
    )


class ServerConnection:
    """A psycopg connection that looks like the store's SQLite connection."""

    def __init__(self, url: str, *, statement_timeout_ms: int = STATEMENT_TIMEOUT_MS) -> None:
        self.url = url
        self.place = where(url)
        self.engine = POSTGRESQL
        self._statement_timeout_ms = statement_timeout_ms
        self._conn: Any = None
        self._lock = threading.RLock()
        #: As SQLite's: the rows this connection's INSERT/UPDATE/DELETE changed (the
        #: engine's own bookkeeping aside); with `own_commits`, the write transactions it
        #: committed, the change stamp tells this connection's writes from the others'.
        self.total_changes = 0
        self.own_commits = 0
        self._bumped = False  # this transaction moved the base's change counter
        self._connect()

    def _connect(self) -> None:
        import psycopg

        try:
            conn = psycopg.connect(
                self.url, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S,
                application_name="anef-tui",
            )
        except psycopg.Error as exc:
            raise ServerUnreachable(self.place) from exc
        try:
            conn.execute(f"SET lock_timeout = {LOCK_TIMEOUT_MS:d}")
            conn.execute(f"SET statement_timeout = {self._statement_timeout_ms:d}")
            conn.execute("SET client_min_messages = warning")
        except psycopg.Error as exc:
            conn.close()
            raise _translated(exc, self.place) from exc
        self._conn = conn
        self._bumped = False

    def bumped(self) -> None:
        """The write transaction under way moved the base's change counter (`begin_write`)."""
        self._bumped = True

    def _counted(self, sql: str, cursor: Any) -> Any:
        """`cursor`, after counting what its statement changed or ended."""
        status = str(getattr(cursor, "statusmessage", "") or "")
        if status.startswith(("INSERT", "UPDATE", "DELETE")):
            if BASE_TABLE not in sql:  # the engine's own bookkeeping
                self.total_changes += max(int(cursor.rowcount), 0)
        elif status == "COMMIT":
            self.own_commits += int(self._bumped)
            self._bumped = False
        elif status == "ROLLBACK":
            self._bumped = False
        return cursor

    @property
    def in_transaction(self) -> bool:
        from psycopg.pq import TransactionStatus

        conn = self._conn
        if conn is None or conn.closed:
            return False
        return conn.info.transaction_status != TransactionStatus.IDLE

    def _ready(self, sql: str) -> Any:
        """The live connection; made again after the server was lost, unless a transaction
        was under way (it is gone: only its ROLLBACK may follow, and does nothing)."""
        conn = self._conn
        if conn is not None and not conn.closed:
            return conn
        if sql.lstrip().upper().startswith(("ROLLBACK", "RELEASE", "COMMIT")):
            return None
        self._connect()
        return self._conn

    def execute(self, sql: str, params: Any = ()) -> Any:
        import psycopg

        with self._lock:
            conn = self._ready(sql)
            if conn is None:
                return _Done()
            first = not self.in_transaction and _harmless(sql)
            try:
                return self._counted(sql, conn.execute(*_arguments(sql, params)))
            except psycopg.Error as exc:
                if not (first and conn.closed):
                    raise self._lost_or(exc) from exc
            # The server restarted since the last statement: the connection was found
            # cut by this one, which changed nothing (a BEGIN, a read outside a
            # transaction). Made again, and the statement sent once more.
            conn = self._ready(sql)
            try:
                return self._counted(sql, conn.execute(*_arguments(sql, params)))
            except psycopg.Error as exc:
                raise self._lost_or(exc) from exc

    def executemany(self, sql: str, rows: Any) -> Any:
        import psycopg

        with self._lock:
            conn = self._ready(sql)
            rows = list(rows)
            cursor = conn.cursor()
            if not rows:
                return cursor
            named = isinstance(rows[0], Mapping)
            try:
                cursor.executemany(translate(sql, named),
                                   [dict(r) if named else tuple(r) for r in rows])
            except psycopg.Error as exc:
                raise self._lost_or(exc) from exc
            return self._counted(sql, cursor)

    def _lost_or(self, exc: BaseException) -> StoreError:
        conn = self._conn
        if conn is not None and conn.closed:
            return ServerUnreachable(self.place)
        return _translated(exc, self.place)

    @property
    def backend_pid(self) -> int | None:
        """The server process serving this connection now (None while it is lost): the
        writer a change notification names (`store/desks/server_feed.py`)."""
        conn = self._conn
        if conn is None or conn.closed:
            return None
        return int(conn.info.backend_pid)

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()


def _harmless(sql: str) -> bool:
    """Whether sending `sql` again cannot do anything twice (outside a transaction)."""
    words = sql.split(None, 1)
    return bool(words) and words[0].upper() in ("BEGIN", "SELECT")


class _Done:
    """The cursor of a statement with nothing to do (a ROLLBACK after the server was lost)."""

    rowcount = 0
    description = None

    def fetchone(self) -> None:
        return None

    def fetchall(self) -> list[Any]:
        return []

    def __iter__(self) -> Any:
        return iter(())


class PostgresEngine:
    name = "postgresql"
    #: The base is on a server, shared by the structure's desks: no backup, integrity
    #: check or journal anchor in the desk's folder (the administrator's pg_dump).
    in_data_folder = False

    #: A dense typed word's range is the search's start up to this many rows (the ids of a range that large are read and looked up by key faster than the planner walks or hashes the whole table).
    among_up_to = 10_000

    def among(self, select: str) -> str:
        """`id = ANY(ARRAY(…))`: the ids are read once (an InitPlan), then each dossier by its
        key. With `id IN (…)` the planner could hash them and walk every dossier, even when
        no id comes (two words that never meet)."""
        return f"id = ANY(ARRAY({select}))"

    def begin_write(self, conn: Any) -> None:
        """`BEGIN`, the base's write lock (StoreBusy after WRITE_LOCK_WAIT_MS), the change
        counter bumped."""
        conn.execute("BEGIN")
        try:  # the wait for this transaction only, set before the lock (not under it)
            conn.execute("SELECT set_config('lock_timeout', ?, true)",
                         (f"{WRITE_LOCK_WAIT_MS:d}",))
            conn.execute("SELECT pg_advisory_xact_lock(?)", (WRITE_LOCK,))
            conn.execute(f"UPDATE {BASE_TABLE} SET changes = changes + 1")
            conn.bumped()
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    def schema_version(self, conn: Any) -> int:
        row = conn.execute(f"SELECT version FROM {BASE_TABLE}").fetchone()
        return int(row[0]) if row else 0

    def set_schema_version(self, conn: Any, version: int) -> None:
        conn.execute(f"UPDATE {BASE_TABLE} SET version = ?", (int(version),))

    def migration_target(self, db: Any) -> Any:
        return db

    def change_stamp(self, conn: Any) -> tuple[int, int]:
        """As SQLite's: the rows this connection changed, and a number that moves with
        every other connection's commit (the base's counter less this connection's own)."""
        row = conn.execute(f"SELECT changes FROM {BASE_TABLE}").fetchone()
        return conn.total_changes, (int(row[0]) if row else 0) - conn.own_commits

    def table_names(self, conn: Any) -> set[str]:
        return {str(r[0]) for r in conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")}

    def column_names(self, conn: Any, table: str) -> list[str]:
        return [str(r[0]) for r in conn.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = "
            "current_schema() AND table_name = ? ORDER BY ordinal_position", (table,))]

    def is_busy(self, exc: BaseException) -> bool:
        return isinstance(exc, StoreBusy)

    def at_close(self, conn: Any) -> None:
        """Nothing: the server keeps its own house."""

    def compact(self, conn: Any) -> bool:
        """VACUUM of the tables an erasure touches, where this account may (a table it
        does not own is skipped by the server with a warning: autovacuum reclaims it)."""
        try:
            conn.execute("VACUUM " + ", ".join(ERASED_TABLES))
        except StoreError:
            return False
        return True

    def flush(self, conn: Any) -> bool:
        """Nothing to do from here: the server's write-ahead log is its administrator's."""
        return True

    def describe(self, conn: Any) -> str:
        return str(getattr(conn, "place", "serveur PostgreSQL"))

    def desk_identity(self, conn: Any) -> tuple[str, int, str]:
        """The connection's backend: its pid and start on the server (the machine's name
        only informs: desks on several machines share the server)."""
        from anef_tui.store.engine.processes import host_name

        row = conn.execute(f"SELECT pid, {_STARTED} FROM pg_stat_activity "
                           "WHERE pid = pg_backend_pid()").fetchone()
        return host_name(), int(row[0]), str(row[1] or "")

    def desks_alive(self, conn: Any, desks: list[tuple[str, int, str]]) -> list[bool]:
        """One read of `pg_stat_activity`: a desk is alive while its backend is connected
        (a desk killed -9 loses its connection, so its backend ends). Another role's
        backend may hide its start (no pg_read_all_stats): then its pid alone answers."""
        if not desks:
            return []
        backends = {int(pid): (str(started) if started is not None else None)
                    for pid, started in conn.execute(
                        f"SELECT pid, {_STARTED} FROM pg_stat_activity "
                        "WHERE pid IS NOT NULL").fetchall()}
        alive = []
        for _host, pid, started in desks:
            if pid not in backends:
                alive.append(False)
                continue
            seen = backends[pid]
            alive.append(seen is None or not started or seen == started)
        return alive


#: A backend's start as text, the same whatever the session's time zone.
_STARTED = ("to_char(backend_start AT TIME ZONE 'UTC', "
            "'YYYY-MM-DD\"T\"HH24:MI:SS.US')")


POSTGRESQL = PostgresEngine()


def prepare_base(conn: ServerConnection) -> None:
    """The one-row table of the schema version and the change counter, made if missing
    (under the write lock: two desks opening a new base at once make it once). Read first,
    without the lock: opening a prepared base writes nothing and waits for no one (twenty
    desks opening while others saved got StoreBusy: bench/desks.py)."""
    if _prepared(conn):
        return
    conn.execute("BEGIN")
    try:
        conn.execute("SELECT pg_advisory_xact_lock(?)", (WRITE_LOCK,))
        conn.execute(
            f"CREATE TABLE IF NOT EXISTS {BASE_TABLE} ("
            " one BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (one),"
            " version INTEGER NOT NULL DEFAULT 0,"
            " changes BIGINT NOT NULL DEFAULT 0)")
        conn.execute(f"INSERT INTO {BASE_TABLE} (one) VALUES (TRUE) ON CONFLICT DO NOTHING")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def _prepared(conn: ServerConnection) -> bool:
    """Whether the one-row table exists and holds its row (read without any lock)."""
    row = conn.execute("SELECT to_regclass(?) IS NOT NULL", (BASE_TABLE,)).fetchone()
    if not row or not row[0]:
        return False
    return conn.execute(f"SELECT 1 FROM {BASE_TABLE}").fetchone() is not None
