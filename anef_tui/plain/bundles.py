"""A dossier handed over in the plain mode (issue 24 item 4): « exporter N » writes its
bundle into the exports folder and says the phrase once; « importer CHEMIN » asks the
phrase (without echo at a terminal; a line through a pipe), says what the bundle holds, and
imports it after « oui »."""

from __future__ import annotations

import time

from anef_tui.display import display_path
from anef_tui.oserrors import error_message
from anef_tui.plain import commands
from anef_tui.plain.commands import Command
from anef_tui.plain.context import Context
from anef_tui.plain.text import NO, YES, choices_line, pick
from anef_tui.store.db import StoreError

HELP = [
    "exporter N : exporter le dossier N dans un paquet chiffré, pour un autre poste ;",
    "importer CHEMIN : importer un dossier d'un paquet chiffré ;",
]
ASK_PHRASE = "Phrase du paquet (8 groupes de 4 caractères, donnée à l'export) :"
#: Failed phrases in this session, for the growing wait (as the vault's unlock).
_FAILURES: list[float] = []


def export(ctx: Context, dossier_id: int) -> None:
    from anef_tui.bundle import export_dossier, shown_phrase

    io = ctx.io
    try:
        exported = export_dossier(ctx.store.database, dossier_id)
    except OSError as exc:
        io.say(error_message(exc, ctx.data_dir / "exports"))
        return
    io.say(f"Paquet du dossier n° {dossier_id} écrit dans le dossier des exports : "
           f"{display_path(exported.path)}",
           f"Phrase du paquet, dite une seule fois : {shown_phrase(exported.phrase)}",
           "Notez-la maintenant et donnez-la séparément du paquet : elle n'est gardée nulle "
           "part, et sans elle le paquet ne peut pas être ouvert.")


def _phrase(ctx: Context) -> str | None:
    """The bundle's phrase: at a terminal, typed without echo (as the vault's passphrase);
    through a pipe (a script), a line. None: nothing typed, or a command instead."""
    import sys

    from anef_tui.vault import door

    if ctx.io.stdin is getattr(sys.stdin, "buffer", None) and door.at_a_terminal():
        try:
            return door.ask_without_echo("Phrase")
        except EOFError:
            return None
    answer = commands.parse(ctx.io.ask())
    return None if isinstance(answer, Command) else answer


def bring(ctx: Context, typed_path: str) -> None:
    from pathlib import Path

    from anef_tui.bundle import WrongBundlePhrase, import_bundle, open_bundle
    from anef_tui.vault.passphrase import wait_after

    io = ctx.io
    path = Path(typed_path.strip()).expanduser()
    io.say(ASK_PHRASE)
    answer = _phrase(ctx)
    if answer is None or not answer.strip():
        io.say("Rien n'a été importé.")
        return
    if _FAILURES:
        wait = wait_after(len(_FAILURES)) - (time.monotonic() - _FAILURES[-1])
        if wait > 0:
            io.say(f"Phrase refusée il y a peu : patientez {int(wait) + 1} s, puis retapez "
                   "la commande. Rien n'a été importé.")
            return
    try:
        opened = open_bundle(path, answer)
    except WrongBundlePhrase as exc:
        _FAILURES.append(time.monotonic())
        io.say(str(exc))
        return
    except StoreError as exc:
        io.say(str(exc))
        return
    _FAILURES.clear()
    io.say("Importer ce dossier ?", *opened.summary_lines(), *choices_line([YES, NO]))
    choice = commands.parse(io.ask())
    if isinstance(choice, Command) or pick(choice, [YES, NO]) != YES:
        io.say("Rien n'a été importé.")
        return
    try:
        new_id = import_bundle(ctx.store.database, opened)
    except OSError as exc:
        io.say(error_message(exc, ctx.data_dir))
        return
    io.say(f"Dossier importé : n° {new_id}. Tapez {new_id} pour l'ouvrir.")
