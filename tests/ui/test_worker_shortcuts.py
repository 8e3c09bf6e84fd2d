"""Issue 21, « for a worker with 30 dossiers a week »: a renewal from an earlier dossier keeps
what has the same meaning, a step opened with answers already there puts the cursor where
something is still to type, « Pays » suggests France, and the search finds a state. Keys only.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from anef_tui.demo import _GUIDE_PROFILE, _RENEWAL_PRELIMINARIES
from anef_tui.store.dossiers import DossierStore
from anef_tui.ui.screens.dossier import StepScreen
from anef_tui.ui.screens.preliminary import PreliminaryScreen
from anef_tui.ui.screens.profile import ProfileScreen
from tests.conftest import frozen_clock
from tests.ui.keys import type_into
from tests.ui.test_faults import toasts


def renewal_before_step1(data_dir: Path) -> int:
    """GUIDE Malade's renewal: « Mon titre actuel » and the screens before step 1 saved."""
    store = DossierStore(data_dir, clock=frozen_clock)
    dossier_id = store.create("renouvellement", applicant_name="GUIDE Malade")
    store.save_profile(dossier_id, "titre_actuel", _GUIDE_PROFILE, applicant_name="GUIDE Malade")
    for step_id, values in _RENEWAL_PRELIMINARIES:
        store.save_step(dossier_id, step_id, values, next_step="informations_personnelles")
    store.close()
    return dossier_id


async def test_ctrl_r_from_a_renewal_keeps_the_n_etranger_and_the_phone(make_app):
    app = make_app(demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        # « GUIDE Malade »: a filed renewal, N° étranger 5903007229, phone 01 02 03 04 05.
        await pilot.press("ctrl+f", *"guide", "ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, ProfileScreen)
        values = app.screen.current_values()
        assert values["n_etranger"] == "5903007229"
        assert values["n_titre"] == ""  # the new title's number: to type
        # The first thing left to type has the focus: the new title's number.
        assert app.focused is not None and app.focused.id == "f-n_titre"
        await type_into(pilot, "f-n_titre", "1234567890")
        await type_into(pilot, "f-date_debut_validite", "05/10/2025")
        await type_into(pilot, "f-date_fin_validite", "04/10/2026")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PreliminaryScreen), app.screen.query_one("#errors").render()
        await pilot.press("space", "ctrl+s", "space", "ctrl+s", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, StepScreen)
        assert app.screen.step_id == "informations_personnelles"
        assert app.screen.current_values()["telephone"] == "01 02 03 04 05"


async def test_step1_opens_on_the_phone_when_the_address_is_already_there(data_dir, make_app):
    """Renewal step 1: the address copied from « Mon titre actuel » is not 8 Tabs to cross:
    the cursor is in « Téléphone * », the first required field still empty."""
    renewal_before_step1(data_dir)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, StepScreen)
        assert app.screen.step_id == "informations_personnelles"
        assert app.screen.current_values()["adresse"] == "20 rue Nationale"
        assert app.focused is not None and app.focused.id == "f-telephone"
        await pilot.press(*"01 02 03 04 05", "ctrl+s")
        await pilot.pause()
        assert app.screen.step_id == "motif_sejour"
        # Nothing typed there yet: its first field, as before.
        assert app.focused is not None and app.focused.id == "f-situation_familiale"


@pytest.mark.xdist_group("fidelity-steps")
def test_pays_suggests_france_and_keeps_it_only_when_saved(fidelity_steps_walk):
    """A new renewal's « Mon titre actuel » (the fidelity walk's, tests/fidelity/
    test_inventory.py `walk_renewal`): « Pays » shows France; F9 leaves a draft without it;
    Ctrl+O reopens the form, France again; the profile typed around it is saved with it."""
    seen = fidelity_steps_walk["e2e"]["R"]
    assert seen["profile"] == "ProfileScreen"
    assert seen["pays on arrival"] == "France"
    draft = seen["draft"]
    assert draft["n_etranger"] == "5903007229" and "pays" not in draft
    assert seen["pays reopened"] == ("ProfileScreen", "France")
    with DossierStore(fidelity_steps_walk["data"]["R"], clock=frozen_clock) as store:
        (row,) = store.list()
        assert store.get(row.id).answers["titre_actuel"]["pays"] == "France"


async def test_typing_compl_in_the_search_finds_the_complements_asked(make_app):
    from anef_tui.ui.widgets.plain import DataTable

    app = make_app(demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+f", *"compl")
        await pilot.pause()
        table = app.screen.query_one("#dossiers", DataTable)
        rows = {str(table.get_row_at(i)[0]): str(table.get_row_at(i)[2])
                for i in range(table.row_count)}
        # Both dossiers whose state is « Complément demandé » (« Complément dem. » at 80
        # columns), nobody else: no name or procedure begins with « compl ».
        assert rows == {"KOUASSI Awa": "Complément dem.", "SILVA Mariana": "Complément dem."}
        await pilot.press(*" kou")  # and a name
        await pilot.pause()
        assert [str(table.get_row_at(i)[0]) for i in range(table.row_count)] == ["KOUASSI Awa"]


async def test_the_state_follows_the_envelope_sent_in_the_checklist(make_app):
    from anef_tui.ui.screens.followup.notifications import NotificationsScreen
    from anef_tui.ui.widgets.plain import DataTable, Static
    from tests.ui.keys import open_notification

    app = make_app(demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        # HAMIDI Karim: « Certificat médical à envoyer ».
        await open_notification(pilot, "hamidi")
        await type_into(pilot, "f-check-enveloppe_envoyee", "21/11/2026")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, NotificationsScreen)
        state = str(app.screen.query_one("#dossier-state", Static).render())
        assert state == "État du dossier : Certificat médical envoyé"
        await pilot.press("escape")
        await pilot.pause()
        table = app.screen.query_one("#dossiers", DataTable)
        rows = {str(table.get_row_at(i)[0]): str(table.get_row_at(i)[2])
                for i in range(table.row_count)}
        assert rows["HAMIDI Karim"] == "Certif. envoyé"


async def test_the_address_typed_once_fills_its_parts(make_app):
    """« 20 Rue Nationale 59000 Lille » in « Adresse », then Tab: the number, street,
    postcode and town are filled (the site's address suggestion does it), and said in
    anef-tui's voice; a part already typed is kept."""
    from textual.widgets import Input

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+n", "ctrl+s")  # a renewal: « Mon titre actuel »
        await pilot.pause()
        assert isinstance(app.screen, ProfileScreen)
        await type_into(pilot, "f-ville", "Lille-Hellemmes")
        await type_into(pilot, "f-adresse", "20 Rue Nationale 59000 Lille")
        await pilot.press("tab")
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "f-numero_voie"

        def value(field_id: str) -> str:
            return app.screen.query_one(f"#f-{field_id}", Input).value

        assert (value("numero_voie"), value("voie"), value("code_postal")) == (
            "20", "Rue Nationale", "59000")
        assert value("ville") == "Lille-Hellemmes"  # typed before: kept
        assert any(t.startswith("Aide anef-tui : d'après l'adresse, « Numéro de voie »")
                   for t in toasts(app))
