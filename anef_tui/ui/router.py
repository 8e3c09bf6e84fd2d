"""The screen registry: which screen shows a position of a dossier's procedure.

Held by the App (`AnefApp.screen_for`, `AnefApp.open_dossier`): screens ask the App to go
somewhere and never import one another, so no import circle runs through them.
"""

from __future__ import annotations

from textual.app import App
from textual.screen import Screen

from anef_tui.domain import flow
from anef_tui.domain.status import DossierStatus
from anef_tui.ui.services import services_of


def screen_for(app: App, dossier_id: int, position: str, **options) -> Screen:
    """The screen that shows `position` of the dossier."""
    procedure = services_of(app).procedure_of(dossier_id)
    kind = flow.kind_of(procedure, position)
    if flow.is_form_step(procedure, position):
        from anef_tui.ui.screens.dossier import StepScreen

        return StepScreen(dossier_id, position, **options)
    if kind == "profile":
        from anef_tui.ui.screens.profile import ProfileScreen

        return ProfileScreen(dossier_id, position, **options)
    if kind == "preliminary":
        from anef_tui.ui.screens.preliminary import PreliminaryScreen

        return PreliminaryScreen(dossier_id, position)
    if kind == "depot":
        from anef_tui.ui.screens.depot import DepotScreen

        return DepotScreen(dossier_id, position)
    from anef_tui.ui.screens.confirmation import ConfirmationScreen

    return ConfirmationScreen(dossier_id, position)


def open_dossier_screen(app: App, dossier_id: int) -> None:
    """Open a dossier where it was left: its last saved position, or the very first one.

    A filed dossier opens on its confirmation.
    """
    services = services_of(app)
    record = services.dossiers.get(dossier_id)
    procedure = services.catalogue.get(record.summary.procedure)
    if procedure is None:  # a procedure of an extra folder not given this time
        app.notify(
            f"La procédure « {record.summary.procedure} » de ce dossier est introuvable : "
            "relancez anef-tui avec --procedures et le dossier qui contient son fichier.",
            severity="error", timeout=10, markup=False,
        )
        return
    why = services.consents.refusal(dossier_id)
    if why is not None:  # issue 24: readable, not writable (the store refuses each write)
        from anef_tui.ui.screens.consent import read_only_toast

        app.notify(read_only_toast(why), severity="warning", timeout=12, markup=False)
    if record.summary.status is not DossierStatus.BROUILLON:
        position = next(s.id for s in procedure.steps if s.kind == "confirmation")
    else:
        position = record.summary.current_step or flow.first_position(procedure)
        if position not in flow.positions(procedure):
            position = flow.first_position(procedure)
    app.push_screen(screen_for(app, dossier_id, position))
