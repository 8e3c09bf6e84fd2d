"""The key of a data folder for the command line and the plain mode (issue 23).

An encrypted folder (`coffre.cle`) is opened with the passphrase: from the file named by
ANEF_TUI_PHRASE_FILE (scripts and tests), else typed at the terminal without echo (getpass,
on the controlling terminal: a screen reader reads the prompt; the phrase is never shown).
A wrong one is said in French, the next try waits longer, nothing is written. A new folder
gets its passphrase chosen twice and its recovery key shown once; `anef-tui demo` on a new
folder makes a demonstration folder, kept plain. Without a terminal and without the file,
a French sentence says what to do.

The full-screen interface asks with its own screens (`ui/vault/`); it comes here only when
ANEF_TUI_PHRASE_FILE is set.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

from anef_tui.vault import door
from anef_tui.vault.errors import VaultError
from anef_tui.vault.folder import CHOICE_DEMO, FolderKind, folder_kind, record_plain_choice
from anef_tui.vault.keyfile import key_file_path
from anef_tui.vault.keys import VaultKey
from anef_tui.vault.phrase_file import phrase_file_path, read_phrase_file

#: Tries at the terminal before the command gives up (each wrong one waits longer).
MAX_TRIES = 5


class NeedsTerminal(VaultError):
    """No terminal to type the passphrase in, and no ANEF_TUI_PHRASE_FILE."""


class NoPhraseTyped(VaultError):
    """The input ended before a passphrase was typed (Ctrl+D)."""

    def __init__(self) -> None:
        super().__init__("Aucune phrase secrète tapée : rien n'a été ouvert ni modifié.")


def _locked() -> NeedsTerminal:
    return NeedsTerminal(
        "Ce dossier de données est chiffré : lancez la commande dans un terminal pour taper "
        "la phrase secrète, ou nommez un fichier privé qui la contient avec "
        "ANEF_TUI_PHRASE_FILE (pour un script)."
    )


def _new() -> NeedsTerminal:
    return NeedsTerminal(
        "Ce dossier de données est neuf : lancez « anef-tui » dans un terminal pour choisir "
        "sa phrase secrète (ou nommez un fichier privé qui la contient avec "
        "ANEF_TUI_PHRASE_FILE, pour un script)."
    )


Ask = door.Ask
Say = door.Say


def _say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def key_for(data_dir: Path, *, command: str | None, ask: Ask | None = None,
            say: Say = _say, can_ask: bool | None = None,
            sleep: Callable[[float], None] = time.sleep) -> VaultKey | None:
    """The key to open `data_dir` with, None for a plain folder (VaultError otherwise).

    command: the subcommand (None for the full-screen app, which asks on its own screens
    unless ANEF_TUI_PHRASE_FILE is set: then None is returned here for a folder the screens
    must handle — see `app_needs_door`)."""
    kind = folder_kind(data_dir)
    if kind.plain:
        return None
    phrase_file = phrase_file_path()
    if kind is FolderKind.NEW and command == "demo":
        from anef_tui.paths import ensure_data_dir

        ensure_data_dir(data_dir)
        record_plain_choice(data_dir, CHOICE_DEMO)
        return None
    if phrase_file is not None:
        phrase = read_phrase_file(phrase_file)
        if kind is FolderKind.ENCRYPTED:
            from anef_tui.vault.keys import unlock_with_passphrase

            return resume_conversion(
                data_dir, unlock_with_passphrase(key_file_path(data_dir), phrase), say)
        return _create(data_dir, phrase, say)
    if can_ask is None:
        can_ask = door.at_a_terminal()
    if not can_ask:
        raise _locked() if kind is FolderKind.ENCRYPTED else _new()
    ask = ask or door.ask_without_echo
    try:
        if kind is FolderKind.ENCRYPTED:
            return resume_conversion(
                data_dir, door.unlock_by_asking(data_dir, ask, say, sleep, max_tries=MAX_TRIES),
                say)
        return _create_typed(data_dir, ask, say)
    except EOFError:
        raise NoPhraseTyped() from None


def resume_conversion(data_dir: Path, key: VaultKey, say: Say = _say) -> VaultKey:
    """An interrupted conversion of this folder is finished before anything opens it."""
    from anef_tui.vault.conversion import conversion_pending, encrypt_folder, overwrite_caveat

    if conversion_pending(data_dir):
        say("Un chiffrement interrompu de ce dossier de données reprend…")
        encrypt_folder(data_dir, key)
        say(overwrite_caveat())
    return key


def _create(data_dir: Path, phrase: str, say: Say) -> VaultKey:
    from anef_tui.paths import ensure_data_dir
    from anef_tui.vault.keys import create

    ensure_data_dir(data_dir)
    created = create(key_file_path(data_dir), phrase)
    for line in door.recovery_sheet(created, data_dir):
        say(line)
    return created.key


def _create_typed(data_dir: Path, ask: Ask, say: Say) -> VaultKey:
    say(door.CREATE_INTRO)
    key = _create(data_dir, door.new_phrase_by_asking(ask, say), say)
    ask(COPIED_PROMPT)  # the recovery key stays before the person until it is copied
    return key


COPIED_PROMPT = "Appuyez sur Entrée quand la clé de secours est recopiée"


def phrase_file_set() -> bool:
    return phrase_file_path() is not None
