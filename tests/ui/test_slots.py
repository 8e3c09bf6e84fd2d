"""The « Justificatifs » step: attach, refuse and remove files with the keyboard only."""

from __future__ import annotations

from pathlib import Path

from PIL import Image
from textual.widgets import Static

from anef_tui.store.dossiers import DossierStore
from anef_tui.ui.screens.dialogs import ConfirmScreen
from anef_tui.ui.screens.dossier import StepScreen
from anef_tui.ui.screens.file_picker import FilePickerScreen
from anef_tui.ui.widgets.slot import SlotWidget
from tests.conftest import frozen_clock
from tests.ui.keys import tab_to

SLOT = "justificatif_domicile"


def make_scan(path: Path, colour=(200, 200, 200)) -> Path:
    Image.new("RGB", (1240, 1754), colour).save(path, "PNG")
    return path


def renewal_at_documents(data_dir: Path) -> int:
    store = DossierStore(data_dir, clock=frozen_clock)
    dossier_id = store.create("renouvellement", applicant_name="GUIDE Malade",
                              current_step="justificatifs")
    store.close()
    return dossier_id


async def open_first_dossier(pilot) -> None:
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, StepScreen)
    assert pilot.app.screen.step_id == "justificatifs"


async def pick_file(pilot, path: Path) -> None:
    assert isinstance(pilot.app.screen, FilePickerScreen)
    await pilot.press("ctrl+u", *str(path), "enter")
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def slot(app) -> SlotWidget:
    return app.screen.query_one(f"#slot-{SLOT}", SlotWidget)


async def test_attach_then_remove_with_keys(make_app, data_dir, tmp_path):
    renewal_at_documents(data_dir)
    scan = make_scan(tmp_path / "facture électricité.png")
    original = scan.read_bytes()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first_dossier(pilot)
        await tab_to(pilot, f"attach-{SLOT}")
        await pilot.press("enter")
        await pilot.pause()
        await pick_file(pilot, scan)
        assert isinstance(app.screen, StepScreen)
        [attached] = slot(app).files
        assert attached.name == "facture électricité.png"
        assert attached.format == "png"
        # « SUPPRIMER » asks first; « Annuler » has the focus.
        await tab_to(pilot, f"rm-{attached.id}")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("tab", "enter")
        await pilot.pause()
        assert slot(app).files == []
    assert scan.read_bytes() == original  # the original is never touched


async def test_refused_file_says_why_in_the_slot(make_app, data_dir, tmp_path):
    renewal_at_documents(data_dir)
    fake = tmp_path / "passeport.pdf"
    make_scan(tmp_path / "real.png")
    fake.write_bytes((tmp_path / "real.png").read_bytes())  # a PNG named .pdf
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first_dossier(pilot)
        await tab_to(pilot, f"attach-{SLOT}")
        await pilot.press("enter")
        await pilot.pause()
        await pick_file(pilot, fake)
        error = app.screen.query_one(f"#err-{SLOT}", Static)
        assert error.display
        text = str(error.render())
        assert "passeport.pdf" in text and "PNG" in text and "renommez" in text
        assert slot(app).files == []


async def test_fourth_file_is_refused_with_the_limit(make_app, data_dir, tmp_path):
    renewal_at_documents(data_dir)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first_dossier(pilot)
        for index in range(3):
            scan = make_scan(tmp_path / f"page{index}.png", (index * 40, 100, 100))
            await tab_to(pilot, f"attach-{SLOT}")
            await pilot.press("enter")
            await pilot.pause()
            await pick_file(pilot, scan)
        assert len(slot(app).files) == 3
        await tab_to(pilot, f"attach-{SLOT}")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, StepScreen)  # no picker: the slot is full
        text = str(app.screen.query_one(f"#err-{SLOT}", Static).render())
        assert "3 fichiers" in text and "maximum" in text


async def test_required_documents_block_the_step(make_app, data_dir):
    renewal_at_documents(data_dir)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first_dossier(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        summary = str(app.screen.query_one("#errors").render())
        slots = " ".join(str(s.render()) for s in app.screen.query(".slot-error"))
        # At 80×24 the summary lists the first problems; each is said where it is.
        assert "Justificatif de domicile" in summary + slots
        assert "Justificatif de résidence habituelle" in summary + slots
        assert "Numéro ephoto" in summary
        assert "Justificatif de résidence habituelle" in slots
        assert app.screen.step_id == "justificatifs"  # not saved, still here


async def test_photos_assembled_into_one_pdf(make_app, data_dir, tmp_path):
    """Passport pages photographed one by one become one PDF, pages in the order chosen."""
    from pypdf import PdfReader

    from anef_tui.store.attachments import AttachmentStore

    renewal_at_documents(data_dir)
    pages = []
    for index in range(3):
        path = tmp_path / f"passeport-p{index + 1}.jpg"
        Image.new("RGB", (1240, 1754), (50 * index, 90, 90)).save(path, "JPEG")
        pages.append(path)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first_dossier(pilot)
        await tab_to(pilot, f"combine-{SLOT}")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, FilePickerScreen)
        for page in pages:
            await pilot.press("ctrl+u", *str(page), "enter")
            await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        [attached] = slot(app).files
        assert attached.format == "pdf" and attached.pages == 3
        store = AttachmentStore(app.services.dossiers)
        [stored] = store.list(1, SLOT)
        assert len(PdfReader(store.path_of(stored)).pages) == 3


async def test_refused_webp_photo_is_converted_on_request(make_app, data_dir, tmp_path):
    """A phone photo in WebP is refused, then converted to JPEG when the user accepts."""
    renewal_at_documents(data_dir)
    photo = tmp_path / "bail.webp"
    Image.new("RGB", (1240, 1754), (120, 160, 200)).save(photo, "WEBP")
    original = photo.read_bytes()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first_dossier(pilot)
        await tab_to(pilot, f"attach-{SLOT}")
        await pilot.press("enter")
        await pilot.pause()
        await pick_file(pilot, photo)
        assert isinstance(app.screen, ConfirmScreen)  # « Convertir et joindre » ?
        assert "bail.webp" in app.screen.message
        await pilot.press("tab", "enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        [attached] = slot(app).files
        assert attached.name == "bail.jpg" and attached.format == "jpeg"
    assert photo.read_bytes() == original


async def test_refused_multipage_tiff_is_converted_to_a_pdf_with_every_page(
    make_app, data_dir, tmp_path
):
    """A passport scanned into one TIFF over 10 Mo: the PDF offered keeps every page (a JPEG
    would keep the first one only)."""
    from pypdf import PdfReader

    from anef_tui.files.checks import MAX_BYTES
    from anef_tui.store.attachments import AttachmentStore

    renewal_at_documents(data_dir)
    scan = tmp_path / "passeport.tiff"
    pages = [Image.new("RGB", (1240, 1754), (60 * index, 90, 90)) for index in range(3)]
    pages[0].save(scan, save_all=True, append_images=pages[1:])  # uncompressed: about 20 Mo
    assert scan.stat().st_size > MAX_BYTES
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first_dossier(pilot)
        await tab_to(pilot, f"attach-{SLOT}")
        await pilot.press("enter")
        await pilot.pause()
        await pick_file(pilot, scan)
        assert isinstance(app.screen, ConfirmScreen)
        assert "converti en PDF" in app.screen.message
        await pilot.press("tab", "enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        [attached] = slot(app).files
        assert attached.name == "passeport.pdf" and attached.pages == 3
        store = AttachmentStore(app.services.dossiers)
        [stored] = store.list(1, SLOT)
        assert len(PdfReader(store.path_of(stored)).pages) == 3
