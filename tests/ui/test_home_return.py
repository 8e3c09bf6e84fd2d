"""Back on « Mes dossiers » (issue 14): the rows are rebuilt only when something changed —
a write of this window, a commit of another one, the date — not after a mere look at F6."""

from __future__ import annotations

from textual.widgets import DataTable

from anef_tui.store.dossiers import DossierStore
from anef_tui.ui.screens.followup import DeadlinesScreen
from anef_tui.ui.screens.home import HomeScreen
from tests.conftest import frozen_clock


def _names(app) -> list[str]:
    table = app.screen.query_one("#dossiers", DataTable)
    return [str(table.get_row_at(i)[0]) for i in range(table.row_count)]


def _count_refreshes(app, monkeypatch) -> list[int]:
    calls: list[int] = []
    original = HomeScreen.refresh_rows

    def counted(self, *args, **kwargs):
        calls.append(1)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(HomeScreen, "refresh_rows", counted)
    return calls


async def _to_f6_and_back(pilot, between=None) -> None:
    await pilot.press("f6")
    await pilot.pause()
    assert isinstance(pilot.app.screen, DeadlinesScreen)
    if between is not None:
        between()
    await pilot.press("escape")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    assert isinstance(pilot.app.screen, HomeScreen)


async def test_nothing_changed_the_rows_and_the_cursor_stay(make_app, monkeypatch):
    app = make_app(demo=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("down", "down")
        before = _names(app)
        calls = _count_refreshes(app, monkeypatch)
        await _to_f6_and_back(pilot)
        assert calls == []
        assert _names(app) == before
        assert app.screen.query_one("#dossiers", DataTable).cursor_row == 2


async def test_a_write_of_this_window_is_shown_on_return(make_app, monkeypatch):
    app = make_app(demo=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        calls = _count_refreshes(app, monkeypatch)
        await _to_f6_and_back(
            pilot, lambda: app.services.dossiers.create("renouvellement", applicant_name="ZZTOP Ici")
        )
        assert calls
        assert "ZZTOP Ici" in _names(app)


async def test_a_commit_of_another_window_is_shown_on_return(make_app, data_dir):
    app = make_app(demo=True)

    def other_window() -> None:
        with DossierStore(data_dir, clock=frozen_clock) as other:
            other.create("renouvellement", applicant_name="AILLEURS Autre")

    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert "AILLEURS Autre" not in _names(app)
        await _to_f6_and_back(pilot, other_window)
        assert "AILLEURS Autre" in _names(app)


async def test_the_next_day_the_rows_are_rebuilt(make_app, monkeypatch):
    from datetime import timedelta

    app = make_app(demo=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        calls = _count_refreshes(app, monkeypatch)
        tomorrow = frozen_clock() + timedelta(days=1)
        await _to_f6_and_back(pilot, lambda: setattr(app.services, "clock", lambda: tomorrow))
        assert calls


async def test_opening_a_dossier_and_f9_without_a_change_keeps_the_order(make_app, data_dir):
    """Issue 21: a draft opened then left with F9, nothing typed, moved to the top of
    « Mes dossiers » (its date changed). Nothing is written now."""
    app = make_app(demo=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        before = _names(app)
        with DossierStore(data_dir, clock=frozen_clock) as store:
            [nguyen] = [r for r in store.list() if r.applicant_name.startswith("NGUYEN")]
            version = store.version(nguyen.id)
        await pilot.press("ctrl+f", *"nguyen", "enter", "enter")
        await pilot.pause()
        await pilot.press("f9")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("ctrl+f", "ctrl+u")
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert _names(app) == before
        with DossierStore(data_dir, clock=frozen_clock) as store:
            assert store.version(nguyen.id) == version
