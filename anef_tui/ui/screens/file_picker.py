"""A keyboard file picker: a folder tree plus a field where a path can be typed or pasted.

Served to a browser (issue 26), the picker runs on the computer that serves anef-tui, not on
the worker's: it never browses that computer. It shows only the folder the server was given
for incoming files (`anef-tui servir --pieces DOSSIER`, e.g. where the structure's scanner
puts its scans), and nothing outside it — not by F4, a typed path, `..` or a symbolic link.
Without that folder it says how to get one.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from rich.text import Text, TextType
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DirectoryTree

from anef_tui.display import display_name, display_path
from anef_tui.oserrors import advice, reason
from anef_tui.ui.screens.guarded import ModalScreen
from anef_tui.ui.widgets.plain import ErrorLine, Input, Label, Static


class FileTree(DirectoryTree):
    """Folders and files, hidden ones left out. A name is literal text (Textual's Tree
    would read « [b]scan.pdf » as markup, and fail on « [/]scan.pdf »), shown as
    `display_path` shows it (bytes that are not UTF-8, control characters: « \ufffd »)."""

    def filter_paths(self, paths: Iterable[Path]) -> Iterable[Path]:
        return [p for p in paths if not p.name.startswith(".")]

    def process_label(self, label: TextType) -> Text:
        return super().process_label(Text(display_path(label)) if isinstance(label, str) else label)



NO_SERVED_FOLDER = (
    "Dans un navigateur, anef-tui ne parcourt pas les dossiers de l'ordinateur qui le sert. "
    "Pour joindre des pièces, la personne qui lance « anef-tui servir » lui donne un dossier "
    "d'arrivée (--pieces DOSSIER), par exemple celui où le scanner de la structure dépose "
    "ses fichiers. Échap : revenir."
)


FROM_THE_BROWSER = (
    "La fenêtre de votre navigateur pour choisir un fichier de ce poste s'ouvre ; s'il n'y "
    "en a pas, F2 la rouvre. Les fichiers envoyés s'ajoutent à la liste ci-dessous "
    "(Entrée sur l'un d'eux le choisit). Échap : annuler."
)


def served_folder() -> Path | None:
    """The one folder a served session's picker shows, or None (none was given)."""
    from anef_tui.serve import PIECES_VARIABLE

    value = os.environ.get(PIECES_VARIABLE, "")
    if not value:
        return None
    folder = Path(value)
    return folder if folder.is_dir() else None


class FilePickerScreen(ModalScreen):
    """Returns the chosen file, or None. Starts in `start` (home or the last folder used).

    With `multiple=True` each chosen file is added to a list and Ctrl+S returns the list (in
    the order chosen), e.g. the pages of a passport to assemble into one PDF.
    """

    BINDINGS = [
        Binding("escape", "cancel", "Annuler", id="picker.cancel"),
        Binding("f2", "send_from_here", "Envoyer depuis ce poste", id="picker.send"),
        Binding("f4", "parent", "Dossier parent", id="picker.parent"),
        Binding("f6", "focus_path", "Taper un chemin", id="picker.path"),
        Binding("f7", "focus_tree", "Parcourir les dossiers", id="picker.tree"),
        Binding("ctrl+s", "finish", "Terminer la sélection", id="picker.finish"),
    ]

    def __init__(
        self, start: Path, *, title: str = "Joindre un document", multiple: bool = False
    ) -> None:
        super().__init__()
        from anef_tui.ui.served import served

        #: Served: the only folder shown (None: no folder was given, nothing is shown).
        self.root: Path | None = None
        self.confined = served()
        #: Served with a folder of its own: the worker's files come from the browser.
        self.uploads = False
        if self.confined:
            self.root = served_folder()
            from anef_tui.serve import UPLOAD_VARIABLE

            self.uploads = self.root is not None and os.environ.get(UPLOAD_VARIABLE) == "1"
            start = self.root if self.root is not None else Path("/nonexistent")
        self.start = start if start.is_dir() or self.confined else Path.home()
        self.title_text = title
        self.multiple = multiple
        self.chosen: list[Path] = []

    def compose(self) -> ComposeResult:
        if self.confined and self.root is None:
            with Vertical(classes="dialog", id="picker"):
                yield Label(self.title_text, classes="dialog-title", markup=False)
                yield Static(NO_SERVED_FOLDER, id="no-folder", markup=False)
            return
        if self.uploads:
            with Vertical(classes="dialog", id="picker"):
                yield Label(self.title_text, classes="dialog-title", markup=False)
                yield Static(FROM_THE_BROWSER, classes="hint", markup=False)
                yield Input(str(self.start), id="path")
                yield ErrorLine(id="picker-error")
                if self.multiple:
                    yield Static("Aucune page choisie. Choisissez les images dans l'ordre "
                                 "des pages, puis Ctrl+S.", id="chosen")
                yield FileTree(self.start, id="tree")
            return
        with Vertical(classes="dialog", id="picker"):
            yield Label(self.title_text, classes="dialog-title", markup=False)
            yield Static(
                "Tapez ou collez le chemin du fichier puis Entrée, ou descendez (↓) dans la "
                "liste : Entrée ouvre un dossier ou choisit un fichier ; F4 : dossier parent ; "
                "F6 : chemin ; Échap : annuler.",
                classes="hint",
            )
            yield Input(str(self.start), id="path", placeholder="/chemin/vers/le/fichier.pdf")
            yield ErrorLine(id="picker-error")
            if self.multiple:
                yield Static(
                    "Aucune page choisie. Choisissez les images dans l'ordre des pages, "
                    "puis Ctrl+S.",
                    id="chosen",
                )
            yield FileTree(self.start, id="tree")

    def on_mount(self) -> None:
        if self.confined and self.root is None:
            return
        self.query_one("#picker-error", Static).display = False
        self.query_one("#path", Input).focus()
        if self.uploads:
            self.action_send_from_here()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "send_from_here":
            return self.uploads  # the key is not offered elsewhere
        return super().check_action(action, parameters)

    def action_send_from_here(self) -> None:
        """Served: the browser's own file dialog, on the worker's computer (its files come
        to this session's folder, `file_arrived`)."""
        if not self.uploads:
            return
        from anef_tui.serve.depot import CHOOSE
        from anef_tui.serve.driver import tell_server

        tell_server({"type": CHOOSE})

    def file_arrived(self, name: str) -> None:
        """A file sent from the browser is in the folder: the list shows it, and it is
        chosen (as if picked in the list)."""
        if self.root is None:
            return
        path = self.root / name
        self.query_one("#tree", FileTree).reload()
        if path.is_file():
            self._choose(path)

    def _outside(self, path: Path) -> bool:
        """Served: whether `path` (links followed) is outside the one folder shown; said."""
        if not self.confined or self.root is None:
            return False
        try:
            inside = path.resolve().is_relative_to(self.root.resolve())
        except (OSError, ValueError, RuntimeError):
            inside = False
        if not inside:
            self._error(
                f"Dans un navigateur, les fichiers se choisissent dans le dossier d'arrivée "
                f"« {display_path(self.root)} » seulement.")
        return not inside

    def on_key(self, event) -> None:
        # ↓ from the path field goes down into the folder list.
        if event.key == "down" and self.focused is self.query_one("#path", Input):
            self.action_focus_tree()
            event.stop()

    def _error(self, message: str) -> None:
        error = self.query_one("#picker-error", Static)
        error.update(message)
        error.display = True

    def _goto(self, folder: Path) -> None:
        if self._outside(folder):
            return
        tree = self.query_one("#tree", FileTree)
        tree.path = folder
        self.query_one("#path", Input).value = str(folder)
        self.query_one("#picker-error", Static).display = False
        tree.focus()

    @on(DirectoryTree.FileSelected, "#tree")
    def _file_selected(self, event: DirectoryTree.FileSelected) -> None:
        event.stop()
        self._choose(Path(event.path))

    def _choose(self, path: Path) -> None:
        if self._outside(path):
            return
        if not self.multiple:
            self.dismiss(path)
            return
        self.chosen.append(path)
        lines = [f"{i}. {display_name(p)}" for i, p in enumerate(self.chosen, start=1)]
        self.query_one("#chosen", Static).update(
            "Pages choisies (Ctrl+S pour assembler) :\n" + "\n".join(lines)
        )

    def action_finish(self) -> None:
        if self.multiple and self.chosen:
            self.dismiss(list(self.chosen))
        elif self.multiple:
            self._error("Choisissez au moins une image avant Ctrl+S.")

    @on(DirectoryTree.DirectorySelected, "#tree")
    def _dir_selected(self, event: DirectoryTree.DirectorySelected) -> None:
        self.query_one("#path", Input).value = str(event.path)
        self._refused(Path(event.path))  # the list would show it empty, saying nothing

    def _refused(self, folder: Path) -> bool:
        """Say why `folder` cannot be opened (no rights, vanished…); False if it can."""
        try:
            with os.scandir(folder):
                pass
        except OSError as exc:
            self._error(
                f"Le dossier « {display_path(folder)} » ne peut pas être ouvert "
                f"({reason(exc)}) : {advice(exc)}, ou choisissez un autre dossier."
            )
            return True
        self.query_one("#picker-error", Static).display = False
        return False

    @on(Input.Submitted, "#path")
    def _path_typed(self, event: Input.Submitted) -> None:
        raw = event.value.strip().strip("'\"")
        if not raw:
            return
        path = Path(raw).expanduser()
        if not path.is_absolute():
            # A bare name (« scan.pdf ») or a relative path: in the folder the list shows,
            # not in the folder anef-tui was started from.
            path = Path(self.query_one("#tree", FileTree).path) / path
        try:
            is_dir, exists = path.is_dir(), path.exists()
        except OSError as exc:  # a name too long…
            self._error(
                f"« {display_path(raw)} » ne peut pas être ouvert ({reason(exc)}) : "
                f"{advice(exc)}."
            )
            return
        except ValueError:  # a NUL character
            self._error(f"« {display_path(raw)} » n'est pas un chemin valide : vérifiez-le.")
            return
        if is_dir:
            if not self._refused(path):
                self._goto(path)
        elif exists:
            self._choose(path)
            event.input.value = ""
        else:
            self._error(
                f"« {display_path(raw)} » est introuvable : vérifiez le chemin ou choisissez le "
                "fichier dans la liste."
            )

    def action_parent(self) -> None:
        if self.confined and self.root is None:
            return
        tree = self.query_one("#tree", FileTree)
        current = Path(tree.path)
        if self.root is not None and current.resolve() == self.root.resolve():
            return  # served: nothing above the folder of incoming files
        if current.parent != current:
            self._goto(current.parent)

    def action_focus_path(self) -> None:
        if not (self.confined and self.root is None):
            self.query_one("#path", Input).focus()

    def action_focus_tree(self) -> None:
        if not (self.confined and self.root is None):
            self.query_one("#tree", FileTree).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)
