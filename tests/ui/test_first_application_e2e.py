"""The first application (pré-demande), end to end with the keyboard only, then a renewal
started from it."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from anef_tui.store.dossiers import DossierStore
from tests.conftest import frozen_clock


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
