"""« Effacer cette personne » and the retention period in the application (issue 24 item
5): the erasure's dialog (what will go, in words and counts; « Annuler » focused; the word
EFFACER typed to confirm), the persons past the retention period (erased after one
confirmation), and the period itself. They read and write through the services."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll

from anef_tui.oserrors import error_message
from anef_tui.store.erasure import Preview
from anef_tui.store.erasure.words import CONFIRM_WORD, ERASE_PERSON, preview_lines
from anef_tui.ui.screens.guarded import ModalScreen
from anef_tui.ui.widgets.plain import Button, ErrorLine, Input, Label, Static

if TYPE_CHECKING:
    from typing import Any

    _Host = ModalScreen[Any]  # what the mixin is mixed into, for the type checker
else:
    _Host = object

RETENTION_TITLE = "Personnes à effacer"
PERIOD_TITLE = "Durée de conservation"
#: What the dialog says while the erasure runs (rows, files, backups, compaction).
ERASING = "Effacement en cours…"
#: What Échap says then: the erasure is not stopped half-way (it would be finished at the
#: next start anyway).
ERASING_GOES_ON = ("L'effacement est en cours : il ne peut pas être interrompu. "
                   "Le message suivant dira ce qui a été fait.")


@dataclass
class Erasing:
    """What an erasure run in a worker did: a French message per person erased, and the
    fault that stopped it (said by the app), if any."""

    messages: list[str] = field(default_factory=list)
    fault: BaseException | None = None


class ErasingDialog(_Host):
    """Mixin of the dialogs that erase: after the confirmation the dialog stays, says
    « Effacement en cours… » with its field and buttons off, and the erasure (`erase`, given
    by the app) runs in a thread worker; keys stay answered (Échap says it goes on). At the
    end the dialog gives back what was done (`Erasing`), once it is the screen shown again
    (F1's help may be above it)."""

    erase: Callable[[], Erasing]
    working = False
    _outcome: Erasing | None = None

    def start_erasing(self) -> None:
        self.working = True
        for widget in self.query("Input, Button"):
            widget.disabled = True
        for line in self.query(ErrorLine):
            line.display = False  # its row is the status's: the dialog keeps its height
        status = self.query_one("#erase-status", Static)
        status.update(ERASING)
        status.display = True
        self._run_erasure()

    @work(thread=True, group="erase")
    def _run_erasure(self) -> None:
        outcome = self.erase()
        self.app.call_from_thread(self._erased, outcome)

    def _erased(self, outcome: Erasing) -> None:
        self._outcome = outcome
        if self.app.screen is self:
            self.dismiss(outcome)

    def on_screen_resume(self) -> None:
        if self._outcome is not None:
            self.dismiss(self._outcome)

    def cancel_or_say(self) -> bool:
        """Échap or « Annuler »: False while the erasure runs (said), True otherwise."""
        if self.working:
            self.notify(ERASING_GOES_ON, timeout=6)
            return False
        return True


class EraseScreen(ErasingDialog, ModalScreen[Erasing | None]):
    """What erasing the person will remove; « Annuler » has the focus; « Effacer » acts
    only once EFFACER is typed, then the erasure runs (`ErasingDialog`). Gives back what
    was done, or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Annuler", id="erase.cancel")]

    def __init__(self, seen: Preview, erase: Callable[[], Erasing]) -> None:
        super().__init__()
        self.seen = seen
        self.erase = erase

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="erase"):
            yield Label(ERASE_PERSON, classes="dialog-title")
            with VerticalScroll(id="erase-what"):
                yield Static("\n".join(preview_lines(self.seen)), classes="question")
            yield Static(f"Pour confirmer, tapez {CONFIRM_WORD} puis « Effacer ».",
                         id="erase-how")
            # No placeholder: « EFFACER » in grey reads as typed (NO_COLOR, a braille line).
            yield Input(id="erase-word", max_length=20)
            yield ErrorLine(id="erase-problem")
            yield Static("", id="erase-status", classes="erase-status")
            with Horizontal(classes="buttons"):
                yield Button("Annuler", id="cancel")
                yield Button("Effacer", id="confirm", variant="error")

    def on_mount(self) -> None:
        self.query_one("#cancel", Button).focus()

    @on(Input.Submitted, "#erase-word")
    @on(Button.Pressed, "#confirm")
    def _confirm(self) -> None:
        if self.working:
            return
        if self.query_one("#erase-word", Input).value.strip() != CONFIRM_WORD:
            self.query_one("#erase-problem", ErrorLine).update(
                f"Tapez {CONFIRM_WORD} (en capitales) pour confirmer : rien n'est effacé.")
            self.query_one("#erase-word", Input).focus()
            return
        self.query_one("#erase-problem", ErrorLine).update("")
        self.start_erasing()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        if self.cancel_or_say():
            self.dismiss(None)


class RetentionScreen(ErasingDialog, ModalScreen[Erasing | None]):
    """The persons past the retention period; « Tout effacer » after one confirmation
    (this dialog is it: « Annuler » focused), then the erasure runs (`ErasingDialog`).
    Gives back what was done, or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Annuler", id="retention.cancel")]

    def __init__(self, lines: list[str], months: int, erase: Callable[[], Erasing]) -> None:
        super().__init__()
        self.lines = lines
        self.months = months
        self.erase = erase

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="retention"):
            yield Label(RETENTION_TITLE, classes="dialog-title")
            text = (f"Durée de conservation : {self.months} mois (Ctrl+P « {PERIOD_TITLE} » "
                    "pour la changer).")
            if self.lines:
                text += ("\nCes personnes n'ont plus de démarche en cours : décision reçue, "
                         "dossier clôturé ou brouillon abandonné. Tout effacer les efface "
                         "définitivement, avec leurs fichiers, et dans les sauvegardes.")
            else:
                text += "\nAucune personne n'a dépassé cette durée."
            yield Static(text, classes="question")
            with VerticalScroll(id="retention-list"):
                yield Static("\n".join(f"- {line}" for line in self.lines), classes="question")
            yield Static("", id="erase-status", classes="erase-status")
            with Horizontal(classes="buttons"):
                yield Button("Annuler", id="cancel")
                if self.lines:
                    yield Button("Tout effacer", id="confirm", variant="error")

    def on_mount(self) -> None:
        self.query_one("#cancel", Button).focus()

    @on(Button.Pressed, "#confirm")
    def _confirm(self) -> None:
        if not self.working:
            self.start_erasing()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        if self.cancel_or_say():
            self.dismiss(None)


class PeriodScreen(ModalScreen[int | None]):
    """« Durée de conservation »: the months typed, kept for this data folder."""

    BINDINGS = [Binding("escape", "cancel", "Annuler", id="period.cancel")]

    def __init__(self, months: int) -> None:
        super().__init__()
        self.months = months

    def compose(self) -> ComposeResult:
        from anef_tui.store.erasure.retention import MAX_MONTHS, MIN_MONTHS

        with Vertical(classes="dialog", id="period"):
            yield Label(PERIOD_TITLE, classes="dialog-title")
            yield Static(
                "Après combien de mois sans changement une personne dont la démarche est "
                f"finie est-elle à effacer ? De {MIN_MONTHS} à {MAX_MONTHS} mois.",
                classes="question")
            yield Input(value=str(self.months), id="period-months", max_length=10)
            yield ErrorLine(id="period-problem")
            with Horizontal(classes="buttons"):
                yield Button("Enregistrer", id="save", variant="primary")
                yield Button("Annuler", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#period-months", Input).focus()

    @on(Input.Submitted, "#period-months")
    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        from anef_tui.accounts.settings import save_retention_months

        typed = self.query_one("#period-months", Input).value
        try:
            # The folder's preference; the base's (a référent) once it has accounts.
            months = save_retention_months(self.services.dossiers, self.services.session,
                                           typed)
        except ValueError as exc:
            self.query_one("#period-problem", ErrorLine).update(str(exc))
            return
        except OSError as exc:
            self.query_one("#period-problem", ErrorLine).update(
                f"La durée n'a pas pu être enregistrée. {error_message(exc)}")
            return
        self.dismiss(months)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
