"""Ctrl+Q never loses what was just typed: the drafts of open screens are saved first."""

from __future__ import annotations

from anef_tui.store.dossiers import DossierStore
from anef_tui.store.followup import FollowUpStore
from tests.conftest import frozen_clock
from tests.ui.keys import open_notification, tab_to, type_into


async def test_ctrl_q_keeps_what_was_just_typed_on_a_step(make_app, data_dir):
    app = make_app(demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+f", *"diallo", "enter", "enter")  # étape 3, motif de séjour
        await pilot.pause()
        await type_into(pilot, "f-date_entree", "01/02/2019")
        await pilot.press("ctrl+q")  # well within the 3 s of the periodic draft
        await pilot.pause()
    assert app.return_code == 0
    store = DossierStore(data_dir, clock=frozen_clock)
    diallo = next(r for r in store.list() if r.applicant_name == "DIALLO Aminata")
    assert store.get(diallo.id).drafts["motif_sejour"]["date_entree"] == "01/02/2019"
    store.close()


async def test_ctrl_q_keeps_a_complement_answer_being_written(make_app, data_dir):
    app = make_app(demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_notification(pilot, "silva")
        await tab_to(pilot, "f-answer-justificatif_nationalite")
        await pilot.press("space")  # « Maintenir le Document »
        await type_into(pilot, "f-reason-justificatif_nationalite", "Original présenté")
        await pilot.press("ctrl+q")
        await pilot.pause()
    store = DossierStore(data_dir, clock=frozen_clock)
    silva = next(r for r in store.list() if r.applicant_name == "SILVA Mariana")
    [notification] = FollowUpStore(store).list_notifications(silva.id)
    answer = FollowUpStore(store).get_complement_answer(notification.id)
    assert answer["data"]["invalid"]["justificatif_nationalite"]["reason"] == (
        "Original présenté")
    store.close()


async def test_ctrl_c_says_in_french_how_to_quit(make_app):
    """Textual's own hint was « Do you want to quit? / Press [b]ctrl+q[/b]… », its markup
    printed as text (issue 21)."""
    from anef_tui.ui.app import QUIT_HINT
    from tests.ui.test_faults import toasts

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+c")
        await pilot.pause()
        said = toasts(app)
        assert QUIT_HINT in said
        assert not any("[b]" in text or "Press" in text for text in said)
        assert app.is_running
