"""Abandon a draft dossier in plain lines, after an explicit « Oui » (the full-screen app's F8
on « Mes dossiers » or on a step): its answers and files are deleted from this computer."""

from __future__ import annotations

from anef_tui.documents.where import abandon_question
from anef_tui.oserrors import error_text
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
        abandon_question(name, ctx.store.database.on_server),
        *choices_line([YES, NO]),
    )
    answer = commands.parse(io.ask())
    if isinstance(answer, Command) or pick(answer, [YES, NO]) != YES:
        io.say("Rien n'est abandonné.")
        return False
    try:
        ctx.store.abandon(dossier_id)
    except StoreError as exc:
        io.say(error_text(exc))
        return False
    io.say(f"La demande de {name} a été abandonnée.")
    return True


def password_helper(ctx: Context) -> None:
    """The full-screen F5: a candidate password checked against the ANEF rule; nothing is
    kept (what is typed is shown on the line: type it where nobody reads over you)."""
    from anef_tui.domain.rules import password_checklist

    io = ctx.io
    io.say("Aide au choix du mot de passe ANEF",
           "Rien de ce que vous tapez ici n'est enregistré : anef-tui ne garde jamais de mot "
           "de passe. Créez-le ensuite vous-même sur le site de l'ANEF.",
           "Format attendu : au moins 8 caractères, une majuscule, une minuscule, un "
           "caractère spécial !\"#$%&()*-./=>?@_ et un chiffre.",
           "Mot de passe * :")
    password = io.ask()
    io.say("Confirmation du mot de passe * :")
    confirmation = io.ask()
    for label, ok in password_checklist(password):
        io.say(f"{'Oui' if ok else 'Non'} : {label}")
    same = bool(password) and password == confirmation
    io.say(f"{'Oui' if same else 'Non'} : La confirmation est identique")
