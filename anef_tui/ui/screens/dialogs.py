"""Modal dialogs: choose a démarche for a new dossier, confirm a definitive action."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content

from anef_tui.domain.consent import ConsentTerms
from anef_tui.domain.procedure_index import ProcedureRef
from anef_tui.ui.screens.consent import consent_fields, read_terms
from anef_tui.ui.screens.guarded import ModalScreen
from anef_tui.ui.widgets.choice import ChoiceSet
from anef_tui.ui.widgets.fields import app_help
from anef_tui.ui.widgets.plain import Button, Input, Label, RadioButton, Static
from anef_tui.vault.folder import DEMO_BANNER, DEMO_WARNING_SHORT


class NewDossierScreen(ModalScreen[tuple[str, str, ConsentTerms] | None]):
    """Asks which démarche (each procedure found, in its `order`), an optional name to find
    it by, and the person's consent (issue 24: how it was given, for how long; the file's
    defaults shown, so Entrée in the name still creates the dossier)."""

    BINDINGS = [
        Binding("escape", "cancel", "Annuler", id="new.cancel"),
        Binding("ctrl+s", "create", "Créer le dossier", id="new.create"),
    ]

    def __init__(self, catalogue: dict[str, ProcedureRef]) -> None:
        super().__init__()
        self.catalogue = catalogue

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog"):
            yield Label("Nouveau dossier", classes="dialog-title")
            # Issue 24 made it taller than 24 rows: the questions scroll, the buttons stay.
            with VerticalScroll(id="dialog-body", can_focus=False):
                if getattr(self.app, "folder_banner", None) == DEMO_BANNER:
                    yield Static(DEMO_WARNING_SHORT, id="demo-warning", classes="question")
                yield Static("Quelle démarche voulez-vous préparer ?", classes="question")
                with ChoiceSet(id="procedure"):
                    for index, (pid, ref) in enumerate(self.catalogue.items()):
                        # Content: a procedure file's text is shown as written, never markup.
                        yield RadioButton(Content(ref.brick), value=index == 0, name=pid)
                # A Static (not a Label): wrapped, not cut by the body's scroll bar at 80×24.
                yield Static(
                    "Nom et prénom de la personne (facultatif, pour retrouver le dossier) :",
                    markup=False,
                )
                yield Input(id="name", placeholder="ex. GUIDE Malade")
                yield from consent_fields()
            with Horizontal(classes="buttons"):
                yield Button("Annuler", id="cancel")
                yield Button("Créer le dossier", id="create", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#procedure", ChoiceSet).focus(scroll_visible=False)
        # The demonstration warning first in sight (the choice's highlight scrolled to it).
        self.call_after_refresh(self._scroll_home)

    def _scroll_home(self) -> None:
        self.query_one("#dialog-body", VerticalScroll).scroll_home(animate=False)

    def _chosen(self) -> str:
        pressed = self.query_one("#procedure", ChoiceSet).pressed_button
        return pressed.name if pressed and pressed.name else next(iter(self.catalogue))

    @on(Input.Submitted, "#name")
    @on(Input.Submitted, "#consent-duration")
    @on(Button.Pressed, "#create")
    def action_create(self) -> None:
        terms = read_terms(self)
        if terms is not None:
            self.dismiss((self._chosen(), self.query_one("#name", Input).value.strip(), terms))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmScreen(ModalScreen[bool]):
    """A yes/no question for an action that cannot be undone. The safe answer has the focus."""

    BINDINGS = [Binding("escape", "cancel", "Annuler", id="confirm.cancel")]

    def __init__(
        self, title: str, message: str, *, confirm_label: str = "Confirmer", danger: bool = True,
        cancel_label: str = "Annuler", app_note: str | None = None,
    ) -> None:
        super().__init__()
        self.title_text = title
        self.message = message
        # anef-tui's own word beside a message quoting the site (« Aide anef-tui : … »).
        self.app_note = app_note
        self.confirm_label = confirm_label
        self.cancel_label = cancel_label  # the safe answer, in words that say what it keeps
        self.danger = danger

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield Static(self.message, classes="question")
            if self.app_note:
                yield app_help(self.app_note)
            with Horizontal(classes="buttons"):
                yield Button(self.cancel_label, id="cancel")
                yield Button(
                    self.confirm_label, id="confirm", variant="error" if self.danger else "primary"
                )

    def on_mount(self) -> None:
        self.query_one("#cancel", Button).focus()

    @on(Button.Pressed, "#confirm")
    def _confirm(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)


class ConflictScreen(ModalScreen[str | None]):
    """« Ce dossier a été modifié dans une autre fenêtre… »: three ways out, none loses
    anything without the user saying so. The safe one (« Annuler »: nothing written, the
    typing stays on screen) has the focus."""

    BINDINGS = [Binding("escape", "cancel", "Annuler", id="conflict.cancel")]

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Dossier modifié dans une autre fenêtre", classes="dialog-title")
            yield Static(self.message, classes="question")
            yield Static(
                "« Garder ma saisie » enregistre ce qui est à l'écran à la place de l'autre "
                "version. « Reprendre la version enregistrée » rouvre cette étape avec "
                "l'autre version (votre saisie non enregistrée est alors abandonnée). "
                "« Annuler » n'enregistre rien et vous laisse votre saisie.",
                classes="hint",
            )
            with Horizontal(classes="buttons"):
                yield Button("Annuler", id="cancel")
                yield Button("Reprendre la version enregistrée", id="reload")
                yield Button("Garder ma saisie", id="keep", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#cancel", Button).focus()

    @on(Button.Pressed, "#keep")
    def _keep(self) -> None:
        self.dismiss("keep")

    @on(Button.Pressed, "#reload")
    def _reload(self) -> None:
        self.dismiss("reload")

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


def ask_discard(app, discard) -> None:
    """« Abandonner la saisie ? » before what was typed on a notification is left unsaved
    (the recording form, a checklist): `discard()` runs only if the user says so;
    « Continuer la saisie », focused, keeps everything."""

    def answered(yes: bool | None) -> None:
        if yes:
            discard()

    app.push_screen(
        ConfirmScreen(
            "Abandonner la saisie ?",
            "Ce que vous avez saisi pour cette notification sera perdu : rien n'est "
            "enregistré.",
            confirm_label="Abandonner la saisie",
            cancel_label="Continuer la saisie",
        ),
        answered,
    )
