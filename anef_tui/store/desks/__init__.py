"""Desks see each other (issue 25 item 3): a change feed and who has which dossier open.

`desk_of(database)` gives the one `Desk` of an open base: its change feed (`Desk.feed`:
listeners told « something changed » when *another* connection, process or desk committed;
never by this base's own writes) and its presence (`Desk.presence`: enter, leave, who else
has a dossier open). The engine chooses the feed (`desk.feed_for`): on SQLite a light
watcher of `PRAGMA data_version` (`sqlite_watch.py`); on a server LISTEN/NOTIFY
(`server_feed.py`).
"""

from __future__ import annotations

from anef_tui.store.desks.changes import Change, ChangeFeed, Listener
from anef_tui.store.desks.desk import Desk, desk_of, opened_here
from anef_tui.store.desks.presence import Presence, PresenceStore

__all__ = ["Change", "ChangeFeed", "Desk", "Listener", "Presence", "PresenceStore", "desk_of",
           "opened_here"]
