"""What every screen of a dossier shares: the progress bar, the four ANEF navigation actions,
and the router that opens a dossier at its position (profile, préliminaires, steps)."""

from __future__ import annotations

from collections.abc import Iterator

from rich.cells import cell_len
from textual import work
from textual.binding import Binding
from textual.content import Content
from textual.widget import Widget

from anef_tui.documents.where import abandon_question
from anef_tui.domain import flow
from anef_tui.domain.catalogue import Procedure
from anef_tui.store.dossiers import DossierRecord
from anef_tui.store.errors import StoreError
from anef_tui.ui.delivery import list_handed
from anef_tui.ui.screens.desk_line import DeskLine
from anef_tui.ui.screens.donnees import DonneesKey, donnees_binding
from anef_tui.ui.screens.dossier_consent import ConsentReading
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


#: A progress piece: its text and its style (Content's style names).
Piece = tuple[str, str]

#: From this many columns the step names wrap onto more lines rather than being left out.
WIDE_PROGRESS = 100
_GAP = "  "


def progress_lines(procedure: Procedure, position: str, width: int) -> list[list[Piece]]:
    """The progress bar laid out in `width` columns: every step, as the site lists them
    (« 1 Votre situation — 2 Informations personnelles — … »), then « Étape 3 sur 6 · 40 % ».

    The current step is marked « ▶ » (and drawn in reverse video), the steps done « ✓ »: never
    by colour alone. When all the names do not fit on one line: from `WIDE_PROGRESS` columns
    they wrap (between two steps, never inside a name); below, the line keeps the current
    step's name and as many others as fit, nearest first, the others by their number only."""
    step_ids = [s.id for s in procedure.steps]
    current = procedure.step(position).number if position in step_ids else 0
    total = len(procedure.steps)
    full: list[Piece] = []
    short: list[Piece] = []
    for s in procedure.steps:
        if s.number == current:
            full.append((f"▶ {s.number} {s.title}", "reverse bold"))
            short.append(full[-1])
        elif s.number < current:
            full.append((f"✓ {s.number} {s.title}", "dim"))
            short.append((f"✓ {s.number}", "dim"))
        else:
            full.append((f"{s.number} {s.title}", "dim"))
            short.append((f"{s.number}", "dim"))
    if current:
        # The site's own figure where it gives one (20 %, 90 %), else the share done.
        percent = progress_percent(procedure, procedure.step(position))
        tail: Piece = (f"Étape {current} sur {total} · {percent} %", "bold")
    else:
        tail = (f"Avant l'étape 1 (sur {total})", "bold")

    def length(pieces: list[Piece]) -> int:
        return sum(cell_len(text) for text, _ in pieces) + cell_len(_GAP) * (len(pieces) - 1)

    if length([*full, tail]) + 1 <= width:
        return [[*full, tail]]
    if width >= WIDE_PROGRESS:
        lines: list[list[Piece]] = [[]]
        for piece in [*full, tail]:
            if lines[-1] and length([*lines[-1], piece]) > width:
                lines.append([])
            lines[-1].append(piece)
        return lines
    # Names around the current step, the next one first, as long as they fit on each side.
    sides: list[Iterator[int]]
    shown = list(short)
    if current:
        sides = [iter(range(current, total)), iter(range(current - 2, -1, -1))]
    else:  # before étape 1: from the first step on
        sides = [iter(range(total))]
    while sides:
        for side in list(sides):
            i = next(side, None)
            tried = [*shown[:i], full[i], *shown[i + 1:]] if i is not None else None
            if tried is None or length([*tried, tail]) + 1 > width:
                sides.remove(side)
            else:
                shown = tried
    return [[*shown, tail]]


class ProgressBar(Widget):
    """The site's list of steps above a step: « ✓ 1 Informations personnelles  ▶ 2 Motif de
    séjour  3 Justificatifs  4 Dépôt de la demande  5 Confirmation   Étape 2 sur 5 · 40 % »,
    laid out for the width it is given (`progress_lines`)."""

    DEFAULT_CSS = "ProgressBar { height: auto; }"

    def __init__(self, procedure: Procedure, position: str) -> None:
        super().__init__(id="progress")
        self.procedure = procedure
        self.position = position

    def show(self, procedure: Procedure, position: str) -> None:
        """Another step of the same dossier (the step screen moves on in place)."""
        self.procedure, self.position = procedure, position
        self.refresh(layout=True)

    def _lines(self, width: int) -> list[list[Piece]]:
        return progress_lines(self.procedure, self.position, width or 10_000)

    def get_content_height(self, container, viewport, width: int) -> int:
        return len(self._lines(width))

    def render(self) -> Content:
        # Content, not markup: a title from a procedure file is shown as it is written.
        lines = self._lines(self.content_size.width)
        parts: list[Piece | str] = []
        for n, line in enumerate(lines):
            if n:
                parts.append("\n")
            for i, piece in enumerate(line):
                if i:
                    parts.append(_GAP)
                parts.append(piece)
        return Content.assemble(*parts)


def page_title(procedure: Procedure) -> Static:
    """The site's page heading above a step's own (« Demander un titre de séjour »)."""
    return Static(procedure.title, classes="page-title", markup=False)


class ErrorSummary(Static, can_focus=True):
    """The list of problems at the top of a screen; it takes the focus when shown."""


class DossierScreen(DeskLine, ConsentReading, DonneesKey, Screen):
    """Base of every screen inside a dossier (a position of its procedure)."""

    BINDINGS = [
        # Short words in the footer (80 columns); the ANEF's full label in F1 and Ctrl+P.
        # Priority bindings: the App runs them itself, to the end, before it hands the next
        # key on, so that keys typed right after Ctrl+S or F3 reach the next step's field
        # (a step changes in place, `StepScreen.go`), not the widgets being replaced.
        Binding("ctrl+s,f2", "save_continue", "Poursuivre", id="dossier.next",
                tooltip="Enregistrer et poursuivre", priority=True),
        # A filed dossier is read, not changed: the same keys show the next screen.
        Binding("ctrl+s,f2", "view_next", "Suivante", id="dossier.view_next",
                tooltip="Étape suivante (dossier déposé : rien n'est modifié)", priority=True),
        Binding("f3", "previous", "Précédente", id="dossier.prev",
                tooltip="Revenir à l'étape précédente", priority=True),
        Binding("f9", "quit_later", "Plus tard", id="dossier.later",
                tooltip="Quitter et revenir plus tard"),
        Binding("escape", "home", "Mes dossiers", id="dossier.home",
                tooltip="Retour à Mes dossiers"),
        Binding("f8", "abandon", "Abandonner", id="dossier.abandon",
                tooltip="Abandonner la demande"),
        # Issue 24: offered only while the consent is not in force (the dossier is read).
        Binding("f7", "renew_consent", "Consentement", id="dossier.consent",
                tooltip="Renouveler le consentement"),
        donnees_binding("dossier"),
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

    def donnees_dossier(self) -> int | None:
        return self.dossier_id

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Only what can act is offered (footer, F1, palette). A filed dossier is read: it
        is neither filed again, saved nor abandoned; Ctrl+S / F2 show the next screen and
        Échap goes back to « Mes dossiers »."""
        filed = not getattr(self, "editable", True)
        if action == "renew_consent":
            return self.consent_refused()
        if action == "abandon":  # possible without consent: it is the erasure promised
            return getattr(self, "status_editable", not filed)
        if action == "save_continue":
            return not filed or self.FILED_MAIN_ACTION
        if action == "view_next":
            return filed and self._next_position() is not None
        if action == "home":
            return filed or self.ESCAPE_HOME or self.consent_refused()
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
        #: Whether the dossier's state lets it be changed (not filed, not closed).
        self.status_editable = record.summary.status.editable
        #: Why its consent refuses every change (French), or None (issue 24): then the
        #: screens are read, as a filed dossier's, with the reason and F7 said.
        self.consent_why: str | None = None
        if self.status_editable:
            try:
                self.consent_why = self.services.consents.refusal(self.dossier_id)
            except StoreError:
                self.consent_why = None
        self.editable = self.status_editable and self.consent_why is None
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
        handout = self.services.hand_pdf("liste", self.dossier_id)
        self.app.call_from_thread(list_handed, self.app, handout, self.services.list_saved())

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

        if not self.status_editable:
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
                abandon_question(None, self.services.dossiers.database.on_server),
                confirm_label="Abandonner la demande",
            ),
            confirmed,
        )
