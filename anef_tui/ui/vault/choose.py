"""A passphrase chosen (typed twice, its strength said in words, the rules' problems
listed): for a new vault — whose recovery key is then shown once — or in place of the
current one."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding

from anef_tui.ui.served import served
from anef_tui.ui.vault.base import Opened, VaultScreen, readable, text
from anef_tui.ui.widgets.plain import Input, Label, Static
from anef_tui.vault import door
from anef_tui.vault.errors import VaultError
from anef_tui.vault.keyfile import KdfParams
from anef_tui.vault.keys import Created, VaultKey


class PhraseChoice(VaultScreen):
    """Choose a passphrase: typed twice, its strength said in words, the rules' problems
    listed. `chosen(phrase)` is what the subclass does with it."""

    BINDINGS = [Binding("escape", "leave", "Quitter")]
    INTRO = door.CREATE_INTRO
    FIRST_FOCUS = "phrase"

    def body(self) -> ComposeResult:
        yield Static(text(self.INTRO))
        yield Static(text(door.RULES))
        yield Label(door.PASSPHRASE_PROMPT)
        yield Input(password=True, id="phrase")
        yield Static(text(door.strength_line("—")), id="strength")
        yield Label(door.PASSPHRASE_AGAIN_PROMPT)
        yield Input(password=True, id="again")
        yield Static("", id="message", classes="vault-message")
        yield from self.extra()

    def extra(self) -> ComposeResult:
        yield from ()

    @on(Input.Changed, "#phrase")
    def show_strength(self, event: Input.Changed) -> None:
        from anef_tui.vault.passphrase import assess

        if not event.value:
            self.say(door.strength_line("—"), "strength")
            return
        found = assess(event.value)
        lines = [door.strength_line(found.strength)]
        lines += [f"Refusée : {problem}." for problem in found.problems]
        self.say("\n".join(lines), "strength")

    @on(Input.Submitted, "#phrase")
    def next_field(self) -> None:
        self.query_one("#again", Input).focus()

    @on(Input.Submitted, "#again")
    async def submit(self) -> None:
        from anef_tui.vault.passphrase import assess

        first = self.query_one("#phrase", Input)
        again = self.query_one("#again", Input)
        found = assess(first.value)
        if not found.accepted:
            self.say("La phrase secrète est refusée : " + " ; ".join(found.problems) + ".")
            first.focus()
            return
        if again.value != first.value:
            again.value = ""
            self.say(door.MISMATCH)
            again.focus()
            return
        first.disabled = again.disabled = True
        self.say("Enregistrement…")
        try:
            await self.chosen(first.value)
        except VaultError as exc:
            first.disabled = again.disabled = False
            self.say(str(exc))
            first.focus()

    async def chosen(self, phrase: str) -> None:  # pragma: no cover - each subclass's
        raise NotImplementedError

    def action_leave(self) -> None:
        self.app.exit(None)


class RecoveryShownScreen(VaultScreen):
    """The recovery key, shown once, to copy on paper."""

    TITLE_TEXT = "anef-tui — Clé de secours"
    FIRST_FOCUS = "sheet"
    BINDINGS = [
        Binding("enter", "copied", "J'ai recopié la clé", priority=True),
        Binding("f5", "export", "L'exporter pour l'imprimer"),
    ]

    def __init__(self, data_dir: Path, created: Created) -> None:
        super().__init__(data_dir)
        self.created = created

    def body(self) -> ComposeResult:
        yield readable("\n".join(door.recovery_sheet(self.created, self.data_dir)), "sheet")
        yield Static(text("Quand elle est recopiée, appuyez sur Entrée. F5 : l'exporter dans "
                          "un fichier texte pour l'imprimer."), id="message",
                     classes="vault-message")

    def action_copied(self) -> None:
        self.dismiss(True)

    def action_export(self) -> None:
        """The sheet as a text file in the exports folder, to print: it opens every dossier,
        so the screen says to print it and then « Nettoyer les exports ». Served, it goes
        to the browser instead."""
        from anef_tui.display import display_path
        from anef_tui.store.exports import export_bytes

        sheet = "\n".join(door.recovery_sheet(self.created, self.data_dir)) + "\n"
        name = f"cle-de-secours-{self.created.key.vault_id[:8]}.txt"
        if served():  # issue 26: to the browser's computer, nothing plain on the server
            from anef_tui.ui.delivery import TEXT, Handout, send

            handout = Handout.for_browser(name, sheet.encode("utf-8"), mime_type=TEXT)
            send(self.app, handout)
            self.say(f"Envoyée au navigateur : {handout.name}. Imprimez-la, puis supprimez ce "
                     "fichier de l'ordinateur : il ouvre tous les dossiers. Entrée quand elle "
                     "est imprimée.")
            return
        path = export_bytes(self.data_dir, name, sheet.encode("utf-8"))
        self.say(f"Exportée dans {display_path(path)} : imprimez-la, puis supprimez ce fichier "
                 "(« Nettoyer les exports », Ctrl+P) : il ouvre tous les dossiers. Entrée "
                 "quand elle est imprimée.")


class NewPhraseScreen(PhraseChoice):
    """« Changer la phrase secrète »: the data key sealed under a new passphrase (nothing
    else is re-encrypted)."""

    TITLE_TEXT = "anef-tui — Changer la phrase secrète"
    INTRO = ("Choisissez la nouvelle phrase secrète. L'ancienne ne servira plus ; la clé de "
             "secours reste la même.")
    BINDINGS = [Binding("escape", "back", "Retour")]

    def __init__(self, data_dir: Path, key: VaultKey, *,
                 params: KdfParams | None = None) -> None:
        super().__init__(data_dir)
        self.key = key
        self.params = params

    async def chosen(self, phrase: str) -> None:
        from anef_tui.vault.keys import change_passphrase

        await asyncio.to_thread(change_passphrase, self.key_path, self.key, phrase,
                                self.params)
        self.app.notify("Nouvelle phrase secrète enregistrée.", title="Phrase secrète",
                        markup=False)
        self.dismiss(Opened(self.key))

    def action_back(self) -> None:
        self.dismiss(None)
