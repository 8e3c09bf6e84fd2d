"""A server's change feed (PostgreSQL): LISTEN on a connection of its own, not polling.

Every write to a table a screen shows sends `pg_notify('anef_changes', <dossier id>)` from a
trigger, in the writer's transaction (PostgreSQL's side of migration 19): the server
delivers it at the commit, never for a rollback, and folds the identical ones of one
transaction into one. A notification carries its sender's backend pid: the store's own
connection's are skipped, so this desk's own writes wake no one. A daemon thread waits on
`notifies(timeout=…)` (a blocking read of the socket: no query while nothing happens).

The server restarted or lost: the thread connects again (every `RETRY` seconds) and tells
« something changed » once, since notifications sent meanwhile were lost. Between
notifications it checks, while other desks hold a dossier open, that their backends are
still connected (a desk killed -9 sends nothing; its backend ends with its connection).
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any

from anef_tui.store.desks.changes import Change, ThreadFeed
from anef_tui.store.schema.postgresql_desks import CHANNEL

if TYPE_CHECKING:
    from anef_tui.store.database import Database
    from anef_tui.store.desks.presence import Presence, PresenceStore

#: How long one wait for notifications lasts (seconds): `close` returns within it.
WAKE = 0.2
#: Seconds between two checks that the other desks' backends are still connected.
PERIOD = 1.0
#: Seconds between two attempts to reach a server that was lost.
RETRY = 1.0


class ListenFeed(ThreadFeed):
    """The change feed of a server's base (`changes.ChangeFeed`)."""

    THREAD_NAME = "anef-desks-listen"
    PERIOD = PERIOD

    def __init__(self, database: Database, presence: PresenceStore, *,
                 period: float | None = None) -> None:
        super().__init__(database, presence, period=period)
        #: Times the feed (re)connected (the tests' curiosity; never asserted on time).
        self.connections = 0

    # -- the thread --------------------------------------------------------------------
    def _own_pid(self) -> int | None:
        """The backend of the store's own connection now (it changes when the store
        connects again after a restart)."""
        return getattr(self.database.db.conn, "backend_pid", None)

    def _run(self) -> None:
        import psycopg

        url = self.database.db.conn.url  # type: ignore[attr-defined]
        while not self._stop.is_set():
            try:
                conn = psycopg.connect(url, autocommit=True, connect_timeout=5,
                                       application_name="anef-tui-desks")
            except psycopg.Error:
                self._stop.wait(RETRY)  # the server is away: try again
                continue
            try:
                conn.execute(f"LISTEN {CHANNEL}")
                self.connections += 1
                # The first time: what was committed between the screens' reading and
                # this start; after a loss: what was sent while nobody listened.
                self._tell(Change())
                self._listen(conn)
            except psycopg.Error:
                self._stop.wait(RETRY)  # lost (the server restarted): connect again
            except Exception:  # a bug of the feed: no feed, the screens read at return
                return
            finally:
                with contextlib.suppress(Exception):
                    conn.close()

    def _listen(self, conn: Any) -> None:
        import time

        others = self._others(conn)
        alive = self._alive(conn, others)
        checked = time.monotonic()
        while not self._stop.is_set():
            own = self._own_pid()
            changed: set[int] = set()
            unnamed = False  # a row that names no dossier: « something changed »
            for notice in conn.notifies(timeout=WAKE):
                if notice.pid == own:
                    continue  # this desk's own write
                if notice.payload.isdigit():
                    changed.add(int(notice.payload))
                else:
                    unnamed = True
            if self._stop.is_set():
                return
            if changed or unnamed:
                others = self._others(conn)
                alive = self._alive(conn, others)
                checked = time.monotonic()
                for dossier_id in [None] if unnamed else sorted(changed):
                    self._tell(Change(dossier_id))
                continue
            if not others or time.monotonic() - checked < self.period:
                continue
            checked = time.monotonic()
            now_alive = self._alive(conn, others)
            if now_alive != alive:  # a desk went away (killed: it removed nothing)
                alive = now_alive
                self._tell(Change(presence=True))

    def _others(self, conn: Any) -> list[Presence]:
        from anef_tui.store.desks.presence import _COLUMNS, _presence

        rows = conn.execute(f"SELECT {_COLUMNS} FROM presence WHERE desk <> %s",
                            (self.presence.desk,)).fetchall()
        return [_presence(row) for row in rows]

    def _alive(self, conn: Any, others: list[Presence]) -> frozenset[str]:
        from anef_tui.store.engine.postgresql import POSTGRESQL

        if not others:
            return frozenset()
        flags = POSTGRESQL.desks_alive(_Plain(conn), [p.key for p in others])
        return frozenset(p.desk for p, living in zip(others, flags, strict=True) if living)


class _Plain:
    """The feed's own psycopg connection, as the engine reads it (`execute` with no
    parameters)."""

    def __init__(self, conn: Any) -> None:
        self._conn = conn

    def execute(self, sql: str) -> Any:
        return self._conn.execute(sql)
