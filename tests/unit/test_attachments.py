"""AttachmentStore: checked copies in pieces/, deduplication by content, slot limits,
removal, cleanup of orphans and of abandoned dossiers' files. Files are made in tmp_path."""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import stat
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfWriter

from anef_tui.files.checks import check_file, slot_limit_message
from anef_tui.paths import ATTACHMENTS_DIR
from anef_tui.store import attachments as attachments_module
from anef_tui.store.attachments import TEMP_PREFIX, AttachmentError, AttachmentStore
from anef_tui.store.db import StoreError
from anef_tui.store.dossiers import FILED_MESSAGE, DossierStore, NotEditable, NotFound
from tests.store_helpers import mark_filed

OLD_MTIME_NS = 1_600_000_000_123_456_789


class FakeClock:
    def __init__(self, start: datetime = datetime(2025, 3, 1, 9, 0, 0)):
        self.now = start

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now


# --- helpers that write files ----------------------------------------------------------------


def write_image(path: Path, fmt: str, size=(1240, 1754), shade: int = 235) -> Path:
    """A small scan-like image; `shade` makes images of the same size differ."""
    img = Image.new("RGB", size, (shade, shade, shade))
    img.paste((20, 20, 20), (50, 50, size[0] - 50, 120))
    img.save(path, fmt)
    return path


def write_pdf(path: Path, pages: int = 2, width: int = 595) -> Path:
    """A blank PDF; `width` makes PDFs with the same page count differ."""
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=width, height=842)
    with open(path, "wb") as fh:
        writer.write(fh)
    return path


def mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


def files_in(directory: Path) -> list[Path]:
    return sorted(p for p in directory.rglob("*") if p.is_file() or p.is_symlink())


@pytest.fixture
def store(tmp_path):
    s = DossierStore(tmp_path / "data", clock=FakeClock())
    yield s
    s.close()


@pytest.fixture
def attachments(store) -> AttachmentStore:
    return AttachmentStore(store)


@pytest.fixture
def pieces(store) -> Path:
    return store.data_dir / ATTACHMENTS_DIR


@pytest.fixture
def dossier(store) -> int:
    return store.create("renouvellement", applicant_name="Amina Diallo")


@pytest.fixture
def src(tmp_path) -> Path:
    directory = tmp_path / "documents"
    directory.mkdir()
    return directory


def attach(attachments, dossier_id, path, slot="passeport", max_files=3, title="Passeport"):
    return attachments.attach(dossier_id, slot, path, max_files=max_files, slot_title=title)


def row_counts(store) -> tuple[int, int]:
    conn = store.db.conn
    (blobs,) = conn.execute("SELECT count(*) FROM blobs").fetchone()
    (refs,) = conn.execute("SELECT count(*) FROM attachments").fetchone()
    return blobs, refs


# --- attach ----------------------------------------------------------------------------------


def test_attach_copies_a_private_checked_copy_and_leaves_the_original_alone(
    attachments, store, pieces, dossier, src
):
    original = write_pdf(src / "Relevé bancaire.pdf", pages=3)
    os.chmod(original, 0o644)
    os.utime(original, ns=(OLD_MTIME_NS, OLD_MTIME_NS))
    content = original.read_bytes()
    sha = hashlib.sha256(content).hexdigest()

    old_umask = os.umask(0)  # even a permissive umask must not widen the modes
    try:
        added = attach(attachments, dossier, original, slot="ressources", title="Ressources")
    finally:
        os.umask(old_umask)

    assert added.dossier_id == dossier and added.slot_id == "ressources"
    assert added.sha256 == sha
    assert added.original_name == "Relevé bancaire.pdf"
    assert (added.format, added.size, added.pages) == ("pdf", len(content), 3)
    assert added.warnings == ()
    assert added.added_at.startswith("2025-03-01T")
    assert added.stored_path == pieces / sha[:2] / f"{sha}.pdf"
    assert attachments.path_of(added) == added.stored_path
    assert added.stored_path.read_bytes() == content
    assert mode(added.stored_path) == 0o600
    assert mode(added.stored_path.parent) == 0o700
    assert mode(pieces) == 0o700
    assert files_in(pieces) == [added.stored_path]  # no temporary file left behind
    # The original: same bytes, same modification time, same mode.
    assert original.read_bytes() == content
    assert os.stat(original).st_mtime_ns == OLD_MTIME_NS
    assert mode(original) == 0o644

    blob = store.db.conn.execute(
        "SELECT size, format, pages, stored_name FROM blobs WHERE sha256 = ?", (sha,)
    ).fetchone()
    assert blob == (len(content), "pdf", 3, f"{sha[:2]}/{sha}.pdf")
    ref = store.db.conn.execute(
        "SELECT dossier_id, slot_id, original_name, warnings, position FROM attachments"
    ).fetchone()
    assert ref == (dossier, "ressources", "Relevé bancaire.pdf", "[]", 1)
    assert attachments.list(dossier) == [added]
    assert attachments.counts(dossier) == {"ressources": 1}


def test_images_keep_their_format_pages_and_warnings(attachments, store, dossier, src):
    photo = write_image(src / "photo.jpeg", "JPEG")
    small = write_image(src / "petit.png", "PNG", size=(400, 300))

    jpeg = attach(attachments, dossier, photo, slot="photo", title="Photo")
    png = attach(attachments, dossier, small, slot="photo", title="Photo")

    assert (jpeg.format, jpeg.pages, jpeg.stored_path.suffix) == ("jpeg", 1, ".jpg")
    assert (png.format, png.pages, png.stored_path.suffix) == ("png", 1, ".png")
    expected = check_file(small).warnings
    assert expected and png.warnings == expected
    assert "« petit.png »" in png.warnings[0]
    (stored,) = store.db.conn.execute(
        "SELECT warnings FROM attachments WHERE id = ?", (png.id,)
    ).fetchone()
    assert json.loads(stored) == list(expected)
    assert [a.position for a in attachments.list(dossier, "photo")] == [1, 2]


def test_the_same_content_is_stored_once(attachments, store, pieces, dossier, src):
    other = store.create("premiere_demande", applicant_name="Marc Dupont")
    first = write_pdf(src / "avis.pdf")
    copy = src / "copie de l'avis.pdf"
    copy.write_bytes(first.read_bytes())

    a = attach(attachments, dossier, first, slot="impots", title="Avis d'impôt")
    b = attach(attachments, dossier, copy, slot="ressources", title="Ressources")
    c = attach(attachments, other, copy, slot="impots", title="Avis d'impôt")

    assert a.sha256 == b.sha256 == c.sha256
    assert a.stored_path == b.stored_path == c.stored_path
    assert files_in(pieces) == [a.stored_path]
    assert row_counts(store) == (1, 3)
    assert [x.original_name for x in (a, b, c)] == [
        "avis.pdf",
        "copie de l'avis.pdf",
        "copie de l'avis.pdf",
    ]
    assert attachments.counts(dossier) == {"impots": 1, "ressources": 1}
    assert attachments.counts(other) == {"impots": 1}


def test_list_is_ordered_by_slot_then_position(attachments, dossier, src):
    pdfs = [write_pdf(src / f"doc{i}.pdf", width=500 + i) for i in range(4)]
    attach(attachments, dossier, pdfs[0], slot="b")
    attach(attachments, dossier, pdfs[1], slot="a")
    middle = attach(attachments, dossier, pdfs[2], slot="b")
    attach(attachments, dossier, pdfs[3], slot="b")
    assert [(x.slot_id, x.original_name) for x in attachments.list(dossier)] == [
        ("a", "doc1.pdf"),
        ("b", "doc0.pdf"),
        ("b", "doc2.pdf"),
        ("b", "doc3.pdf"),
    ]
    attachments.remove(middle.id)
    again = attach(attachments, dossier, pdfs[2], slot="b")
    assert again.position == 4  # a re-attached file goes last
    assert [x.original_name for x in attachments.list(dossier, "b")] == [
        "doc0.pdf",
        "doc3.pdf",
        "doc2.pdf",
    ]
    assert attachments.list(dossier, "absent") == []
    assert attachments.counts(dossier + 1) == {}


# --- refusals --------------------------------------------------------------------------------


def test_a_refused_file_is_not_copied(attachments, store, pieces, dossier, src):
    notes = src / "notes.pdf"
    notes.write_text("ceci n'est pas un PDF\n", encoding="utf-8")
    misnamed = write_image(src / "scan.pdf", "PNG")

    for path in (notes, misnamed):
        with pytest.raises(AttachmentError) as info:
            attach(attachments, dossier, path)
        assert str(info.value) == check_file(path).reason
    with pytest.raises(AttachmentError, match="introuvable"):
        attach(attachments, dossier, src / "absent.pdf")
    assert "renommez-le en .png" in check_file(misnamed).reason
    assert files_in(pieces) == []
    assert row_counts(store) == (0, 0)


@pytest.mark.parametrize(
    ("max_files", "title"), [(3, "Passeport"), (6, "Justificatif de résidence habituelle")]
)
def test_a_full_slot_refuses_one_more_file(
    attachments, store, pieces, dossier, src, max_files, title
):
    for i in range(max_files):
        attach(
            attachments,
            dossier,
            write_pdf(src / f"p{i}.pdf", width=500 + i),
            slot="s",
            max_files=max_files,
            title=title,
        )
    extra = write_pdf(src / "encore.pdf", width=400)
    with pytest.raises(AttachmentError) as info:
        attach(attachments, dossier, extra, slot="s", max_files=max_files, title=title)
    assert str(info.value) == slot_limit_message(max_files + 1, max_files, title)
    assert f"déjà joint {max_files} fichiers pour « {title} »" in str(info.value)
    assert attachments.counts(dossier) == {"s": max_files}
    assert len(files_in(pieces)) == max_files
    # Another slot of the same dossier still has room.
    attach(attachments, dossier, extra, slot="autre", max_files=max_files, title="Autre")


def test_the_same_file_twice_in_one_slot_is_refused(attachments, store, pieces, dossier, src):
    first = write_pdf(src / "acte.pdf")
    renamed = src / "acte (1).pdf"
    renamed.write_bytes(first.read_bytes())
    attach(attachments, dossier, first, slot="naissance", title="Acte de naissance")
    for path, name in ((first, "acte.pdf"), (renamed, "acte (1).pdf")):
        with pytest.raises(AttachmentError) as info:
            attach(attachments, dossier, path, slot="naissance", title="Acte de naissance")
        assert str(info.value) == f"Le fichier « {name} » est déjà joint à « Acte de naissance »."
    assert row_counts(store) == (1, 1)
    assert len(files_in(pieces)) == 1


def test_a_filed_dossier_cannot_get_or_lose_files(attachments, store, pieces, dossier, src):
    kept = attach(attachments, dossier, write_pdf(src / "a.pdf"))
    mark_filed(store, dossier, numero_demande="ANEF-1", filed_at="2025-03-04")
    with pytest.raises(NotEditable) as info:
        attach(attachments, dossier, write_pdf(src / "b.pdf", width=500))
    assert str(info.value) == FILED_MESSAGE
    assert isinstance(info.value, StoreError)
    with pytest.raises(NotEditable, match="déposé"):
        attachments.remove(kept.id)
    assert attachments.list(dossier) == [kept]
    assert files_in(pieces) == [kept.stored_path]


def test_an_unknown_dossier_or_attachment_is_reported(attachments, src):
    with pytest.raises(NotFound):
        attach(attachments, 42, write_pdf(src / "a.pdf"))
    with pytest.raises(AttachmentError, match="pièce jointe n° 7 est introuvable"):
        attachments.remove(7)


def test_a_file_changed_after_its_check_is_refused(
    attachments, store, pieces, dossier, src, monkeypatch
):
    path = write_pdf(src / "en cours.pdf")

    def check_then_append(p, **kwargs):
        result = check_file(p, **kwargs)
        with open(p, "ab") as fh:
            fh.write(b"% encore\n")
        return result

    monkeypatch.setattr(attachments_module, "check_file", check_then_append)
    with pytest.raises(AttachmentError, match="« en cours.pdf » a été modifié"):
        attach(attachments, dossier, path)
    assert files_in(pieces) == []
    assert row_counts(store) == (0, 0)


def test_a_failed_database_write_removes_the_new_copy(attachments, store, pieces, dossier, src):
    shared = write_pdf(src / "partage.pdf")
    kept = attach(attachments, dossier, shared, slot="a")
    store.db.conn.execute(
        "CREATE TRIGGER refuse BEFORE INSERT ON attachments "
        "BEGIN SELECT RAISE(ABORT, 'refus de test'); END"
    )
    with pytest.raises(StoreError):
        attach(attachments, dossier, write_pdf(src / "nouveau.pdf", width=500), slot="a")
    with pytest.raises(StoreError):  # known content: its file stays for the other reference
        attach(attachments, dossier, shared, slot="b")
    assert files_in(pieces) == [kept.stored_path]
    assert row_counts(store) == (1, 1)
    assert not store.db.conn.in_transaction


def test_a_missing_copy_is_restored_by_the_next_attach(attachments, pieces, dossier, src):
    path = write_pdf(src / "titre.pdf")
    first = attach(attachments, dossier, path, slot="a")
    first.stored_path.unlink()
    with pytest.raises(AttachmentError, match="« titre.pdf » est introuvable"):
        attachments.path_of(first)
    attach(attachments, dossier, path, slot="b")
    assert attachments.path_of(first).read_bytes() == path.read_bytes()
    assert mode(first.stored_path) == 0o600


# --- remove, cleanup, abandon ----------------------------------------------------------------


def test_remove_keeps_a_shared_copy_until_its_last_reference_goes(
    attachments, store, pieces, dossier, src
):
    path = write_pdf(src / "quittance.pdf")
    a = attach(attachments, dossier, path, slot="domicile")
    b = attach(attachments, dossier, path, slot="ressources")

    attachments.remove(a.id)
    assert attachments.list(dossier) == [b]
    assert b.stored_path.is_file()
    assert row_counts(store) == (1, 1)

    attachments.remove(b.id)
    assert attachments.list(dossier) == []
    assert not b.stored_path.exists()
    assert files_in(pieces) == []
    assert row_counts(store) == (0, 0)
    assert not b.stored_path.parent.exists()  # empty shard folder removed too
    with pytest.raises(AttachmentError, match="introuvable"):
        attachments.remove(b.id)


def test_cleanup_removes_orphans_and_leftover_temporary_files(
    attachments, store, pieces, dossier, src
):
    kept = attach(attachments, dossier, write_pdf(src / "garde.pdf"))
    # A blob row nothing refers to any more, with its file.
    orphan_blob = attach(attachments, dossier, write_pdf(src / "oublie.pdf", width=500), slot="x")
    store.db.conn.execute("DELETE FROM attachments WHERE id = ?", (orphan_blob.id,))
    # Files no blob row names: in a shard folder, at the top, a temporary copy left by a crash.
    stray_dir = pieces / "ff"
    stray_dir.mkdir(mode=0o700)
    (stray_dir / ("f" * 64 + ".pdf")).write_bytes(b"%PDF-orphelin")
    (pieces / "divers.txt").write_text("x")
    (pieces / f"{TEMP_PREFIX}abc123").write_bytes(b"copie interrompue")
    # A temporary copy still being written (locked) is left alone.
    busy = pieces / f"{TEMP_PREFIX}en-cours"
    fd = os.open(busy, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        assert attachments.cleanup() == 4
        assert files_in(pieces) == sorted([kept.stored_path, busy])
    finally:
        os.close(fd)
    assert not stray_dir.exists()
    assert row_counts(store) == (1, 1)
    assert attachments.cleanup() == 1  # the no longer locked temporary file
    assert files_in(pieces) == [kept.stored_path]
    assert attachments.cleanup() == 0
    assert attachments.path_of(kept).is_file()


def test_abandon_deletes_the_dossiers_files_but_not_shared_ones(
    attachments, store, pieces, dossier, src
):
    other = store.create("renouvellement", applicant_name="Autre")
    own = attach(attachments, dossier, write_pdf(src / "a moi.pdf"))
    shared_path = write_pdf(src / "commun.pdf", width=500)
    shared = attach(attachments, dossier, shared_path, slot="b")
    theirs = attach(attachments, other, shared_path)

    store.abandon(dossier)

    assert attachments.list(dossier) == []
    assert not own.stored_path.exists()
    assert shared.stored_path.is_file()
    assert attachments.list(other) == [theirs]
    assert files_in(pieces) == [theirs.stored_path]
    assert row_counts(store) == (1, 1)


def test_abandon_inside_a_transaction_defers_the_file_deletion(
    attachments, store, pieces, dossier, src
):
    own = attach(attachments, dossier, write_pdf(src / "a.pdf"))
    with pytest.raises(RuntimeError):
        with store.transaction():
            store.abandon(dossier)
            raise RuntimeError("annulé")
    assert attachments.list(dossier) == [own]
    assert own.stored_path.is_file()
