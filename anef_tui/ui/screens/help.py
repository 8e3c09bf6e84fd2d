"""F1: the keys of the screen the user was on, in French."""

from __future__ import annotations

from typing import Any

from textual import screen
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical

from anef_tui.ui.screens.guarded import ModalScreen
from anef_tui.ui.widgets.plain import DataTable, Label, Static


class HelpScreen(ModalScreen[None]):
    """Lists every key of the previous screen; Échap or F1 closes it."""

    BINDINGS = [Binding("escape", "close", "Fermer l'aide", id="help.close")]

    def __init__(self, target: screen.Screen[Any]) -> None:
        super().__init__()
        self.target = target

    def compose(self) -> ComposeResult:
        from anef_tui.ui.keys import binding_label, key_label, screen_bindings

        with Vertical(classes="dialog", id="help"):
            title = self.target.sub_title or self.target.title or "anef-tui"
            yield Label(f"Touches — {title}", classes="dialog-title")
            table: DataTable = DataTable(id="keys", cursor_type="row", show_cursor=False)
            table.add_columns("Touche", "Action")
            for binding in screen_bindings(self.target):
                table.add_row(key_label(binding.key), binding_label(binding))
            table.add_row("Tab / Maj+Tab", "Passer au champ suivant / précédent")
            table.add_row("Ctrl+P", "Toutes les commandes")
            yield table
            yield Static("Échap ou F1 : fermer cette aide.", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#keys", DataTable).focus()

    def action_close(self) -> None:
        self.dismiss(None)
