"""Two windows, one dossier: a save never silently replaces a newer one."""

from __future__ import annotations

from anef_tui.store.dossiers import DossierStore
from anef_tui.ui.screens.dialogs import ConflictScreen
from anef_tui.ui.screens.dossier import StepScreen
from tests.conftest import frozen_clock
from tests.ui.keys import tab_to
from tests.ui.test_faults import open_nguyen_motif

OTHER = {"situation_familiale": "Divorcé(e)"}


def other_window_saves(data_dir, dossier_id: int, values: dict) -> None:
    other = DossierStore(data_dir, clock=frozen_clock)
    other.save_draft(dossier_id, "motif_sejour", values)
    other.close()


async def test_a_save_over_a_newer_version_asks_and_keep_saves_mine(make_app, data_dir):
    app = make_app(demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_nguyen_motif(pilot)
        mine = screen.current_values()
        other_window_saves(data_dir, screen.dossier_id, OTHER)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConflictScreen)
        assert app.focused.id == "cancel"  # the safe answer first
        await tab_to(pilot, "keep")
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ConflictScreen)
        assert app.screen.step_id != "motif_sejour"  # saved, and on to the next step
    store = DossierStore(data_dir, clock=frozen_clock)
    record = store.get(screen.dossier_id)
    assert record.answers["motif_sejour"]["situation_familiale"] == mine["situation_familiale"]
    assert mine["situation_familiale"] != "Divorcé(e)"
    assert "motif_sejour" not in record.drafts  # the other window's draft was replaced
    store.close()


async def test_cancel_writes_nothing_and_keeps_the_typing(make_app, data_dir):
    app = make_app(demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_nguyen_motif(pilot)
        mine = screen.current_values()
        other_window_saves(data_dir, screen.dossier_id, OTHER)
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("enter")  # « Annuler » has the focus
        await pilot.pause()
        assert app.screen is screen and screen.current_values() == mine
    store = DossierStore(data_dir, clock=frozen_clock)
    assert store.get(screen.dossier_id).drafts["motif_sejour"] == OTHER
    store.close()


async def test_reload_shows_the_other_windows_version(make_app, data_dir):
    app = make_app(demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_nguyen_motif(pilot)
        theirs = dict(screen.current_values())
        other_window_saves(data_dir, screen.dossier_id, theirs | {"situation_familiale": "Divorcé(e)"})
        await pilot.press("f9")  # « Quitter et revenir plus tard » saves a draft: conflict
        await pilot.pause()
        assert isinstance(app.screen, ConflictScreen)
        await tab_to(pilot, "reload")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, StepScreen) and app.screen is not screen
        assert app.screen.current_values()["situation_familiale"] == "Divorcé(e)"


async def test_the_autosave_does_not_overwrite_the_other_window(make_app, data_dir, monkeypatch):
    import anef_tui.ui.screens.dossier as dossier

    monkeypatch.setattr(dossier, "DRAFT_INTERVAL", 0.05)
    app = make_app(demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_nguyen_motif(pilot)
        other_window_saves(data_dir, screen.dossier_id, OTHER)
        await tab_to(pilot, "f-situation_familiale")
        await pilot.press("down")  # a change for the autosave to write
        await pilot.pause(0.3)
        assert isinstance(app.screen, ConflictScreen)  # asked once, not every 50 ms
        assert len([s for s in app.screen_stack if isinstance(s, ConflictScreen)]) == 1
    store = DossierStore(data_dir, clock=frozen_clock)
    assert store.get(screen.dossier_id).drafts["motif_sejour"] == OTHER
    store.close()


async def test_a_dossier_abandoned_elsewhere_is_said_gone_even_if_a_new_one_exists(
    make_app, data_dir
):
    """Window A types ZORGLUB's N° étranger on « Mon titre actuel »; window B abandons
    ZORGLUB and creates BERNARD (the newest id was ZORGLUB's). A's save says the dossier is
    gone, keeps the typing, and BERNARD's dossier stays as B made it (issue 19)."""
    from tests.ui.test_faults import toasts

    store = DossierStore(data_dir, clock=frozen_clock)
    zorglub = store.create("renouvellement", applicant_name="ZORGLUB Alice")
    store.close()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # « Mon titre actuel »
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "f-n_etranger"
        await pilot.press(*"1234567890")
        other = DossierStore(data_dir, clock=frozen_clock)
        other.abandon(zorglub)
        bernard = other.create("renouvellement", applicant_name="BERNARD Paul")
        other.close()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.is_running
        assert any("introuvable" in text for text in toasts(app))
        assert app.focused is not None and app.focused.value == "1234567890"
    store = DossierStore(data_dir, clock=frozen_clock)
    record = store.get(bernard)
    assert record.summary.applicant_name == "BERNARD Paul"
    assert record.answers == {} and record.drafts == {}
    store.close()


async def test_after_cancel_the_autosave_does_not_ask_again_until_ctrl_s_or_ctrl_q(
        make_app, data_dir, monkeypatch):
    """« Annuler » leaves the typing on screen and writes nothing: the 3-second autosave
    then stops asking (it reopened the dialog at once, over and over, and nothing could be
    typed); Ctrl+S, and Ctrl+Q which would otherwise lose the typing, still ask."""
    import anef_tui.ui.screens.dossier as dossier

    monkeypatch.setattr(dossier, "DRAFT_INTERVAL", 0.05)
    app = make_app(demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_nguyen_motif(pilot)
        other_window_saves(data_dir, screen.dossier_id, OTHER)
        await tab_to(pilot, "f-situation_familiale")
        await pilot.press("down")  # a change for the autosave to write
        await pilot.pause(0.3)
        assert isinstance(app.screen, ConflictScreen)
        await pilot.press("escape")  # « Annuler »
        await pilot.pause(0.3)
        assert app.screen is screen  # not asked again by the autosave
        await pilot.press("down")  # more typing: still not asked every 50 ms
        await pilot.pause(0.3)
        assert app.screen is screen
        mine = screen.current_values()
        await pilot.press("ctrl+q")  # quitting would lose the typing: asked
        await pilot.pause()
        assert isinstance(app.screen, ConflictScreen)
        await pilot.press("escape")
        await pilot.pause(0.3)
        assert app.screen is screen and screen.current_values() == mine
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConflictScreen)
    store = DossierStore(data_dir, clock=frozen_clock)
    assert store.get(screen.dossier_id).drafts["motif_sejour"] == OTHER
    store.close()
