"""« Effacer cette personne » and « Personnes à effacer » in the application (issue 24 item
5), by keys only, at 80×24 and 120×40: the dialog says what will go, « Annuler » has the
focus, EFFACER must be typed; after it, a French message says what was done."""

from __future__ import annotations

from datetime import datetime

import pytest

from anef_tui.store.dossiers import DossierStore
from anef_tui.ui.app import make_app
from anef_tui.ui.screens.erase import EraseScreen, RetentionScreen
from tests.conftest import frozen_clock
from tests.screen_text import visible_cells
from tests.ui.test_journal_screens import palette
from tests.vault_helpers import plain_folder

SIZES = [(80, 24), (120, 40)]


def shown(app) -> str:
    return "\n".join("".join(row) for row in visible_cells(app))


def toasts(app) -> str:
    return "\n".join(str(t.render()) for t in app.screen.query("Toast"))


def names(data) -> list[str]:
    with DossierStore(data, clock=frozen_clock) as store:
        return sorted(d.applicant_name for d in store.list())


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_erase_the_person_under_the_cursor_from_home(tmp_path, size):
    data = plain_folder(tmp_path / "donnees")
    with DossierStore(data, clock=frozen_clock) as store:
        store.create("renouvellement", applicant_name="MARQUEUR Efface")
        store.create("renouvellement", applicant_name="AUTRE Reste")
    app = make_app(data, clock=frozen_clock)
    async with app.run_test(size=size, notifications=True) as pilot:
        await pilot.pause()
        home = app.screen
        target = home.selected_id()
        kept = ({1, 2} - {target}).pop()
        await palette(pilot, "Effacer cette personne")
        assert isinstance(app.screen, EraseScreen)
        assert app.focused is not None and app.focused.id == "cancel"
        text = shown(app)
        assert "Effacer cette personne" in text and "Pour confirmer, tapez EFFACER" in text
        await pilot.press("enter")  # « Annuler »: nothing erased
        await pilot.pause()
        assert app.screen is home
        await palette(pilot, "Effacer cette personne")
        await pilot.press("tab", *"effacer", "enter")  # not the word: said, nothing erased
        await pilot.pause()
        assert isinstance(app.screen, EraseScreen)
        assert "Tapez EFFACER (en capitales)" in shown(app)
        await pilot.press("ctrl+u", *"EFFACER", "enter")
        await pilot.pause()
        assert app.screen is home
        await pilot.pause()
        assert "Personne effacée : le dossier n°" in shown(app) + toasts(app)
        assert home.selected_id() == kept
    assert len(names(data)) == 1


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_persons_past_the_retention_period_are_listed_and_erased(tmp_path, size):
    data = plain_folder(tmp_path / "donnees")
    with DossierStore(data, clock=lambda: datetime(2024, 1, 2, 9, 0)) as store:
        store.create("renouvellement", applicant_name="ANCIEN Brouillon")
    with DossierStore(data, clock=frozen_clock) as store:
        store.create("renouvellement", applicant_name="RECENT Brouillon")
    app = make_app(data, clock=frozen_clock)
    async with app.run_test(size=size, notifications=True) as pilot:
        await pilot.pause(0.5)  # the alerts are read ALERTS_DELAY after the first paint
        home = app.screen
        assert "1 personne à effacer (rien n'a changé depuis 24 mois)" in shown(app)
        await palette(pilot, "Personnes à effacer")
        assert isinstance(app.screen, RetentionScreen)
        assert app.focused is not None and app.focused.id == "cancel"
        assert "ANCIEN Brouillon" in shown(app) and "RECENT" not in shown(app)
        await pilot.press("tab", "enter")  # « Tout effacer »
        await pilot.pause()
        await pilot.pause()
        assert app.screen is home
        assert "Personne effacée : le dossier n° 1" in shown(app) + toasts(app)
        assert "personne à effacer" not in shown(app)
    assert names(data) == ["RECENT Brouillon"]


def dialog_text(app) -> str:
    """The screen's words as drawn, its rows joined (a line wrapped on the screen reads as
    one)."""
    return " ".join(" ".join("".join(row) for row in visible_cells(app)).split())


async def test_the_whole_dialog_is_in_sight_at_80x24(tmp_path):
    """« Effacer cette personne » at 80×24: every line of what will go (to « Cette action
    ne peut pas être annulée »), the confirmation field and both buttons, with no scroll."""
    from anef_tui.store import erasure
    from anef_tui.store.erasure.words import preview_lines
    from tests.conftest import fill_demo_folder

    data = tmp_path / "donnees"
    fill_demo_folder(data)
    app = make_app(data, clock=frozen_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+f", *"HAMIDI", "enter")  # 2 files, 1 notification
        await pilot.pause()
        await palette(pilot, "Effacer cette personne")
        assert isinstance(app.screen, EraseScreen)
        seen = erasure.preview(app.services.dossiers, app.screen.seen.dossiers[0])
        assert seen.files and seen.notifications
        text = dialog_text(app)
        for line in ["Effacer cette personne", *preview_lines(seen),
                     "Pour confirmer, tapez EFFACER puis « Effacer ».", "Annuler Effacer"]:
            assert " ".join(line.split()) in text, line
        word = app.screen.query_one("#erase-word")
        assert app.screen.region.contains_region(word.region)
        assert not app.screen.query_one("#erase-what").allow_vertical_scroll
