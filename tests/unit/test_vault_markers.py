"""Tried as a thief with the folder but not the passphrase: a desk process writes unique
markers in every kind of column (text, JSON answers, a blob, the search index) and in
attached files, is killed in the middle of a long save (its -wal left behind, uncommitted
pages in it), and then every byte under the data folder and its temporary folder is
searched. Through the vault: no marker anywhere. The same process with plain sqlite3 and
plain files: the markers are found — the scan does see them."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import uuid
from pathlib import Path

import pytest

from tests.vault_helpers import make_vault, scan

_DESK = textwrap.dedent("""
    import json, os, sqlite3, sys, time
    from pathlib import Path
    folder, how, markers = Path(sys.argv[1]), sys.argv[2], sys.argv[3:]
    committed, pending = markers[:-1], markers[-1]
    if how == "vault":
        from anef_tui.vault import database, files, keys
        from anef_tui.vault.keyfile import key_file_path
        key = keys.unlock_with_passphrase(key_file_path(folder), "le chat dort sur le toit")
        conn = database.open_database(folder / "anef-tui.db", key)
        def attach(name, data):
            files.encrypt_bytes(data, folder / "pieces" / name, key)
    else:
        conn = sqlite3.connect(folder / "anef-tui.db")
        def attach(name, data):
            (folder / "pieces").mkdir(exist_ok=True)
            (folder / "pieces" / name).write_bytes(data)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA cache_size = 20")  # a long transaction spills its pages to the -wal
    conn.execute("CREATE TABLE dossiers (id INTEGER PRIMARY KEY, nom TEXT, answers TEXT, "
                 "photo BLOB)")
    conn.execute("CREATE VIRTUAL TABLE recherche USING fts5(nom)")
    conn.commit()
    for i, marker in enumerate(committed):
        answers = json.dumps({"etat_civil": {"nom": marker, "adresse": marker + " rue"}})
        conn.execute("INSERT INTO dossiers (nom, answers, photo) VALUES (?, ?, ?)",
                     (marker, answers, marker.encode() * 3))
        conn.execute("INSERT INTO recherche (nom) VALUES (?)", (marker,))
        conn.commit()
        attach(str(i), b"%PDF-1.7 " + marker.encode() + b" " + marker.encode("utf-16-le"))
    # A long save, never committed: killed in its middle.
    conn.execute("BEGIN")
    for n in range(3000):
        conn.execute("INSERT INTO dossiers (nom, answers) VALUES (?, ?)",
                     (pending + " " + str(n), "x" * 300))
    print("pret", flush=True)
    time.sleep(120)
""")


def _kill_mid_save(folder: Path, how: str, markers: list[str]) -> None:
    temp = folder.parent / f"tmp-{how}"
    temp.mkdir()
    env = dict(os.environ, TMPDIR=str(temp))
    desk = subprocess.Popen([sys.executable, "-c", _DESK, str(folder), how, *markers],
                            stdout=subprocess.PIPE, env=env)
    try:
        assert desk.stdout is not None
        assert desk.stdout.readline().strip() == b"pret"
    finally:
        desk.send_signal(signal.SIGKILL)
        desk.wait()
    assert desk.returncode == -signal.SIGKILL


def _markers() -> list[str]:
    return [f"zqmarq{uuid.uuid4().hex[:12]}" for _ in range(4)]


@pytest.mark.parametrize("how", ["vault", "plain"])
def test_no_marker_on_disk(tmp_path: Path, how: str):
    folder = tmp_path / "donnees"
    if how == "vault":
        make_vault(folder)
    else:
        folder.mkdir()
    markers = _markers()
    _kill_mid_save(folder, how, markers)
    names = set(os.listdir(folder))
    assert {"anef-tui.db", "anef-tui.db-wal", "pieces"} <= names  # killed: -wal left
    assert len(os.listdir(folder / "pieces")) == len(markers) - 1
    found = scan([folder, tmp_path / f"tmp-{how}"], markers)
    if how == "vault":
        assert found == {}
    else:  # the control: committed rows, pages of the unfinished save, the plain files
        assert set(found) == set(markers)
        assert any(p.endswith("-wal") for p in found[markers[-1]])
