"""The store of an encrypted folder (issue 23): the base made and opened through the vault,
every connection keyed, the refusals said in French with nothing written, the backups
encrypted with the same key (each with its copy of `coffre.cle`) and restored only into
their own vault. Cheap key derivation (tests.vault_helpers)."""

from __future__ import annotations

import os
import shutil
from datetime import datetime
from pathlib import Path

import pytest

from anef_tui.store.backups import count_dossiers, list_backups, restore_backup
from anef_tui.store.backups.copies import key_copy_path
from anef_tui.store.dossiers import DossierStore
from anef_tui.store.errors import DamagedDatabase, StoreError
from anef_tui.store.sqlite_file import connect_to
from anef_tui.vault import files
from anef_tui.vault.errors import (
    ForeignBackup,
    KeyFileMissing,
    KeyFileSwapped,
    NotEncryptedDatabase,
    VaultLocked,
    WrongDatabaseKey,
)
from anef_tui.vault.keyfile import key_file_path
from anef_tui.vault.keys import VaultKey
from tests.french import assert_french
from tests.vault_helpers import make_vault

SQLITE_HEADER = b"SQLite format 3\x00"


def clock() -> datetime:
    return datetime(2026, 12, 6, 10, 0)


def _folder(tmp_path: Path, name: str = "donnees") -> tuple[Path, VaultKey]:
    data = tmp_path / name
    data.mkdir(mode=0o700)
    return data, make_vault(data).key


def _state(folder: Path) -> dict[str, tuple[int, bytes]]:
    """Every file under `folder`: mode and bytes (no connection is open when called). The
    -shm index and an empty -wal, which any read-only look at a WAL base makes (SQLite's,
    holding no data), are left out."""
    return {os.fspath(p.relative_to(folder)): (p.stat().st_mode, p.read_bytes())
            for p in sorted(folder.rglob("*")) if p.is_file()
            and not p.name.endswith("-shm")
            and not (p.name.endswith("-wal") and p.stat().st_size == 0)}


def _filled(data: Path, key: VaultKey | None, names: tuple[str, ...] = ("Amina Diallo",)) -> None:
    with DossierStore(data, clock=clock, key=key) as store:
        for name in names:
            store.create("renouvellement", applicant_name=name)


def test_a_new_folder_with_a_key_is_encrypted_and_stamped(tmp_path: Path):
    data, key = _folder(tmp_path)
    with DossierStore(data, clock=clock, key=key) as store:
        store.create("renouvellement", applicant_name="Zorglub Marqueur")
        conn = store.database.db.conn
        assert conn.execute("SELECT vault_id FROM vault").fetchone() == (key.vault_id,)
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert conn.execute("PRAGMA foreign_keys").fetchone() == (1,)
    base = (data / "anef-tui.db").read_bytes()
    assert not base.startswith(SQLITE_HEADER)
    for path in data.rglob("*"):
        if path.is_file():
            assert b"Zorglub" not in path.read_bytes(), path
    with DossierStore(data, clock=clock, key=key) as store:
        assert [d.applicant_name for d in store.list()] == ["Zorglub Marqueur"]


def test_an_encrypted_folder_without_its_key_is_refused_before_anything(tmp_path: Path):
    data, key = _folder(tmp_path)
    _filled(data, key)
    before = _state(data)
    with pytest.raises(VaultLocked) as refused:
        DossierStore(data, clock=clock)
    assert_french(str(refused.value))
    assert "chiffré" in str(refused.value)
    assert _state(data) == before
    with pytest.raises(VaultLocked):  # the CLI's restore too
        restore_backup(data, list_backups(data)[0].name, now=clock())
    assert _state(data) == before


def test_a_plain_base_opened_with_a_key_is_refused(tmp_path: Path):
    data = tmp_path / "donnees"
    _filled(data, None)
    key = make_vault(data).key
    before = _state(data)
    with pytest.raises(NotEncryptedDatabase) as refused:
        DossierStore(data, clock=clock, key=key)
    assert_french(str(refused.value))
    assert _state(data) == before


def test_a_key_without_its_key_file_is_refused(tmp_path: Path):
    data, key = _folder(tmp_path)
    os.unlink(key_file_path(data))
    with pytest.raises(KeyFileMissing):
        DossierStore(data, clock=clock, key=key)
    assert not (data / "anef-tui.db").exists()


def test_a_wrong_key_and_a_swapped_key_file_are_refused(tmp_path: Path):
    data, key = _folder(tmp_path, "a")
    _filled(data, key)
    other, other_key = _folder(tmp_path, "b")
    before = _state(data)
    with pytest.raises(WrongDatabaseKey) as refused:  # no encrypted file to tell why
        DossierStore(data, clock=clock, key=other_key)
    assert_french(str(refused.value))
    assert _state(data) == before
    # An encrypted attachment of this folder names its own vault: the key file is another's.
    (data / "pieces").mkdir(exist_ok=True)
    files.encrypt_bytes(b"scan", data / "pieces" / "abc", key)
    before = _state(data)
    with pytest.raises(KeyFileSwapped) as swapped:
        DossierStore(data, clock=clock, key=other_key)
    assert_french(str(swapped.value))
    assert _state(data) == before


def test_a_damaged_encrypted_page_is_refused_and_nothing_written(tmp_path: Path):
    data, key = _folder(tmp_path)
    _filled(data, key, tuple(f"Personne {i} " + "x" * 300 for i in range(60)))
    base = data / "anef-tui.db"
    raw = bytearray(base.read_bytes())
    assert len(raw) > 5 * 4096
    raw[3 * 4096 + 100] ^= 0x40  # a byte of page 4 (not the first: the key still opens)
    base.write_bytes(bytes(raw))
    before = _state(data)
    with pytest.raises(DamagedDatabase) as refused:
        DossierStore(data, clock=clock, key=key)
    assert_french(str(refused.value))
    assert _state(data) == before


def test_backups_are_encrypted_with_their_key_file_and_restore_with_the_key(tmp_path: Path):
    data, key = _folder(tmp_path)
    _filled(data, key, ("Premier Dossier",))
    backup = list_backups(data)[0]
    assert not backup.path.read_bytes().startswith(SQLITE_HEADER)
    assert key_copy_path(backup.path).read_bytes() == key_file_path(data).read_bytes()
    assert count_dossiers(backup.path, key) == 0  # the daily one, taken at the first opening
    assert count_dossiers(backup.path) is None
    _filled(data, key, ("Second Dossier",))
    restored = restore_backup(data, backup.name, now=clock(), key=key)
    assert restored.previous is not None
    assert count_dossiers(restored.previous, key) == 2  # the replaced base, kept encrypted
    assert key_copy_path(restored.previous).exists()
    with DossierStore(data, clock=clock, key=key) as store:
        assert store.list() == []


def test_a_backup_of_another_vault_is_refused(tmp_path: Path):
    data, key = _folder(tmp_path, "a")
    _filled(data, key)
    other, other_key = _folder(tmp_path, "b")
    _filled(other, other_key, ("Autre Coffre",))
    foreign = list_backups(other)[0]
    folder = data / "sauvegardes"
    # With its key file copy: refused by the copy's vault id, before anything is copied.
    shutil.copy(foreign.path, folder / "anef-tui-20261205-100000.db")
    shutil.copy(key_copy_path(foreign.path), folder / "anef-tui-20261205-100000.cle")
    # Without: it does not open with this vault's key.
    shutil.copy(foreign.path, folder / "anef-tui-20261204-100000.db")
    before = _state(data)
    for name in ("anef-tui-20261205-100000.db", "anef-tui-20261204-100000.db"):
        with pytest.raises(ForeignBackup) as refused:
            restore_backup(data, name, now=clock(), key=key)
        assert_french(str(refused.value))
        assert _state(data) == before


def test_a_plain_backup_is_not_restored_into_an_encrypted_folder(tmp_path: Path):
    plain = tmp_path / "plain"
    _filled(plain, None)
    data, key = _folder(tmp_path)
    _filled(data, key)
    shutil.copy(list_backups(plain)[0].path, data / "sauvegardes" / "anef-tui-20261201-100000.db")
    before = _state(data)
    with pytest.raises(ForeignBackup) as refused:
        restore_backup(data, "anef-tui-20261201-100000.db", now=clock(), key=key)
    assert "pas chiffrée" in str(refused.value)
    assert _state(data) == before


def test_every_connection_of_an_encrypted_store_is_keyed(tmp_path: Path):
    """The read-only probes and the deferred check of a large base open it keyed (a large
    base is faked by lowering the threshold)."""
    import anef_tui.store.db as db_module

    data, key = _folder(tmp_path)
    _filled(data, key)
    threshold = db_module.DEFERRED_CHECK_BYTES
    db_module.DEFERRED_CHECK_BYTES = 0
    try:
        with DossierStore(data, clock=clock, key=key) as store:
            assert store.database._integrity is not None
            store.database.wait_for_check()  # keyed, and cipher_integrity_check passed
            store.create("renouvellement", applicant_name="Après Contrôle")
    finally:
        db_module.DEFERRED_CHECK_BYTES = threshold
    conn = connect_to(data / "anef-tui.db", key)
    assert conn.execute("SELECT count(*) FROM dossiers").fetchone() == (2,)
    conn.close()


def test_the_refusals_are_store_errors():
    assert issubclass(VaultLocked, StoreError) and issubclass(ForeignBackup, StoreError)


HOLDER = """
import sys
from pathlib import Path
from anef_tui.store.sqlite_file import connect_to
from anef_tui.vault.keyfile import key_file_path
from anef_tui.vault.keys import unlock_with_passphrase
base = Path(sys.argv[1])
key = unlock_with_passphrase(key_file_path(base.parent), sys.argv[2])
conn = connect_to(base, key, isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
print("pret", flush=True)
sys.stdin.readline()
conn.execute("ROLLBACK")
"""


def test_an_encrypted_base_locked_by_another_process_is_retried_then_reported(tmp_path: Path):
    """As test_store_faults' plain case: another process (keyed) holds the write lock."""
    import subprocess
    import sys

    from anef_tui.store.errors import StoreBusy
    from tests.vault_helpers import PHRASE

    data, key = _folder(tmp_path)
    with DossierStore(data, clock=clock, key=key) as store:
        dossier = store.create("renouvellement", applicant_name="Awa")
        holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(store.path), PHRASE],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                                  cwd=Path(__file__).resolve().parents[2])
        try:
            assert holder.stdout is not None
            assert holder.stdout.readline().strip() == "pret"
            with pytest.raises(StoreBusy):
                store.save_draft(dossier, "motif_sejour", {"a": "b"})
            assert store.get(dossier).drafts == {}
        finally:
            holder.communicate("fin\n", timeout=10)
        store.save_draft(dossier, "motif_sejour", {"a": "b"})
        assert store.get(dossier).drafts == {"motif_sejour": {"a": "b"}}


def test_two_windows_on_an_encrypted_folder_see_each_others_saves(tmp_path: Path):
    from anef_tui.store.errors import ConflictError

    data, key = _folder(tmp_path)
    with DossierStore(data, clock=clock, key=key) as first, \
            DossierStore(data, clock=clock, key=key) as second:
        dossier = first.create("renouvellement", applicant_name="Deux Fenêtres")
        version = second.version(dossier)
        first.save_draft(dossier, "motif_sejour", {"a": 1})
        with pytest.raises(ConflictError):
            second.save_step(dossier, "motif_sejour", {"a": 2}, next_step=None,
                             expected_version=version)
        assert second.get(dossier).drafts == {"motif_sejour": {"a": 1}}
