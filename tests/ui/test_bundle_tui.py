"""A dossier handed over in the application (issue 24 item 4), by keys only: « Exporter le
dossier » (palette) writes the bundle and says its phrase once; « Importer un dossier » on
another desk (file picker, the phrase without echo, the summary, « Importer ») opens the
imported dossier; a wrong phrase and a damaged bundle are refused, nothing written."""

from __future__ import annotations

import re

import pytest

from anef_tui.ui.app import make_app
from anef_tui.ui.screens.bundle import ImportScreen, PhraseShownScreen
from tests.bundle_helpers import folder_hashes
from tests.conftest import fill_demo_folder, frozen_clock
from tests.french import assert_french
from tests.ui.test_journal_screens import palette, shown
from tests.ui.test_slots import pick_file
from tests.vault_helpers import plain_folder

PHRASE = re.compile(r"Phrase du paquet : ((?:[0-9A-Z]{4}-){7}[0-9A-Z]{4})")


async def _export(tmp_path, size) -> tuple:
    source = tmp_path / "source"
    fill_demo_folder(source)
    app = make_app(source, clock=frozen_clock)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        selected = app.screen.selected_id()
        await palette(pilot, "Exporter le dossier")
        assert isinstance(app.screen, PhraseShownScreen)
        said = shown(app)
        phrase = PHRASE.search(said)[1]
        assert "n'est affichée qu'une fois" in said.replace("\n", " ") or "une fois" in said
        assert app.focused is not None and app.focused.id == "noted"
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, PhraseShownScreen)
    bundle = source / "exports" / f"dossier-{selected:04d}.anef-dossier"
    assert bundle.exists()
    return bundle, phrase


async def _to_import_screen(pilot, bundle) -> None:
    await palette(pilot, "Importer un dossier")
    await pick_file(pilot, bundle)
    assert isinstance(pilot.app.screen, ImportScreen)
    assert pilot.app.focused is not None and pilot.app.focused.id == "bundle-phrase-input"


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_export_then_import_on_another_desk(tmp_path, size):
    bundle, phrase = await _export(tmp_path, size)
    other = plain_folder(tmp_path / "autre")
    app = make_app(other, clock=frozen_clock)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await _to_import_screen(pilot, bundle)
        await pilot.press(*phrase.lower().replace("-", " "))
        assert phrase[:4].lower() not in shown(app).lower()  # no echo
        await pilot.press("enter")
        await pilot.pause()
        said = shown(app)
        assert "Ce paquet contient" in said and "Démarche :" in said
        assert app.focused is not None and app.focused.id == "cancel"
        await pilot.press("shift+tab")
        assert app.focused.id == "import"
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ImportScreen)
        assert getattr(app.screen, "dossier_id", None) == 1  # the imported dossier opened
    assert (other / "pieces").exists()


async def test_wrong_phrase_and_damaged_bundle_write_nothing(tmp_path):
    bundle, phrase = await _export(tmp_path, (80, 24))
    damaged = tmp_path / "abime.anef-dossier"
    data = bytearray(bundle.read_bytes())
    data[len(data) // 2] ^= 0x01
    damaged.write_bytes(bytes(data))
    other = plain_folder(tmp_path / "autre")
    app = make_app(other, clock=frozen_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
    before = folder_hashes(other)
    app = make_app(other, clock=frozen_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await _to_import_screen(pilot, bundle)
        from anef_tui.bundle.sealed import new_phrase, shown_phrase

        await pilot.press(*shown_phrase(new_phrase()), "enter")
        await pilot.pause()
        said = shown(app).replace("\n", " ")
        assert "✗" in said and "ne l'ouvre pas" in said
        assert isinstance(app.screen, ImportScreen)
        await pilot.press("escape")
        await pilot.pause()
        await _to_import_screen(pilot, damaged)
        await pilot.press(*phrase, "enter")
        await pilot.pause()
        problem = app.screen.query_one("#bundle-problem")
        text = str(problem.render())
        assert "abîmé" in text
        assert_french(text.lstrip("✗ "))
        await pilot.press("escape")
        await pilot.pause()
    assert folder_hashes(other) == before



def rows_above_buttons(app, dialog_id: str) -> int:
    """The rows between the dialog's last widget drawn above its buttons and its buttons."""
    buttons = app.screen.query_one(f"#{dialog_id} .buttons")
    above = [w.region.bottom for w in app.screen.query(f"#{dialog_id} .questions > *")
             if w.region and w.region.bottom <= buttons.region.y]
    return buttons.region.y - max(above)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_bundle_dialogs_are_as_tall_as_their_content(tmp_path, size):
    """left24: « Importer un dossier » (and the phrase shown after « Exporter le dossier »)
    had a tall blank area above its buttons (its text's scrolling part took all the room):
    now the buttons come right under the text, as in the other dialogs."""
    source = tmp_path / "source"
    fill_demo_folder(source)
    app = make_app(source, clock=frozen_clock)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        selected = app.screen.selected_id()
        await palette(pilot, "Exporter le dossier")
        assert isinstance(app.screen, PhraseShownScreen)
        assert rows_above_buttons(app, "bundle-shown") == 2  # two margins, as elsewhere
        phrase = PHRASE.search(shown(app))[1]
        await pilot.press("enter")
        await pilot.pause()
        await _to_import_screen(pilot, source / "exports" / f"dossier-{selected:04d}.anef-dossier")
        # The field, the row of its problem (none yet), the buttons' margin, the buttons.
        assert rows_above_buttons(app, "bundle-import") == 1
        assert app.screen.query_one("#bundle-phrase-input").region.bottom + 2 == \
            app.screen.query_one("#bundle-import .buttons").region.y
        assert "Phrase du paquet" in shown(app)
        await pilot.press(*phrase, "enter")
        await pilot.pause()
        # What the bundle holds, right under its path (no empty problem row between them).
        path_line, summary = (app.screen.query_one(f"#bundle-import .questions > {which}")
                              for which in ("Static", "#bundle-summary"))
        assert "Ce paquet contient" in shown(app)
        assert summary.region.y == path_line.region.bottom + 1
        assert rows_above_buttons(app, "bundle-import") == 2
