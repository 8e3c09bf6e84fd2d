"""SQLite's change feed: a light watcher of `PRAGMA data_version`.

SQLite tells no one when another connection commits; the one way to know is to ask, and
`PRAGMA data_version` is the cheapest question (it reads the WAL index in shared memory: no
page, no lock). So a daemon thread asks it on a read connection of its own every `period`
seconds (`bench/desk_watch.py` measures what that costs an idle desk). When the number
moves, the base's own connection is asked the same question under the base's lock: its
number moves only for *other* connections' commits, so this desk's own writes wake no one.
SQLite cannot say which dossier changed: the listeners get `Change()` and refresh.

Between commits, the watcher also checks that the other desks holding a dossier open are
still running (a desk killed -9 removes nothing): their processes are asked, no SQL runs.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import TYPE_CHECKING

from anef_tui.store import driver
from anef_tui.store.desks.changes import Change, ThreadFeed

if TYPE_CHECKING:
    from anef_tui.store.database import Database
    from anef_tui.store.desks.presence import Presence, PresenceStore

#: Seconds between two looks: another desk's change shows within this.
PERIOD = 1.0
#: How long a look waits for the base's lock (the interface may be writing) before it
#: tries again at the next one.
LOCK_WAIT = 0.05


def _version(conn: driver.Connection) -> int:
    return int(conn.execute("PRAGMA data_version").fetchone()[0])


class DataVersionWatcher(ThreadFeed):
    """The change feed of a SQLite base (`changes.ChangeFeed`)."""

    THREAD_NAME = "anef-desks-watch"
    PERIOD = PERIOD

    def __init__(self, database: Database, presence: PresenceStore, *,
                 period: float | None = None) -> None:
        super().__init__(database, presence, period=period)
        #: Looks taken so far (for the bench and the tests' curiosity, never asserted on time).
        self.looks = 0

    # -- the thread --------------------------------------------------------------------
    def _main_version(self) -> int | None:
        """The base's own connection's `data_version`; None if its lock is busy now."""
        database = self.database
        if not database.lock.acquire(timeout=LOCK_WAIT):
            return None
        try:
            return _version(database.db.conn)
        finally:
            database.lock.release()

    def _run(self) -> None:
        from anef_tui.store.sqlite_file import _connect

        try:
            conn = _connect(self.database.path, self.database.key)
        except Exception:  # no feed: the screens still refresh on return
            return
        try:
            self._watch(conn, self.presence.rows_elsewhere)
        except Exception:  # the base closed under it, a vanished folder
            return
        finally:
            with contextlib.suppress(driver.Error):
                conn.close()

    def _watch(self, conn: driver.Connection,
               rows_elsewhere: Callable[[driver.Connection], list[Presence]]) -> None:
        # None: the first look tells once, so that what was committed between the screens'
        # reading and this thread's start is not missed (they compare, then read again
        # only if something differs).
        seen: int | None = None
        main_seen: int | None = None
        others: list[Presence] = []
        alive: frozenset[str] = frozenset()
        while not self._stop.wait(self.period):
            self.looks += 1
            version = _version(conn)
            if version != seen:
                main = self._main_version()
                if main is None:
                    continue  # the interface holds the base: look again next time
                seen = version
                others = rows_elsewhere(conn)
                now_alive = frozenset(p.desk for p in self.presence.living(conn, others))
                if main != main_seen:
                    main_seen, alive = main, now_alive
                    self._tell(Change())
                    continue
            elif others:
                now_alive = frozenset(p.desk for p in self.presence.living(conn, others))
            else:
                continue
            if now_alive != alive:  # a desk went away (killed: it removed nothing)
                alive = now_alive
                self._tell(Change(presence=True))
