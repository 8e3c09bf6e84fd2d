"""SQLite's side of the seam (`engine/__init__.py`): the behaviour the store always had.

A write transaction is `BEGIN IMMEDIATE` (the write lock up front), tried `BUSY_ATTEMPTS`
times while another connection writes, then StoreBusy; the schema version is
`PRAGMA user_version`; the change stamp is the connection's `total_changes` with SQLite's
`data_version` (moved by every other connection's commit); at close the -wal is
checkpointed into the base and emptied.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from anef_tui.store import driver
from anef_tui.store.errors import StoreBusy, is_busy

#: SQLite waits this long for a lock before reporting SQLITE_BUSY (short: the UI must not
#: freeze); `begin_write` tries BUSY_ATTEMPTS times (≤ ~1 s in all) then gives up.
BUSY_TIMEOUT_MS = 250


BUSY_ATTEMPTS = 4


BUSY_PAUSE_S = 0.02

log = logging.getLogger("anef_tui.store.erasure")


class SqliteEngine:
    name = "sqlite"
    #: The base is a file of the data folder: the folder's lock, daily backups, integrity
    #: check and the journal's anchor beside it are this engine's (`store/database.py`).
    in_data_folder = True

    #: A dense typed word's range is the search's start up to this many rows (never: past `_DENSE` the list is walked in its order (its index), the page found early).
    among_up_to = 0

    def among(self, select: str) -> str:
        """`id IN (…)`: SQLite's planner reads the ids from the index, then sorts them."""
        return f"id IN ({select})"

    def begin_write(self, conn: Any) -> None:
        """`BEGIN IMMEDIATE`, tried BUSY_ATTEMPTS times while another connection writes;
        then StoreBusy."""
        for attempt in range(BUSY_ATTEMPTS):
            try:
                conn.execute("BEGIN IMMEDIATE")
                return
            except driver.OperationalError as exc:
                if not is_busy(exc):
                    raise
                if attempt == BUSY_ATTEMPTS - 1:
                    raise StoreBusy() from exc
                time.sleep(BUSY_PAUSE_S)

    def schema_version(self, conn: Any) -> int:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])

    def set_schema_version(self, conn: Any, version: int) -> None:
        conn.execute(f"PRAGMA user_version = {int(version):d}")

    def migration_target(self, db: Any) -> Any:
        return db.utils if hasattr(db, "utils") else db

    def change_stamp(self, conn: Any) -> tuple[int, int]:
        return conn.total_changes, int(conn.execute("PRAGMA data_version").fetchone()[0])

    def table_names(self, conn: Any) -> set[str]:
        return {str(r[0]) for r in
                conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}

    def column_names(self, conn: Any, table: str) -> list[str]:
        return [str(r[1]) for r in conn.execute(f"PRAGMA table_info({table})")]

    def is_busy(self, exc: BaseException) -> bool:
        return is_busy(exc)

    def at_close(self, conn: Any) -> None:
        # The log back into the base and emptied: SQLite deletes it only when the last
        # connection closes, so with another window open a large -wal file (`demo
        # --count`, a big import) would stay, and be read again by every start.
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()

    def compact(self, conn: Any) -> bool:
        try:
            conn.execute("VACUUM")
        except driver.Error as exc:
            log.warning("erasure: VACUUM failed: %s", exc)
            return False
        return True

    def flush(self, conn: Any) -> bool:
        try:
            busy = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        except driver.Error as exc:
            log.warning("erasure: checkpoint failed: %s", exc)
            return False
        return not busy or int(busy[0]) == 0

    def describe(self, conn: Any) -> str:
        try:
            row = conn.execute("PRAGMA database_list").fetchone()
        except driver.Error:
            return "?"
        return (row[2] if row else "") or ":memory:"

    def desk_identity(self, conn: Any) -> tuple[str, int, str]:
        """This process: the machine, its pid and when it started (`/proc`)."""
        import os

        from anef_tui.store.engine.processes import host_name, start_token

        pid = os.getpid()
        return host_name(), pid, start_token(pid) or ""

    def desks_alive(self, conn: Any, desks: list[tuple[str, int, str]]) -> list[bool]:
        """A folder lives on one machine: a desk is alive while its process runs there
        (`processes.process_alive`; another machine's row came with a copy)."""
        from anef_tui.store.engine.processes import process_alive

        return [process_alive(host, pid, started) for host, pid, started in desks]


SQLITE = SqliteEngine()
