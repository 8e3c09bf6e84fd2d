"""« Effacer cette personne » and « Personnes à effacer » in the application (issue 24 item
5), by keys only, at 80×24 and 120×40: the dialog says what will go, « Annuler » has the
focus, EFFACER must be typed; after it, a French message says what was done."""

from __future__ import annotations

import time
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
        # The alerts are read ALERTS_DELAY after the first paint, in a worker: past that
        # time, wait until the app has done what the timer started (a loaded `make test`
        # asserted before the worker's result was shown).
        await pilot.pause(0.5)
        await pilot.pause()
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


async def test_the_erasure_runs_in_a_worker_while_keys_are_answered(tmp_path):
    """« Effacer » confirmed: the dialog says « Effacement en cours… » while the erasure
    runs in a thread worker; a key pressed meanwhile (Échap) is answered (« il ne peut pas
    être interrompu »); at the end the dialog closes and the French message says what was
    done. Seen from the erasure's own thread, after its first durable step: the event loop
    is free (`call_from_thread` answers), the key is posted as a terminal's would be."""
    from anef_tui.ui.screens.erase import ERASING, ERASING_GOES_ON
    from tests.conftest import fill_demo_folder

    data = tmp_path / "donnees"
    fill_demo_folder(data)  # HAMIDI Karim: 2 files, 1 notification, a PDF
    app = make_app(data, clock=frozen_clock)
    meanwhile: list[str] = []

    def seen_when(read, wanted: str) -> str:
        """What `read` gives once it holds `wanted` (or after a bound, not a time: each
        look lets the event loop run, and repaint, before the next)."""
        for _ in range(2000):
            text = app.call_from_thread(read, app)
            if wanted in text:
                break
            time.sleep(0.005)
        return text

    def step(name: str) -> None:
        if name != "lignes":
            return
        meanwhile.append(seen_when(shown, ERASING))
        app.call_from_thread(app.simulate_key, "escape")
        meanwhile.append(seen_when(toasts, ERASING_GOES_ON.split(":")[0]))
        meanwhile.append(type(app.call_from_thread(lambda: app.screen)).__name__)

    app.erasure_steps = step
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+f", *"HAMIDI", "enter")
        await pilot.pause()
        home = app.screen
        await palette(pilot, "Effacer cette personne")
        assert isinstance(app.screen, EraseScreen)
        await pilot.press("shift+tab", *"EFFACER", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(meanwhile) == 3, meanwhile
        during, answered, screen = meanwhile
        assert ERASING in during and "Cette action ne peut pas être annulée" in during
        assert ERASING_GOES_ON.split(":")[0] in answered
        assert screen == "EraseScreen"  # Échap did not close it while erasing
        assert app.screen is home
        said = shown(app) + toasts(app)
        assert "Personne effacée : le dossier n° " in said and "2 fichiers" in said
        assert "Traceback" not in said
    assert "HAMIDI Karim" not in names(data)


async def test_an_erasure_that_fails_is_said_in_french(tmp_path):
    """The dossier erased by another window between the dialog and « Effacer »: the worker
    fails, the dialog closes, a French message says it (no Python text)."""
    from tests.conftest import fill_demo_folder
    from tests.french import assert_french

    data = tmp_path / "donnees"
    fill_demo_folder(data)
    app = make_app(data, clock=frozen_clock)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+f", *"HAMIDI", "enter")
        await pilot.pause()
        home = app.screen
        await palette(pilot, "Effacer cette personne")
        assert isinstance(app.screen, EraseScreen)
        from anef_tui.store import erasure

        with DossierStore(data, clock=frozen_clock) as other:  # another window
            erasure.erase_person(other, app.screen.seen.dossiers[0])
        await pilot.press("shift+tab", *"EFFACER", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is home
        said = toasts(app)
        assert "est introuvable" in said, said
        assert "Traceback" not in said and "Error" not in said
        assert_french(said)
