"""The connection wrapper (`Db`) and write transactions (begun by the engine: SQLite's
`BEGIN IMMEDIATE` retried when busy, PostgreSQL's `BEGIN` and the base's write lock)."""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterator
from typing import TYPE_CHECKING, TypeVar

from anef_tui.store import driver
from anef_tui.store.engine import Engine, engine_for
from anef_tui.store.engine.sqlite import (  # noqa: F401 - re-exported
    BUSY_ATTEMPTS,
    BUSY_PAUSE_S,
    BUSY_TIMEOUT_MS,
)

if TYPE_CHECKING:
    from sqlite_utils import Database

#: Either connection wrapper: ours (`Db`) or sqlite-utils' (migrations and tools).
_D = TypeVar("_D", bound="Db | Database")


class Db:
    """The open database: its SQLite connection (`driver.connect`), and sqlite-utils when something needs it.

    sqlite-utils costs ~50 ms to import, so it is loaded only for migrations and tools, never
    on the ordinary start-up path (see bench/startup.py).
    """

    def __init__(self, conn: driver.Connection) -> None:
        self.conn = conn
        #: What differs between SQLite and PostgreSQL (`store/engine/`).
        self.engine: Engine = engine_for(conn)

    @functools.cached_property
    def utils(self) -> Database:
        from sqlite_utils import Database

        return Database(self.conn, execute_plugins=False)

    def __getitem__(self, table: str):
        """A sqlite-utils Table, for introspection (`db["dossiers"].columns_dict`)."""
        return self.utils[table]

    def table_names(self) -> list[str]:
        return sorted(self.engine.table_names(self.conn))

    def close(self) -> None:
        self.conn.close()


def db_path(db: Db | Database) -> str:
    """The file (or the server's database) behind `db`, for error messages."""
    return engine_for(db).describe(db.conn)


@contextlib.contextmanager
def write_transaction(db: _D) -> Iterator[_D]:
    """One write transaction: begun by the engine (`BEGIN IMMEDIATE` on SQLite) … `COMMIT`,
    rolled back on any exception.

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
    engine_for(db).begin_write(conn)
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
    """The id an `INSERT … RETURNING id` gave (portable: SQLite and PostgreSQL alike)."""
    row = cursor.fetchone()
    if row is None:  # not after a successful INSERT … RETURNING: a programming error
        raise RuntimeError("no row inserted")
    return int(row[0])
