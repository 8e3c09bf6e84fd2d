"""Screen fixes of issue 12 that concern every step: each test failed before its fix."""

from __future__ import annotations

import pytest

from anef_tui.domain.catalogue import load_catalogue
from anef_tui.ui.screens.base import progress_percent
from anef_tui.ui.screens.profile import ProfileScreen


def visible(app, widget) -> bool:
    """Inside the screen's visible area, with a size."""
    region = widget.region
    screen = app.screen.region
    return region.width > 0 and region.height > 0 and screen.contains_region(region)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_a_failed_save_focuses_the_first_field_in_error_and_keys_reach_it(make_app, size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("ctrl+n", "ctrl+s")  # a renewal: « Mon titre actuel »
        await pilot.pause()
        assert isinstance(app.screen, ProfileScreen)
        await pilot.press("ctrl+s")  # everything empty: errors
        await pilot.pause()
        summary = app.screen.query_one("#errors")
        assert summary.display and visible(app, summary)
        focused = app.focused
        assert focused is not None and focused.id == "f-n_etranger"
        assert visible(app, focused)
        await pilot.press(*"5903007229")
        assert focused.value == "5903007229"  # no key lost


@pytest.mark.parametrize("pid", sorted(load_catalogue()))
def test_the_progress_never_goes_back(pid):
    procedure = load_catalogue()[pid]
    figures = [progress_percent(procedure, step) for step in procedure.steps]
    assert figures == sorted(figures), figures
    assert figures[-1] == 100


async def test_a_filed_dossier_does_not_offer_abandon(make_app):
    app = make_app(demo=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+f", *"guide", "enter", "enter")  # filed: its confirmation
        await pilot.pause()
        shown = {b.binding.action for b in app.screen.active_bindings.values() if b.enabled}
        assert "abandon" not in shown, shown
        await pilot.press("f8")
        await pilot.pause()
        assert not app._notifications  # nothing offered, nothing refused


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_progress_bar_names_the_sites_steps_and_marks_the_current_one(make_app, size):
    """Issue 22: the site lists every step above a step (seed 002 l. 459 « 1. Votre
    situation (✓) 2. Informations personnelles (✓) 3. Motif de séjour … 6. Confirmation »).
    At 120 columns every name is drawn; at 80, as many as fit, the current step's always,
    marked « ▶ » (more than colour: also under NO_COLOR) and the steps done « ✓ »."""
    from tests.screen_text import read_screen

    app = make_app(demo=True)
    async with app.run_test(size=size) as pilot:
        await pilot.press("ctrl+f", *"diallo", "enter", "enter")  # a first application, étape 3
        await pilot.pause()
        [bar] = [d.text for d in (await read_screen(pilot)).drawn if d.widget.id == "progress"]
        drawn = " ".join(bar.split())
        assert "✓ 1" in drawn and "✓ 2" in drawn and "▶ 3 Motif de séjour" in drawn
        assert all(str(n) in drawn for n in range(1, 7)) and "Étape 3 sur 6" in drawn
        titles = ["Votre situation", "Informations personnelles", "Motif de séjour",
                  "Justificatifs", "Dépôt de la demande", "Confirmation"]
        if size[0] >= 120:
            assert all(title in drawn for title in titles), drawn


async def test_etape_2_opens_with_the_situation_taken_into_account_and_modifier(make_app):
    """Issue 22: « Merci, nous avons bien pris en compte votre situation. », « Modifier ma
    situation » and the list's download are at the top of étape 2, as on the site (seed 002
    l. 251-270), not on a screen of their own; « Modifier ma situation » goes back to étape 1
    and étape 1 has no download button of its own."""
    app = make_app(demo=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+f", *"diallo", "enter", "enter", "f3")  # étape 2
        await pilot.pause()
        assert app.screen.step_id == "informations_personnelles"
        await pilot.press("shift+tab", "shift+tab")  # from the first field, up
        assert app.focused is not None and app.focused.id == "revise"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.step_id == "situation"
        assert not app.screen.query("#download")
