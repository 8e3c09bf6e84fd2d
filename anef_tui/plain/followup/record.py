"""« Enregistrer une notification reçue » in plain lines: the full-screen form's questions
(domain/notification_form.py: kind, « Reçue le », « Lu le », the kind's fields, each
document's state and the agent's observations), each answer checked as it is given by the
same domain call (`read_form`), what was typed kept when an answer is refused."""

from __future__ import annotations

from anef_tui.domain.catalogue import Field, Procedure, is_visible
from anef_tui.domain.notification_form import (
    KIND_FIELD,
    RECEIVED_FIELD,
    base_fields,
    initial_value,
    kind_fields,
    kind_of,
    read_form,
)
from anef_tui.domain.validation import problems_heading
from anef_tui.oserrors import error_text
from anef_tui.plain import commands
from anef_tui.plain.commands import Command
from anef_tui.plain.context import Context, QuitDossier
from anef_tui.plain.fields import describe, parse_value
from anef_tui.plain.followup_store import FollowUp
from anef_tui.store.db import StoreError


class Cancelled(Exception):
    """« :retour » on the first question: nothing recorded."""


def record_notification(ctx: Context, follow: FollowUp, dossier_id: int,
                        procedure: Procedure) -> None:
    io = ctx.io
    slots = list(procedure.all_slots())
    file_names = {
        slot.id: ", ".join(a.original_name for a in ctx.attachments.list(dossier_id, slot.id))
        for slot in slots
    }
    today = ctx.today()
    values: dict = {f.id: initial_value(f) for f in base_fields()}
    # « Reçue le » is today unless said otherwise, as a person records it the day it came.
    values[RECEIVED_FIELD] = today.strftime("%d/%m/%Y")

    def fields() -> list[Field]:
        kind = kind_of(values.get(KIND_FIELD))
        return base_fields() + (kind_fields(kind, slots) if kind else [])

    def check(complete: bool = True):
        return read_form(values, slots=slots, file_names=file_names, today=today,
                         complete=complete)

    io.say("", "Enregistrer une notification reçue (:retour sur la première question : "
               "annuler).")
    try:
        index = 0
        while index < len(fields()):
            field = fields()[index]
            if field.id not in values:
                values[field.id] = initial_value(field)
            if not is_visible(field, values):
                index += 1
                continue
            outcome = ask(ctx, field, values, check)
            if outcome == "back":
                if index == 0:
                    raise Cancelled
                index -= 1
                while index > 0 and not is_visible(fields()[index], values):
                    index -= 1
                continue
            index += 1
        # The whole form, as « Enregistrer » checks it (dates compared with each other).
        while True:
            result = check()
            if not result.problems and result.kind and result.received_on:
                break
            io.say(problems_heading(len(result.problems)),
                   *(f"• {p.message}" for p in result.problems))
            wrong = {p.field_id for p in result.problems}
            for field in [f for f in fields() if f.id in wrong] or fields()[:1]:
                ask(ctx, field, values, check)
    except Cancelled:
        io.say("Aucune notification enregistrée.")
        return
    try:
        follow.add(dossier_id, result.kind, result.received_on, result.data,
                   read_on=result.read_on)
    except (StoreError, ValueError) as exc:
        io.say(f"La notification n'est pas enregistrée : {error_text(exc)}")
        return
    io.say(f"Notification enregistrée : {values[KIND_FIELD]}.")


def ask(ctx: Context, field: Field, values: dict, check) -> str:
    """One question until its answer passes; « back » for « :retour »."""
    io = ctx.io

    def show() -> None:
        io.say(*describe(field, values.get(field.id)))

    show()
    while True:
        answer = commands.parse(io.ask())
        if isinstance(answer, Command):
            if answer.name == "quitter":
                raise QuitDossier
            if answer.name == "retour":
                return "back"
            if answer.name == "vide":
                values[field.id] = initial_value(field)
                io.say("Réponse effacée.")
            elif answer.name in ("repeter", "ou"):
                show()
                continue
            else:
                io.say(*commands.help_lines())
                continue
        elif answer.strip():
            value = parse_value(field, answer)
            if value is None:
                io.say(f"« {field.label} » : choisissez une des réponses proposées, par son "
                       f"numéro (1 à {len(field.choices)}) ou son texte.")
                continue
            values[field.id] = value  # kept as typed, even when refused below
        mine = [p for p in check(False).problems if p.field_id == field.id]
        if mine:
            io.say(*(p.message for p in mine))
            io.say(f"Question : {field.label}")
            continue
        if answer and not isinstance(answer, Command) and answer.strip():
            io.say(f"Réponse : {values[field.id]}.")
        return "next"


#: The actions of the recording form (tests/plain/test_parity.py).
HANDLED = {
    "save": "the answer to its last question (then checked whole)",
    "cancel": ":retour on its first question",
}
