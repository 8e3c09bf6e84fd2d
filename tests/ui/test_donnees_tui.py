"""« Ce que anef-tui sait de vous » in the application (issue 24 item 3), by keys only:
Ctrl+G on « Mes dossiers » makes the PDF of the dossier under the cursor, on an open
dossier that dossier's; it is exported to `<data>/exports` (sealed in documents/ in an
encrypted folder), the toast says so, the journal notes it; F1 lists the key."""

from __future__ import annotations

import pytest

from anef_tui.store.journal import dossier_entries
from anef_tui.ui.screens.help import HelpScreen
from tests.conftest import fill_encrypted_demo_folder
from tests.screen_text import visible_cells


def shown(app) -> str:
    return "\n".join("".join(row) for row in visible_cells(app))


def toasts(app) -> str:
    return " ".join(str(t.render()) for t in app.screen.query("Toast"))


def exported(data_dir, dossier_id: int) -> list:
    return sorted((data_dir / "exports").glob(f"donnees-{dossier_id:04d}-*.pdf"))


@pytest.mark.parametrize(("size", "encrypted"), [((80, 24), False), ((120, 40), True)])
async def test_ctrl_g_makes_it_from_the_list_and_from_an_open_dossier(
        make_app, data_dir, size, encrypted):
    key = fill_encrypted_demo_folder(data_dir) if encrypted else None
    app = make_app(demo=not encrypted, key=key)
    async with app.run_test(size=size, notifications=True) as pilot:
        await pilot.pause()
        home = app.screen
        first = home.selected_id()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert "Ctrl+G" in shown(app) and "Ce que anef-tui sait de vous" in shown(app)
        await pilot.press("escape", "ctrl+g")
        await pilot.pause()
        assert len(exported(data_dir, first)) == 1
        said = toasts(app)
        assert "« Ce que anef-tui sait de vous » exporté, à remettre à la personne" in said
        assert exported(data_dir, first)[0].name in said  # the path's end: the file's name

        await pilot.press("down")
        await pilot.pause()
        second = home.selected_id()
        assert second != first
        await pilot.press("enter")  # opens it where it was left
        await pilot.pause()
        assert app.screen is not home and app.screen.dossier_id == second
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert len(exported(data_dir, second)) == 1
        entries = dossier_entries(app.services.dossiers.database, second)
    made = [e for e in entries if e.details.get("document") == "donnees"]
    assert [e.action for e in made] == ["pdf_made", "pdf_exported"]
    assert all(e.front_end == "application" for e in made)
    kept = data_dir / "documents" / (f"donnees-{second:04d}.pdf" if encrypted
                                     else exported(data_dir, second)[0].name)
    assert kept.is_file()
    assert kept.read_bytes().startswith(b"%PDF") is not encrypted
