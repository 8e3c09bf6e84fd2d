"""Desks see each other on a server (issue 25 item 3, PostgreSQL): the change feed LISTENs
(the triggers of PostgreSQL's migration 19 NOTIFY in the writer's transaction) and names the
dossier, a desk's own writes wake no one, presence is the store connection's backend (alive
while it is in `pg_stat_activity`), and the feed survives a server restart."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from anef_tui.store.desks import Change, desk_of
from anef_tui.store.desks.server_feed import ListenFeed
from anef_tui.store.dossiers import DossierStore
from anef_tui.store.errors import DossierGone
from anef_tui.store.journal.actor import Actor
from anef_tui.store.schema.postgresql_desks import NOTIFIED_TABLES
from tests.thread_waits import until

NOW = datetime(2026, 11, 22, 10, 30)
STEP = "etat-civil"


@pytest.fixture
def url(postgres_server) -> str:
    return postgres_server.fresh_database()


@pytest.fixture
def desks(tmp_path: Path, url: str):
    """Two desks of one structure on the server's base."""
    stores = [DossierStore(tmp_path / name, clock=lambda: NOW, base=url)
              for name in ("poste-a", "poste-b")]
    yield stores
    for store in stores:
        desk_of(store.database).close()
        store.close()


def _watched(store: DossierStore) -> tuple[list[Change], ListenFeed]:
    desk = desk_of(store.database)
    desk.period = 0.05
    changes: list[Change] = []
    feed = desk.feed
    assert isinstance(feed, ListenFeed)  # LISTEN/NOTIFY, not SQLite's watcher
    feed.subscribe(changes.append)
    # Connecting tells once (what was committed before the feed started).
    assert until(lambda: changes == [Change()])
    changes.clear()
    return changes, feed


def test_another_desks_write_is_told_with_its_dossier_and_ones_own_is_not(desks):
    mine, theirs = desks
    changes, _feed = _watched(mine)
    first = mine.create("renouvellement", applicant_name="Awa DIALLO")
    mine.save_draft(first, STEP, {"nom": "DIALLO"})
    second = theirs.create("renouvellement", applicant_name="Jean MARTIN")
    # The other desk's commit is told, naming its dossier; the own writes before it (sent
    # first by the server, in commit order) told nothing.
    assert until(lambda: changes != [])
    assert changes == [Change(second)]
    changes.clear()
    theirs.save_draft(first, STEP, {"nom": "DIALLO Awa"})
    assert until(lambda: Change(first) in changes)
    assert set(changes) == {Change(first)}


def test_a_dossier_abandoned_at_another_desk_is_told_and_gone(desks):
    mine, theirs = desks
    dossier = mine.create("renouvellement", applicant_name="Awa DIALLO")
    changes, _feed = _watched(mine)
    theirs.abandon(dossier)
    assert until(lambda: Change(dossier) in changes)
    with pytest.raises(DossierGone):
        mine.get(dossier)


def test_presence_is_the_backend_and_a_desk_whose_backend_ends_is_forgotten_and_told(
        desks, url):
    import psycopg

    mine, theirs = desks
    theirs.database.actor = Actor("Marie Curie", "application")
    dossier = mine.create("renouvellement", applicant_name="Awa DIALLO")
    changes, _feed = _watched(mine)
    presence = desk_of(theirs.database).presence
    backend = theirs.db.conn.backend_pid  # type: ignore[attr-defined]
    assert presence.pid == backend  # the desk is its connection's backend, not a process
    presence.enter(dossier)
    assert until(lambda: Change(dossier) in changes)  # entering is told too
    (other,) = desk_of(mine.database).presence.others(dossier)
    assert other.worker == "Marie Curie"
    # The other desk's connection ends without a word (a desk killed -9: its backend goes).
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (backend,))
    assert until(lambda: Change(presence=True) in changes)
    assert desk_of(mine.database).presence.others(dossier) == []


def test_the_feed_survives_a_server_restart_and_says_something_changed_once(
        desks, postgres_server):
    mine, theirs = desks
    dossier = mine.create("renouvellement", applicant_name="Awa DIALLO")
    changes, feed = _watched(mine)
    assert feed.connections == 1
    their_presence = desk_of(theirs.database).presence  # named after its backend now
    postgres_server.stop("fast")
    postgres_server.start()
    assert until(lambda: feed.connections == 2)
    assert until(lambda: changes == [Change()])  # notifications may have been lost: once
    theirs.save_draft(dossier, STEP, {"nom": "DIALLO"})  # its connection made again
    assert until(lambda: Change(dossier) in changes)
    assert changes[0] == Change() and changes.count(Change()) == 1
    # The other desk's presence names its new backend: alive for this desk.
    their_presence.enter(dossier)
    assert [p.dossier_id for p in desk_of(mine.database).presence.others(dossier)] == [
        dossier]


def test_every_table_with_a_dossier_column_notifies(desks):
    """A table a later migration adds with a `dossier_id` must tell the other desks too
    (or be named here as one that goes with another's write)."""
    store = desks[0]
    conn = store.db.conn
    with_dossier = {str(r[0]) for r in conn.execute(
        "SELECT table_name FROM information_schema.columns WHERE table_schema = "
        "current_schema() AND column_name = 'dossier_id'")}
    triggered = {str(r[0]) for r in conn.execute(
        "SELECT event_object_table FROM information_schema.triggers "
        "WHERE trigger_name = 'anef_notify'")}
    goes_with_another = {"search_words", "journal", "journal_erasures", "events",
                         "dossier_imports", "erasures_pending"}
    assert triggered == {table for table, _column in NOTIFIED_TABLES}
    assert with_dossier - goes_with_another <= triggered
