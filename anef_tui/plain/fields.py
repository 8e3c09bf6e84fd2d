"""The field questions of a plain dossier session: a question read out, its answer parsed,
checked at once with the whole dossier (domain/form_check.py, as the full-screen app does)
and kept as a draft."""

from __future__ import annotations

from anef_tui.domain.address import address_suggestions, is_address, suggestion_note
from anef_tui.domain.catalogue import TYPE_RULES, Field, without_defaults
from anef_tui.domain.form_check import check_form
from anef_tui.domain.rules import RULE_FORMATS
from anef_tui.domain.summary import display
from anef_tui.domain.text import APP_HELP_PREFIX
from anef_tui.plain import commands
from anef_tui.plain.commands import Command
from anef_tui.plain.host import SessionPart
from anef_tui.plain.parts import FieldItem
from anef_tui.plain.preseed import answers_then_typed
from anef_tui.plain.text import NO, YES, choices_line, input_line, pick, sentence


def describe(field: Field, value, *, explain: bool = True) -> list[str]:
    """A question read out: label, required or not, choices or format, current value.
    `explain`: say how choices are given (once a session is enough: « Choix : » after)."""
    lines = [f"Question : {field.label}"]
    if field.readonly:
        return lines
    lines.append("Obligatoire." if field.required else "Facultatif.")
    rule = field.rule or TYPE_RULES.get(field.type)
    if field.type in ("choice", "yesno", "checkbox"):
        labels = field.choices if field.type != "checkbox" else [YES, NO]
        lines.append("Choix : répondez par le numéro ou le texte." if explain else "Choix :")
        lines += choices_line(labels)
    elif rule in RULE_FORMATS:
        lines.append(f"Format attendu : {RULE_FORMATS[rule]}.")
    if field.repeatable:
        lines.append("Plusieurs réponses possibles : séparez-les par des virgules.")
    if field.hint:
        lines.append(field.hint)
    if field.app_help:
        lines.append(APP_HELP_PREFIX + field.app_help)
    # Without a value, nothing is said: the input line has no « [valeur] » either.
    if field.type == "checkbox":
        lines.append(f"Valeur actuelle : {YES if value is True else NO}.")
    elif value not in (None, "", []):
        lines.append(f"Valeur actuelle : {display(value)}.")
    return lines


def current(field: Field, values: dict) -> str:
    """The current value as the input line shows it (« » when there is none)."""
    value = values.get(field.id)
    if field.type == "checkbox":
        return YES if value is True else NO if value is False else ""
    return display(value) if value not in (None, "", []) else ""


def parse_value(field: Field, answer: str):
    """The value of an answer: a choice's label, a checkbox's bool, a list, or the text
    (None: not one of the choices)."""
    if field.type in ("choice", "yesno"):
        return pick(answer, field.choices)
    if field.type == "checkbox":
        chosen = pick(answer, [YES, NO])
        return None if chosen is None else chosen == YES
    if field.repeatable:
        return [part.strip() for part in answer.split(",") if part.strip()]
    return answer.strip()


class FieldQuestions(SessionPart):
    """DossierSession's field questions (a mixin)."""

    def ask_field(self, form, position, item: FieldItem, values, answers,
                  lead: str | None = None) -> str:
        field = item.field
        section = item.section.title or item.section.group or ""
        self.where = (f"Section : {section}. " if section else "") + f"Question : {field.label}."
        if field.type == "info":
            self.io.say(field.prefill or field.label)
            return "next"
        if field.readonly:
            self.io.say(f"{field.label} : {display(values.get(field.id))} (non modifiable).")
            return "next"

        def show(first: str | None = None) -> None:
            lines = describe(field, values.get(field.id), explain=not self.ctx.choices_said)
            self.ctx.choices_said |= field.type in ("choice", "yesno", "checkbox")
            if first:  # « Étape 2 sur 5, Motif de séjour, question 3 sur 8 : Label »
                lines[0] = first + field.label
            self.io.say(*lines)

        # An answer of the answers file (`--reponses`) is given first, said on one line.
        preset = self.ctx.answers.take(position, field.id) if self.ctx.answers else None
        if preset is None:
            show(lead)
        else:
            given = f"{preset.value}" if preset.value else "valeur actuelle gardée"
            self.io.say(f"{lead or ''}{field.label} : {given} (fichier de réponses, ligne "
                        f"{preset.number}).")
        replies = answers_then_typed(preset, lambda: commands.parse(
                self.io.ask(input_line(field.label, current(field, values)))))
        while True:
            answer, source = next(replies)

            def refused(*messages: str, source=source) -> None:
                if source is None:
                    self.io.say(*messages)
                    return
                self.io.say(*(f"{source.where()} : {m}" for m in messages))
                show()  # the question was not read out: it is now

            if isinstance(answer, Command):
                result = self.command(answer, show, lambda: self.remaining(form, values, answers))
                if result == "back":
                    return "back"
                if result != "clear":
                    continue
                values[field.id] = False if field.type == "checkbox" else (
                    [] if field.repeatable else "")
                self.io.say("Réponse effacée.")
            elif answer.strip():
                value = parse_value(field, answer)
                if value is None:
                    labels = field.choices if field.type != "checkbox" else [YES, NO]
                    refused(
                        f"« {field.label} » : choisissez une des réponses proposées, par son "
                        f"numéro (1 à {len(labels)}) ou son texte."
                    )
                    continue
                values[field.id] = value
            # The answer (or the value kept) is checked at once, with the step's rules.
            normalised, problems = check_form(
                self.procedure, position, values, answers=answers, today=self.ctx.today()
            )
            mine = [p for p in problems if p.field_id == field.id]
            if not mine and field.id in normalised:
                values[field.id] = normalised[field.id]
            # « Adresse » typed whole fills the empty number, street, postcode and town
            # (domain/address.py), as in the full-screen app; said after the answer.
            filled = (address_suggestions(form, values, answers)
                      if not mine and is_address(form, field.id) else {})
            values.update(filled)
            self.save_draft(position, without_defaults(form, values))
            if mine:
                refused(*(p.message for p in mine))
                if source is None:
                    self.io.say(f"Question : {field.label}")
                continue
            if answer and source is None:
                shown = display(values.get(field.id))
                self.io.say(sentence(f"Réponse enregistrée : {shown}"))
            if filled:
                self.io.say(suggestion_note(form, filled))
            return "next"

    def save_draft(self, position: str, values: dict) -> None:
        """Keep the answers given so far; on a refusal they stay here (and are said to)."""
        if not self.write(lambda expected: self.ctx.store.save_draft(
                self.dossier_id, position, dict(values), expected_version=expected)):
            self.io.say("Votre réponse est gardée ici mais n'est pas encore enregistrée.")
