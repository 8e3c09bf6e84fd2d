"""Encrypting a folder made before encryption (issue 23 « Existing data »): a verified copy
of the base, the attachments, documents and backups encrypted, the plain files overwritten
and removed. A subprocess is SIGKILLed at each step; converting again finishes the work with
every dossier and every attachment byte kept and no marker left anywhere in the folder."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
from datetime import datetime
from pathlib import Path

import pytest

from anef_tui.store.attachments import AttachmentStore
from anef_tui.store.backups import count_dossiers, list_backups, make_backup
from anef_tui.store.backups.copies import key_copy_path
from anef_tui.store.dossiers import DossierStore
from anef_tui.vault import conversion, files
from anef_tui.vault.keyfile import key_file_path
from anef_tui.vault.keys import VaultKey, unlock_with_passphrase
from tests.french import assert_french
from tests.vault_helpers import PHRASE, make_vault, scan

ROOT = Path(__file__).resolve().parents[2]
MARKERS = [f"MARQUEURCONV{i}" for i in range(3)]
FILE_MARKER = "CONTENUSECRETPIECE"
DOC_MARKER = "CONTENUSECRETDOCUMENT"
#: Where the subprocess is killed: after the copy of the base, then between the two names
#: and after the rename of the first attachment, the first backup, the base.
STOPS = ["copie", "fichier-lien", "fichier-remplace", "sauvegarde-lien",
         "sauvegarde-remplace", "base-lien", "base-remplace"]


def clock() -> datetime:
    return datetime(2026, 12, 6, 10, 0)


@pytest.fixture(scope="module")
def prepared(tmp_path_factory) -> tuple[Path, dict[str, bytes]]:
    """A plain folder with dossiers, an attachment, a document and backups (one of them an
    unreadable base set aside), then a key file: the state a front end calls
    `encrypt_folder` in. Returns it and the plain bytes of its files by relative path."""
    from PIL import Image
    from PIL.PngImagePlugin import PngInfo

    root = tmp_path_factory.mktemp("conversion")
    data = root / "donnees"
    scan_path = root / "scan.png"
    info = PngInfo()
    info.add_text("Comment", FILE_MARKER)
    Image.new("RGB", (30, 30), "white").save(scan_path, pnginfo=info)
    with DossierStore(data, clock=clock) as store:
        ids = [store.create("renouvellement", applicant_name=f"{m} Prénom") for m in MARKERS]
        AttachmentStore(store).attach(ids[0], "passeport", scan_path, max_files=3,
                                      slot_title="Passeport")
        make_backup(store.database.db.conn, data / "sauvegardes", reason="avant-restauration",
                    now=clock())
    (data / "documents").mkdir(mode=0o700, exist_ok=True)
    (data / "documents" / "recapitulatif.pdf").write_bytes(
        b"%PDF-1.4 " + DOC_MARKER.encode() + b" %%EOF")
    (data / "sauvegardes" / "anef-tui-20261201-100000-endommagee.db").write_bytes(
        b"abimee " + MARKERS[0].encode())
    make_vault(data)
    plain = {os.fspath(p.relative_to(data)): p.read_bytes()
             for sub in ("pieces", "documents") for p in (data / sub).rglob("*") if p.is_file()}
    assert len(plain) == 2
    return data, plain


def _copy(prepared: tuple[Path, dict[str, bytes]], target: Path) -> tuple[Path, VaultKey]:
    data = target / "donnees"
    shutil.copytree(prepared[0], data)
    return data, unlock_with_passphrase(key_file_path(data), PHRASE)


def _assert_converted(data: Path, key: VaultKey, plain: dict[str, bytes]) -> None:
    assert not conversion.conversion_pending(data)
    for relative, content in plain.items():
        assert files.is_encrypted(data / relative)
        assert files.decrypt_bytes(data / relative, key) == content
    with DossierStore(data, clock=clock, key=key) as store:
        assert sorted(d.applicant_name for d in store.list()) == [f"{m} Prénom" for m in MARKERS]
        # The journal's head anchor is sealed like the rest: no false « replaced » alarm.
        from anef_tui.store.journal import verify_whole

        assert verify_whole(store.database).problems == []
    assert files.is_encrypted(data / "journal-tete")
    backups = list_backups(data)
    assert [b.reason for b in backups] == ["", "avant-restauration"]  # the damaged one gone
    assert count_dossiers(backups[1].path, key) == 3
    assert key_copy_path(backups[1].path).exists()
    leftovers = [p.name for p in data.rglob("*") if p.name.endswith(conversion.SIDE_SUFFIX)
                 or p.name.startswith(".coffre-tmp-") or p.name == conversion.COPY_NAME]
    assert leftovers == []
    assert scan([data], [*MARKERS, FILE_MARKER, DOC_MARKER]) == {}


def test_a_plain_folder_is_encrypted_whole(prepared, tmp_path: Path):
    data, key = _copy(prepared, tmp_path)
    assert conversion.conversion_pending(data)
    steps: list[tuple[str, int, int]] = []
    done = conversion.encrypt_folder(data, key, progress=lambda *a: steps.append(a))
    assert (done.files, done.backups, done.removed) == (2, 2, 1)
    assert ("base", 1, 1) in steps and ("fichiers", 2, 2) in steps
    _assert_converted(data, key, prepared[1])
    assert_french(conversion.overwrite_caveat())


def test_the_plain_base_is_refused_until_converted(prepared, tmp_path: Path):
    from anef_tui.vault.errors import NotEncryptedDatabase

    data, key = _copy(prepared, tmp_path)
    with pytest.raises(NotEncryptedDatabase):
        DossierStore(data, clock=clock, key=key)
    assert conversion.conversion_pending(data)


_KILLED = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path
    from anef_tui.vault import conversion
    from anef_tui.vault.keyfile import key_file_path
    from anef_tui.vault.keys import unlock_with_passphrase
    data, stop, phrase = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    key = unlock_with_passphrase(key_file_path(data), phrase)
    def checkpoint(name):
        if name == stop:
            os.kill(os.getpid(), signal.SIGKILL)
    conversion.encrypt_folder(data, key, checkpoint=checkpoint)
    print("fini sans être tué")
""")


@pytest.mark.parametrize("stop", STOPS)
def test_a_conversion_killed_at_each_step_finishes_with_nothing_lost(prepared, tmp_path, stop):
    data, key = _copy(prepared, tmp_path)
    killed = subprocess.run([sys.executable, "-c", _KILLED, str(data), stop, PHRASE],
                            capture_output=True, text=True, cwd=ROOT)
    assert killed.returncode == -signal.SIGKILL, (killed.stdout, killed.stderr[-2000:])
    assert conversion.conversion_pending(data)
    conversion.encrypt_folder(data, key)
    _assert_converted(data, key, prepared[1])
