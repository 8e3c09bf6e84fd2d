"""The first application (pré-demande), end to end with the keyboard only, then a renewal
started from it: on a desk's folder (SQLite) as the fidelity walk types it, and once on a
structure's PostgreSQL base after a login (`journey_desk`, tests/ui/e2e_desk.py)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from anef_tui.store.attachments import AttachmentStore
from anef_tui.store.dossiers import DossierStore
from anef_tui.ui.screens.confirmation import ConfirmationScreen
from anef_tui.ui.screens.depot import DepotScreen
from anef_tui.ui.screens.dialogs import ConfirmScreen
from anef_tui.ui.screens.home import HomeScreen
from anef_tui.ui.screens.preliminary import PreliminaryScreen
from anef_tui.ui.screens.profile import ProfileScreen
from tests.conftest import frozen_clock
from tests.ui.keys import attach, tab_to, type_into


@pytest.mark.xdist_group("fidelity-steps")
def test_first_application_then_renewal_from_it(fidelity_steps_walk):
    """The first application typed from « Mes dossiers » to the confirmation's PDF with the
    keys only, then a renewal started from it (Ctrl+R): the fidelity walk's
    (tests/fidelity/test_inventory.py `walk_first`, which reads each screen on the way), not
    typed a second time."""
    seen = fidelity_steps_walk["e2e"]["P"]
    assert seen["profile"] == "ProfileScreen"
    assert seen["profile choice"] == "PreliminaryScreen"
    # An out-of-scope situation says so and does not go on.
    step, errors = seen["out of scope"]
    assert step == "situation" and "pas couverte" in errors
    # Étape 2 at once, opened by « Merci, nous avons bien pris en compte votre
    # situation. » (seed 002 l. 251-270): no screen of its own in between.
    assert seen["step2"] == "informations_personnelles"
    texts = seen["step2 intro"]
    assert texts and texts[0].startswith("Merci, nous avons bien pris en compte")
    assert not seen["step2 next"].startswith("Je continue")
    assert seen["depot"] == "DepotScreen"
    assert seen["confirmation"] == "ConfirmationScreen"
    # Ctrl+S « J'ouvre ma confirmation de dépôt de demande (PDF) » made it.
    assert len(seen["pdfs after ctrl+s"]) == 1
    assert seen["after escape"] == "HomeScreen"
    # Later, the person renews: a renewal starts from this dossier.
    assert seen["renewal"] == ("ProfileScreen", "titre_actuel")
    values = seen["renewal values"]
    assert values["nom_naissance"] == "NDIAYE"
    assert values["prenoms"] == ["Awa", "Marème"]
    assert values["nationalite"] == "Sénégalaise"
    assert values["email"] == "awa.ndiaye@exemple.fr"
    assert values["n_etranger"] == ""  # to be typed from the new title

    data_dir = fidelity_steps_walk["data"]["P"]
    [pdf] = (data_dir / "documents").glob("confirmation-*.pdf")
    text = " ".join(PdfReader(io.BytesIO(pdf.read_bytes())).pages[0].extract_text().split())
    assert "CONFIRMATION DU DÉPÔT D'UNE PRÉ-DEMANDE" in text
    assert "NDIAYE" in text and "SÉNÉGALAISE" in text
    store = DossierStore(data_dir, clock=frozen_clock)
    rows = {r.procedure: r for r in store.list()}
    assert rows["premiere_demande"].status.value == "deposee"
    assert rows["premiere_demande"].numero_demande.startswith("590120261122")
    assert store.get(rows["renouvellement"].id).parent_id == rows["premiere_demande"].id
    store.close()


HEALTH = 2  # « … mon état de santé nécessite une prise en charge médicale exceptionnelle »


def scan(path: Path) -> Path:
    Image.new("RGB", (1240, 1754), (210, 210, 210)).save(path, "PNG")
    return path


@pytest.mark.parametrize("journey_desk", ["postgresql"], indirect=True)
async def test_first_application_then_renewal_from_it_on_a_server(journey_desk, tmp_path):
    """The same journey typed with the keys on a structure's PostgreSQL base after a login
    (`journey_desk`, tests/ui/e2e_desk.py); a second desk reads it back, the scans byte
    for byte. (On a desk's folder, the fidelity walk types it: the test above.)"""
    scans = {slot: scan(tmp_path / f"{slot}.png") for slot in (
        "justificatif_nationalite", "justificatif_identite", "justificatif_domicile",
        "justificatif_residence")}
    app = journey_desk.make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await journey_desk.open(pilot)
        await pilot.press("ctrl+n", "down", "ctrl+s")  # « Je demande un premier titre … »
        await pilot.pause()
        assert isinstance(app.screen, ProfileScreen)
        await type_into(pilot, "f-email", "awa.ndiaye@exemple.fr")
        await type_into(pilot, "f-email_confirmation", "awa.ndiaye@exemple.fr")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PreliminaryScreen)  # the profile choice
        await pilot.press("space", "ctrl+s")  # « Car j'ai des attaches familiales en France »
        await pilot.pause()
        assert app.screen.step_id == "situation"
        # An out-of-scope situation says so and does not go on.
        await pilot.press("space", "ctrl+s")
        await pilot.pause()
        assert app.screen.step_id == "situation"
        assert "pas couverte" in str(app.screen.query_one("#errors").render())
        await tab_to(pilot, "f-situation")
        await pilot.press(*["down"] * HEALTH, "ctrl+s")
        await pilot.pause()
        # Étape 2 at once, opened by « Merci, nous avons bien pris en compte votre
        # situation. » (seed 002 l. 251-270): no screen of its own in between.
        assert app.screen.step_id == "informations_personnelles"
        texts = [str(w.render()) for w in app.screen.query(".intro-strong")]
        assert texts and texts[0].startswith("Merci, nous avons bien pris en compte")
        assert not app.screen.query("#next").first().label.plain.startswith("Je continue")
        await type_into(pilot, "f-nom_naissance", "NDIAYE")
        await type_into(pilot, "f-prenoms-0", "Awa")
        await pilot.press("tab", "enter")  # « + Ajouter un prénom »
        await pilot.pause()
        await pilot.press(*"Marème")
        await tab_to(pilot, "f-sexe")
        await pilot.press("down")  # Masculin → Féminin
        await type_into(pilot, "f-date_naissance", "1985")
        await type_into(pilot, "f-pays_naissance", "Sénégal")
        await type_into(pilot, "f-lieu_naissance", "Dakar")
        await type_into(pilot, "f-nationalites-0", "sénégalaise")
        await type_into(pilot, "f-adresse", "12 rue de la Paix")
        await type_into(pilot, "f-code_postal", "59000")
        await type_into(pilot, "f-ville", "Lille")
        await type_into(pilot, "f-telephone", "06 12 34 56 78")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen.step_id == "motif_sejour", app.screen.query_one("#errors").render()
        await type_into(pilot, "f-date_entree", "1/9/2015")
        await tab_to(pilot, "f-situation_familiale")
        await pilot.press("space")  # Célibataire
        await tab_to(pilot, "f-enfants_charge")
        await pilot.press("down")  # Non
        await tab_to(pilot, "f-attestation_polygamie")
        await pilot.press("space")
        await tab_to(pilot, "f-attestation_sanctions")
        await pilot.press("space", "ctrl+s")
        await pilot.pause()
        assert app.screen.step_id == "justificatifs", app.screen.query_one("#errors").render()
        await type_into(pilot, "f-ephoto", "1234567890123456789012")
        for slot, path in scans.items():
            await attach(pilot, slot, path)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, DepotScreen), app.screen.query_one("#errors").render()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("tab", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmationScreen)
        await pilot.press("ctrl+s")  # « J'ouvre ma confirmation de dépôt de demande (PDF) »
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        # Later, the person renews: a renewal starts from this dossier.
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, ProfileScreen)
        assert app.screen.step_id == "titre_actuel"
        values = app.screen.current_values()
        assert values["nom_naissance"] == "NDIAYE"
        assert values["prenoms"] == ["Awa", "Marème"]
        assert values["nationalite"] == "Sénégalaise"
        assert values["email"] == "awa.ndiaye@exemple.fr"
        assert values["n_etranger"] == ""  # to be typed from the new title

    with journey_desk.other_desk(tmp_path / "autre-poste") as store:
        [pdf] = journey_desk.pdfs(store, "confirmation")
        text = " ".join(PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())
        assert "CONFIRMATION DU DÉPÔT D'UNE PRÉ-DEMANDE" in text
        assert "NDIAYE" in text and "SÉNÉGALAISE" in text
        rows = {r.procedure: r for r in store.list()}
        assert rows["premiere_demande"].status.value == "deposee"
        assert rows["premiere_demande"].numero_demande.startswith("590120261122")
        assert store.get(rows["renouvellement"].id).parent_id == rows["premiere_demande"].id
        # Every scan attached is read back byte for byte.
        files = AttachmentStore(store)
        kept = {a.slot_id: files.read_bytes(a) for a in files.list(
            rows["premiere_demande"].id)}
        assert kept == {slot: path.read_bytes() for slot, path in scans.items()}
