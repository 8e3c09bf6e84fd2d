"""The store's one seam for its database engine (issue 25): SQLite or PostgreSQL.

The store writes portable SQL (`?` placeholders, `INSERT … RETURNING id`, `ON CONFLICT`) and
asks its engine for what differs: how a write transaction begins (one writer at a time,
busy → StoreBusy), the schema version (the migrations of each engine: `schema.migrations_of`), the change stamp the screens
compare, the tables there are, which errors mean busy, and the housekeeping at close.
`engine_for(x)` gives the engine of a connection, a `Db` or sqlite-utils' Database: a
PostgreSQL connection (`engine/postgresql.py`'s adapter) names its engine; anything else
is SQLite (`engine/sqlite.py`, today's behaviour). No other module asks which engine it is.
"""

from __future__ import annotations

from typing import Any, Protocol


class Engine(Protocol):
    """What the store asks of its engine."""

    #: "sqlite" or "postgresql" (for messages, tests and the CLI's `--base`).
    name: str

    #: Whether the base lives in the desk's data folder (SQLite): the folder's backups,
    #: integrity check and journal anchor then concern it.
    in_data_folder: bool

    #: Up to how many rows a dense word's range (every typed word dense) still starts the
    #: search through `among` (0: never, the list is walked).
    among_up_to: int

    def among(self, select: str) -> str:
        """The search's condition « `dossiers.id` is one of the ids `select` gives » (at
        most a few thousand: the rarest typed word's), in the shape that makes the engine
        start from them rather than walk the whole list."""

    def begin_write(self, conn: Any) -> None:
        """Begin a write transaction that holds the base's one write lock (StoreBusy after a
        few tries)."""

    def schema_version(self, conn: Any) -> int:
        """The number of migrations applied."""

    def set_schema_version(self, conn: Any, version: int) -> None:
        """Record `version` (inside the migration's transaction)."""

    def migration_target(self, db: Any) -> Any:
        """What a migration is given (sqlite-utils' Database on SQLite, the Db elsewhere)."""

    def change_stamp(self, conn: Any) -> tuple[int, int]:
        """Equal stamps, same data (this connection's writes and everyone else's)."""

    def table_names(self, conn: Any) -> set[str]:
        """The base's tables."""

    def column_names(self, conn: Any, table: str) -> list[str]:
        """The columns of `table`, in order."""

    def is_busy(self, exc: BaseException) -> bool:
        """Whether `exc` says that another connection holds the lock."""

    def at_close(self, conn: Any) -> None:
        """Housekeeping before the connection closes (SQLite: the log checkpointed)."""

    def compact(self, conn: Any) -> bool:
        """After an erasure: the freed space overwritten or reclaimed (SQLite: VACUUM);
        False if it could not be done now."""

    def flush(self, conn: Any) -> bool:
        """After an erasure: nothing of it left in a log (SQLite: the -wal emptied); False
        if another connection kept it busy."""

    def describe(self, conn: Any) -> str:
        """What the messages name: the base's file, or the server's database."""

    def desk_identity(self, conn: Any) -> tuple[str, int, str]:
        """Who this desk is for the others (presence, issue 25): (host, pid, start) — on
        SQLite this process, on a server the connection's backend."""

    def desks_alive(self, conn: Any, desks: list[tuple[str, int, str]]) -> list[bool]:
        """For each (host, pid, start) a presence row was written with, whether that desk
        is still there (SQLite: its process runs; a server: its backend is connected)."""


def engine_for(target: Any) -> Engine:
    """The engine of a connection, a `Db`, or sqlite-utils' Database (SQLite unless the
    connection names another)."""
    conn = getattr(target, "conn", target)
    named = getattr(conn, "engine", None)
    if named is not None:
        return named
    from anef_tui.store.engine.sqlite import SQLITE

    return SQLITE
