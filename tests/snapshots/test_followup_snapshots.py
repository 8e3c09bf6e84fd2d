"""SVG snapshots after the filing: notifications list, a complément, the deadlines screen."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.snapshot
SIZE = (80, 24)


def test_notifications_list(snap_compare, make_app):
    """SILVA Mariana's « Mes notifications »: date, SEJOUR, title, « non lue »."""
    assert snap_compare(
        make_app(demo=True), press=["ctrl+f", *"silva", "enter", "f4"], terminal_size=SIZE
    )


def test_complement_opened(snap_compare, make_app):
    """The « Demande de complément » opened: the invalid document, its observations and
    « Votre réponse * » (Maintenir / Mettre à jour)."""

    async def run_before(pilot) -> None:
        await pilot.press("ctrl+f", *"silva", "enter", "f4")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()

    assert snap_compare(make_app(demo=True), run_before=run_before, terminal_size=SIZE)


def test_complement_failed_send(snap_compare, make_app):
    """« Maintenir le Document » chosen, no reason, Ctrl+S: as on a step, the reason's field
    has the focus, in sight, with its error line under it (the summary is above)."""

    async def run_before(pilot) -> None:
        await pilot.press("ctrl+f", *"silva", "enter", "f4")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("space", "ctrl+s")
        await pilot.pause()
        await pilot.pause()

    assert snap_compare(make_app(demo=True), run_before=run_before, terminal_size=SIZE)


def test_deadlines(snap_compare, make_app):
    """F6 « Échéances »: every open deadline, soonest first, days left in words."""

    async def run_before(pilot) -> None:
        await pilot.press("f6")
        await pilot.app.workers.wait_for_complete()  # the rows are read in a worker
        await pilot.pause()

    assert snap_compare(make_app(demo=True), run_before=run_before, terminal_size=SIZE)


def test_first_application_complement(snap_compare, make_app):
    """A first application's complément: the e-mail's list (« JUSTIFICATIF_IDENTITE »
    (Document manquant)), 15 days from receipt, « Reprendre ma demande » focused."""

    async def run_before(pilot) -> None:
        await pilot.press("ctrl+f", *"kouassi", "enter", "f4")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()

    assert snap_compare(make_app(demo=True), run_before=run_before, terminal_size=SIZE)


def test_reprendre_ma_demande(snap_compare, make_app):
    """Étape 4 reopened, scrolled to the document asked for: what was filed with the
    application, then « Joindre un document » for the new one."""

    async def run_before(pilot) -> None:
        await pilot.press("ctrl+f", *"kouassi", "enter", "f4")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("enter")  # « Reprendre ma demande »
        await pilot.pause()

    assert snap_compare(make_app(demo=True), run_before=run_before, terminal_size=SIZE)


def test_home_prolongation_alert(snap_compare, make_app, data_dir):
    """« Mes dossiers » eight days before POPESCU's attestation de prolongation ends: the
    warning above the table, in words."""
    from datetime import datetime

    from anef_tui.ui.app import make_app as build

    make_app(demo=True).services.dossiers.close()  # fills the data directory; app unused
    app = build(data_dir, clock=lambda: datetime(2027, 1, 30, 10, 30))

    async def run_before(pilot) -> None:
        await pilot.pause(0.5)

    assert snap_compare(app, run_before=run_before, terminal_size=SIZE)
