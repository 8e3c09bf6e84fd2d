"""The full-screen app on a structure's PostgreSQL base (issue 25): the worker logs in
first (nobody works on a shared base without an account), and the login gives the store
the structure's key (a scan attached after it is sealed into the base); the server stopped
under a form keeps what was typed and says so in French; after the restart the same key
saves it."""

from __future__ import annotations

import pytest

from anef_tui.demo import fill_demo
from anef_tui.store.dossiers import DossierStore
from anef_tui.ui.app import AnefApp
from tests.accounts_helpers import REFERENT, REFERENT_PHRASE, with_referent
from tests.conftest import frozen_clock
from tests.french import assert_french
from tests.ui.keys import tab_to
from tests.ui.test_slots import SLOT, open_first_dossier, pick_file
from tests.ui.test_vault_door import type_in, wait_until


@pytest.fixture
def said(monkeypatch) -> list[str]:
    """Every toast's text, in order (the real `notify` still shows them)."""
    notify = AnefApp.notify
    messages: list[str] = []

    def recording(self, message, *args, **kwargs):
        messages.append(str(message))
        notify(self, message, *args, **kwargs)

    monkeypatch.setattr(AnefApp, "notify", recording)
    return messages


async def log_in(pilot) -> None:
    """The login screen, with the keys: the référent's name and passphrase."""
    app = pilot.app
    await pilot.pause()
    assert type(app.screen).__name__ == "LoginScreen"
    await type_in(pilot, REFERENT)
    await pilot.press("enter")
    await type_in(pilot, REFERENT_PHRASE)
    await pilot.press("enter")
    await wait_until(pilot, lambda: type(app.screen).__name__ == "HomeScreen")
    await pilot.pause()


async def test_a_scan_attached_after_the_tui_login_is_sealed_into_the_server_base(
        tmp_path, postgres_server):
    from PIL import Image

    from anef_tui.store.attachments import AttachmentStore

    url = postgres_server.fresh_database()
    with_referent(tmp_path / "poste", aidant=False, base=url)
    with DossierStore(tmp_path / "poste", clock=frozen_clock, base=url) as store:
        store.create("renouvellement", applicant_name="GUIDE Malade",
                     current_step="justificatifs")
    scan = tmp_path / "bail.png"
    Image.new("RGB", (1240, 1754), (200, 200, 200)).save(scan, "PNG")
    store = DossierStore(tmp_path / "poste", clock=frozen_clock, base=url)  # no key given
    app = AnefApp(store, clock=frozen_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await log_in(pilot)
        await open_first_dossier(pilot)
        await tab_to(pilot, f"attach-{SLOT}")
        await pilot.press("enter")
        await pilot.pause()
        await pick_file(pilot, scan)
        [stored] = app.services.attachments.list(1, SLOT)
    store.close()
    # Another desk of the structure reads it back with the key its own login unseals.
    from anef_tui.accounts import login
    from anef_tui.store.journal.actor import COMMAND_LINE

    with DossierStore(tmp_path / "autre", clock=frozen_clock, base=url) as other:
        login(other.database, REFERENT, REFERENT_PHRASE, front_end=COMMAND_LINE)
        [again] = AttachmentStore(other).list(1, SLOT)
        assert again.id == stored.id
        assert AttachmentStore(other).read_bytes(again) == scan.read_bytes()


async def test_typing_survives_the_server_stopped_and_is_saved_after_its_restart(
        tmp_path, postgres_server, said):
    from anef_tui.accounts import login
    from anef_tui.store.journal.actor import COMMAND_LINE

    url = postgres_server.fresh_database()
    with_referent(tmp_path / "poste", aidant=False, base=url)
    with DossierStore(tmp_path / "remplissage", clock=frozen_clock, base=url) as store:
        # The login unseals the structure's key, which seals the demo's scans.
        login(store.database, REFERENT, REFERENT_PHRASE, front_end=COMMAND_LINE)
        fill_demo(store)
        (dossier,) = [s.id for s in store.list("nguyen")]
    store = DossierStore(tmp_path / "poste", clock=frozen_clock, base=url)
    app = AnefApp(store, clock=frozen_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await log_in(pilot)
        await pilot.press("ctrl+f", *"nguyen", "enter")  # Entrée moves to the results
        await pilot.press("enter")  # opens the dossier at its step, first field focused
        await pilot.pause()
        step = app.screen.step_id
        await pilot.press(*"1234567890123456789012")
        typed = app.focused.value
        postgres_server.stop("fast")
        try:
            await pilot.press("f9")  # « Plus tard »: save what is typed and leave
            assert app.screen.step_id == step and app.focused.value == typed
            assert "ne répond pas" in said[-1] and "votre saisie reste à l'écran" in said[-1]
            assert_french(said[-1])
        finally:
            postgres_server.start()
        await pilot.press("f9")
        assert not hasattr(app.screen, "step_id")  # back to « Mes dossiers »
    drafts = store.get(dossier).drafts
    store.close()
    assert typed in str(drafts[step])


async def test_the_empty_list_says_where_each_step_is_saved(journey_desk):
    """« Mes dossiers » with no dossier yet says where a validated step is kept: « sur cet
    ordinateur » for a desk's folder, the structure's base on a server (it said « sur cet
    ordinateur » there too, seen by hand in tmux)."""
    app = journey_desk.make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await journey_desk.open(pilot)
        said = " ".join(str(app.screen.query_one("#empty").render()).split())
        await pilot.press("ctrl+f", *"personne", "enter", "escape")  # searched, then cleared
        await pilot.pause()
        again = " ".join(str(app.screen.query_one("#empty").render()).split())
    assert said == again
    if journey_desk.on_server:
        assert "enregistrée dans la base de la structure, sur son serveur" in said
        assert "cet ordinateur" not in said
    else:
        assert "Chaque étape validée est enregistrée sur cet ordinateur" in said


async def test_the_abandon_dialog_says_where_the_answers_are_deleted_from(
        journey_desk, tmp_path):
    """F8 « Abandonner la demande », on « Mes dossiers » and in a dossier, said « supprimées
    de cet ordinateur » on a structure's server too: the structure's base, there."""
    from anef_tui.ui.screens.dialogs import ConfirmScreen

    with journey_desk.other_desk(tmp_path / "autre") as store:
        store.create("renouvellement", applicant_name="GUIDE Malade",
                     current_step="justificatifs")
    app = journey_desk.make_app()
    questions = []
    async with app.run_test(size=(80, 24)) as pilot:
        await journey_desk.open(pilot)
        await pilot.press("f8")  # on the list's first row
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        questions.append(app.screen.message)
        await pilot.press("escape")
        await open_first_dossier(pilot)
        await pilot.press("f8")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        questions.append(app.screen.message)
        await pilot.press("escape")
    where = ("supprimées de la base de la structure, sur son serveur."
             if journey_desk.on_server else "supprimées de cet ordinateur.")
    for question in questions:
        assert where in question
        assert journey_desk.on_server is ("cet ordinateur" not in question)
