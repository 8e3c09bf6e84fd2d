"""Abandon a draft dossier in plain lines, after an explicit « Oui » (the full-screen app's F8
on « Mes dossiers » or on a step): its answers and files are deleted from this computer."""

from __future__ import annotations

from anef_tui.plain import commands
from anef_tui.plain.commands import Command
from anef_tui.plain.context import Context
from anef_tui.plain.text import NO, YES, choices_line, pick
from anef_tui.store.db import StoreError


class Abandoned(Exception):
    """The dossier of the session was abandoned: back to « Mes dossiers »."""


def abandon(ctx: Context, dossier_id: int) -> bool:
    """Ask, then abandon; say what happened. Return whether the dossier is gone."""
    io = ctx.io
    try:
        summary = ctx.store.get(dossier_id).summary
    except StoreError:
        io.say(f"Aucun dossier n° {dossier_id}.")
        return False
    if not summary.status.editable:
        io.say(f"Ce dossier est « {summary.status.label} » : il ne peut plus être abandonné ici.")
        return False
    name = summary.applicant_name or "(sans nom)"
    io.say(
        "Abandonner la demande",
        f"Abandonner la demande de {name} ? Ses réponses et ses pièces jointes seront "
        "supprimées de cet ordinateur. Cette action est définitive.",
        *choices_line([YES, NO]),
    )
    answer = commands.parse(io.ask())
    if isinstance(answer, Command) or pick(answer, [YES, NO]) != YES:
        io.say("Rien n'est abandonné.")
        return False
    try:
        ctx.store.abandon(dossier_id)
    except StoreError as exc:
        io.say(str(exc))
        return False
    io.say(f"La demande de {name} a été abandonnée.")
    return True
