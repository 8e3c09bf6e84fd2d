"""What every screen of a dossier shares: the progress bar, the four ANEF navigation actions,
and the router that opens a dossier at its position (profile, préliminaires, steps)."""

from __future__ import annotations

from textual import work
from textual.binding import Binding
from textual.content import Content

from anef_tui.domain import flow
from anef_tui.domain.catalogue import Procedure
from anef_tui.store.dossiers import DossierRecord
from anef_tui.ui.screens.guarded import Screen
from anef_tui.ui.widgets.plain import Button, Static


def progress_percent(procedure: Procedure, step) -> int:
    """The site's own figure where it gives one (20 %, 90 %), else the share of steps done —
    never less than a figure the site showed on an earlier step (the bar never goes back)."""
    if step.progress_percent is not None:
        return step.progress_percent
    total = len(procedure.steps)
    done = step.number if step.kind == "confirmation" else step.number - 1
    earlier = [
        s.progress_percent for s in procedure.steps
        if s.number < step.number and s.progress_percent is not None
    ]
    return max([round(100 * done / total), *earlier])


class ProgressBar(Static):
    """« ✓ 1  2 Motif de séjour  3 4 5   Étape 2 sur 5 » — the current step in reverse video."""

    def __init__(self, procedure: Procedure, position: str) -> None:
        super().__init__(self.step_content(procedure, position), id="progress")

    def show(self, procedure: Procedure, position: str) -> None:
        """Another step of the same dossier (the step screen moves on in place)."""
        self.update(self.step_content(procedure, position))

    @staticmethod
    def step_content(procedure: Procedure, position: str) -> Content:
        step_ids = [s.id for s in procedure.steps]
        current = procedure.step(position).number if position in step_ids else 0
        parts: list[tuple[str, str] | str] = []
        for s in procedure.steps:
            if s.number == current:
                parts.append((f" {s.number} {s.title} ", "reverse"))
            elif s.number < current:
                parts.append((f"✓ {s.number}", "dim"))
            else:
                parts.append((f"{s.number}", "dim"))
            parts.append(" ")
        total = len(procedure.steps)
        if current:
            step = procedure.step(position)
            # The site's own figure where it gives one (20 %, 90 %), else the share done.
            percent = progress_percent(procedure, step)
            tail = f"Étape {current} sur {total} · {percent} %"
        else:
            tail = f"Avant l'étape 1 (sur {total})"
        # Content, not markup: a title from a procedure file is shown as it is written.
        return Content.assemble(*parts, "  ", (tail, "bold"))


class ErrorSummary(Static, can_focus=True):
    """The list of problems at the top of a screen; it takes the focus when shown."""


class DossierScreen(Screen):
    """Base of every screen inside a dossier (a position of its procedure)."""

    BINDINGS = [
        # Short words in the footer (80 columns); the ANEF's full label in F1 and Ctrl+P.
        Binding("ctrl+s,f2", "save_continue", "Poursuivre", id="dossier.next",
                tooltip="Enregistrer et poursuivre"),
        # A filed dossier is read, not changed: the same keys show the next screen.
        Binding("ctrl+s,f2", "view_next", "Suivante", id="dossier.view_next",
                tooltip="Étape suivante (dossier déposé : rien n'est modifié)"),
        Binding("f3", "previous", "Précédente", id="dossier.prev",
                tooltip="Revenir à l'étape précédente"),
        Binding("f9", "quit_later", "Plus tard", id="dossier.later",
                tooltip="Quitter et revenir plus tard"),
        Binding("escape", "home", "Mes dossiers", id="dossier.home",
                tooltip="Retour à Mes dossiers"),
        Binding("f8", "abandon", "Abandonner", id="dossier.abandon",
                tooltip="Abandonner la demande"),
    ]

    #: Whether Ctrl+S / F2 still run the screen's own action on a filed dossier (the
    #: confirmation: its PDF); elsewhere they show the next screen (« Suivante »).
    FILED_MAIN_ACTION = False
    #: Whether Échap goes back to « Mes dossiers » while the dossier is still being typed
    #: (the confirmation); on a filed dossier it always does.
    ESCAPE_HOME = False

    def __init__(self, dossier_id: int, position: str) -> None:
        super().__init__()
        self.dossier_id = dossier_id
        self.position = position

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Only what can act is offered (footer, F1, palette). A filed dossier is read: it
        is neither filed again, saved nor abandoned; Ctrl+S / F2 show the next screen and
        Échap goes back to « Mes dossiers »."""
        filed = not getattr(self, "editable", True)
        if action == "abandon":
            return not filed
        if action == "save_continue":
            return not filed or self.FILED_MAIN_ACTION
        if action == "view_next":
            return filed and self._next_position() is not None
        if action == "home":
            return filed or self.ESCAPE_HOME
        return True

    def _next_position(self) -> str | None:
        procedure = getattr(self, "procedure", None)
        return flow.next_position(procedure, self.position) if procedure else None

    def filed_buttons(self):
        """In place of « Quitter et revenir plus tard » and the step's main button, on a filed
        dossier: the two ways on, as the keys say (Échap, Ctrl+S / F2)."""
        yield Button("Retour à Mes dossiers", id="home")
        if self._next_position() is not None:
            yield Button("Étape suivante >", id="view-next", variant="primary")

    def load(self) -> DossierRecord:
        """Read the dossier; called first thing in `compose`."""
        record = self.services.dossiers.get(self.dossier_id)
        self.procedure: Procedure = self.services.catalogue[record.summary.procedure]
        self.editable = record.summary.status.editable
        return record

    @property
    def record(self) -> DossierRecord:
        return self.services.dossiers.get(self.dossier_id)

    def goto(self, position: str | None, **options) -> None:
        if position is None:
            self.app.pop_screen()
            return
        self.app.switch_screen(self.navigation.screen_for(self.dossier_id, position, **options))

    # The four ANEF buttons of every dossier screen run the same actions as their keys.
    _NAV_BUTTONS = {
        "next": "save_continue",
        "previous": "previous",
        "later": "quit_later",
        "abandon": "abandon",
        # A filed dossier's (filed_buttons); the confirmation's « Retour à Mes dossiers ».
        "home": "home",
        "view-next": "view_next",
    }

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        action = self._NAV_BUTTONS.get(event.button.id or "")
        if action == "save_continue" and not self.FILED_MAIN_ACTION \
                and not getattr(self, "editable", True):
            # A filed dossier's préliminaire shows its own button (« Je continue »): it
            # shows the next screen, as Ctrl+S does there (« Suivante »), and saves nothing.
            action = "view_next"
        if action is not None:
            event.stop()
            await self.run_action(action)

    def save_draft(self) -> bool | None:  # overridden by screens with fields
        """Keep the typing; False means nothing was written and the user is asked."""
        return None

    def action_save_continue(self) -> None:  # each screen's main action
        return

    @work(thread=True, group="pdf")
    def make_documents_list(self) -> None:
        """« Télécharger la liste des pièces justificatives »: the PDF, made locally."""
        path = self.services.save_pdf("liste", self.dossier_id)
        self.app.call_from_thread(
            self.app.notify, f"Liste des pièces justificatives enregistrée : {path}", timeout=10
        )

    def action_previous(self) -> None:
        previous = flow.previous_position(self.procedure, self.position)
        if self.save_draft() is False:
            return  # changed in another window: the user chooses first
        if previous is None:
            self.notify("Vous êtes au début de la démarche.", severity="warning")
            return
        self.goto(previous)

    def action_view_next(self) -> None:
        """A filed dossier, read: the next screen, nothing saved."""
        following = self._next_position()
        if following is not None:
            self.goto(following)

    def action_home(self) -> None:
        """Échap: back to « Mes dossiers » (a filed dossier has nothing to save)."""
        self.app.pop_screen()

    def action_quit_later(self) -> None:
        if self.save_draft() is False:
            return
        self.app.pop_screen()
        if self.editable:
            self.app.notify("Saisie enregistrée : vous pourrez reprendre ce dossier plus tard.")

    def action_abandon(self) -> None:
        from anef_tui.ui.screens.dialogs import ConfirmScreen

        if not self.editable:
            self.notify("Ce dossier est déposé : il ne peut plus être abandonné.", severity="error")
            return

        def confirmed(ok: bool | None) -> None:
            if ok:
                self.services.dossiers.abandon(self.dossier_id)
                self.app.pop_screen()
                self.app.notify("La demande a été abandonnée.")

        self.app.push_screen(
            ConfirmScreen(
                "Abandonner la demande",
                "Abandonner cette demande ? Ses réponses et ses pièces jointes seront "
                "supprimées de cet ordinateur. Cette action est définitive.",
                confirm_label="Abandonner la demande",
            ),
            confirmed,
        )
