"""The start-up check is SQLite's full `integrity_check` (issue 19): an index whose entries
no longer match its table — what a process writing into a deleted -wal once left behind,
« wrong # of entries in index » — passes `quick_check` but is refused here, and nothing is
written to the damaged base."""

from __future__ import annotations

import hashlib

import pytest

from anef_tui.store import driver
from anef_tui.store.dossiers import DossierStore
from anef_tui.store.errors import DamagedDatabase
from tests.conftest import frozen_clock


def _damage_an_index(path) -> None:
    """Make `dossiers_by_local_sequence` describe another column than the one it holds."""
    conn = driver.connect(path, isolation_level=None)
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
    probe = driver.connect(f"file:{base}?mode=ro", uri=True)
    try:
        assert probe.execute("PRAGMA quick_check").fetchall() == [("ok",)]
    finally:
        probe.close()
    before = hashlib.sha256(base.read_bytes()).hexdigest()
    with pytest.raises(DamagedDatabase) as caught:
        DossierStore(data_dir, clock=frozen_clock)
    assert "sauvegardes --restaurer" in str(caught.value)
    assert hashlib.sha256(base.read_bytes()).hexdigest() == before


def test_the_read_only_uri_names_a_path_whose_bytes_are_not_utf8(tmp_path):
    """The read-only connections (version probe, integrity check) open the base by URI:
    a path holding a byte that is not UTF-8 is percent-encoded byte for byte."""
    import os

    from anef_tui.store import driver
    from anef_tui.store.sqlite_file import _readonly_uri

    folder = tmp_path / os.fsdecode(b"caf\xe9")
    folder.mkdir()
    base = folder / "x.db"
    driver.connect(base).execute("CREATE TABLE t (x)").connection.close()
    uri = _readonly_uri(base)
    assert uri.endswith("/caf%E9/x.db?mode=ro")
    with driver.connect(uri, uri=True) as conn:
        assert conn.execute("SELECT name FROM sqlite_master").fetchall() == [("t",)]
    conn.close()
