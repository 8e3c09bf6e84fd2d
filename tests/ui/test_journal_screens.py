"""The journal in the application (issue 24), by keys only: « Votre nom (aidant) » at a
real start, « Changer le nom de l'aidant » and « Journal du dossier » from the palette, F5
to export it."""

from __future__ import annotations

import json

import pytest

from anef_tui.preferences import load_preferences, worker_name
from anef_tui.store.journal import dossier_entries
from anef_tui.ui.app import make_app
from anef_tui.ui.screens.journal import JournalScreen, WorkerNameScreen
from tests.conftest import fill_demo_folder, frozen_clock
from tests.french import assert_french
from tests.screen_text import visible_cells
from tests.vault_helpers import plain_folder


def shown(app) -> str:
    return "\n".join("".join(row) for row in visible_cells(app))


async def palette(pilot, words: str) -> None:
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*words)
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_name_is_asked_once_then_kept_for_the_folder(tmp_path, size):
    data = plain_folder(tmp_path / "donnees")
    app = make_app(data, clock=frozen_clock, ask_worker=True)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WorkerNameScreen)
        assert "Votre nom (aidant)" in shown(app)
        assert app.focused is not None and app.focused.id == "worker-name"
        await pilot.press("enter")  # nothing typed: said, and asked again
        await pilot.pause()
        said = shown(app)
        assert "✗ Saisissez votre nom (aidant)" in said
        assert_french("Saisissez votre nom (aidant) : il est noté dans le journal.")
        assert isinstance(app.screen, WorkerNameScreen)
        await pilot.press(*"Claire Martin", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, WorkerNameScreen)
        assert app.services.dossiers.database.actor.name == "Claire Martin"
        assert app.services.dossiers.database.actor.front_end == "application"
    assert worker_name(data) == "Claire Martin"
    again = make_app(data, clock=frozen_clock, ask_worker=True)
    async with again.run_test(size=size) as pilot:
        await pilot.pause()
        assert not isinstance(again.screen, WorkerNameScreen)  # asked once per desk
        assert again.services.dossiers.database.actor.name == "Claire Martin"


async def test_the_name_is_changed_from_the_palette(tmp_path):
    data = plain_folder(tmp_path / "donnees")
    app = make_app(data, clock=frozen_clock, ask_worker=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(*"Claire", "enter")
        await pilot.pause()
        await palette(pilot, "Changer le nom")
        assert isinstance(app.screen, WorkerNameScreen)
        await pilot.press("end", "ctrl+u", *"Samir Benali", "enter")
        await pilot.pause()
        assert app.services.dossiers.database.actor.name == "Samir Benali"
    assert load_preferences(data)["aidant"] == "Samir Benali"


async def test_a_demonstration_folder_is_not_asked(tmp_path):
    data = tmp_path / "donnees"
    fill_demo_folder(data)
    app = make_app(data, clock=frozen_clock, ask_worker=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not isinstance(app.screen, WorkerNameScreen)
        assert app.services.dossiers.database.actor.name == "Démonstration"


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_journal_of_the_dossier_under_the_cursor_read_and_exported(tmp_path, size):
    data = tmp_path / "donnees"
    fill_demo_folder(data)
    app = make_app(data, clock=frozen_clock)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        home = app.screen
        dossier_id = home.selected_id()
        assert isinstance(dossier_id, int)
        await palette(pilot, "Journal du dossier")
        screen = app.screen
        assert isinstance(screen, JournalScreen) and screen.dossier_id == dossier_id
        entries = dossier_entries(app.services.dossiers.database, dossier_id)
        assert entries
        text = shown(app)
        assert f"Journal du dossier n° {dossier_id}" in text
        assert app.focused is not None and app.focused.id == "journal-entries"
        # The row under the cursor is said whole under the table: the newest first.
        last = entries[-1]
        assert f"Entrée n° {last.seq} :" in text
        await pilot.press("up")
        await pilot.pause()
        assert f"Entrée n° {entries[-2].seq} :" in shown(app)
        await pilot.press("f5")
        await pilot.pause()
        exported = data / "exports" / f"journal-dossier-{dossier_id:04d}.txt"
        assert exported.is_file()
        assert "Journal exporté en clair" in shown(app)
        after = dossier_entries(app.services.dossiers.database, dossier_id)
        assert after[-1].action == "journal_exported" and len(after) == len(entries) + 1
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is home
    assert "Dossier créé" in exported.read_text(encoding="utf-8")
    json.dumps([e.details for e in after])  # details stay plain JSON values


#: Each stop of the crawl below, and the screen it shows (tests/ui/test_crawler.py counts
#: them in `test_every_screen_is_crawled`).
JOURNAL_SCREEN_AT_STOP = {"aidant": "WorkerNameScreen", "journal": "JournalScreen"}


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_every_journal_screen_is_in_sight(tmp_path, size):
    """As the app's screens are crawled: every widget Tab reaches is in sight, with the
    terminal cursor on it."""
    from tests.ui.test_crawler import crawl_screen

    problems: list[str] = []
    shown: dict[str, str] = {}
    data = tmp_path / "donnees"
    fill_demo_folder(data)
    app = make_app(data, clock=frozen_clock)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await palette(pilot, "Changer le nom")
        shown["aidant"] = type(app.screen).__name__
        assert await crawl_screen(pilot, "aidant", problems) >= 1
        await pilot.press("escape")
        await pilot.pause()
        await palette(pilot, "Journal du dossier")
        shown["journal"] = type(app.screen).__name__
        assert await crawl_screen(pilot, "journal", problems) >= 1
    assert shown == JOURNAL_SCREEN_AT_STOP
    assert problems == []


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_journal_an_imported_dossier_brought_is_shown_first(tmp_path, size):
    """journal2 item 2: the source desk's entries, a part of their own before this desk's."""
    from anef_tui.bundle import export_dossier, import_bundle, open_bundle
    from anef_tui.store.database import Database
    from anef_tui.store.journal.imported import HEADING, imported_entries
    from tests.vault_helpers import CHEAP

    fill_demo_folder(tmp_path / "source")
    source = Database(tmp_path / "source", clock=frozen_clock)
    exported = export_dossier(source, 10, params=CHEAP)
    source.close()
    data = plain_folder(tmp_path / "donnees")
    destination = Database(data, clock=frozen_clock)
    new_id = import_bundle(destination, open_bundle(exported.path, exported.phrase))
    brought = imported_entries(destination, new_id)
    destination.close()
    app = make_app(data, clock=frozen_clock)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert app.screen.selected_id() == new_id
        await palette(pilot, "Journal du dossier")
        assert isinstance(app.screen, JournalScreen)
        text = shown(app)
        assert f"{HEADING} : {len(brought)} entrées" in " ".join(text.split())
        await pilot.press("ctrl+home")  # the first row: the source desk's first entry
        await pilot.pause()
        text = " ".join(shown(app).split())
        assert f"{HEADING}, entrée n° {brought[0].seq} :" in text
        assert "Paquet — Dossier créé" in text
