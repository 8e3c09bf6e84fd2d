"""SVG snapshots of the line above an open dossier's form that says what another desk does
with it (issue 25 item 3), at 80×24."""

from __future__ import annotations

import pytest

from anef_tui.demo import _GUIDE_PROFILE, _MOTIF, _RENEWAL_PRELIMINARIES, _step1
from anef_tui.store.desks import desk_of
from anef_tui.store.dossiers import DossierStore
from anef_tui.store.journal.actor import Actor
from tests.conftest import frozen_clock

pytestmark = pytest.mark.snapshot
SIZE = (80, 24)


@pytest.fixture
def colleague(data_dir):
    """GUIDE Malade's renewal at « Motif de séjour », open at a colleague's desk (Marie
    Curie, since 10:30: the frozen clock)."""
    store = DossierStore(data_dir, clock=frozen_clock)
    dossier_id = store.create("renouvellement", applicant_name="GUIDE Malade")
    store.save_profile(dossier_id, "titre_actuel", _GUIDE_PROFILE, applicant_name="GUIDE Malade")
    for step_id, values in _RENEWAL_PRELIMINARIES:
        store.save_step(dossier_id, step_id, values, next_step=None)
    store.save_step(dossier_id, "informations_personnelles",
                    _step1(_GUIDE_PROFILE, "01 02 03 04 05"), next_step=None)
    store.save_step(dossier_id, "motif_sejour", _MOTIF, next_step="motif_sejour")
    store.database.actor = Actor("Marie Curie", "application")
    desk_of(store.database).presence.enter(dossier_id)
    yield store, dossier_id
    desk_of(store.database).close()
    store.close()


def test_open_at_another_desk(snap_compare, make_app, colleague):
    """Below the progress bar, in bold words: « Ouvert aussi par Marie Curie à un autre
    poste depuis 10:30 »; the form as usual below, its first field focused."""
    assert snap_compare(make_app(), press=["enter"], terminal_size=SIZE)


def test_changed_at_another_desk_then_cancel(snap_compare, make_app, colleague):
    """The colleague saved meanwhile; Ctrl+S asked (the conflict dialog), « Annuler »: the
    line now says « Ce dossier a été modifié à un autre poste à 10:30 » above « Ouvert
    aussi par Marie Curie à un autre poste depuis 10:30 », the typing as it was."""
    store, dossier_id = colleague

    async def run_before(pilot) -> None:
        await pilot.press("enter")
        await pilot.pause()
        store.save_draft(dossier_id, "motif_sejour", {"situation_familiale": "Divorcé(e)"})
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("enter")  # « Annuler » has the focus
        await pilot.pause()

    assert snap_compare(make_app(), run_before=run_before, terminal_size=SIZE)
