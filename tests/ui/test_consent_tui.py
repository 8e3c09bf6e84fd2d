"""Issue 24 in the full-screen app, keys only: the consent step of « Nouveau dossier », a
dossier whose consent has expired (read, a save refused with the typing kept, F7 renews it
from the step, then the save goes through), « Mes dossiers »' alert line in words, and
the withdrawal (F5, confirmed)."""

from __future__ import annotations

from datetime import datetime

import pytest
from textual.widgets import Input

from anef_tui.domain.consent import ConsentTerms
from anef_tui.store.consents import ConsentStore
from anef_tui.store.dossiers import DossierStore
from anef_tui.ui.screens.consent import ConsentScreen
from anef_tui.ui.screens.dialogs import ConfirmScreen, NewDossierScreen
from anef_tui.ui.screens.home import HomeScreen
from anef_tui.ui.screens.profile import ProfileScreen
from tests.consent_helpers import no_default_consent  # noqa: F401 - fixture
from tests.screen_text import visible_cells
from tests.ui.test_titles_and_toasts import lasting_toasts  # noqa: F401 - fixture


def screen_text(app) -> str:
    """The screen as drawn, lines joined, spaces collapsed."""
    return " ".join(" ".join("".join(row).split()) for row in visible_cells(app))

pytestmark = pytest.mark.usefixtures("no_default_consent")


def consent_of(data_dir, dossier_id=1):
    with DossierStore(data_dir) as store:
        return ConsentStore(store.database).current(dossier_id)


async def clear(pilot, n=10):
    await pilot.press("end", *["backspace"] * n)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_new_dossier_records_the_consent_typed(make_app, data_dir, size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("ctrl+n")
        assert isinstance(app.screen, NewDossierScreen)
        await pilot.press("tab", *"NDIAYE Awa", "tab", "down", "tab")
        assert app.focused is app.screen.query_one("#consent-duration", Input)
        await clear(pilot)
        await pilot.press(*"13 mois", "enter")
        await pilot.pause()
        assert isinstance(app.screen, NewDossierScreen)  # refused, said under the field
        assert "✗ Durée non comprise" in screen_text(app)
        assert "✗ ✗" not in screen_text(app)  # the error line puts its mark, once (left24)
        await clear(pilot)
        await pilot.press(*"2 mois", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ProfileScreen)
        await app.workers.wait_for_complete()
    consent = consent_of(data_dir)
    assert consent is not None
    assert (consent.procedure, consent.manner, consent.months) == ("renouvellement", "oral", 2)
    assert consent.mandate_sha256 and len(consent.mandate_sha256) == 64


async def test_entree_in_the_name_takes_the_defaults_shown(make_app, data_dir):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+n", "tab", *"DIOP Ali", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ProfileScreen)
    consent = consent_of(data_dir)
    assert consent is not None and (consent.manner, consent.months) == ("formulaire_signe", 12)


def an_expired_dossier(data_dir) -> int:
    """A dossier whose consent (1 month from 01/09/2026) has expired, with a draft typed
    while it was in force."""
    with DossierStore(data_dir, clock=lambda: datetime(2026, 9, 1, 9, 0)) as store:
        dossier = store.create("renouvellement", applicant_name="EXPIRE Awa",
                               consent=ConsentTerms("oral", 1))
        store.save_draft(dossier, "titre_actuel", {"n_etranger": "5903007"})
        return dossier


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_expired_dossier_is_read_then_renewed_from_the_step(make_app, data_dir, size):
    """journal2 item 4: a dossier whose consent has expired opens read-only, as a filed
    dossier's (the reason said, F7 offered, nothing typed can be changed); F7 renews it and
    the same screen comes back editable, the draft there."""
    dossier = an_expired_dossier(data_dir)
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause(0.5)  # the alerts are read ALERTS_DELAY after the first paint
        await pilot.pause()
        text = screen_text(app)
        assert "Consentement : EXPIRE Awa — expiré le 01/10/2026, modification" in text
        await pilot.press("ctrl+o")
        await pilot.pause()
        read = app.screen
        assert isinstance(read, ProfileScreen) and not read.editable
        assert not isinstance(app.focused, Input)  # no field to type in
        assert not read.query(Input)
        text = screen_text(app)
        assert "a expiré le 01/10/2026" in text
        assert "F7 : « Renouveler le consentement »." in " ".join(text.split())
        shown = read.query_one("#f-n_etranger")  # read-only: its value, written
        assert "5903007" in str(shown.render())  # the draft is shown, not hidden
        await pilot.press(*"12", "f9")  # nothing to type into; F9 goes home, nothing kept
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("ctrl+o")
        await pilot.pause()
        await pilot.press("f7")
        await pilot.pause()
        assert isinstance(app.screen, ConsentScreen)
        assert "a expiré le 01/10/2026" in screen_text(app)
        await pilot.press("tab")
        await clear(pilot)
        await pilot.press(*"1 jour", "enter")
        await pilot.pause()
        again = app.screen
        assert isinstance(again, ProfileScreen) and again is not read and again.editable
        field = app.focused
        assert isinstance(field, Input)
        assert any(i.value == "5903007" for i in again.query(Input))  # nothing lost
        assert "Renouveler le consentement" not in screen_text(app)
        await pilot.press("f9")  # now it is kept
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen), [n.message for n in app._notifications]
        await app.workers.wait_for_complete()
    with DossierStore(data_dir) as store:
        assert "5903007" in str(store.get(dossier).drafts)
        history = ConsentStore(store.database).history(dossier)
    assert [h.months for h in history] == [1, 0]
    assert history[-1].mandate_sha256


async def test_withdrawal_is_confirmed_and_blocks(make_app, data_dir):
    with DossierStore(data_dir) as store:
        store.create("premiere_demande", applicant_name="RETIRE Ali",
                     consent=ConsentTerms("formulaire_signe", 12))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("tab", "f5")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("enter")  # « Annuler » has the focus
        await pilot.pause()
        assert consent_of(data_dir).withdrawn_at is None
        await pilot.press("f5", "tab", "enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Consentement : RETIRE Ali — retiré, modification bloquée" in screen_text(app)
    assert consent_of(data_dir).withdrawn_at is not None


@pytest.mark.usefixtures("lasting_toasts")
@pytest.mark.parametrize("back_home", [False, True])
async def test_the_read_only_toast_goes_when_f7_renewed_the_consent(make_app, data_dir,
                                                                    back_home):
    """left24: the toast « … Lecture seule : F7 … » said on opening is wrong once F7 has
    renewed the consent — in the dossier, or back on « Mes dossiers »: it goes then, and
    only it (« Consentement enregistré » stays)."""
    an_expired_dossier(data_dir)
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert "Lecture seule" in screen_text(app)  # the toast, on opening
        if back_home:
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
        await pilot.press("f7")
        await pilot.pause()
        assert isinstance(app.screen, ConsentScreen)
        await pilot.press("tab")
        await clear(pilot)
        await pilot.press(*"1 jour", "enter")
        await pilot.pause()
        if back_home:
            assert isinstance(app.screen, HomeScreen)
        else:
            assert isinstance(app.screen, ProfileScreen) and app.screen.editable
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = screen_text(app)
        assert "Lecture seule" not in text
        assert "Consentement enregistré (un jour)." in text
