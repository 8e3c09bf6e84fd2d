"""« Exports en clair »: the files exported in plain from an encrypted data folder (a PDF to
print or to upload, issue 23), listed with their folder, and « Nettoyer les exports ».

Opened from the palette (Ctrl+P), and at quit while any remain (`quitting=True`): then
« Annuler » (focused: nothing happens), « Quitter sans nettoyer », « Nettoyer les exports
et quitter ». The files are listed as text (their names are data: never markup).
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll

from anef_tui.display import display_name, display_path
from anef_tui.oserrors import error_message
from anef_tui.store.exports import (
    CLEAN_EXPORTS,
    OVERWRITE_CAVEAT,
    Export,
    exports_dir,
    list_exports,
)
from anef_tui.ui.screens.guarded import ModalScreen
from anef_tui.ui.widgets.plain import Button, Label, Static

#: What the quit reminder's screen gives back.
QUIT = "quit"
STAY = "stay"


def remaining_text(count: int) -> str:
    """« 1 fichier exporté en clair reste » / « 3 fichiers exportés en clair restent »."""
    if count == 1:
        return "1 fichier exporté en clair reste"
    return f"{count} fichiers exportés en clair restent"


def _size(n_bytes: int) -> str:
    from anef_tui.files.checks.messages import format_size

    return format_size(n_bytes)


class ExportsScreen(ModalScreen[str]):
    """The exports folder: where it is, what it holds, « Nettoyer les exports »."""

    BINDINGS = [Binding("escape", "close", "Fermer", id="exports.close")]

    def __init__(self, data_dir, *, quitting: bool = False) -> None:
        super().__init__()
        self.data_dir = data_dir
        self.quitting = quitting

    def _files(self) -> list[Export]:
        return list_exports(self.data_dir)

    def compose(self) -> ComposeResult:
        files = self._files()
        with Vertical(classes="dialog", id="exports"):
            yield Label("Exports en clair", classes="dialog-title")
            # Scrolls when the files are many (80×24): the buttons always stay in sight.
            with VerticalScroll(id="exports-body"):
                if self.quitting:
                    yield Static(f"Avant de quitter : {remaining_text(len(files))} dans ce "
                                 "dossier. Ils sont lisibles par toute personne qui a accès "
                                 "à cet ordinateur.", classes="question")
                yield Static(
                    "Les fichiers exportés en clair (à imprimer ou à déposer sur le site de "
                    f"l'ANEF) sont dans :\n{display_path(exports_dir(self.data_dir))}",
                    id="exports-where", classes="question",
                )
                yield Static(self._listing(files), id="exports-files", classes="question")
                yield Static(OVERWRITE_CAVEAT, classes="hint")
            with Horizontal(classes="buttons"):
                if self.quitting:
                    yield Button("Annuler", id="cancel")
                    yield Button("Quitter sans nettoyer", id="quit")
                    yield Button(f"{CLEAN_EXPORTS} et quitter", id="clean", variant="error")
                else:
                    yield Button("Fermer", id="cancel")
                    yield Button(CLEAN_EXPORTS, id="clean", variant="error",
                                 disabled=not files)

    @staticmethod
    def _listing(files: list[Export]) -> str:
        if not files:
            return "Aucun fichier exporté."
        return "\n".join(f"• {display_name(e.name)} ({_size(e.size)})" for e in files)

    def on_mount(self) -> None:
        self.query_one("#cancel", Button).focus()

    @on(Button.Pressed, "#cancel")
    def action_close(self) -> None:
        self.dismiss(STAY)

    @on(Button.Pressed, "#quit")
    def _quit(self) -> None:
        self.dismiss(QUIT)

    @on(Button.Pressed, "#clean")
    def _clean(self) -> None:
        from anef_tui.store.exports import clean_exports

        try:
            removed = clean_exports(self.data_dir)
        except OSError as exc:
            self.notify(f"Les exports n'ont pas tous pu être supprimés. {error_message(exc)}",
                        severity="error", timeout=10)
            self.query_one("#exports-files", Static).update(self._listing(self._files()))
            return
        said = "1 fichier supprimé." if removed == 1 else f"{removed} fichiers supprimés."
        self.notify(f"Exports nettoyés : {said}", timeout=6)
        if self.quitting:
            self.dismiss(QUIT)
            return
        self.query_one("#exports-files", Static).update(self._listing(self._files()))
        self.query_one("#clean", Button).disabled = True
        self.query_one("#cancel", Button).focus()
