"""Who has which dossier open, at which desk, since when (table `presence`, migration 19).

A desk enters a dossier when a screen of it opens and leaves when the last one closes
(counted: a screen replacing another of the same dossier opens before the old one closes).
Presence informs, it never blocks: a write the base refuses (busy, disk full) is dropped.
A row whose process is gone (killed, crashed) is ignored: on one machine, its pid is not
alive or belongs to a later process (its start time differs); a row written on another
machine is ignored too, since a SQLite folder lives on one (its copy brought it). On a
server, the engine answers instead (the backend is not in `pg_stat_activity`).
"""

from __future__ import annotations

import itertools
import os
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from anef_tui.store import driver
from anef_tui.store.engine.processes import host_name
from anef_tui.store.errors import StoreError

if TYPE_CHECKING:
    from anef_tui.store.database import Database

_numbers = itertools.count(1)


@dataclass(frozen=True)
class Presence:
    """One dossier open at one desk."""

    dossier_id: int
    worker: str
    desk: str
    host: str
    pid: int
    started: str
    since: str  # local time, as the base stores it (« 2026-12-06T10:02:11 »)

    @property
    def since_time(self) -> str:
        """« 10:02 »."""
        return self.since[11:16]

    @property
    def key(self) -> tuple[str, int, str]:
        """What the engine asks about to know whether the desk is still there."""
        return self.host, self.pid, self.started


_COLUMNS = "dossier_id, worker, desk, host, pid, started, since"


class PresenceStore:
    """This desk's presence in one open base."""

    def __init__(self, database: Database) -> None:
        self.database = database
        # Who this desk is, as its engine says: this process on SQLite, the store
        # connection's backend on a server (pid and start in `pg_stat_activity`).
        try:
            with database.reading() as conn:
                self.host, self.pid, self.started = database.db.engine.desk_identity(conn)
        except StoreError:  # it informs: a server lost a moment, the process stands in
            self.host, self.pid, self.started = host_name(), os.getpid(), ""
        #: This desk: one per open base of the process (two windows of the tests in one
        #: process are two desks).
        self.desk = f"{self.host}:{self.pid}:{self.started}:{next(_numbers)}"
        self._open: dict[int, int] = {}
        self._rows: set[int] = set()  # the dossiers this desk's rows are written for
        #: Rows this desk's presence changed on the base's connection (`Desk.stamp`).
        self.own_changes = 0
        self._lock = threading.Lock()

    def enter(self, dossier_id: int) -> None:
        """A screen of `dossier_id` opened here. While a large base's start-up check runs
        (writes wait for it, up to ~2 s at 100,000 dossiers), the row is written by a
        thread once it has answered, not by the interface."""
        with self._lock:
            self._open[dossier_id] = self._open.get(dossier_id, 0) + 1
            if self._open[dossier_id] > 1:
                return
            if self.database.known_sound:
                self._write_enter(dossier_id)
                return
        threading.Thread(target=self._enter_later, args=(dossier_id,), daemon=True,
                         name="anef-presence").start()

    def _enter_later(self, dossier_id: int) -> None:
        try:
            self.database.wait_for_check(start=False)
            with self._lock:
                if self._open.get(dossier_id):  # not left meanwhile
                    self._write_enter(dossier_id)
        except Exception:  # it informs: a damaged or closed base says so elsewhere
            return

    def _write_enter(self, dossier_id: int) -> None:
        """Under `_lock`."""
        database = self.database
        try:
            with database.transaction() as db:
                before = db.conn.total_changes
                identity = database.db.engine.desk_identity(db.conn)
                if identity != (self.host, self.pid, self.started):
                    # A server's connection made again (restarted): a new backend, which
                    # this desk's rows name from now on (the old one is gone).
                    self.host, self.pid, self.started = identity
                    db.conn.execute("UPDATE presence SET host = ?, pid = ?, started = ? "
                                    "WHERE desk = ?", (*identity, self.desk))
                db.conn.execute(
                    f"INSERT INTO presence ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?) "
                    "ON CONFLICT (desk, dossier_id) DO UPDATE SET worker = excluded.worker",
                    (dossier_id, database.actor.name, self.desk, self.host, self.pid,
                     self.started, database.now_iso()),
                )
                self._forget_gone(db.conn)
                self.own_changes += db.conn.total_changes - before
        except StoreError:
            return  # it informs: a busy base is not worth a message
        self._rows.add(dossier_id)

    def leave(self, dossier_id: int) -> None:
        """A screen of `dossier_id` closed here: the row goes with the last one."""
        with self._lock:
            count = self._open.get(dossier_id, 0) - 1
            if count > 0:
                self._open[dossier_id] = count
                return
            self._open.pop(dossier_id, None)
            if dossier_id in self._rows:
                self._rows.discard(dossier_id)
                self._delete("dossier_id = ? AND desk = ?", (dossier_id, self.desk))

    def leave_all(self) -> None:
        """This desk closes the base: every row of it goes. None written, nothing to
        delete: closing never waits for a large base's start-up check."""
        with self._lock:
            self._open.clear()
            if self._rows:
                self._rows.clear()
                self._delete("desk = ?", (self.desk,))

    def _delete(self, where: str, params: tuple) -> None:
        """Under `_lock`."""
        try:
            with self.database.transaction() as db:
                before = db.conn.total_changes
                db.conn.execute(f"DELETE FROM presence WHERE {where}", params)
                self.own_changes += db.conn.total_changes - before
        except StoreError:
            return

    def _forget_gone(self, conn) -> None:
        """The rows of desks that are gone (killed, crashed), deleted; the engine says
        which (SQLite: this machine's running processes — a row of another machine came
        with a copy of the folder —; a server: its connected backends)."""
        rows = [(str(desk), (str(host), int(pid), str(started))) for desk, host, pid, started
                in conn.execute(
                    "SELECT desk, host, pid, started FROM presence WHERE desk <> ?",
                    (self.desk,)).fetchall()]
        if not rows:
            return
        alive = self.database.db.engine.desks_alive(conn, [key for _desk, key in rows])
        for (desk, _key), living in zip(rows, alive, strict=True):
            if not living:
                conn.execute("DELETE FROM presence WHERE desk = ?", (desk,))

    def living(self, conn, presences: list[Presence]) -> list[Presence]:
        """Those of `presences` whose desk is still there (asked on `conn`)."""
        if not presences:
            return []
        alive = self.database.db.engine.desks_alive(conn, [p.key for p in presences])
        return [p for p, living in zip(presences, alive, strict=True) if living]

    def others(self, dossier_id: int) -> list[Presence]:
        """The other desks that have `dossier_id` open now, the earliest first."""
        try:
            with self.database.reading() as conn:
                rows = conn.execute(
                    f"SELECT {_COLUMNS} FROM presence WHERE dossier_id = ? AND desk <> ? "
                    "ORDER BY since, desk",
                    (dossier_id, self.desk),
                ).fetchall()
                return self.living(conn, [_presence(row) for row in rows])
        except StoreError:
            return []

    def rows_elsewhere(self, conn) -> list[Presence]:
        """Every other desk's row, alive or not, read on `conn` (the watcher's own
        connection, after a commit): the watcher checks their processes between commits."""
        try:
            rows = conn.execute(
                f"SELECT {_COLUMNS} FROM presence WHERE desk <> ?", (self.desk,)
            ).fetchall()
        except (driver.Error, StoreError):  # an older base (no table yet), a busy moment
            return []
        return [_presence(row) for row in rows]


def _presence(row) -> Presence:
    return Presence(int(row[0]), str(row[1]), str(row[2]), str(row[3]), int(row[4]),
                    str(row[5]), str(row[6]))


def presence_line(others: list[Presence]) -> str:
    """« Ouvert aussi par Awa DIALLO à un autre poste depuis 10:02 » (one sentence per
    desk); "" when nobody else has it open. A worker without a name: « Ouvert aussi à un
    autre poste depuis 10:02 »."""
    parts = []
    for other in others:
        who = f" par {other.worker}" if other.worker else ""
        parts.append(f"Ouvert aussi{who} à un autre poste depuis {other.since_time}")
    return " ; ".join(parts)
