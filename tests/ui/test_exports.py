"""Issue 23, the exports: in an encrypted data folder a PDF asked for is kept encrypted in
documents/ and exported in plain to <data folder>/exports; « Exports en clair » (Ctrl+P)
lists them and « Nettoyer les exports » removes them; Ctrl+Q asks first while any remain.
Keys only."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from PIL import Image

from anef_tui.store.dossiers import DossierStore
from anef_tui.store.exports import exports_dir, keep_document, list_exports
from anef_tui.ui.app import AnefApp
from anef_tui.ui.screens.confirmation import ConfirmationScreen
from anef_tui.ui.screens.exports import ExportsScreen
from anef_tui.vault import files as vault_files
from tests.conftest import fill_encrypted_demo_folder, frozen_clock
from tests.french import assert_french
from tests.ui.cursor_cells import screen_rows
from tests.ui.keys import tab_to
from tests.ui.test_slots import SLOT, open_first_dossier, pick_file, renewal_at_documents, slot
from tests.vault_helpers import make_vault

_WATCHED: list[str] = []
_WRITES: list[str] = []


def _watch(event: str, args: tuple) -> None:
    """Every file opened for writing under a watched folder (an audit hook: it sees the
    code's own `open`, whatever it is)."""
    if event != "open" or not _WATCHED:
        return
    path, mode, flags = (list(args) + [None, None, None])[:3]
    if not isinstance(path, str | bytes | os.PathLike):
        return
    path = os.fsdecode(path)
    writing = (isinstance(mode, str) and any(c in mode for c in "wxa+")) or (
        isinstance(flags, int) and flags & (os.O_WRONLY | os.O_RDWR))
    if writing and any(path.startswith(folder) for folder in _WATCHED):
        _WRITES.append(path)


sys.addaudithook(_watch)


def encrypted_app(data_dir: Path, *, demo: bool = False, renewal: bool = False) -> AnefApp:
    """The app on `data_dir` unlocked with its vault (new, or the encrypted demo's), as
    the door gives the key; renewal: a renewal at « Justificatifs » made first."""
    key = fill_encrypted_demo_folder(data_dir) if demo else make_vault(data_dir).key
    if renewal:
        with DossierStore(data_dir, clock=frozen_clock, key=key) as store:
            store.create("renouvellement", applicant_name="GUIDE Malade",
                         current_step="justificatifs")
    return AnefApp(DossierStore(data_dir, clock=frozen_clock, key=key), clock=frozen_clock)


def lines(app) -> list[str]:
    return ["".join(char for char, _ in row).rstrip() for row in screen_rows(app)]


def drawn(app) -> str:
    return "\n".join(lines(app))


def said(app) -> str:
    """The text of every Static of the screen (a toast may cover the drawing)."""
    return "\n".join(str(w.render()) for w in app.screen.query("Static"))


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_a_pdf_is_exported_then_cleaned_at_quit(data_dir, size):
    app = encrypted_app(data_dir, demo=True)
    async with app.run_test(size=size, notifications=True) as pilot:
        await pilot.press("ctrl+f", *"guide", "enter", "enter")  # filed: its confirmation
        await pilot.pause()
        assert isinstance(app.screen, ConfirmationScreen)
        await tab_to(pilot, "pdf-recapitulatif")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        [kept] = (data_dir / "documents").glob("recapitulatif-*.pdf")
        assert vault_files.is_encrypted(kept)
        [export] = list_exports(data_dir)
        assert kept.name == "recapitulatif-0001.pdf"  # no applicant's name in the kept one's
        assert export.name == "recapitulatif-0001-GUIDE-Malade.pdf"
        assert export.path.read_bytes().startswith(b"%PDF")
        assert export.path.parent == exports_dir(data_dir)
        shown = str(app.screen.query_one("#pdf-path").render())
        assert f"exports/{export.name}" in shown, shown  # the path said is the export's
        assert shown.startswith("PDF exporté en clair : "), shown

        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ExportsScreen)
        text = said(app)
        assert "1 fichier exporté en clair reste" in text, text
        assert export.name in text
        assert app.focused is not None and app.focused.id == "cancel"
        await pilot.press("enter")  # « Annuler »: still running, nothing removed
        await pilot.pause()
        assert isinstance(app.screen, ConfirmationScreen)
        assert list_exports(data_dir)

        await pilot.press("ctrl+q")
        await pilot.pause()
        await tab_to(pilot, "clean")  # « Nettoyer les exports et quitter »
        await pilot.press("enter")
        await pilot.pause()
    assert list_exports(data_dir) == []
    assert kept.exists()


async def test_quit_without_cleaning_keeps_the_exports(data_dir):
    app = encrypted_app(data_dir)
    keep_document(data_dir, "liste-0001.pdf", b"%PDF-1.4\n%%EOF\n", app.services.dossiers.database.key)
    keep_document(data_dir, "liste-0002.pdf", b"%PDF-1.4\n%%EOF\n", app.services.dossiers.database.key)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert "2 fichiers exportés en clair restent" in said(app)
        await tab_to(pilot, "quit")
        await pilot.press("enter")
        await pilot.pause()
    assert len(list_exports(data_dir)) == 2


async def test_the_exports_listed_and_cleaned_from_the_palette(data_dir):
    app = encrypted_app(data_dir)
    key = app.services.dossiers.database.key
    keep_document(data_dir, "recapitulatif-0001-GUIDE.pdf", b"%PDF-1.4\n%%EOF\n", key)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p", *"Exports en clair")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExportsScreen)
        text = drawn(app)
        assert "recapitulatif-0001-GUIDE.pdf" in text and "Nettoyer les exports" in text
        assert "SSD" in text
        await tab_to(pilot, "clean")
        await pilot.press("enter")
        await pilot.pause()
        assert "Aucun fichier exporté." in drawn(app)
        assert list_exports(data_dir) == []
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ExportsScreen)
        await pilot.press("ctrl+q")  # nothing left: quits at once
        await pilot.pause()
    assert app.return_code == 0


async def test_a_converted_photo_is_kept_encrypted_with_no_file_in_between(data_dir, tmp_path):
    """A WebP photo converted on request in an encrypted folder: the JPEG is made in
    memory and kept encrypted; no temporary folder appears in the data folder."""
    photo = tmp_path / "bail.webp"
    Image.new("RGB", (640, 900), (120, 160, 200)).save(photo, "WEBP")
    app = encrypted_app(data_dir, renewal=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first_dossier(pilot)
        _WRITES.clear()
        _WATCHED[:] = [str(data_dir), str(tmp_path)]
        await tab_to(pilot, f"attach-{SLOT}")
        await pilot.press("enter")
        await pilot.pause()
        await pick_file(pilot, photo)
        await pilot.press("tab", "enter")  # « Convertir et joindre »
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        [attached] = slot(app).files
        assert attached.name == "bail.jpg"
        [stored] = app.services.attachments.list(1, SLOT)
        assert vault_files.is_encrypted(stored.stored_path)
        assert app.services.attachments.read_bytes(stored).startswith(b"\xff\xd8")
        _WATCHED.clear()
    # Files opened for writing meanwhile: the temporary copy in pieces/ (encrypted as it is
    # written), the SQLite base's and the preferences (the picker's last folder: not this
    # branch's, see NOTES); before, the JPEG was written in a tmp- folder first.
    pieces = str(data_dir / "pieces")
    written = [p for p in _WRITES if not p.startswith(pieces) and "anef-tui.db" not in p
               and "preferences.json" not in p]
    assert written == [], written


async def _attach_scan(pilot, scan: Path):
    """On the « Justificatifs » step: attach `scan` with the keys; its Attachment."""
    app = pilot.app
    await open_first_dossier(pilot)
    await tab_to(pilot, f"attach-{SLOT}")
    await pilot.press("enter")
    await pilot.pause()
    await pick_file(pilot, scan)
    [stored] = app.services.attachments.list(1, SLOT)
    return stored


async def _export(pilot, stored) -> None:
    await tab_to(pilot, f"ex-{stored.id}")
    await pilot.press("enter")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def _scan(tmp_path: Path) -> Path:
    scan = tmp_path / "bail.png"
    Image.new("RGB", (1240, 1754), (200, 200, 200)).save(scan, "PNG")
    return scan


async def test_an_attached_scan_is_exported_to_upload(data_dir, tmp_path):
    """« Exporter » beside a file (an encrypted folder only): its plaintext in the exports
    folder, the path said."""
    scan = _scan(tmp_path)
    app = encrypted_app(data_dir, renewal=True)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        stored = await _attach_scan(pilot, scan)
        await _export(pilot, stored)
        [export] = list_exports(data_dir)
        assert export.name == "bail.png"
        assert export.path.read_bytes() == scan.read_bytes()
        assert "Fichier exporté en clair" in "".join(
            str(t.render()) for t in app.screen.query("Toast"))


async def test_a_damaged_scan_is_not_exported(data_dir, tmp_path):
    """A stored copy damaged on disk: « Exporter » says so in the slot, in French, and
    writes nothing."""
    app = encrypted_app(data_dir, renewal=True)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        stored = await _attach_scan(pilot, _scan(tmp_path))
        raw = bytearray(stored.stored_path.read_bytes())
        raw[100] ^= 1
        stored.stored_path.write_bytes(bytes(raw))
        await _export(pilot, stored)
        assert list_exports(data_dir) == []
        assert "ne peut pas être déchiffré" in (slot(app).error or "")
        assert_french(slot(app).error)


async def test_no_export_button_in_a_plain_folder(make_app, data_dir, tmp_path):
    renewal_at_documents(data_dir)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await _attach_scan(pilot, _scan(tmp_path))
        assert slot(app).files and not app.screen.query(".export")
