"""The renewal, end to end, with the keyboard only: « Mes dossiers » → confirmation PDF (on a
desk's folder, as the fidelity walk types it); and once on a structure's PostgreSQL base
after a login (`journey_desk`, tests/ui/e2e_desk.py), the journey goes on to its first
notification, F6, the answer sent and its PDF."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from anef_tui.store.attachments import AttachmentStore
from anef_tui.store.dossiers import DossierStore
from anef_tui.store.followup import FollowUpStore
from anef_tui.ui.screens.confirmation import ConfirmationScreen
from anef_tui.ui.screens.depot import DepotScreen
from anef_tui.ui.screens.dialogs import ConfirmScreen
from anef_tui.ui.screens.dossier import StepScreen
from anef_tui.ui.screens.followup import (
    DeadlinesScreen,
    NotificationScreen,
    NotificationsScreen,
    RecordNotificationScreen,
)
from anef_tui.ui.screens.home import HomeScreen
from anef_tui.ui.screens.preliminary import PreliminaryScreen
from anef_tui.ui.screens.profile import ProfileScreen
from tests.conftest import frozen_clock
from tests.ui.keys import attach, fill_profile, tab_to, type_into


def scan(path: Path, colour: tuple[int, int, int] = (220, 220, 220)) -> Path:
    Image.new("RGB", (1240, 1754), colour).save(path, "PNG")
    return path


@pytest.mark.xdist_group("fidelity-steps")
def test_renewal_from_home_to_confirmation_pdf(fidelity_steps_walk):
    """The renewal typed from « Mes dossiers » to the confirmation's PDF, with the keys only:
    the fidelity walk's (tests/fidelity/test_inventory.py `walk_renewal`, which reads each
    screen on the way), not typed a second time."""
    seen = fidelity_steps_walk["e2e"]["R"]
    assert seen["profile"] == "ProfileScreen"
    # Étape 1: état civil read-only from « Mon titre actuel »; the phone is typed again.
    assert seen["step1"] == "StepScreen"
    assert "GUIDE" in seen["step1 nom_naissance"]
    assert seen["depot"] == "DepotScreen"
    assert seen["dialog"] == "ConfirmScreen"
    # The site's sentences (seed 000 l. 992, 996) apart from anef-tui's, in its voice.
    assert seen["dialog question"] == (
        "Je confirme le dépôt définitif de ma demande. Après le dépôt de votre demande vous "
        "ne pourrez plus la modifier.")
    assert seen["dialog help"].startswith("Aide anef-tui : anef-tui ne transmet rien")
    assert seen["confirmation"] == "ConfirmationScreen"
    # The dossier as anef-tui keeps it: its words, in its voice.
    assert "app-help" in seen["references classes"]
    assert seen["references"].startswith("Aide anef-tui : ce dossier dans anef-tui")
    # Ctrl+S « J'ouvre ma confirmation de dépôt de demande (PDF) » made it.
    assert len(seen["pdfs after ctrl+s"]) == 1
    assert seen["after escape"] == "HomeScreen"

    data_dir = fidelity_steps_walk["data"]["R"]
    store = DossierStore(data_dir, clock=frozen_clock)
    [row] = store.list()
    assert row.status.value == "deposee"
    assert row.numero_demande == "5901202611220000001"
    store.close()
    pdfs = list((data_dir / "documents").glob("confirmation-*.pdf"))
    assert [p.name for p in pdfs] == seen["pdfs after ctrl+s"]
    text = " ".join(PdfReader(io.BytesIO(pdfs[0].read_bytes())).pages[0].extract_text().split())
    assert "CONFIRMATION DU DÉPÔT D'UNE DEMANDE DE RENOUVELLEMENT DE TITRE DE SÉJOUR" in text
    assert "5903007229" in text and "5901202611220000001" in text
    assert "MEXICO, MEXIQUE" in text and "MEXICAINE" in text


@pytest.mark.parametrize("journey_desk", ["postgresql"], indirect=True)
async def test_renewal_from_home_to_confirmation_pdf_then_its_first_notification(
        journey_desk, tmp_path):
    domicile = scan(tmp_path / "facture.png")
    residence = scan(tmp_path / "recepisse.png")
    new_domicile = scan(tmp_path / "quittance.png", (200, 220, 240))
    app = journey_desk.make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await journey_desk.open(pilot)
        await pilot.press("ctrl+n", "ctrl+s")  # renewal is the default choice
        await pilot.pause()
        assert isinstance(app.screen, ProfileScreen)
        await fill_profile(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PreliminaryScreen), app.screen.query_one("#errors").render()
        assert app.screen.position == "pour_qui"
        await pilot.press("space", "ctrl+s")  # « Moi-même (à partir de 16 ans) »
        await pilot.pause()
        assert app.screen.position == "situation_actuelle"
        await pilot.press("space", "ctrl+s")  # « Je sollicite le renouvellement de ce titre »
        await pilot.pause()
        assert app.screen.position == "preambule"
        await pilot.press("ctrl+s")
        await pilot.pause()
        # Étape 1: état civil read-only from « Mon titre actuel »; the phone is typed again.
        assert isinstance(app.screen, StepScreen)
        assert app.screen.step_id == "informations_personnelles"
        assert "GUIDE" in str(app.screen.query_one("#f-nom_naissance").render())
        await type_into(pilot, "f-telephone", "01 02 03 04 05")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen.step_id == "motif_sejour"
        await tab_to(pilot, "f-situation_familiale")
        await pilot.press("space")  # Célibataire
        await tab_to(pilot, "f-enfants_charge")
        await pilot.press("down")  # from « Oui » (focused) to « Non », as on the web
        await tab_to(pilot, "f-attestation_polygamie")
        await pilot.press("space")
        await tab_to(pilot, "f-attestation_sanctions")
        await pilot.press("space")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen.step_id == "justificatifs"
        await type_into(pilot, "f-ephoto", "1234567890123456789012")
        await type_into(pilot, "f-ephoto_confirmation", "1234 5678 9012 3456 7890 12")
        await attach(pilot, "justificatif_domicile", domicile)
        await attach(pilot, "justificatif_residence", residence)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, DepotScreen)
        await type_into(pilot, "f-observations", "Mon adresse n'a pas changé.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        # The site's sentences (seed 000 l. 992, 996) apart from anef-tui's, in its voice.
        question = str(app.screen.query_one(".question").render())
        assert question == ("Je confirme le dépôt définitif de ma demande. Après le dépôt de "
                            "votre demande vous ne pourrez plus la modifier.")
        note = str(app.screen.query_one(".app-help").render())
        assert note.startswith("Aide anef-tui : anef-tui ne transmet rien")
        await pilot.press("tab", "enter")  # « Déposer la demande »
        await pilot.pause()
        assert isinstance(app.screen, ConfirmationScreen)
        # The dossier as anef-tui keeps it: its words, in its voice.
        references = app.screen.query_one("#references")
        assert "app-help" in references.classes
        assert str(references.render()).startswith("Aide anef-tui : ce dossier dans anef-tui")
        await pilot.press("ctrl+s")  # « J'ouvre ma confirmation de dépôt de demande (PDF) »
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        # Two days later comes a « Demande de complément », read on the site the next day.
        await pilot.press("f4")  # the filed dossier is the row under the cursor
        await pilot.pause()
        assert isinstance(app.screen, NotificationsScreen)
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, RecordNotificationScreen)
        await pilot.press("space")  # « Demande de complément »
        await type_into(pilot, "f-received", "20/11/2026")
        await type_into(pilot, "f-read_on", "21/11/2026")
        await tab_to(pilot, "f-state-justificatif_domicile")
        await pilot.press("down")  # Document non valide
        await type_into(pilot, "f-obs-justificatif_domicile", "Document illisible")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, NotificationsScreen), app.screen.query_one(
            "#record-errors").render()
        await pilot.press("escape", "f6")
        await pilot.pause()
        assert isinstance(app.screen, DeadlinesScreen)
        table = app.screen.query_one("#deadlines")
        [deadline] = [table.get_row_at(i) for i in range(table.row_count)]
        assert str(deadline[2]) == "GUIDE Malade"
        assert str(deadline[1]) == "29 j"  # 30 days from the reading, 80 columns: compact
        # From F6 to the notification, answered with a new scan and sent, then its PDF.
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, NotificationsScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, NotificationScreen)
        nid = app.screen.notification_id
        await tab_to(pilot, "f-answer-justificatif_domicile")
        await pilot.press("down")  # « Mettre à jour le Document »
        await pilot.pause()
        await attach(pilot, f"complement-{nid}-justificatif_domicile", new_domicile)
        await pilot.press("ctrl+s")  # « Valider et envoyer »
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen), app.screen.query_one(
            "#errors").render()
        await tab_to(pilot, "confirm")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, NotificationsScreen)
        await pilot.press("enter")
        await pilot.pause()
        await tab_to(pilot, "answer-pdf")
        await pilot.press("enter")
        await pilot.pause()
        await app.workers.wait_for_complete()

    with journey_desk.other_desk(tmp_path / "autre-poste") as store:
        [row] = store.list()
        assert row.status.value == "complement_envoye"
        assert row.numero_demande == "5901202611220000001"
        followup = FollowUpStore(store)
        [notification] = followup.list_notifications(row.id)
        assert notification.kind == "complement"
        assert notification.deadline.isoformat() == "2026-12-21"
        answer = followup.get_complement_answer(notification.id)
        assert answer["sent_on"]
        assert answer["data"]["invalid"]["justificatif_domicile"]["choice"] == "mettre_a_jour"
        [pdf] = journey_desk.pdfs(store, "complement")
        text = " ".join(PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())
        assert "RÉPONSE À LA DEMANDE DE COMPLÉMENT" in text and "quittance.png" in text
        pdfs = journey_desk.pdfs(store, "confirmation")
        assert len(pdfs) == 1
        text = " ".join(PdfReader(io.BytesIO(pdfs[0])).pages[0].extract_text().split())
        assert "CONFIRMATION DU DÉPÔT D'UNE DEMANDE DE RENOUVELLEMENT DE TITRE DE SÉJOUR" in text
        assert "5903007229" in text and "5901202611220000001" in text
        assert "MEXICO, MEXIQUE" in text and "MEXICAINE" in text
        # The scans attached are read back byte for byte.
        files = AttachmentStore(store)
        kept = {a.slot_id: files.read_bytes(a) for a in files.list(row.id)}
        assert kept == {"justificatif_domicile": domicile.read_bytes(),
                        "justificatif_residence": residence.read_bytes(),
                        f"complement:{notification.id}:justificatif_domicile":
                            new_domicile.read_bytes()}


async def test_quit_in_step_two_then_restart_finds_everything(make_app, data_dir):
    store = DossierStore(data_dir, clock=frozen_clock)
    dossier_id = store.create("renouvellement", applicant_name="GUIDE Malade",
                              current_step="motif_sejour")
    store.close()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.step_id == "motif_sejour"
        await tab_to(pilot, "f-situation_familiale")
        await pilot.press("down", "down", "down")  # Célibataire → … → Marié(e)
        await type_into(pilot, "f-date_union", "12/06/2019")
        await pilot.press("f9")  # Quitter et revenir plus tard
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    # A new app on the same data: the step reopens with what was typed.
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.step_id == "motif_sejour"
        values = app.screen.current_values()
        assert values["situation_familiale"] == "Marié(e)"
        assert values["date_union"] == "12/06/2019"
        assert app.screen.query_one("#fb-date_union").display
    store = DossierStore(data_dir, clock=frozen_clock)
    assert store.get(dossier_id).summary.current_step == "motif_sejour"
    store.close()


def _renewal_at(data_dir: Path, position: str, upto: int) -> int:
    from anef_tui.demo import _GUIDE_PROFILE, _MOTIF, _RENEWAL_PRELIMINARIES, _step1

    store = DossierStore(data_dir, clock=frozen_clock)
    dossier_id = store.create("renouvellement", applicant_name="GUIDE Malade")
    store.save_profile(dossier_id, "titre_actuel", _GUIDE_PROFILE, applicant_name="GUIDE Malade")
    for step_id, values in _RENEWAL_PRELIMINARIES:
        store.save_step(dossier_id, step_id, values, next_step=None)
    if upto >= 2:
        store.save_step(dossier_id, "informations_personnelles",
                        _step1(_GUIDE_PROFILE, "01 02 03 04 05"), next_step=None)
    if upto >= 3:
        store.save_step(dossier_id, "motif_sejour", _MOTIF, next_step=None)
    store.save_step(dossier_id, "_position", {}, next_step=position)
    store.close()
    return dossier_id


async def test_modifier_on_the_depot_comes_back_to_the_summary(make_app, data_dir):
    _renewal_at(data_dir, "depot", upto=3)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DepotScreen)
        assert "Célibataire" in " ".join(
            str(w.render()) for w in app.screen.query(".summary-rows")
        )
        await tab_to(pilot, "edit-motif_sejour")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.step_id == "motif_sejour"
        await tab_to(pilot, "f-situation_familiale")
        await pilot.press("down")  # Célibataire → Concubin(ne)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, DepotScreen)  # back to « vérifiez vos réponses »
        assert "Concubin(ne)" in " ".join(
            str(w.render()) for w in app.screen.query(".summary-rows")
        )


async def test_depot_refuses_when_a_step_was_never_validated(make_app, data_dir):
    _renewal_at(data_dir, "depot", upto=2)  # motif de séjour never saved
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, DepotScreen)  # no confirmation dialog
        errors = str(app.screen.query_one("#errors").render())
        assert "Motif de séjour" in errors


async def test_official_number_replaces_the_local_one(make_app, data_dir):
    app = make_app(demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+f", *"guide", "enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmationScreen)
        await type_into(pilot, "official", "12345")
        await pilot.press("enter")
        await pilot.pause()
        assert "19 chiffres" in str(app.screen.query_one("#official-error").render())
        await type_into(pilot, "official", "5901 2023 1004 0000 310")
        await pilot.press("enter")
        await pilot.pause()
        assert "5901202310040000310" in str(app.screen.query_one("#references").render())
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+f", "ctrl+u", *"5901202310040000310")
        await pilot.pause()
        table = app.screen.query_one("#dossiers")
        assert table.row_count == 1  # found by the official number


async def test_preambule_download_makes_the_documents_list(make_app, data_dir):
    _renewal_at(data_dir, "preambule", upto=1)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PreliminaryScreen)
        await tab_to(pilot, "download")
        await pilot.press("enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
    [pdf] = (data_dir / "documents").glob("liste-*.pdf")
    text = " ".join(PdfReader(io.BytesIO(pdf.read_bytes())).pages[0].extract_text().split())
    assert "DEMANDE DE TITRE DE SÉJOUR VIE PRIVÉE ET FAMILIALE - ÉTRANGER MALADE" in text
    assert "Document préparé localement" in text


async def test_the_four_buttons_work_like_their_keys(make_app, data_dir):
    """« Enregistrer et poursuivre » / « Revenir… » / « Quitter et revenir plus tard » as
    buttons reached with Tab, not only as keys."""
    _renewal_at(data_dir, "motif_sejour", upto=2)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await tab_to(pilot, "next")
        await pilot.press("enter")  # validation runs: errors, still on step 2
        await pilot.pause()
        assert app.screen.step_id == "motif_sejour"
        assert app.screen.query_one("#errors").display
        await tab_to(pilot, "previous")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.step_id == "informations_personnelles"
        await tab_to(pilot, "later")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
