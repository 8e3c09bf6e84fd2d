"""A procedure that exists only under tests/procedures/ (fictional texts, its own step and
field ids, its own follow-up policy) is created from « Mes dossiers », filled with the
keyboard, filed, printed and followed by a notification, with no Python code naming it."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from anef_tui.cli import main
from anef_tui.domain import procedure_index as pi
from anef_tui.store.dossiers import DossierStore
from anef_tui.store.followup import FollowUpStore
from anef_tui.ui.screens.confirmation import ConfirmationScreen
from anef_tui.ui.screens.depot import DepotScreen
from anef_tui.ui.screens.dialogs import ConfirmScreen, NewDossierScreen
from anef_tui.ui.screens.dossier import StepScreen
from anef_tui.ui.screens.followup import NotificationsScreen, RecordNotificationScreen
from anef_tui.ui.screens.home import HomeScreen
from tests.conftest import frozen_clock
from tests.ui.keys import attach, open_notifications, tab_to, type_into

ESSAI_DIR = Path(__file__).resolve().parents[1] / "procedures"


@pytest.fixture
def essai(monkeypatch):
    monkeypatch.setenv(pi.ENV_PROCEDURES, str(ESSAI_DIR))
    pi.clear_caches()
    yield
    monkeypatch.delenv(pi.ENV_PROCEDURES, raising=False)
    pi.clear_caches()


def _errors(app) -> str:
    return str(app.screen.query_one("#errors").render())


def _pdf_text(path: Path) -> str:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return " ".join(" ".join(p.extract_text().split()) for p in reader.pages)


async def test_essai_created_filled_filed_printed_and_followed(
    essai, make_app, data_dir, tmp_path
):
    piece = tmp_path / "piece.png"
    Image.new("RGB", (1240, 1754), (220, 220, 220)).save(piece, "PNG")
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, NewDossierScreen)
        await pilot.press("down", "down", "ctrl+s")  # the third choice: « Démarche d'essai »
        await pilot.pause()
        assert isinstance(app.screen, StepScreen) and app.screen.procedure.id == "essai"
        assert app.screen.step_id == "qui"
        # The named checks of the data: under 18 (age_minimum, years = 18) is stopped…
        await type_into(pilot, "f-famille", "ESSAI")
        await type_into(pilot, "f-prenom_usuel", "Camille")
        await type_into(pilot, "f-ne_le", "01/01/2015")
        await type_into(pilot, "f-arrivee", "01/01/2020")
        await type_into(pilot, "f-cp", "69001")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen.step_id == "qui"
        assert "l'essai est réservé aux personnes de 18 ans et plus" in _errors(app)
        # … and an arrival before the birth date (apres_naissance) too.
        await type_into(pilot, "f-ne_le", "01/01/1990")
        await type_into(pilot, "f-arrivee", "01/01/1980")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen.step_id == "qui"
        assert "« Arrivé le » ne peut pas être antérieure" in _errors(app)
        await type_into(pilot, "f-arrivee", "01/01/2020")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen.step_id == "pieces", _errors(app)
        await attach(pilot, "piece_essai", piece)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, DepotScreen), _errors(app)
        await pilot.press("ctrl+s")  # « Déposer l'essai »
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("tab", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmationScreen)
        await pilot.press("ctrl+s")  # « J'ouvre l'accusé d'essai (PDF) »
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        # A « Demande de complément » recorded on it follows the file's policy.
        await open_notifications(pilot, "essai")
        assert isinstance(app.screen, NotificationsScreen)
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, RecordNotificationScreen)
        await pilot.press("space")  # « Demande de complément »
        await type_into(pilot, "f-received", "20/11/2026")
        await tab_to(pilot, "f-state-piece_essai")  # the slots come from the file
        await pilot.press("down", "down")  # Document manquant
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, NotificationsScreen), str(
            app.screen.query_one("#record-errors").render())

    [confirmation] = (data_dir / "documents").glob("confirmation-*.pdf")
    text = _pdf_text(confirmation)
    assert "ACCUSÉ DE DÉPÔT D'ESSAI" in text and "Nom d'essai : ESSAI" in text
    store = DossierStore(data_dir, clock=frozen_clock)
    [row] = store.list()
    assert row.procedure == "essai" and row.status.value != "brouillon"
    # The N° de la demande takes its département from the field of role « code_postal ».
    assert row.numero_demande.startswith("6901")
    follow = FollowUpStore(store)
    [notification] = follow.list_notifications(row.id)
    assert notification.deadline == date(2026, 11, 30)  # 10 days from reception
    assert notification.resumes_application  # complement_mode = "reprise_etape"
    store.close()
    # Printed through the CLI too: the récapitulatif names its fields and its file.
    out = tmp_path / "recap.pdf"
    assert main(["--data-dir", str(data_dir), "--aidant", "Léa", "pdf", str(row.id),
                 "--kind", "recapitulatif",
                 "-o", str(out)]) == 0
    recap = _pdf_text(out)
    assert "Nom de famille" in recap and "ESSAI" in recap and "piece.png" in recap
