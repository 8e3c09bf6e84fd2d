"""The ANEF password rule, checked live. Nothing typed here is ever stored."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical

from anef_tui.domain.rules import password_checklist
from anef_tui.ui.screens.guarded import ModalScreen
from anef_tui.ui.widgets.plain import Input, Label, Static

RULE = (
    "Format attendu : au moins 8 caractères, une majuscule, une minuscule, un caractère "
    "spécial !\"#$%&()*-./=>?@_ et un chiffre."
)


class PasswordHelperScreen(ModalScreen[None]):
    """Type a candidate password (hidden) and its confirmation; the checklist updates live."""

    BINDINGS = [Binding("escape", "close", "Fermer", id="password.close")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Aide au choix du mot de passe ANEF", classes="dialog-title")
            yield Static(
                "Rien de ce que vous tapez ici n'est enregistré : anef-tui ne garde jamais "
                "de mot de passe. Créez-le ensuite vous-même sur le site de l'ANEF.",
                classes="hint",
            )
            yield Static(RULE, markup=False)
            yield Label("Mot de passe * :")
            yield Input(password=True, id="password")
            yield Label("Confirmation du mot de passe * :")
            yield Input(password=True, id="confirmation")
            yield Static("", id="checklist", markup=False)
            yield Static("Échap : fermer.", classes="hint")

    def on_mount(self) -> None:
        self._update()
        self.query_one("#password", Input).focus()

    @on(Input.Changed)
    def _update(self) -> None:
        password = self.query_one("#password", Input).value
        confirmation = self.query_one("#confirmation", Input).value
        lines = [f"{'✓' if ok else '✗'} {label}" for label, ok in password_checklist(password)]
        same = bool(password) and password == confirmation
        lines.append(f"{'✓' if same else '✗'} La confirmation est identique")
        self.query_one("#checklist", Static).update("\n".join(lines))

    def action_close(self) -> None:
        # Forget what was typed before closing.
        for field in self.query(Input):
            field.value = ""
        self.dismiss(None)
