"""A dossier handed over, in the application (issue 24 item 4): the bundle's phrase said
once after « Exporter le dossier », and « Importer un dossier » (the phrase without echo,
then the summary, then « Importer » / « Annuler »). Dialogs opened by the App's palette;
they read and write through the services and the `bundle` package."""

from __future__ import annotations

import time
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll

from anef_tui.display import display_path
from anef_tui.ui.screens.guarded import ModalScreen
from anef_tui.ui.widgets.plain import Button, ErrorLine, Input, Label, Static

SHOWN_TITLE = "Paquet du dossier exporté"
WRITE_IT_DOWN = (
    "Notez cette phrase maintenant : elle n'est affichée qu'une fois et n'est gardée nulle "
    "part. Donnez-la séparément du paquet (pas dans le même message) : sans elle, le paquet "
    "ne peut pas être ouvert."
)
IMPORT_TITLE = "Importer un dossier"


class PhraseShownScreen(ModalScreen[None]):
    """The path of the bundle written and its phrase, once; Entrée or Échap closes."""

    BINDINGS = [Binding("escape", "close", "Fermer", id="bundle.shown.close")]

    def __init__(self, path: Path | None, shown_phrase: str, *, sent: str = "") -> None:
        super().__init__()
        self.path = path
        self.shown_phrase = shown_phrase
        #: Served (issue 26): « Paquet chiffré envoyé au navigateur : NOM », no path.
        self.sent = sent

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="bundle-shown"):
            yield Label(SHOWN_TITLE, classes="dialog-title")
            with VerticalScroll(classes="questions"):
                yield Static(self.sent if self.path is None else
                             "Paquet chiffré écrit dans le dossier des exports : "
                             f"{display_path(self.path)}", classes="question")
                yield Static(f"Phrase du paquet : {self.shown_phrase}", id="bundle-phrase",
                             classes="question")
                yield Static(WRITE_IT_DOWN, classes="question")
            with Horizontal(classes="buttons"):
                yield Button("Je l'ai notée", id="noted", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#noted", Button).focus()

    @on(Button.Pressed, "#noted")
    def action_close(self) -> None:
        self.dismiss(None)


class ImportScreen(ModalScreen[int | None]):
    """The phrase (no echo), « Ouvrir » checks the bundle whole; then what it holds, with
    « Importer » and « Annuler » (focused). Gives back the new dossier's number, or None."""

    BINDINGS = [Binding("escape", "close", "Annuler", id="bundle.import.close")]

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self._opened: object | None = None
        self._failures = 0
        self._not_before = 0.0

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="bundle-import"):
            yield Label(IMPORT_TITLE, classes="dialog-title")
            with VerticalScroll(classes="questions"):
                yield Static(f"Paquet : {display_path(self.path)}", classes="question")
                yield Static("Phrase du paquet (8 groupes de 4 caractères, donnée à "
                             "l'export) :", id="bundle-ask", classes="question")
                yield Input(password=True, id="bundle-phrase-input", max_length=80)
                yield ErrorLine(id="bundle-problem")
                yield Static("", id="bundle-summary", classes="question")
            with Horizontal(classes="buttons"):
                yield Button("Ouvrir", id="open", variant="primary")
                yield Button("Importer", id="import")
                yield Button("Annuler", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#import", Button).display = False
        self.query_one("#bundle-summary").display = False  # no blank rows before it is said
        self.query_one("#bundle-phrase-input", Input).focus()

    @on(Input.Submitted, "#bundle-phrase-input")
    @on(Button.Pressed, "#open")
    def _open(self) -> None:
        from anef_tui.bundle import BundleRefused, WrongBundlePhrase, open_bundle
        from anef_tui.vault.passphrase import wait_after

        problem = self.query_one("#bundle-problem", ErrorLine)
        field = self.query_one("#bundle-phrase-input", Input)
        left = self._not_before - time.monotonic()
        if left > 0:
            problem.update(f"Patientez {int(left) + 1} s avant de retaper la phrase.")
            return
        try:
            opened = open_bundle(self.path, field.value)
        except WrongBundlePhrase as exc:
            self._failures += 1
            self._not_before = time.monotonic() + wait_after(self._failures)
            problem.update(str(exc))
            field.value = ""
            field.focus()
            return
        except BundleRefused as exc:
            problem.update(str(exc))
            field.focus()
            return
        self._opened = opened
        problem.update("")
        problem.display = False  # no empty row between the path and what the bundle holds
        field.value = ""
        for hidden in ("#bundle-ask", "#bundle-phrase-input", "#open"):
            self.query_one(hidden).display = False
        summary = self.query_one("#bundle-summary", Static)
        summary.update("\n".join(["Ce paquet contient :", *opened.summary_lines(),
                                  "Il sera importé comme un nouveau dossier de ce poste."]))
        summary.display = True
        self.query_one("#import", Button).display = True
        self.query_one("#cancel", Button).focus()

    @on(Button.Pressed, "#import")
    def _import(self) -> None:
        from anef_tui.bundle import Opened, import_bundle

        opened = self._opened
        assert isinstance(opened, Opened)
        new_id = import_bundle(self.services.dossiers.database, opened)
        self.dismiss(new_id)

    @on(Button.Pressed, "#cancel")
    def action_close(self) -> None:
        self.dismiss(None)
