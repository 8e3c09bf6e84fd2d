"""« Effacer cette personne » and the retention period in the application (issue 24 item
5): the erasure's dialog (what will go, in words and counts; « Annuler » focused; the word
EFFACER typed to confirm), the persons past the retention period (erased after one
confirmation), and the period itself. They read and write through the services."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll

from anef_tui.oserrors import error_message
from anef_tui.store.erasure import Preview
from anef_tui.store.erasure.words import CONFIRM_WORD, ERASE_PERSON, preview_lines
from anef_tui.ui.screens.guarded import ModalScreen
from anef_tui.ui.widgets.plain import Button, ErrorLine, Input, Label, Static

RETENTION_TITLE = "Personnes à effacer"
PERIOD_TITLE = "Durée de conservation"


class EraseScreen(ModalScreen[bool]):
    """What erasing the person will remove; « Annuler » has the focus; « Effacer » acts
    only once EFFACER is typed. Gives back True when confirmed."""

    BINDINGS = [Binding("escape", "cancel", "Annuler", id="erase.cancel")]

    def __init__(self, seen: Preview) -> None:
        super().__init__()
        self.seen = seen

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="erase"):
            yield Label(ERASE_PERSON, classes="dialog-title")
            with VerticalScroll(id="erase-what"):
                yield Static("\n".join(preview_lines(self.seen)), classes="question")
            yield Static(f"Pour confirmer, tapez {CONFIRM_WORD} puis « Effacer ».",
                         id="erase-how")
            yield Input(id="erase-word", max_length=20, placeholder=CONFIRM_WORD)
            yield ErrorLine(id="erase-problem")
            with Horizontal(classes="buttons"):
                yield Button("Annuler", id="cancel")
                yield Button("Effacer", id="confirm", variant="error")

    def on_mount(self) -> None:
        self.query_one("#cancel", Button).focus()

    @on(Input.Submitted, "#erase-word")
    @on(Button.Pressed, "#confirm")
    def _confirm(self) -> None:
        if self.query_one("#erase-word", Input).value.strip() != CONFIRM_WORD:
            self.query_one("#erase-problem", ErrorLine).update(
                f"Tapez {CONFIRM_WORD} (en capitales) pour confirmer : rien n'est effacé.")
            self.query_one("#erase-word", Input).focus()
            return
        self.dismiss(True)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)


class RetentionScreen(ModalScreen[bool]):
    """The persons past the retention period; « Tout effacer » after one confirmation
    (this dialog is it: « Annuler » focused). Gives back True to erase them."""

    BINDINGS = [Binding("escape", "cancel", "Annuler", id="retention.cancel")]

    def __init__(self, lines: list[str], months: int) -> None:
        super().__init__()
        self.lines = lines
        self.months = months

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
            with Horizontal(classes="buttons"):
                yield Button("Annuler", id="cancel")
                if self.lines:
                    yield Button("Tout effacer", id="confirm", variant="error")

    def on_mount(self) -> None:
        self.query_one("#cancel", Button).focus()

    @on(Button.Pressed, "#confirm")
    def _confirm(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)


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
        from anef_tui.store.erasure.retention import save_retention_months

        typed = self.query_one("#period-months", Input).value
        try:
            months = save_retention_months(self.services.data_dir, typed)
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
