"""The one `Desk` of an open base: its change feed and its presence, made on first use and
closed with the front end (`Desk.close`, before the base closes)."""

from __future__ import annotations

import contextlib
import threading
import weakref
from collections.abc import Iterator
from typing import TYPE_CHECKING

from anef_tui.store.desks.changes import ChangeFeed
from anef_tui.store.desks.presence import PresenceStore, presence_line

if TYPE_CHECKING:
    from anef_tui.store.database import Database

_desks: weakref.WeakKeyDictionary[Database, Desk] = weakref.WeakKeyDictionary()
_made = threading.Lock()


class Desk:
    """This desk in one base: `presence` and, once asked for, `feed`."""

    #: The watcher's period when none is given (seconds): a change shows within it.
    period: float | None = None
    #: Whether a front end starts the feed. The test suite turns it off (tests/conftest.py),
    #: as it does the autosave: a test's second window writing would refresh screens at a
    #: moment of the watcher's choosing. The tests about desks turn it on.
    watching: bool = True

    def __init__(self, database: Database) -> None:
        self.database = database
        self.presence = PresenceStore(database)
        self._feed: ChangeFeed | None = None

    @property
    def feed(self) -> ChangeFeed:
        if self._feed is None:
            self._feed = feed_for(self.database, self.presence, period=self.period)
        return self._feed

    def stamp(self) -> tuple[int, int]:
        """As `Database.change_stamp`, but this desk's own presence rows do not count:
        opening a dossier and leaving it unchanged leaves « Mes dossiers » as it was."""
        changes, version = self.database.change_stamp()
        return changes - self.presence.own_changes, version

    def close(self) -> None:
        """The front end closes the base: the feed stops, this desk's rows go."""
        if self._feed is not None:
            self._feed.close()
        self.presence.leave_all()


def feed_for(database: Database, presence: PresenceStore, *,
             period: float | None = None) -> ChangeFeed:
    """The feed of `database`'s engine: on a server `LISTEN anef_changes`
    (`server_feed.py`), on SQLite the `data_version` watcher (`sqlite_watch.py`)."""
    if database.on_server:
        from anef_tui.store.desks.server_feed import ListenFeed

        return ListenFeed(database, presence, period=period)
    from anef_tui.store.desks.sqlite_watch import DataVersionWatcher

    return DataVersionWatcher(database, presence, period=period)


def desk_of(database: Database) -> Desk:
    """The Desk of `database` (the same one every time)."""
    with _made:
        desk = _desks.get(database)
        if desk is None:
            desk = _desks[database] = Desk(database)
        return desk


@contextlib.contextmanager
def opened_here(database: Database, dossier_id: int) -> Iterator[str]:
    """A front end without screens (the plain mode) has `dossier_id` open for the block;
    yields what to say as it opens (« Ouvert aussi par NOM à un autre poste depuis
    HH:MM », "" when nobody else has it open)."""
    presence = desk_of(database).presence
    presence.enter(dossier_id)
    try:
        yield presence_line(presence.others(dossier_id))
    finally:
        presence.leave(dossier_id)
