"""The door before « Mes dossiers » (issue 23): a small app of its own, run before the main
one, that ends with the folder's key (or a plain folder chosen) — or with nothing when the
user leaves (Échap, Ctrl+Q).

Its own app rather than screens of `AnefApp`: the main app opens the store when it is built,
and the store needs the key. The door shares the main app's style sheet, themes and focus
colour, so it looks and reads the same.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.binding import Binding

from anef_tui.ui.errors import fault_message, fault_title, is_fault, unwrap
from anef_tui.ui.textual_private import AppHooks, exit_after_bug
from anef_tui.ui.themes import FocusVariable
from anef_tui.ui.vault.base import Opened, VaultScreen
from anef_tui.ui.vault.folder import ConversionScreen, ConvertOfferScreen, CreateScreen
from anef_tui.ui.vault.unlock import UnlockScreen
from anef_tui.vault.folder import FolderKind
from anef_tui.vault.keyfile import KdfParams


class DoorApp(FocusVariable, AppHooks, App[Opened | None]):
    """Unlock an encrypted folder, create the vault of a new one, or offer to encrypt an old
    plain one; exits with `Opened`, or None when the user left."""

    CSS_PATH = "../app.tcss"
    TITLE = "anef-tui"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [Binding("ctrl+q", "leave", "Quitter", priority=True)]

    def __init__(self, data_dir: Path, kind: FolderKind, *,
                 params: KdfParams | None = None) -> None:
        super().__init__()
        self.data_dir = Path(data_dir)
        self.kind = kind
        #: The key derivation's cost for a new vault (None: the defaults; tests pass cheap).
        self.params = params

    def on_mount(self) -> None:
        from anef_tui.preferences import load_preferences
        from anef_tui.ui.themes import HIGH_CONTRAST, known_theme

        self.register_theme(HIGH_CONTRAST)
        chosen = known_theme(load_preferences(self.data_dir).get("theme"))
        if chosen != self.theme:
            self.theme = chosen
        first: VaultScreen
        if self.kind is FolderKind.ENCRYPTED:
            first = UnlockScreen(self.data_dir)
        elif self.kind is FolderKind.PLAIN_OLD:
            first = ConvertOfferScreen(self.data_dir, params=self.params)
        else:
            first = CreateScreen(self.data_dir, params=self.params)
        self.push_screen(first, self._passed)

    def report_fault(self, error: BaseException) -> None:
        """A fault (a full disk, a damaged key file…): said in French where the user is;
        what was typed stays (the screens' fault boundary calls this)."""
        self.notify(fault_message(error), title=fault_title(error), severity="error",
                    timeout=15, markup=False)

    def handle_unexpected(self, error: Exception) -> bool:
        """As AnefApp's: a fault is a message; a bug a crash report without personal data
        and a clean exit with a French sentence, never a traceback."""
        if is_fault(error) and self.is_running:
            self.report_fault(unwrap(error))
            return True
        from rich.text import Text

        from anef_tui.crash import crash_message, write_report

        report = write_report(self.data_dir, unwrap(error))
        exit_after_bug(self, error, Text(crash_message(report)))
        return True

    def before_frame(self) -> None:
        """As AnefApp's: the terminal cursor on the focused field's next cell (a braille
        display and a screen reader follow it)."""
        from anef_tui.ui.cursor import cursor_cell

        focused = self.focused
        if focused is not None:
            cell = cursor_cell(focused)
            if cell is not None:
                self.cursor_position = cell

    def _passed(self, result: Opened | None) -> None:
        if result is None:
            return
        from anef_tui.vault.conversion import conversion_pending

        if result.key is not None and conversion_pending(self.data_dir):
            # An interrupted conversion: finished before anything opens the folder.
            self.push_screen(ConversionScreen(self.data_dir, result.key),
                             lambda done: self.exit(result) if done else None)
            return
        self.exit(result)

    def action_leave(self) -> None:
        self.exit(None)


def run_door(data_dir: Path, kind: FolderKind) -> Opened | None:
    """Run the door in this terminal; its result (None: the user left)."""
    return DoorApp(data_dir, kind).run()
