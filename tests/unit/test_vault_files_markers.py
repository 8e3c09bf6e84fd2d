"""Issue 23, item 5, the files side: a store opened with a key; dossiers whose attached
files carry unique markers in their content (PDF, JPEG, PNG, a HEIC photo converted in
memory), PDFs made for them (récapitulatif, liste, confirmation; TUI and plain mode
alike); then every byte under the data folder and under the test's TMPDIR is searched.
Through the vault: no marker. Without a key the same scan finds them (the scan sees).

Left out of the scan, on purpose, `exports/` alone: the one folder where the user's
explicit exports are plain. The base, its -wal and -shm, and the backups are searched too.
"""

from __future__ import annotations

import io
import os
import tempfile
import uuid
import zlib
from pathlib import Path

import pytest
from PIL import Image, PngImagePlugin
from pypdf import PdfWriter

from anef_tui.files.convert import converted
from anef_tui.files.memory import MemoryFile
from anef_tui.store.attachments import AttachmentStore
from anef_tui.store.dossiers import DossierStore
from tests.conftest import frozen_clock
from tests.store_helpers import mark_filed
from tests.vault_helpers import encodings, make_vault

_EXPORTS = "exports"


def _marker(kind: str) -> str:
    return f"MARQ{kind}{uuid.uuid4().hex[:12].upper()}"


def _pdf(marker: str) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": marker, "/Subject": marker})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _jpeg(marker: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (320, 240), (30, 60, 90)).save(out, "JPEG", comment=marker.encode())
    return out.getvalue()


def _png(marker: str) -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", marker)
    out = io.BytesIO()
    Image.new("RGB", (320, 240), (90, 60, 30)).save(out, "PNG", pnginfo=info)
    return out.getvalue()


def _pdf_texts(data: bytes) -> bytes:
    """What a PDF says once its streams are inflated (fpdf compresses its pages and
    writes glyph ids): pypdf's text of each page, and its metadata."""
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        parts = [page.extract_text() or "" for page in reader.pages]
        parts += [str(v) for v in (reader.metadata or {}).values()]
    except Exception:  # not a readable PDF: nothing more to read
        return b""
    return "\n".join(parts).encode("utf-8", "replace")


def _scan(data_dir: Path, tmp: Path, markers: dict[str, bytes]) -> dict[str, list[str]]:
    """Each marker (text, or raw content bytes) found in any file under the data folder
    (but `exports/` and the plain base) or under `tmp`, with the files it is in."""
    found: dict[str, list[str]] = {}
    files = 0
    for top in (data_dir, tmp):
        for root, folders, names in os.walk(top):
            if Path(root) == data_dir:
                folders[:] = [f for f in folders if f != _EXPORTS]
            for name in names:
                path = Path(root, name)
                for label, form in markers.items():  # a name says as much as a content
                    if not label.startswith("octets") and form.decode().lower() in os.fspath(
                            path.relative_to(top)).lower():
                        found.setdefault(label, []).append(os.fspath(path))
                raw = path.read_bytes()
                files += 1
                readable = raw + _pdf_texts(raw) if raw.startswith(b"%PDF") else raw
                for inflated in _inflated(raw):
                    readable += inflated
                lowered = readable.lower()
                for label, form in markers.items():
                    forms = [form.lower()] if label.startswith("octets") else [
                        e.lower() for e in encodings(form.decode())]
                    if any(f in lowered for f in forms):
                        found.setdefault(label, []).append(os.fspath(path))
    assert files, "the scan read no file: it would prove nothing"
    return found


def _inflated(raw: bytes) -> list[bytes]:
    """Every zlib stream of a file inflated (a PDF's pages, a PNG's data)."""
    out = []
    start = 0
    while (at := raw.find(b"stream", start)) != -1:
        start = at + 6
        body = raw[start:].lstrip(b"\r\n")
        try:
            out.append(zlib.decompressobj().decompress(body[:2_000_000]))
        except zlib.error:
            continue
    return out


def _desk(data_dir: Path, key, source_dir: Path) -> dict[str, bytes]:
    """What a worker does with the app's stores: dossiers, attachments (one a conversion
    made in memory), PDFs through the TUI's services and the plain mode. The markers."""
    from anef_tui.plain.context import Context
    from anef_tui.plain.io import PlainIO
    from anef_tui.ui.services import Services

    markers: dict[str, bytes] = {}
    store = DossierStore(data_dir, clock=frozen_clock, key=key)
    try:
        services = Services(store, clock=frozen_clock)
        for kind, make, ext in (("PDF", _pdf, "pdf"), ("JPEG", _jpeg, "jpg"),
                                ("PNG", _png, "png")):
            name = _marker(f"NOM{kind}")
            dossier = store.create("renouvellement", applicant_name=name)
            markers[f"nom {kind}"] = name.encode()
            content = _marker(kind)
            markers[f"contenu {kind}"] = content.encode()
            data = make(content)
            markers[f"octets {kind}"] = data[len(data) // 2: len(data) // 2 + 48]
            file_name = _marker(f"FICHIER{kind}")
            markers[f"nom de fichier {kind}"] = file_name.encode()
            source = source_dir / f"{file_name}.{ext}"
            source.write_bytes(data)
            AttachmentStore(store).attach(dossier, "passeport", source, max_files=3,
                                          slot_title="Passeport")
            services.save_pdf("recapitulatif", dossier)
            Context(PlainIO(io.BytesIO(), io.BytesIO()), store, frozen_clock).write_pdf(
                "liste", dossier)
            mark_filed(store, dossier, numero_demande=_marker("N").lower()[:10],
                       filed_at="2026-11-02T10:00:00")
            services.save_pdf("confirmation", dossier)
        if _heif():
            heic = source_dir / "photo.heic"
            import pillow_heif

            pillow_heif.from_pillow(Image.new("RGB", (640, 480), (10, 200, 30))).save(heic)
            made = converted(heic)
            markers["octets HEIC converti"] = made.data[len(made.data) // 2:][:48]
            name = _marker("HEIC")
            markers["nom HEIC converti"] = name.encode()
            dossier = store.create("renouvellement", applicant_name="Sans Marqueur")
            AttachmentStore(store).attach(dossier, "passeport",
                                          MemoryFile(f"{name}.jpg", made.data), max_files=3,
                                          slot_title="Passeport")
            services.save_pdf("recapitulatif", dossier)
    finally:
        store.close()
    return markers


def _heif() -> bool:
    from anef_tui.files.convert.source import register_heif

    return register_heif()


@pytest.fixture
def tmp(tmp_path, monkeypatch) -> Path:
    """The test's own TMPDIR, for this process's temporary files."""
    folder = tmp_path / "tmpdir"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def test_no_marker_is_readable_under_an_encrypted_folder(tmp_path, tmp):
    data_dir = tmp_path / "donnees"
    sources = tmp_path / "originaux"
    sources.mkdir()
    key = make_vault(data_dir).key
    markers = _desk(data_dir, key, sources)
    assert "nom PDF" in markers and len(markers) >= 12
    exports = sorted(p.name for p in (data_dir / _EXPORTS).iterdir())
    assert len(exports) == 9 + _heif()  # every PDF asked for is exported, and only that
    assert _scan(data_dir, tmp, markers) == {}


def test_without_a_key_the_same_scan_finds_the_markers(tmp_path, tmp):
    data_dir = tmp_path / "donnees"
    sources = tmp_path / "originaux"
    sources.mkdir()
    markers = _desk(data_dir, None, sources)
    found = _scan(data_dir, tmp, markers)
    assert set(found) == set(markers), sorted(set(markers) - set(found))
