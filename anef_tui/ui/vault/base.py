"""What the vault's screens share (issue 23): how the door ends (`Opened`), and a screen
with a title line, a scrolling body and the footer. The screens: `unlock` (the passphrase,
the recovery key), `choose` (a passphrase typed twice, the recovery key shown once), `folder`
(a new folder's vault or its plain choice after a warning, encrypting an old one). Each dismisses with its result;
`door.DoorApp` chains them before « Mes dossiers », `lock.LockScreen` reuses the unlock form.
The key derivation (argon2id, ~0.2 s) runs in a thread: the screens stay responsive.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen

from anef_tui.ui.screens.guarded import FaultBoundary
from anef_tui.ui.widgets.footer import Footer
from anef_tui.ui.widgets.plain import Static
from anef_tui.vault.keyfile import key_file_path
from anef_tui.vault.keys import VaultKey


@dataclass(frozen=True)
class Opened:
    """How the door was passed: the key of an encrypted folder, or None for a plain one."""

    key: VaultKey | None


def text(value: str) -> Text:
    """User-facing text as data, never markup."""
    return Text(value)


class VaultScreen(FaultBoundary, Screen):
    """What the vault's screens share: a title line, a scrolling body, the footer."""

    TITLE_TEXT = "anef-tui"
    #: The id of the widget the screen opens on (its field, or the text to read first).
    FIRST_FOCUS = ""
    DEFAULT_CSS = """
    VaultScreen VerticalScroll { padding: 0 2; }
    VaultScreen .vault-title { text-style: bold; padding: 0 2; }
    VaultScreen .vault-message { margin-top: 1; }
    VaultScreen Input { margin-bottom: 1; }
    """

    def __init__(self, data_dir: Path) -> None:
        super().__init__()
        self.data_dir = Path(data_dir)

    @property
    def key_path(self) -> Path:
        return key_file_path(self.data_dir)

    def compose(self) -> ComposeResult:
        yield Static(text(self.TITLE_TEXT), classes="vault-title")
        with VerticalScroll():
            yield from self.body()
        yield Footer()

    def on_mount(self) -> None:
        if self.FIRST_FOCUS:
            self.query_one(f"#{self.FIRST_FOCUS}").focus()

    def body(self) -> ComposeResult:  # pragma: no cover - every screen has its own
        yield from ()

    def say(self, message: str, widget_id: str = "message") -> None:
        self.query_one(f"#{widget_id}", Static).update(text(message))


def readable(words: str, widget_id: str) -> Static:
    """A text a screen without a field opens on: focusable, so that the focus (and the
    terminal cursor a screen reader follows) starts on it."""
    block = Static(text(words), id=widget_id)
    block.can_focus = True
    return block
