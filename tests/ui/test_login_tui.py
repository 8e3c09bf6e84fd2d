"""The login before « Mes dossiers » on a base with accounts (issue 25), keys pressed at
80×24 and 120×40: nothing of the dossiers before it, one refusal text, the wait after
refusals, the passphrase a référent gave changed first, the journal naming the worker."""

from __future__ import annotations

import pytest

from anef_tui.store.journal.actor import APPLICATION
from tests.accounts_helpers import (
    AIDANT,
    AIDANT_INITIAL,
    AIDANT_OWN,
    REFERENT,
    REFERENT_PHRASE,
    journal_contents,
    with_referent,
)
from tests.conftest import fill_demo_folder
from tests.ui.test_vault_door import shown, type_in, wait_until

SIZES = [(80, 24), (120, 40)]


@pytest.fixture
def structure(data_dir):
    fill_demo_folder(data_dir)
    with_referent(data_dir)
    return data_dir


def words(app) -> str:
    """The screen's text with its line breaks and padding folded to single spaces."""
    return " ".join(shown(app).split())


def on_home(app) -> bool:
    return type(app.screen).__name__ == "HomeScreen"


async def test_an_aidant_logs_in_chooses_a_phrase_and_the_journal_names_them(
        structure, make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = shown(app)
        assert "Nom de compte" in screen and "Phrase secrète" in screen
        assert "Mes dossiers" not in screen and "DUPONT" not in screen.upper()
        await pilot.press("f1", "ctrl+p")  # nothing opens over the login
        await pilot.pause()
        assert type(app.screen).__name__ == "LoginScreen"
        await type_in(pilot, AIDANT)
        await pilot.press("enter")
        await type_in(pilot, "une phrase qui est fausse")
        assert "une phrase qui est fausse" not in shown(app)
        await pilot.press("enter")
        await wait_until(pilot, lambda: "incorrect" in shown(app))
        assert "Nom ou phrase secrète incorrect" in shown(app)
        await type_in(pilot, AIDANT_INITIAL)
        await pilot.press("enter")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "OwnPhraseScreen")
        assert "choisissez maintenant la vôtre" in words(app)
        await type_in(pilot, AIDANT_OWN)
        await pilot.press("enter")
        await type_in(pilot, AIDANT_OWN)
        await pilot.press("enter")
        await wait_until(pilot, lambda: on_home(app))
        await pilot.pause()
        assert "Mes dossiers" in shown(app)
        database = app.services.dossiers.database
        assert database.actor.name == AIDANT and database.actor.front_end == APPLICATION
        assert app.services.session is not None and not app.services.session.must_change
        entries = journal_contents(app.services.dossiers)
        assert entries[-1]["action"] == "passphrase_changed"
        assert entries[-1]["aidant"] == AIDANT
        assert ("login_refused", AIDANT) in [(e["action"], e["aidant"]) for e in entries]


@pytest.mark.parametrize("size", SIZES)
async def test_an_unknown_name_is_refused_as_a_wrong_phrase_and_refusals_wait(
        structure, make_app, size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await type_in(pilot, "personne")
        await pilot.press("enter")
        await type_in(pilot, REFERENT_PHRASE)
        await pilot.press("enter")
        await wait_until(pilot, lambda: "incorrect" in shown(app))
        unknown = words(app)
        await pilot.press("shift+tab")  # back to the name
        for _ in range(len("personne")):
            await pilot.press("backspace")
        await type_in(pilot, REFERENT)
        await pilot.press("tab")
        await type_in(pilot, "pas la bonne phrase")
        await pilot.press("enter")
        await wait_until(pilot, lambda: "Attendez" in shown(app))
        wrong = words(app)
        refusal = unknown[unknown.index("Nom ou phrase"):unknown.index("nouvelle.") + 9]
        assert refusal in wrong  # the same words for an unknown name and a wrong phrase
        assert "Attendez 1 seconde avant d'essayer de nouveau." in wrong
        assert app.screen.query_one("#phrase").disabled  # until the wait is over
        assert not on_home(app)


@pytest.mark.parametrize("size", SIZES)
async def test_ctrl_l_locks_a_base_with_accounts_until_the_workers_phrase(
        structure, make_app, size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await type_in(pilot, REFERENT)
        await pilot.press("enter")
        await type_in(pilot, REFERENT_PHRASE)
        await pilot.press("enter")
        await wait_until(pilot, lambda: on_home(app))
        await pilot.pause()
        assert "HAMIDI" in shown(app)
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert type(app.screen).__name__ == "AccountLockScreen"
        assert "HAMIDI" not in shown(app) and "« claire »" in words(app)
        await pilot.press("escape", "f1")  # neither leaves the lock
        await pilot.pause()
        assert type(app.screen).__name__ == "AccountLockScreen"
        await type_in(pilot, AIDANT_INITIAL)  # another worker's phrase does not open it
        await pilot.press("enter")
        await wait_until(pilot, lambda: "incorrect" in shown(app))
        await wait_until(pilot, lambda: not app.screen.query_one("#phrase").disabled)
        await type_in(pilot, REFERENT_PHRASE)
        await pilot.press("enter")
        await wait_until(pilot, lambda: on_home(app))
        assert "HAMIDI" in shown(app)


async def test_an_aidant_cannot_change_the_retention_period_from_the_palette(
        structure, make_app):
    from anef_tui import accounts
    from anef_tui.store.dossiers import DossierStore
    from tests.vault_helpers import CHEAP

    with DossierStore(structure) as store:  # marc's own phrase chosen already
        given = accounts.login(store.database, AIDANT, AIDANT_INITIAL, front_end=APPLICATION)
        accounts.change_own_passphrase(store.database, given, AIDANT_OWN, params=CHEAP)
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        await type_in(pilot, AIDANT)
        await pilot.press("enter")
        await type_in(pilot, AIDANT_OWN)
        await pilot.press("enter")
        await wait_until(pilot, lambda: on_home(app))
        await pilot.press("ctrl+p")
        await type_in(pilot, "Durée de conservation")
        await pilot.press("enter")
        await wait_until(pilot, lambda: "Seul un référent" in words(app))
        assert type(app.screen).__name__ == "HomeScreen"  # no period dialog
