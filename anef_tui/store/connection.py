"""The connection wrapper (`Db`) and write transactions (`BEGIN IMMEDIATE`, retried when busy)."""

from __future__ import annotations

import contextlib
import functools
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, TypeVar

from anef_tui.store import driver
from anef_tui.store.errors import StoreBusy, is_busy

if TYPE_CHECKING:
    from sqlite_utils import Database


#: SQLite waits this long for a lock before reporting SQLITE_BUSY (short: the UI must not
#: freeze); `write_transaction` tries BUSY_ATTEMPTS times (≤ ~1 s in all) then gives up.
BUSY_TIMEOUT_MS = 250


BUSY_ATTEMPTS = 4


BUSY_PAUSE_S = 0.02


#: Either connection wrapper: ours (`Db`) or sqlite-utils' (migrations and tools).
_D = TypeVar("_D", bound="Db | Database")


class Db:
    """The open database: its SQLite connection (`driver.connect`), and sqlite-utils when something needs it.

    sqlite-utils costs ~50 ms to import, so it is loaded only for migrations and tools, never
    on the ordinary start-up path (see bench/startup.py).
    """

    def __init__(self, conn: driver.Connection) -> None:
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


def db_path(db: Db | Database) -> str:
    """The file behind `db`, for error messages."""
    try:
        row = db.conn.execute("PRAGMA database_list").fetchone()
    except driver.Error:
        return "?"
    return (row[2] if row else "") or ":memory:"


def _begin_immediate(db: Db | Database) -> None:
    """`BEGIN IMMEDIATE`, tried BUSY_ATTEMPTS times while another connection writes; then
    StoreBusy."""
    for attempt in range(BUSY_ATTEMPTS):
        try:
            db.conn.execute("BEGIN IMMEDIATE")
            return
        except driver.OperationalError as exc:
            if not is_busy(exc):
                raise
            if attempt == BUSY_ATTEMPTS - 1:
                raise StoreBusy() from exc
            time.sleep(BUSY_PAUSE_S)


@contextlib.contextmanager
def write_transaction(db: _D) -> Iterator[_D]:
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


def inserted_id(cursor: driver.Cursor) -> int:
    """The id of the row an INSERT just wrote."""
    if cursor.lastrowid is None:  # not after a successful INSERT: a programming error
        raise RuntimeError("no row inserted")
    return int(cursor.lastrowid)
