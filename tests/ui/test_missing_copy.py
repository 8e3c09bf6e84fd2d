"""An attachment whose stored copy vanished is shown as missing, not crashed on."""

from __future__ import annotations

from anef_tui.store.attachments import AttachmentStore
from anef_tui.store.dossiers import DossierStore
from anef_tui.ui.widgets.slot import SlotWidget
from tests.conftest import frozen_clock


async def test_a_vanished_copy_is_marked_in_its_slot(make_app, data_dir):
    app = make_app(demo=True)
    store = DossierStore(data_dir, clock=frozen_clock)
    guide = next(r for r in store.list() if r.applicant_name == "GUIDE Malade")
    files = AttachmentStore(store).list(guide.id)
    assert files
    files[0].stored_path.unlink()
    store.close()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+f", *"guide", "enter", "enter")
        await pilot.pause()
        # The filed dossier opens on its confirmation; its justificatifs step is read-only.
        app.push_screen(app.screen_for(guide.id, _step_of(app, guide.id, files[0].slot_id)))
        await pilot.pause()
        texts = [str(s.render()) for w in app.screen.query(SlotWidget) for s in w.query("Static")]
        assert any("(fichier manquant)" in t for t in texts)
        assert app.is_running


def _step_of(app, dossier_id: int, slot_id: str) -> str:
    procedure = app.services.catalogue[app.services.dossiers.get(dossier_id).summary.procedure]
    for step in procedure.steps:
        if any(slot.id == slot_id for slot in getattr(step, "slots", [])):
            return step.id
    raise AssertionError(slot_id)
