"""The passphrase typed to open an encrypted folder, and the recovery key when it is
forgotten (then a new passphrase is chosen)."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding

from anef_tui.serve import tries
from anef_tui.ui.vault.base import Opened, VaultScreen, text
from anef_tui.ui.widgets.plain import Input, Label, Static
from anef_tui.vault import door
from anef_tui.vault.errors import (
    KeyFileSwapped,
    MistypedRecoveryKey,
    VaultError,
    WrongPassphrase,
    WrongRecoveryKey,
)


class UnlockScreen(VaultScreen):
    """« Phrase secrète » → the key; F2 « Clé de secours » when it is forgotten."""

    TITLE_TEXT = "anef-tui — Ouvrir les dossiers chiffrés"
    FIRST_FOCUS = "phrase"
    BINDINGS = [
        Binding("f2", "recovery", "Clé de secours"),
        Binding("escape", "leave", "Quitter"),
    ]

    def __init__(self, data_dir: Path, *, intro: str = door.UNLOCK_INTRO,
                 expected_vault: str | None = None) -> None:
        super().__init__(data_dir)
        self.intro = intro
        self.failures = tries.earlier_refusals()  # served: the server's count (issue 26)
        #: For the idle lock: the key must be this vault's (another key file is refused).
        self.expected_vault = expected_vault

    def body(self) -> ComposeResult:
        yield Static(text(self.intro))
        yield Label(door.PASSPHRASE_PROMPT)
        yield Input(password=True, id="phrase")
        yield Static(text(door.WRONG_RECOVERY_HINT + " (F2)"))
        yield Static("", id="message", classes="vault-message")

    @on(Input.Submitted, "#phrase")
    async def try_phrase(self, event: Input.Submitted) -> None:
        from anef_tui.vault.keys import unlock_with_passphrase
        from anef_tui.vault.passphrase import wait_after

        field = event.input
        typed = field.value
        if not typed.strip():
            self.say("Tapez la phrase secrète, puis Entrée.")
            return
        field.disabled = True
        self.say("Vérification…")
        try:
            key = await asyncio.to_thread(unlock_with_passphrase, self.key_path, typed)
            if self.expected_vault is not None and key.vault_id != self.expected_vault:
                raise KeyFileSwapped(self.data_dir)
        except WrongPassphrase as exc:
            self.failures += 1
            tries.refused()
            field.value = ""
            wait = wait_after(self.failures)
            message = str(exc)
            if wait:
                message += " " + door.wait_line(wait)
                self.say(message)
                self.set_timer(wait, self._ready)
            else:
                self.say(message)
                self._ready()
            return
        except VaultError as exc:
            self.say(str(exc))
            self._ready()
            return
        tries.passed()
        self.dismiss(Opened(key))

    def _ready(self) -> None:
        field = self.query_one("#phrase", Input)
        field.disabled = False
        field.focus()

    def action_recovery(self) -> None:
        def done(result: Opened | None) -> None:
            if result is not None:
                self.dismiss(result)

        self.app.push_screen(RecoveryUnlockScreen(self.data_dir), done)

    def action_leave(self) -> None:
        self.app.exit(None)


class RecoveryUnlockScreen(VaultScreen):
    """The recovery key typed → a new passphrase chosen → the key."""

    TITLE_TEXT = "anef-tui — Ouvrir avec la clé de secours"
    FIRST_FOCUS = "recovery"
    BINDINGS = [Binding("escape", "back", "Retour")]

    def body(self) -> ComposeResult:
        yield Static(text(
            "Tapez la clé de secours imprimée à la création du coffre (8 groupes de 4 "
            "caractères ; majuscules ou minuscules, tirets ou espaces, peu importe). Vous "
            "choisirez ensuite une nouvelle phrase secrète."))
        yield Label(door.RECOVERY_PROMPT)
        yield Input(id="recovery")
        yield Static("", id="message", classes="vault-message")

    @on(Input.Submitted, "#recovery")
    def try_key(self, event: Input.Submitted) -> None:
        from anef_tui.vault.keys import unlock_with_recovery_key

        try:
            key = unlock_with_recovery_key(self.key_path, event.value)
        except (MistypedRecoveryKey, WrongRecoveryKey, VaultError) as exc:
            self.say(str(exc))
            return

        def done(result: Opened | None) -> None:
            if result is not None:
                self.dismiss(result)

        from anef_tui.ui.vault.choose import NewPhraseScreen

        self.app.push_screen(NewPhraseScreen(self.data_dir, key), done)

    def action_back(self) -> None:
        self.dismiss(None)
