"""The full-screen app on a structure's PostgreSQL base (issue 25): the server stopped
under a form keeps what was typed and says so in French; after the restart the same key
saves it."""

from __future__ import annotations

import pytest

from anef_tui.demo import fill_demo
from anef_tui.store.dossiers import DossierStore
from anef_tui.ui.app import AnefApp
from tests.conftest import frozen_clock
from tests.french import assert_french
from tests.vault_helpers import make_vault


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


async def test_typing_survives_the_server_stopped_and_is_saved_after_its_restart(
        tmp_path, postgres_server, said):
    url = postgres_server.fresh_database()
    key = make_vault(tmp_path / "cle").key  # the structure's key (the accounts bring it)
    with DossierStore(tmp_path / "remplissage", clock=frozen_clock, base=url,
                      key=key) as store:
        fill_demo(store)
        (dossier,) = [s.id for s in store.list("nguyen")]
    store = DossierStore(tmp_path / "poste", clock=frozen_clock, base=url, key=key)
    app = AnefApp(store, clock=frozen_clock)
    async with app.run_test(size=(80, 24)) as pilot:
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
