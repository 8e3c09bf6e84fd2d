"""Desks see each other, the store's side (issue 25 item 3): the change feed tells a base's
listeners about the commits of *other* connections only, and presence says who else has a
dossier open, forgetting a desk whose process is gone."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from anef_tui.store.desks import Change, desk_of
from anef_tui.store.desks.presence import presence_line
from anef_tui.store.dossiers import DossierStore
from tests.thread_waits import until

STEP = "etat-civil"


def _watched(store: DossierStore) -> tuple[list[Change], object]:
    desk = desk_of(store.database)
    desk.period = 0.01
    changes: list[Change] = []
    desk.feed.subscribe(changes.append)
    feed = desk.feed
    # The first look tells once (what was committed before the feed started).
    assert until(lambda: changes == [Change()])
    changes.clear()
    return changes, feed


def _looks_after(feed, count: int) -> None:
    start = feed.looks
    assert until(lambda: feed.looks >= start + count)


def test_another_desks_save_is_told_and_ones_own_is_not(tmp_path: Path):
    mine, theirs = DossierStore(tmp_path), DossierStore(tmp_path)
    try:
        changes, feed = _watched(mine)
        dossier_id = mine.create("renouvellement", applicant_name="Awa DIALLO")
        mine.save_draft(dossier_id, STEP, {"nom": "DIALLO"})
        _looks_after(feed, 3)  # the watcher has seen both commits: nobody told
        assert changes == []
        theirs.save_draft(dossier_id, STEP, {"nom": "DIALLO Awa"})
        assert until(lambda: changes == [Change()])
        _looks_after(feed, 3)
        assert changes == [Change()]  # once
    finally:
        desk_of(mine.database).close()
        mine.close()
        theirs.close()


def test_presence_says_who_and_since_when_and_goes_at_close(tmp_path: Path):
    mine, theirs = DossierStore(tmp_path), DossierStore(tmp_path)
    try:
        dossier_id = mine.create("renouvellement", applicant_name="Awa DIALLO")
        from anef_tui.store.journal.actor import Actor

        theirs.database.actor = Actor("Marie Curie", "application")
        here, there = desk_of(mine.database).presence, desk_of(theirs.database).presence
        here.enter(dossier_id)
        assert here.others(dossier_id) == []  # my own row is not « another desk »
        there.enter(dossier_id)
        there.enter(dossier_id)  # a second screen of the same dossier
        (other,) = here.others(dossier_id)
        assert other.worker == "Marie Curie"
        assert presence_line([other]) == (
            f"Ouvert aussi par Marie Curie à un autre poste depuis {other.since_time}")
        assert other.since_time == mine.database.now_iso()[11:16]
        there.leave(dossier_id)
        assert len(here.others(dossier_id)) == 1  # one screen still open there
        there.leave(dossier_id)
        assert here.others(dossier_id) == []
        there.enter(dossier_id)
        desk_of(theirs.database).close()
        assert here.others(dossier_id) == []
    finally:
        desk_of(mine.database).close()
        mine.close()
        theirs.close()


_OTHER_DESK = """
import sys
from pathlib import Path
from anef_tui.store.dossiers import DossierStore
from anef_tui.store.desks import desk_of
from anef_tui.store.journal.actor import Actor
store = DossierStore(Path(sys.argv[1]))
store.database.actor = Actor("Marie Curie", "application")
desk_of(store.database).presence.enter(int(sys.argv[2]))
print("open", flush=True)
sys.stdin.read()
"""


def test_a_desk_killed_is_forgotten_and_the_feed_says_so(tmp_path: Path):
    mine = DossierStore(tmp_path)
    other = None
    try:
        dossier_id = mine.create("renouvellement", applicant_name="Awa DIALLO")
        changes, feed = _watched(mine)
        other = subprocess.Popen(
            [sys.executable, "-c", _OTHER_DESK, str(tmp_path), str(dossier_id)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )
        assert other.stdout is not None
        assert other.stdout.readline() == "open\n"
        here = desk_of(mine.database).presence
        assert [p.worker for p in here.others(dossier_id)] == ["Marie Curie"]
        assert until(lambda: Change() in changes)  # its row is a commit
        other.kill()
        other.wait()
        # Killed -9: its row is still there, but its process is not.
        assert here.others(dossier_id) == []
        assert until(lambda: Change(presence=True) in changes)
        # The next desk to enter deletes the rows of this machine's dead processes.
        here.enter(dossier_id)
        with mine.database.reading() as conn:
            desks = conn.execute("SELECT desk FROM presence").fetchall()
        assert [d for (d,) in desks] == [here.desk]
    finally:
        if other is not None and other.poll() is None:
            other.kill()
            other.wait()
        desk_of(mine.database).close()
        mine.close()


def test_entering_during_a_large_bases_start_up_check_does_not_wait_for_it(
    tmp_path: Path, monkeypatch
):
    """Opening a dossier right after start on a large base: the interface does not wait
    for the deferred integrity check (writes do); the row comes once it has answered."""
    from anef_tui.store import db as db_module

    with DossierStore(tmp_path) as store:
        dossier_id = store.create("renouvellement", applicant_name="Awa DIALLO")
    monkeypatch.setattr(db_module, "DEFERRED_CHECK_BYTES", 0)
    monkeypatch.setattr(db_module, "CHECK_AT_THE_LATEST", 3600.0)  # only when told, here
    mine, theirs = DossierStore(tmp_path), DossierStore(tmp_path)
    try:
        check = mine.database._integrity
        assert check is not None
        desk_of(mine.database).presence.enter(dossier_id)
        assert not check.started  # entering asked nothing of it
        there = desk_of(theirs.database).presence
        assert there.others(dossier_id) == []
        mine.database.start_check()
        assert until(lambda: len(there.others(dossier_id)) == 1)
    finally:
        desk_of(mine.database).close()
        mine.close()
        theirs.close()


def test_closing_a_desk_that_wrote_nothing_does_not_wait_for_the_start_up_check(
    tmp_path: Path, monkeypatch
):
    from anef_tui.store import db as db_module

    with DossierStore(tmp_path) as store:
        store.create("renouvellement", applicant_name="Awa DIALLO")
    monkeypatch.setattr(db_module, "DEFERRED_CHECK_BYTES", 0)
    monkeypatch.setattr(db_module, "CHECK_AT_THE_LATEST", 3600.0)
    store = DossierStore(tmp_path)
    check = store.database._integrity
    assert check is not None
    desk_of(store.database).close()
    assert not check.started
    store.close()
