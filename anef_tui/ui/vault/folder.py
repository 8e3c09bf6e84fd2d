"""What a folder becomes at set-up: a new one gets its vault (a passphrase chosen, the
recovery key shown once) or is kept plain (only after a warning, and recorded); one made
before encryption existed is offered to be encrypted."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding

from anef_tui.ui.vault.base import Opened, VaultScreen, readable, text
from anef_tui.ui.vault.choose import PhraseChoice, RecoveryShownScreen
from anef_tui.ui.widgets.plain import Static
from anef_tui.vault import door
from anef_tui.vault.keyfile import KdfParams
from anef_tui.vault.keys import VaultKey


class CreateScreen(PhraseChoice):
    """A new folder: the passphrase chosen, the vault created, the recovery key shown.
    F3 keeps the folder plain after a warning (a desk without real data)."""

    TITLE_TEXT = "anef-tui — Protéger les dossiers par une phrase secrète"
    BINDINGS = [
        Binding("f3", "plain", "Sans chiffrement"),
        Binding("escape", "leave", "Quitter"),
    ]

    def __init__(self, data_dir: Path, *, params: KdfParams | None = None) -> None:
        super().__init__(data_dir)
        self.params = params

    async def chosen(self, phrase: str) -> None:
        from anef_tui.paths import ensure_data_dir
        from anef_tui.vault.folder import forget_plain_choice
        from anef_tui.vault.keys import create

        ensure_data_dir(self.data_dir)
        created = await asyncio.to_thread(create, self.key_path, phrase, self.params)
        forget_plain_choice(self.data_dir)

        def done(_: object) -> None:
            self.dismiss(Opened(created.key))

        self.app.push_screen(RecoveryShownScreen(self.data_dir, created), done)

    def action_plain(self) -> None:
        def done(result: Opened | None) -> None:
            if result is not None:
                self.dismiss(result)

        self.app.push_screen(PlainWarningScreen(self.data_dir), done)


class PlainWarningScreen(VaultScreen):
    """Keep real data plain: only after this warning, and recorded."""

    TITLE_TEXT = "anef-tui — Sans chiffrement ?"
    FIRST_FOCUS = "warning"
    BINDINGS = [
        Binding("f3", "keep_plain", "Garder sans chiffrement"),
        Binding("escape", "back", "Retour"),
    ]

    def body(self) -> ComposeResult:
        yield readable(door.PLAIN_WARNING, "warning")
        yield Static(text(
            "F3 : garder ce dossier de données sans chiffrement. Échap : revenir et choisir "
            "une phrase secrète."), id="message", classes="vault-message")

    def action_keep_plain(self) -> None:
        from anef_tui.paths import DataDirError, ensure_data_dir
        from anef_tui.vault.folder import CHOICE_PLAIN, record_plain_choice

        try:
            ensure_data_dir(self.data_dir)
            record_plain_choice(self.data_dir, CHOICE_PLAIN)
        except DataDirError as exc:
            self.say(str(exc))
            return
        except OSError as exc:
            from anef_tui.oserrors import error_text

            self.say(error_text(exc))
            return
        self.dismiss(Opened(None))

    def action_back(self) -> None:
        self.dismiss(None)


class ConvertOfferScreen(VaultScreen):
    """A folder made before encryption: encrypt it now (a passphrase, then the verified
    conversion), later (this start stays plain, and says so on every screen), or keep it
    plain for good after the warning."""

    TITLE_TEXT = "anef-tui — Chiffrer les dossiers existants"
    FIRST_FOCUS = "intro"
    BINDINGS = [
        Binding("f2", "encrypt", "Chiffrer maintenant"),
        Binding("f4", "later", "Plus tard"),
        Binding("f3", "plain", "Sans chiffrement"),
        Binding("escape", "leave", "Quitter"),
    ]

    def __init__(self, data_dir: Path, *, params: KdfParams | None = None) -> None:
        super().__init__(data_dir)
        self.params = params

    def body(self) -> ComposeResult:
        yield readable(door.CONVERT_INTRO, "intro")
        yield Static(text(
            "F2 : chiffrer maintenant. F4 : plus tard (les données restent lisibles). "
            "F3 : garder sans chiffrement."), id="message", classes="vault-message")

    def _finish(self, result: Opened | None) -> None:
        if result is not None:
            self.dismiss(result)

    def action_encrypt(self) -> None:
        self.app.push_screen(ConvertScreen(self.data_dir, params=self.params), self._finish)

    def action_later(self) -> None:
        self.dismiss(Opened(None))

    def action_plain(self) -> None:
        self.app.push_screen(PlainWarningScreen(self.data_dir), self._finish)

    def action_leave(self) -> None:
        self.app.exit(None)


class ConvertScreen(PhraseChoice):
    """The passphrase for the old folder, then its conversion (`ConversionScreen`), then
    the recovery key shown once."""

    TITLE_TEXT = "anef-tui — Chiffrer les dossiers existants"
    BINDINGS = [Binding("escape", "back", "Retour")]

    def __init__(self, data_dir: Path, *, params: KdfParams | None = None) -> None:
        super().__init__(data_dir)
        self.params = params

    async def chosen(self, phrase: str) -> None:
        from anef_tui.vault.keys import create

        created = await asyncio.to_thread(create, self.key_path, phrase, self.params)

        def shown(_: object) -> None:
            self.dismiss(Opened(created.key))

        def converted(done: object) -> None:
            if done:
                self.app.push_screen(RecoveryShownScreen(self.data_dir, created), shown)

        self.app.push_screen(ConversionScreen(self.data_dir, created.key), converted)

    def action_back(self) -> None:
        self.dismiss(None)


class ConversionScreen(VaultScreen):
    """The conversion running, step by step (`vault.conversion`), in a thread; also what
    an interrupted one resumes with after the passphrase. When done, it says what
    overwriting can and cannot do, and Entrée goes on (dismissed with True); a fault is said
    here, and the next start resumes where it stopped."""

    TITLE_TEXT = "anef-tui — Chiffrement des dossiers"
    FIRST_FOCUS = "intro"
    BINDINGS = [
        Binding("enter", "done", "Continuer", priority=True),
        Binding("escape", "leave", "Quitter"),
    ]
    STEPS = {"base": "la base des dossiers", "fichiers": "les pièces et les PDF",
             "sauvegardes": "les sauvegardes"}

    def __init__(self, data_dir: Path, key: VaultKey) -> None:
        super().__init__(data_dir)
        self.key = key
        self.running = True
        self.finished = False

    def body(self) -> ComposeResult:
        yield readable(
            "Chiffrement en cours : une copie chiffrée est faite et vérifiée, puis les "
            "fichiers en clair sont recouverts et supprimés. Si anef-tui est interrompu, il "
            "reprendra là où il s'est arrêté au prochain démarrage.", "intro")
        yield Static("", id="progress")
        yield Static("", id="message", classes="vault-message")

    def on_mount(self) -> None:
        super().on_mount()
        self.run_worker(self._convert(), exclusive=True, exit_on_error=False)

    async def _convert(self) -> None:
        from anef_tui.store.errors import StoreError
        from anef_tui.vault.conversion import encrypt_folder, overwrite_caveat
        from anef_tui.vault.folder import forget_plain_choice

        def progress(what: str, done: int, total: int) -> None:
            line = f"Chiffrement de {self.STEPS.get(what, what)} : {done} sur {total}"
            self.app.call_from_thread(self.say, line, "progress")

        try:
            await asyncio.to_thread(encrypt_folder, self.data_dir, self.key, progress=progress)
        except StoreError as exc:
            self.running = False
            self.say(f"{exc} Rien n'est perdu : relancez anef-tui, le chiffrement reprendra "
                     "là où il s'est arrêté.")
            return
        forget_plain_choice(self.data_dir)
        self.running = False
        self.finished = True
        self.say("Chiffrement terminé : tous les dossiers, pièces, PDF et sauvegardes sont "
                 "chiffrés.", "progress")
        self.say(f"{overwrite_caveat()}\n\nEntrée : continuer.")

    def action_done(self) -> None:
        if self.finished:
            self.dismiss(True)

    def action_leave(self) -> None:
        if not self.running:  # never while the thread converts: the next start resumes
            self.app.exit(None)
