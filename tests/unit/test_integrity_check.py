"""The start-up check is SQLite's full `integrity_check` (issue 19): an index whose entries
no longer match its table — what a process writing into a deleted -wal once left behind,
« wrong # of entries in index » — passes `quick_check` but is refused here, and nothing is
written to the damaged base."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest

from anef_tui.store.dossiers import DossierStore
from anef_tui.store.errors import DamagedDatabase
from tests.conftest import frozen_clock


def _damage_an_index(path) -> None:
    """Make `dossiers_by_local_sequence` describe another column than the one it holds."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA writable_schema = ON")
        conn.execute(
            "UPDATE sqlite_master SET sql = 'CREATE INDEX dossiers_by_local_sequence ON "
            "dossiers(updated_at)' WHERE name = 'dossiers_by_local_sequence'"
        )
        conn.execute("PRAGMA writable_schema = OFF")
    finally:
        conn.close()


def test_an_index_out_of_step_with_its_table_is_refused_at_start(tmp_path):
    data_dir = tmp_path / "donnees"
    with DossierStore(data_dir, clock=frozen_clock) as store:
        for number in range(5):
            store.create("renouvellement", applicant_name=f"PERSONNE {number}")
    base = data_dir / "anef-tui.db"
    _damage_an_index(base)
    probe = sqlite3.connect(f"file:{base}?mode=ro", uri=True)
    try:
        assert probe.execute("PRAGMA quick_check").fetchall() == [("ok",)]
    finally:
        probe.close()
    before = hashlib.sha256(base.read_bytes()).hexdigest()
    with pytest.raises(DamagedDatabase) as caught:
        DossierStore(data_dir, clock=frozen_clock)
    assert "sauvegardes --restaurer" in str(caught.value)
    assert hashlib.sha256(base.read_bytes()).hexdigest() == before
