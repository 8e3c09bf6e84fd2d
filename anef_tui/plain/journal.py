"""The journal in the plain mode (issue 24): who acts (the worker's name, asked once per
desk, « aidant » to change it) and « journal N » (a dossier's entries, a page at a time,
« exporter » to write them into the exports folder)."""

from __future__ import annotations

from anef_tui.oserrors import error_message
from anef_tui.plain import commands
from anef_tui.plain.commands import Command
from anef_tui.plain.context import Context
from anef_tui.store.db import StoreError

#: Entries read at a time.
PAGE = 10

ASK_NAME = "Votre nom (aidant), noté dans le journal des dossiers (Entrée : plus tard) :"


def act_as(ctx: Context, name: str) -> None:
    from anef_tui.store.journal.actor import PLAIN, Actor

    ctx.store.database.actor = Actor(name, PLAIN)


#: Said for « aidant » when the base has accounts: the name is the account's.
ACCOUNT_NAME = ("Cette base a des comptes : le journal note le compte connecté "
                "({name}).")


def start(ctx: Context, given: str | None, *, ask: bool) -> None:
    """Who acts: `given` (--aidant, $ANEF_TUI_AIDANT), else the folder's name (a
    demonstration folder has its own); with `ask` (a person at a terminal) and none, the
    name is asked once and kept."""
    from anef_tui.preferences import DEMO_WORKER, worker_name
    from anef_tui.store.journal.actor import clean_name
    from anef_tui.vault.folder import FolderKind, folder_kind

    data_dir = ctx.store.data_dir
    name = clean_name(given or "") or worker_name(data_dir)
    if not name and folder_kind(data_dir) is FolderKind.DEMO:
        name = DEMO_WORKER
    act_as(ctx, name)
    if ask and not name:
        change(ctx, "")


def change(ctx: Context, typed: str) -> None:
    """« aidant NOM », or « aidant » then the name asked: kept for this data folder."""
    from anef_tui.preferences import save_worker_name

    io = ctx.io
    if ctx.session is not None:
        io.say(ACCOUNT_NAME.format(name=ctx.session.login))
        return
    if not typed.strip():
        current = ctx.store.database.actor.name
        if current:
            io.say(f"Nom de l'aidant actuel : {current}.")
        io.say(ASK_NAME)
        answer = commands.parse(io.ask())
        if isinstance(answer, Command) or not answer.strip():
            io.say("Nom de l'aidant inchangé.")
            return
        typed = answer
    try:
        kept = save_worker_name(ctx.store.data_dir, typed)
    except ValueError as exc:
        io.say(str(exc))
        return
    except OSError as exc:
        io.say(f"Le nom n'a pas pu être enregistré. {error_message(exc)}")
        return
    act_as(ctx, kept)
    io.say(f"Nom de l'aidant enregistré : {kept}.")


def show(ctx: Context, dossier_id: int) -> None:
    """The dossier's entries, oldest first, PAGE at a time; « exporter » writes them."""
    from anef_tui.store.journal import dossier_entries
    from anef_tui.store.journal.imported import HEADING, imported_entries

    io = ctx.io
    brought = imported_entries(ctx.store.database, dossier_id)
    if brought:
        io.say(f"{HEADING} : {len(brought)} entrée{'s' if len(brought) > 1 else ''}.")
        for entry in brought:
            io.say(f"{entry.seq}. {entry.line()}")
    entries = dossier_entries(ctx.store.database, dossier_id)
    count = len(entries)
    io.say(f"Journal du dossier n° {dossier_id}{' sur ce poste' if brought else ''} : "
           f"{count} entrée{'s' if count > 1 else ''}, de la plus ancienne à la plus récente.")
    offset = 0
    while True:
        for entry in entries[offset:offset + PAGE]:
            io.say(f"{entry.seq}. {entry.line()}")
        offset += PAGE
        more = offset < count
        hint = ([f"« suite » : les {min(PAGE, count - offset)} suivantes"] if more else [])
        hint += ["« exporter » : écrire le journal dans le dossier des exports",
                 "Entrée : revenir"]
        io.say(" ; ".join(hint) + ".")
        answer = commands.parse(io.ask())
        word = "" if isinstance(answer, Command) else answer.strip().lower()
        if word in ("suite", "s") and more:
            continue
        if word == "exporter":
            export(ctx, dossier_id)
        return


def export(ctx: Context, dossier_id: int) -> None:
    from anef_tui.display import display_path
    from anef_tui.store.journal import export_journal

    try:
        path = export_journal(ctx.store.database, dossier_id)
    except OSError as exc:
        ctx.io.say(f"Le journal n'a pas pu être exporté. {error_message(exc)}")
        return
    except StoreError as exc:
        ctx.io.say(str(exc))
        return
    ctx.io.say(f"Journal exporté en clair : {display_path(path)}")
