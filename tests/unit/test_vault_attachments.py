"""Issue 23, the files side: with a key, what goes under `pieces/` and `documents/` is
encrypted (names still the plaintext's sha256), read back through the vault, and the only
plaintext written is an export (`<data folder>/exports`)."""

from __future__ import annotations

import hashlib
import io
import os
import stat
from pathlib import Path

import pytest
from PIL import Image

from anef_tui.files.memory import MemoryFile
from anef_tui.store.attachments import AttachmentStore
from anef_tui.store.dossier_pdfs import dossier_documents
from anef_tui.store.dossiers import DossierStore
from anef_tui.store.exports import (
    clean_exports,
    export_stored,
    exports_dir,
    keep_document,
    list_exports,
)
from anef_tui.vault import files as vault_files
from anef_tui.vault.errors import DamagedFile, ForeignFile
from tests.french import assert_french
from tests.vault_helpers import OTHER_PHRASE, make_vault


def _jpeg(marker: bytes = b"", size=(64, 48)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 10, 10)).save(out, "JPEG", comment=marker)
    return out.getvalue()


@pytest.fixture
def vault(tmp_path):
    return make_vault(tmp_path / "data")


@pytest.fixture
def store(tmp_path, vault):
    s = DossierStore(tmp_path / "data", key=vault.key)
    yield s
    s.close()


@pytest.fixture
def dossier(store) -> int:
    return store.create("renouvellement", applicant_name="Amina Diallo")


def _attach(store, dossier_id, source, slot="passeport"):
    return AttachmentStore(store).attach(dossier_id, slot, source, max_files=3,
                                         slot_title="Passeport")


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def test_an_attachment_is_kept_encrypted_under_its_plaintext_hash(tmp_path, store, dossier,
                                                                   vault):
    data = _jpeg(b"MARQUEUR-PIECE")
    source = tmp_path / "scan.jpg"
    source.write_bytes(data)
    attachment = _attach(store, dossier, source)
    digest = hashlib.sha256(data).hexdigest()
    assert attachment.sha256 == digest and attachment.size == len(data)
    assert attachment.stored_path.name == f"{digest}.jpg"
    raw = attachment.stored_path.read_bytes()
    assert vault_files.is_encrypted(attachment.stored_path)
    assert vault_files.vault_of(attachment.stored_path) == vault.key.vault_id
    assert b"MARQUEUR-PIECE" not in raw and data not in raw
    assert len(raw) == vault_files.encrypted_size(len(data))
    assert stat.S_IMODE(os.stat(attachment.stored_path).st_mode) == 0o600
    assert AttachmentStore(store).read_bytes(attachment) == data
    # Nothing else under pieces/: no plaintext temporary copy left.
    assert _files(store.data_dir / "pieces") == [attachment.stored_path]


def test_the_same_content_twice_is_stored_once(tmp_path, store, dossier):
    data = _jpeg(b"deux fois")
    source = tmp_path / "scan.jpg"
    source.write_bytes(data)
    first = _attach(store, dossier, source)
    other = store.create("renouvellement", applicant_name="Jean Martin")
    second = _attach(store, other, source)
    assert first.stored_path == second.stored_path
    assert _files(store.data_dir / "pieces") == [first.stored_path]


def test_a_plain_copy_of_an_older_folder_is_replaced_by_an_encrypted_one(tmp_path, store,
                                                                         dossier):
    data = _jpeg(b"ancien")
    source = tmp_path / "scan.jpg"
    source.write_bytes(data)
    digest = hashlib.sha256(data).hexdigest()
    old = store.data_dir / "pieces" / digest[:2] / f"{digest}.jpg"
    old.parent.mkdir(parents=True, exist_ok=True)
    old.write_bytes(data)  # left by a plain folder, with no row
    attachment = _attach(store, dossier, source)
    assert attachment.stored_path == old and vault_files.is_encrypted(old)
    assert AttachmentStore(store).read_bytes(attachment) == data


def test_a_stored_copy_of_another_vault_is_refused_and_kept(tmp_path, store, dossier):
    other = make_vault(tmp_path / "autre", OTHER_PHRASE)
    data = _jpeg(b"autre coffre")
    source = tmp_path / "scan.jpg"
    source.write_bytes(data)
    first = _attach(store, dossier, source)
    vault_files.encrypt_bytes(data, first.stored_path, other.key)
    before = first.stored_path.read_bytes()
    with pytest.raises(ForeignFile) as refused:
        AttachmentStore(store).read_bytes(first)
    assert_french(str(refused.value))
    second = store.create("renouvellement", applicant_name="Jean Martin")
    with pytest.raises(ForeignFile):
        _attach(store, second, source)
    assert first.stored_path.read_bytes() == before
    assert AttachmentStore(store).list(second) == []
    with pytest.raises(ForeignFile):
        export_stored(store.data_dir, first.stored_path, "scan.jpg", store.database.key)
    assert list_exports(store.data_dir) == []


def test_a_damaged_stored_copy_is_refused_in_french(tmp_path, store, dossier):
    source = tmp_path / "scan.jpg"
    source.write_bytes(_jpeg(b"abime"))
    attachment = _attach(store, dossier, source)
    raw = bytearray(attachment.stored_path.read_bytes())
    raw[-5] ^= 1
    attachment.stored_path.write_bytes(bytes(raw))
    with pytest.raises(DamagedFile) as refused:
        AttachmentStore(store).read_bytes(attachment)
    assert_french(str(refused.value))


def test_a_file_made_in_memory_is_checked_and_kept_encrypted(store, dossier):
    data = _jpeg(b"en memoire")
    attachment = _attach(store, dossier, MemoryFile("photo.jpg", data))
    assert attachment.original_name == "photo.jpg"
    assert attachment.sha256 == hashlib.sha256(data).hexdigest()
    assert vault_files.is_encrypted(attachment.stored_path)
    assert AttachmentStore(store).read_bytes(attachment) == data
    from anef_tui.store.attachments import AttachmentError

    with pytest.raises(AttachmentError) as refused:
        _attach(store, dossier, MemoryFile("photo.pdf", data), slot="justificatif_domicile")
    assert "renommez" in str(refused.value) or "extension" in str(refused.value)


def test_a_file_made_in_memory_is_kept_plain_without_a_key(tmp_path):
    store = DossierStore(tmp_path / "plain")
    try:
        dossier = store.create("renouvellement", applicant_name="Amina Diallo")
        data = _jpeg(b"clair")
        attachment = _attach(store, dossier, MemoryFile("photo.jpg", data))
        assert attachment.stored_path.read_bytes() == data
        assert AttachmentStore(store).read_bytes(attachment) == data
    finally:
        store.close()


def test_a_document_is_kept_encrypted_and_exported_in_plain(store, vault):
    pdf = b"%PDF-1.4\nMARQUEUR-PDF\n%%EOF\n"
    shown = keep_document(store.data_dir, "liste-0001-DIALLO-Amina.pdf", pdf, vault.key)
    kept = store.data_dir / "documents" / "liste-0001.pdf"  # no name in the kept one's
    assert vault_files.is_encrypted(kept) and b"MARQUEUR-PDF" not in kept.read_bytes()
    assert vault_files.decrypt_bytes(kept, vault.key) == pdf
    assert shown == exports_dir(store.data_dir) / "liste-0001-DIALLO-Amina.pdf"
    assert shown.read_bytes() == pdf
    assert stat.S_IMODE(os.stat(shown).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(shown.parent).st_mode) == 0o700
    assert [e.name for e in list_exports(store.data_dir)] == ["liste-0001-DIALLO-Amina.pdf"]
    # Abandoning the dossier removes both.
    assert dossier_documents(store.data_dir, 1) == [kept, shown]
    assert clean_exports(store.data_dir) == 1
    assert list_exports(store.data_dir) == [] and not shown.exists()
    assert kept.exists()


def test_without_a_key_a_document_is_kept_plain_and_nothing_is_exported(tmp_path):
    shown = keep_document(tmp_path, "liste-0001.pdf", b"%PDF-1.4\n%%EOF\n", None)
    assert shown == tmp_path / "documents" / "liste-0001.pdf"
    assert shown.read_bytes() == b"%PDF-1.4\n%%EOF\n"
    assert list_exports(tmp_path) == []


def test_an_attachment_exported_is_its_plaintext(tmp_path, store, dossier, vault):
    data = _jpeg(b"a exporter")
    source = tmp_path / "scan.jpg"
    source.write_bytes(data)
    attachment = _attach(store, dossier, source)
    path = export_stored(store.data_dir, attachment.stored_path, "../scan.jpg", vault.key)
    assert path == exports_dir(store.data_dir) / "scan.jpg"
    assert path.read_bytes() == data
