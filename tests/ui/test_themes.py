"""Themes and the palette, in French (issue 12): chosen from the palette, remembered."""

from __future__ import annotations

import json

from textual.command import CommandPalette


async def test_the_palette_speaks_french(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        field = app.screen.query_one("CommandInput")
        assert field.placeholder == "Rechercher une commande…"


async def test_high_contrast_theme_is_chosen_with_the_keyboard_and_remembered(make_app, data_dir):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p", *"Thème de couleurs")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"Contraste")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.theme == "anef-contraste"
    saved = json.loads((data_dir / "preferences.json").read_text(encoding="utf-8"))
    assert saved["theme"] == "anef-contraste"
    again = make_app()
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert again.theme == "anef-contraste"


async def test_an_unknown_saved_theme_falls_back_to_the_default(make_app, data_dir):
    data_dir.mkdir(parents=True)
    (data_dir / "preferences.json").write_text('{"theme": ["pas", "un", "nom"]}')
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == "textual-dark"


async def test_a_preferences_file_nested_100_000_deep_is_set_aside_and_said(make_app, data_dir):
    """It closed the app at every start (RecursionError); now the app starts, says once that
    the file was set aside, and falls back to the default theme."""
    data_dir.mkdir(parents=True)
    (data_dir / "preferences.json").write_text("[" * 100_000 + "]" * 100_000)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.is_running and app.theme == "textual-dark"
        messages = [n.message for n in app._notifications]
        assert any("préférences" in m and "mis de côté" in m for m in messages)
    assert not (data_dir / "preferences.json").exists()
    assert len(list(data_dir.glob("preferences.json.illisible-*"))) == 1
    again = make_app()
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not any("préférences" in n.message for n in again._notifications)  # once


async def test_every_theme_the_palette_offers_applies(make_app, data_dir):
    """Each theme of « Thème de couleurs » is one the pinned Textual (or the app) has:
    « textual-ansi » was offered and closed the app with a crash report (issue 20)."""
    from anef_tui.ui.themes import THEMES

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        for name, label in THEMES.items():
            await pilot.press("ctrl+p", *"Thème de couleurs")
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            await pilot.press(*label.split(" (")[0])
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            assert app.is_running and app.theme == name, label


def test_a_theme_name_saved_by_an_earlier_version_still_means_its_theme():
    from anef_tui.ui.themes import known_theme

    assert known_theme("textual-ansi") == "ansi-dark"
    assert known_theme("nope") == "textual-dark"
