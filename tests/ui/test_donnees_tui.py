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


def made(app, dossier_id: int) -> int:
    """How many « Ce que anef-tui sait de vous » the journal of the dossier records."""
    return sum(1 for e in dossier_entries(app.services.dossiers.database, dossier_id)
               if e.action == "pdf_made" and e.details.get("document") == "donnees")


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_ctrl_g_on_the_follow_up_screens(make_app, data_dir, size):
    """Ctrl+G on « Mes Notifications » (F4), on a notification opened from it, and on
    « Échéances » (F6: the dossier of the row under the cursor); F1 lists it there."""
    from anef_tui.ui.screens.followup.deadlines import DeadlinesScreen
    from anef_tui.ui.screens.followup.notification import NotificationScreen
    from anef_tui.ui.screens.followup.notifications import NotificationsScreen

    app = make_app(demo=True)
    async with app.run_test(size=size, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+f", *"SILVA", "enter", "f4")
        await pilot.pause()
        assert isinstance(app.screen, NotificationsScreen)
        silva = app.screen.dossier_id
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert "Ctrl+G" in shown(app) and "Ce que anef-tui sait de vous" in shown(app)
        await pilot.press("escape", "ctrl+g")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert made(app, silva) == 1
        assert "exporté, à remettre à la personne" in toasts(app)
        await pilot.press("enter")  # the newest notification
        await pilot.pause()
        assert isinstance(app.screen, NotificationScreen)
        await pilot.press("ctrl+g")  # whatever has the focus (a date field, a box…)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert made(app, silva) == 2
        await pilot.press("escape", "escape")
        await pilot.pause()
        await pilot.press("escape", "f6")  # the search cleared, then « Échéances »
        await pilot.pause()
        assert isinstance(app.screen, DeadlinesScreen)
        await pilot.press("down")
        await pilot.pause()
        row = app.screen.rows[1].dossier_id
        before = made(app, row)
        await pilot.press("ctrl+g")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert made(app, row) == before + 1
        assert len(exported(data_dir, row)) == 1
