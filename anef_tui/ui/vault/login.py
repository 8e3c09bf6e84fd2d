"""The login before « Mes dossiers » when the base has accounts (issue 25): a name and a
passphrase, in the style of the vault's door (labels above the fields, no placeholder, the
refusal said in words, a growing wait after refusals); then, for a passphrase a référent
gave, the worker's own chosen (typed twice). The main app shows it as its first screen: no
data is read before it is passed (`AnefApp.get_default_screen`)."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message

from anef_tui.accounts import words
from anef_tui.accounts.errors import AccountDisabled, LoginRefused
from anef_tui.serve import tries
from anef_tui.ui.vault.base import VaultScreen, text
from anef_tui.ui.vault.choose import PhraseChoice
from anef_tui.ui.widgets.plain import Input, Label, Static
from anef_tui.vault import door

if TYPE_CHECKING:
    from pathlib import Path

    from anef_tui.accounts.session import Session
    from anef_tui.store.database import Database


class LoggedIn(Message):
    """A worker passed the login (and chose their passphrase if it was a référent's)."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session


class LoginScreen(VaultScreen):
    """« Nom de compte », « Phrase secrète » → `LoggedIn`; Échap quits."""

    TITLE_TEXT = words.LOGIN_TITLE
    FIRST_FOCUS = "account"
    BINDINGS = [Binding("escape", "leave", "Quitter")]

    def __init__(self, database: Database, data_dir: Path) -> None:
        super().__init__(data_dir)
        self.database = database
        self.failures = tries.earlier_refusals()  # served: the server's count (issue 26)

    def body(self) -> ComposeResult:
        yield Static(text(words.LOGIN_INTRO))
        yield Label(words.NAME_PROMPT)
        yield Input(id="account")
        yield Label(words.PHRASE_PROMPT)
        yield Input(password=True, id="phrase")
        yield Static(text(words.FORGOTTEN))
        yield Static("", id="message", classes="vault-message")

    @on(Input.Submitted, "#account")
    def next_field(self) -> None:
        self.query_one("#phrase", Input).focus()

    @on(Input.Submitted, "#phrase")
    async def try_login(self) -> None:
        from anef_tui.accounts.login import login
        from anef_tui.store.journal.actor import APPLICATION
        from anef_tui.vault.passphrase import wait_after

        name_field = self.query_one("#account", Input)
        field = self.query_one("#phrase", Input)
        if not name_field.value.strip():
            self.say("Tapez votre nom de compte, puis votre phrase secrète.")
            name_field.focus()
            return
        if not field.value.strip():
            self.say("Tapez votre phrase secrète, puis Entrée.")
            return
        name_field.disabled = field.disabled = True
        self.say("Vérification…")
        try:
            session = await asyncio.to_thread(login, self.database, name_field.value,
                                              field.value, front_end=APPLICATION)
        except (LoginRefused, AccountDisabled) as exc:
            self.failures += 1
            tries.refused()
            field.value = ""
            wait = wait_after(self.failures)
            if wait:
                self.say(f"{exc} {door.wait_line(wait)}")
                self.set_timer(wait, self._ready)
            else:
                self.say(str(exc))
                self._ready()
            return
        tries.passed()
        if session.must_change:
            def chosen(changed: Session | None) -> None:
                if changed is not None:
                    self.post_message(LoggedIn(changed))

            self.app.push_screen(OwnPhraseScreen(self.data_dir, self.database, session),
                                 chosen)
            return
        self.post_message(LoggedIn(session))

    def _ready(self) -> None:
        name_field = self.query_one("#account", Input)
        field = self.query_one("#phrase", Input)
        name_field.disabled = field.disabled = False
        field.focus()

    def action_leave(self) -> None:
        self.app.exit(None)


class OwnPhraseScreen(PhraseChoice):
    """The worker's own passphrase in place of the one a référent gave (or at any time,
    from the palette: « Changer ma phrase secrète »)."""

    TITLE_TEXT = "anef-tui — Votre phrase secrète"
    INTRO = words.FIRST_CHANGE

    def __init__(self, data_dir: Path, database: Database, session: Session, *,
                 first: bool = True) -> None:
        super().__init__(data_dir)
        self.database = database
        self.session = session
        self.first = first
        if not first:
            self.INTRO = ("Choisissez votre nouvelle phrase secrète : l'ancienne ne servira "
                          "plus.")

    async def chosen(self, phrase: str) -> None:
        from anef_tui.accounts.manage import change_own_passphrase

        changed = await asyncio.to_thread(change_own_passphrase, self.database, self.session,
                                          phrase)
        self.app.notify(words.CHANGED, title="Phrase secrète", markup=False)
        self.dismiss(changed)

    def action_leave(self) -> None:
        if self.first:
            self.app.exit(None)
        else:
            self.dismiss(None)


class AccountLockScreen(VaultScreen):
    """The lock of a base with accounts (Ctrl+L, the idle time): the logged-in worker's
    passphrase again, over every screen; no Échap (Ctrl+Q still quits, saving what was
    typed)."""

    TITLE_TEXT = "anef-tui — Verrouillé"
    FIRST_FOCUS = "phrase"

    def __init__(self, database: Database, data_dir: Path, session: Session) -> None:
        super().__init__(data_dir)
        self.database = database
        self.session = session
        self.failures = tries.earlier_refusals()  # served: the server's count (issue 26)

    def body(self) -> ComposeResult:
        yield Static(text(
            "anef-tui est verrouillé : les dossiers sont cachés. Tapez la phrase secrète du "
            f"compte « {self.session.login} » pour reprendre là où vous en étiez ; ce qui "
            "était en cours de saisie est gardé."))
        yield Label(words.PHRASE_PROMPT)
        yield Input(password=True, id="phrase")
        yield Static(text(words.FORGOTTEN))
        yield Static("", id="message", classes="vault-message")

    @on(Input.Submitted, "#phrase")
    async def try_phrase(self) -> None:
        from anef_tui.accounts.login import login
        from anef_tui.store.journal.actor import APPLICATION
        from anef_tui.vault.passphrase import wait_after

        field = self.query_one("#phrase", Input)
        if not field.value.strip():
            self.say("Tapez votre phrase secrète, puis Entrée.")
            return
        field.disabled = True
        self.say("Vérification…")
        try:
            await asyncio.to_thread(login, self.database, self.session.login, field.value,
                                    front_end=APPLICATION)
        except (LoginRefused, AccountDisabled) as exc:
            self.failures += 1
            tries.refused()
            field.value = ""
            wait = wait_after(self.failures)
            self.say(f"{exc} {door.wait_line(wait)}" if wait else str(exc))
            self.set_timer(wait or 0.01, self._ready)
            return
        tries.passed()
        self.dismiss(None)

    def _ready(self) -> None:
        field = self.query_one("#phrase", Input)
        field.disabled = False
        field.focus()
