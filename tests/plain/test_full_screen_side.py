"""The full-screen side of issue 15: the palette says the plain mode exists, the terminal
cursor follows the focus, and a dossier moves between the two front ends at the same place."""

from __future__ import annotations

from anef_tui.store.dossiers import DossierStore
from anef_tui.ui.screens.preliminary import PreliminaryScreen
from anef_tui.ui.screens.profile import ProfileScreen
from tests.conftest import frozen_clock
from tests.plain.helpers import plain
from tests.plain.journeys import PROFILE
from tests.ui.keys import tab_to


async def test_palette_offers_the_plain_mode_and_says_how_to_start_it(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p", *"Mode texte")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("anef-tui texte" in m for m in messages), messages


async def test_terminal_cursor_goes_to_the_focused_field(make_app):
    """Braille displays follow the terminal cursor: on a choice it sits on the choice, not
    where the last text field left it."""
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+n", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ProfileScreen)
        await tab_to(pilot, "f-sexe")
        await pilot.pause()
        sexe = app.focused
        # On the choice itself (its state glyph: what Space changes), inside the group.
        assert sexe.content_region.contains_point(app.cursor_position)
        assert app.cursor_position.x > sexe.content_region.x
        await tab_to(pilot, "f-date_naissance")
        await pilot.pause()
        # An Input puts it at its own caret, inside its own region.
        assert app.focused.region.contains_point(app.cursor_position)


async def test_plain_then_full_screen_then_plain_on_one_dossier(make_app, data_dir):
    # Plain: the profile and « pour qui », then quit.
    plain(data_dir, ["nouveau", "1", "", "", *PROFILE, "1", ":quitter", ":quitter"])
    store = DossierStore(data_dir, clock=frozen_clock)
    [row] = store.list()
    assert row.applicant_name == "GUIDE Malade"
    assert row.current_step == "situation_actuelle"
    store.close()
    # Full screen: the same dossier opens at the same place; the choice is made there.
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PreliminaryScreen)
        assert app.screen.position == "situation_actuelle"
        await pilot.press("space", "ctrl+s")
        await pilot.pause()
        assert app.screen.position == "preambule"
        await pilot.press("ctrl+q")
        await pilot.pause()
    # Plain again: resumed on the préambule, then step 1 with the profile's état civil.
    out = plain(data_dir, ["1", "", ":ou", ":quitter", ":quitter"])
    after_open = out.split("Dossier n° 1 : GUIDE Malade", 1)[1]
    assert "Votre démarche en ligne" in after_open.split("\n> ")[0]
    assert "Étape 1 sur 5 : Informations personnelles." in out
    assert "Nom de naissance : GUIDE (non modifiable)." in out
