"""Issue 14: a large base is checked after the first paint, in a thread of its own, and its
daily backup is made there on a connection of its own (the shared one stays free)."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from anef_tui.paths import DB_NAME
from anef_tui.store import db as db_module
from anef_tui.store.backups import list_backups
from anef_tui.store.db import DamagedDatabase
from anef_tui.store.dossiers import DossierStore
from anef_tui.store.sqlite_file import DeferredCheck

NOW = datetime(2026, 11, 22, 10, 30, 0)


def _filled(data: Path) -> Path:
    with DossierStore(data, clock=lambda: NOW) as s:
        for i in range(40):
            s.create("renouvellement", applicant_name=f"Personne {i}",
                     answers={"x": {"y": "z" * 400}})
    return data / DB_NAME


@pytest.fixture
def large(tmp_path: Path, monkeypatch) -> Path:
    """A data directory whose base counts as large (checked later)."""
    data = tmp_path / "donnees"
    _filled(data)
    monkeypatch.setattr(db_module, "DEFERRED_CHECK_BYTES", 0)
    monkeypatch.setattr(db_module, "CHECK_AT_THE_LATEST", 30.0)  # only when told, here
    return data


def test_the_check_waits_for_the_first_paint_then_runs(large):
    with DossierStore(large, clock=lambda: NOW) as store:
        check = store.database._integrity
        assert isinstance(check, DeferredCheck)
        assert not check.started and not check.done()
        assert len(store.list()) == 40  # reads do not wait for it
        store.database.start_check()
        store.database.wait_for_check()
        assert check.started and check.done()
        assert store.database._integrity is None


def test_a_write_starts_the_check_itself_and_waits_for_its_verdict(large):
    with DossierStore(large, clock=lambda: NOW) as store:
        check = store.database._integrity
        dossier_id = store.create("renouvellement", applicant_name="NOUVEAU Dossier")
        assert check.started and check.done()
        assert store.get(dossier_id).summary.applicant_name == "NOUVEAU Dossier"


def test_the_check_starts_on_its_own_if_nobody_says_so(large, monkeypatch):
    monkeypatch.setattr(db_module, "CHECK_AT_THE_LATEST", 0.05)
    with DossierStore(large, clock=lambda: NOW) as store:
        check = store.database._integrity
        assert check._done.wait(10)
        assert check.started


def test_a_damaged_large_base_is_refused_and_never_backed_up(large):
    db_file = large / DB_NAME
    content = bytearray(db_file.read_bytes())
    page_size = int.from_bytes(content[16:18], "big")
    content[2 * page_size:3 * page_size] = bytes([0xA5]) * page_size
    db_file.write_bytes(bytes(content))
    before = list_backups(large)
    store = DossierStore(large, clock=lambda: NOW + timedelta(days=2))  # a backup is due
    store.database.start_check()
    with pytest.raises(DamagedDatabase):
        store.database.wait_for_check()
    with pytest.raises(DamagedDatabase):
        store.create("renouvellement", applicant_name="NOUVEAU Dossier")
    store.close()
    assert list_backups(large) == before
    assert db_file.read_bytes() == bytes(content)


def test_the_daily_backup_of_a_large_base_does_not_hold_the_shared_lock(large):
    before = {b.name for b in list_backups(large)}
    later = NOW + timedelta(days=2)
    with DossierStore(large, clock=lambda: later) as store:
        check = store.database._integrity
        made = threading.Event()
        # The interface holds the connection's lock (a long read, say) all along: the
        # backup is made anyway, on its own connection.
        with store.database.lock:
            store.database.start_check()
            for _ in range(200):
                if {b.name for b in list_backups(large)} - before:
                    made.set()
                    break
                check._thread.join(0.05)
        assert made.is_set()
    (new,) = [b for b in list_backups(large) if b.name not in before]
    assert new.reason == "" and new.taken_at == later
    from anef_tui.store.backups import count_dossiers

    assert count_dossiers(new.path) == 40


def test_no_backup_starts_once_the_store_is_closed(large):
    before = list_backups(large)
    store = DossierStore(large, clock=lambda: NOW + timedelta(days=2))
    check = store.database._integrity
    store.close()
    check.start()
    check._thread.join(10)
    assert check.done()
    assert list_backups(large) == before


def test_closing_empties_the_log_even_with_another_window_open(tmp_path: Path):
    """A -wal file grown by many writes is not left behind because another window (another
    connection) still has the base open: closing checkpoints and truncates it."""
    data = tmp_path / "donnees"
    wal = data / f"{DB_NAME}-wal"
    with DossierStore(data, clock=lambda: NOW) as other_window:
        writer = DossierStore(data, clock=lambda: NOW)
        with writer.database.transaction():
            for i in range(300):
                writer.create("renouvellement", applicant_name=f"Personne {i}",
                              answers={"x": {"y": "z" * 2000}})
        assert wal.stat().st_size > 500_000
        writer.close()
        assert wal.stat().st_size == 0
        assert len(other_window.list(limit=500)) == 300  # nothing lost
