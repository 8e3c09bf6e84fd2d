"""The database through SQLCipher: keyed, owner-only, FTS5 and sqlite-utils working, silent on
descriptor 2; a wrong key, a plain base, a damaged page and a key file from another folder
each refused in French; the verified encrypted copy of a plain base."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from anef_tui.vault import database, files, keys
from anef_tui.vault.errors import (
    ConversionFailed,
    DamagedEncryptedDatabase,
    KeyFileSwapped,
    NotEncryptedDatabase,
    VaultWriteError,
    WrongDatabaseKey,
)
from anef_tui.vault.keyfile import key_file_path
from tests.french import assert_french
from tests.vault_helpers import PHRASE, make_vault

KEY = bytes(range(32))
OTHER = bytes(range(1, 33))


def _filled(path: Path, key: bytes = KEY, rows: int = 200) -> None:
    conn = database.connect(path, key)
    with conn:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("CREATE TABLE dossiers (id INTEGER PRIMARY KEY, nom TEXT)")
        conn.executemany("INSERT INTO dossiers (nom) VALUES (?)",
                         [(f"nom {i} " + "x" * 200,) for i in range(rows)])
    conn.close()


def test_round_trip_owner_only(tmp_path: Path):
    path = tmp_path / "anef-tui.db"
    old = os.umask(0)
    try:
        conn = database.connect(path, KEY)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("CREATE TABLE t (x TEXT)")
        conn.execute("INSERT INTO t VALUES ('bonjour')")
        conn.commit()
        modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in tmp_path.iterdir()}
        conn.close()
    finally:
        os.umask(old)
    assert modes == {"anef-tui.db": 0o600, "anef-tui.db-wal": 0o600, "anef-tui.db-shm": 0o600}
    conn = database.connect(path, KEY)
    assert conn.execute("SELECT x FROM t").fetchall() == [("bonjour",)]
    conn.close()
    with sqlite3.connect(path) as plain, pytest.raises(sqlite3.DatabaseError):
        plain.execute("SELECT count(*) FROM sqlite_master").fetchall()


def test_fts5_and_sqlite_utils_work_on_it(tmp_path: Path):
    import sqlite_utils

    conn = database.connect(tmp_path / "anef-tui.db", KEY)
    database.check_fts5(conn)
    db = sqlite_utils.Database(conn)
    db["dossiers"].insert({"id": 1, "nom": "Dupont"}, pk="id")
    db["dossiers"].enable_fts(["nom"])
    assert [r["nom"] for r in db["dossiers"].search("dupont")] == ["Dupont"]
    conn.close()


def test_wrong_key_is_refused_in_french_and_changes_nothing(tmp_path: Path):
    path = tmp_path / "anef-tui.db"
    _filled(path)
    before = path.read_bytes()
    with pytest.raises(WrongDatabaseKey) as refused:
        database.connect(path, OTHER)
    text = assert_french(str(refused.value))
    assert "not a database" not in text and "coffre.cle" in text
    assert path.read_bytes() == before
    assert sorted(os.listdir(tmp_path)) == ["anef-tui.db"]


def test_a_plain_base_is_told_apart(tmp_path: Path):
    path = tmp_path / "anef-tui.db"
    with sqlite3.connect(path) as plain:
        plain.execute("CREATE TABLE t (x)")
    plain.close()
    with pytest.raises(NotEncryptedDatabase) as refused:
        database.connect(path, KEY)
    assert "n'est pas chiffrée" in assert_french(str(refused.value))


def test_a_damaged_page_is_refused_in_french(tmp_path: Path):
    path = tmp_path / "anef-tui.db"
    _filled(path)
    raw = bytearray(path.read_bytes())
    raw[4096 * 2 + 300] ^= 0x40  # page 3: one of the table's
    path.write_bytes(raw)
    conn = database.connect(path, KEY)  # page 1 is fine
    with pytest.raises(Exception) as failed:
        conn.execute("SELECT count(*), max(nom) FROM dossiers").fetchall()
    problems = conn.execute("PRAGMA cipher_integrity_check").fetchall()
    conn.close()
    said = database.translate(failed.value, path)
    assert isinstance(said, DamagedEncryptedDatabase)
    assert "restaurez une sauvegarde" in assert_french(str(said)).lower()
    assert problems and "page 3" in problems[0][0]
    assert path.read_bytes() == raw  # nothing written back


_NOISE = textwrap.dedent("""
    import sys
    from pathlib import Path
    folder, how = Path(sys.argv[1]), sys.argv[2]
    if how == "vault":
        from anef_tui.vault import database
        from anef_tui.vault.errors import WrongDatabaseKey
        conn = database.connect(folder / "a.db", bytes(32))
        conn.execute("CREATE TABLE t (x)"); conn.commit(); conn.close()
        try:
            database.connect(folder / "a.db", bytes([1]) * 32)
        except WrongDatabaseKey:
            print("refusée")
    else:  # the same through sqlcipher3 alone: SQLCipher's own lines
        import sqlcipher3
        conn = sqlcipher3.connect(str(folder / "a.db"))
        conn.execute("PRAGMA key = \\"x'" + "00" * 32 + "'\\"")
        conn.execute("CREATE TABLE t (x)"); conn.commit(); conn.close()
        conn = sqlcipher3.connect(str(folder / "a.db"))
        conn.execute("PRAGMA key = \\"x'" + "01" * 32 + "'\\"")
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchall()
        except sqlcipher3.DatabaseError:
            print("refusée")
""")


@pytest.mark.parametrize("how", ["vault", "sqlcipher3"])
def test_nothing_on_descriptor_2(tmp_path: Path, how: str):
    """Descriptor 2 is the terminal Textual draws on. The same wrong key through sqlcipher3
    alone writes SQLCipher's log lines there: that proves the capture sees them."""
    folder = tmp_path / how
    folder.mkdir()
    done = subprocess.run([sys.executable, "-c", _NOISE, str(folder), how],
                          capture_output=True, check=True)
    assert done.stdout.decode().strip() == "refusée"
    if how == "vault":
        assert done.stderr == b""
    else:
        assert b"hmac check failed" in done.stderr


def _plain_base(path: Path) -> None:
    with sqlite3.connect(path) as plain:
        plain.execute("PRAGMA journal_mode = WAL")
        plain.execute("PRAGMA user_version = 13")
        plain.execute("CREATE TABLE dossiers (id INTEGER PRIMARY KEY, nom TEXT)")
        plain.executemany("INSERT INTO dossiers (nom) VALUES (?)",
                          [(f"Dupont {i}",) for i in range(500)])
        plain.execute("CREATE VIRTUAL TABLE recherche USING fts5(nom)")
        plain.execute("INSERT INTO recherche SELECT nom FROM dossiers")
    plain.close()


def test_encrypted_copy_of_a_plain_base(tmp_path: Path):
    created = make_vault(tmp_path)
    plain, copy = tmp_path / "anef-tui.db", tmp_path / "chiffree.db"
    _plain_base(plain)
    before = plain.read_bytes()
    counts = database.encrypt_copy(plain, copy, created.key)
    assert counts["dossiers"] == 500 and "recherche_data" in counts
    assert plain.read_bytes() == before
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    assert b"Dupont" not in copy.read_bytes()
    conn = database.connect(copy, database.database_key(created.key))
    assert database.stamped_vault(conn) == created.key.vault_id  # stamped by the copy
    conn.close()
    conn = database.open_database(copy, created.key)
    assert conn.execute("SELECT count(*) FROM dossiers").fetchone() == (500,)
    assert conn.execute("PRAGMA user_version").fetchone() == (13,)
    assert conn.execute("SELECT count(*) FROM recherche WHERE recherche MATCH 'dupont'"
                        ).fetchone() == (500,)
    assert database.stamped_vault(conn) == created.key.vault_id
    conn.close()
    with pytest.raises(VaultWriteError):  # never over an existing file
        database.encrypt_copy(plain, copy, created.key)


def test_a_copy_that_differs_is_refused(tmp_path: Path):
    created = make_vault(tmp_path)
    plain, copy = tmp_path / "anef-tui.db", tmp_path / "chiffree.db"
    _plain_base(plain)
    database.encrypt_copy(plain, copy, created.key)
    assert database.verify_copy(plain, copy, created.key)["dossiers"] == 500
    conn = database.open_database(copy, created.key)
    conn.execute("DELETE FROM dossiers WHERE id = 7")
    conn.commit()
    conn.close()
    with pytest.raises(ConversionFailed) as fewer:
        database.verify_copy(plain, copy, created.key)
    assert "nombre de lignes" in assert_french(str(fewer.value))
    conn = database.open_database(copy, created.key)
    conn.execute("INSERT INTO dossiers (id, nom) VALUES (7, 'Dupont 6')")
    conn.execute("PRAGMA user_version = 12")
    conn.commit()
    conn.close()
    with pytest.raises(ConversionFailed) as older:
        database.verify_copy(plain, copy, created.key)
    assert "version du schéma" in str(older.value)
    conn = database.open_database(copy, created.key)
    conn.execute("PRAGMA user_version = 13")
    conn.commit()
    conn.close()
    # Pages no query reads (a dropped table's, now free): only their HMACs tell.
    conn = database.open_database(copy, created.key)
    conn.execute("CREATE TABLE brouillon (x TEXT)")
    conn.executemany("INSERT INTO brouillon VALUES (?)", [("y" * 500,) for _ in range(100)])
    conn.commit()
    conn.execute("DROP TABLE brouillon")
    conn.commit()
    conn.close()
    database.verify_copy(plain, copy, created.key)
    raw = bytearray(copy.read_bytes())
    raw[len(raw) - 100] ^= 0x01  # the last page: a free one
    copy.write_bytes(raw)
    with pytest.raises(ConversionFailed) as damaged:
        database.verify_copy(plain, copy, created.key)
    assert "une page ne se vérifie pas" in str(damaged.value)


def test_a_failed_conversion_leaves_no_copy(tmp_path: Path):
    created = make_vault(tmp_path)
    garbage = tmp_path / "anef-tui.db"
    garbage.write_bytes(b"ceci n'est pas une base" * 300)
    with pytest.raises(ConversionFailed) as refused:
        database.encrypt_copy(garbage, tmp_path / "chiffree.db", created.key)
    assert "telle quelle" in assert_french(str(refused.value))
    assert sorted(os.listdir(tmp_path)) == ["anef-tui.db", "coffre.cle"]


def _folder_with_data(folder: Path) -> tuple[keys.Created, Path]:
    created = make_vault(folder)
    conn = database.open_database(folder / "anef-tui.db", created.key)
    conn.execute("CREATE TABLE dossiers (nom TEXT)")
    conn.commit()
    conn.close()
    witness = folder / "pieces" / "1"
    files.encrypt_bytes(b"%PDF-1.7", witness, created.key)
    return created, witness


def test_key_files_swapped_between_two_folders(tmp_path: Path):
    """The same worker, the same passphrase, two data folders: their key files swapped.
    The passphrase unlocks the wrong key file; the base then refuses, and the encrypted
    files of the folder say that the key file came from another folder."""
    a, b = tmp_path / "a", tmp_path / "b"
    _, witness_a = _folder_with_data(a)
    _folder_with_data(b)
    key_a, key_b = key_file_path(a), key_file_path(b)
    raw_a, raw_b = key_a.read_bytes(), key_b.read_bytes()
    key_a.write_bytes(raw_b)
    key_b.write_bytes(raw_a)
    unlocked = keys.unlock_with_passphrase(key_a, PHRASE)  # b's key, in a
    before = (a / "anef-tui.db").read_bytes()
    with pytest.raises(KeyFileSwapped) as refused:
        database.open_database(a / "anef-tui.db", unlocked, witnesses=[witness_a])
    assert "autre dossier de données" in assert_french(str(refused.value))
    with pytest.raises(WrongDatabaseKey):  # no file to tell: the message names both causes
        database.open_database(a / "anef-tui.db", unlocked)
    assert (a / "anef-tui.db").read_bytes() == before
    key_a.write_bytes(raw_a)  # put back: it opens again
    conn = database.open_database(a / "anef-tui.db", keys.unlock_with_passphrase(key_a, PHRASE),
                                  witnesses=[witness_a])
    conn.close()


def test_a_base_that_records_another_vault_is_refused(tmp_path: Path):
    created, _ = _folder_with_data(tmp_path)
    conn = database.open_database(tmp_path / "anef-tui.db", created.key)
    database.stamp_vault(conn, "ab" * 16)
    conn.close()
    with pytest.raises(KeyFileSwapped):
        database.open_database(tmp_path / "anef-tui.db", created.key)
