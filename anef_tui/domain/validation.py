"""Validate one step's typed values against the catalogue: required fields, rules, confirmations.

Pure domain code: screens hand in what was typed and get back the normalised values and a
list of problems, each naming its field in French.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from anef_tui.domain.catalogue import Field, Step, is_visible
from anef_tui.domain.rules import FieldError, check_confirmation, required_message, validate

Value = str | bool | list[str]

# Rules implied by a field type when the catalogue names none.
_TYPE_RULES = {
    "date": "date",
    "country": "pays",
    "nationality": "nationalite",
    "email": "email",
    "phone": "telephone",
    "textarea": "observations",
    "text": "texte",
}


@dataclass(frozen=True)
class Problem:
    """One thing to fix: which field, and the French sentence saying how."""

    field_id: str
    label: str
    message: str


def _empty(value: Value | None) -> bool:
    if value is None or value is False:
        return True
    if isinstance(value, list):
        return not any(v.strip() for v in value)
    if isinstance(value, str):
        return not value.strip()
    return False


def _rule_for(field: Field) -> str | None:
    return field.rule or _TYPE_RULES.get(field.type)


def validate_step(
    step: Step,
    values: dict[str, Value],
    *,
    today: date,
    answers: dict[str, dict] | None = None,
) -> tuple[dict[str, Value], list[Problem]]:
    """Check every visible, editable field of `step`; return normalised values and problems.

    Hidden fields (a condition not met) are dropped from the result so that, say, a union date
    typed before switching back to « Célibataire » is not kept.
    """
    normalised: dict[str, Value] = {}
    problems: list[Problem] = []
    fields = [f for section in step.sections for f in section.fields]
    for field in fields:
        if field.type == "info":
            continue
        if not is_visible(field, {k: v for k, v in values.items()}, answers):
            continue
        raw = values.get(field.id)
        if field.readonly:
            if raw is not None:
                normalised[field.id] = raw
            continue
        if _empty(raw):
            if field.required:
                message = (
                    f"Cochez la case « {field.label} » : cette attestation est obligatoire."
                    if field.type == "checkbox"
                    else required_message(field.label)
                )
                problems.append(Problem(field.id, field.label, message))
            if field.type == "checkbox":
                normalised[field.id] = False
            elif field.repeatable:
                normalised[field.id] = []
            else:
                normalised[field.id] = ""
            continue
        rule = _rule_for(field)
        try:
            if field.type == "checkbox":
                normalised[field.id] = bool(raw)
            elif field.repeatable:
                items = [v for v in (raw if isinstance(raw, list) else [raw]) if v.strip()]
                out = []
                for index, item in enumerate(items, start=1):
                    label = field.label if len(items) == 1 else f"{field.label} n° {index}"
                    out.append(validate(rule, label, item, today=today) if rule else item.strip())
                normalised[field.id] = out
            elif field.type in ("choice", "yesno"):
                allowed = field.choices or ["Oui", "Non"]
                if raw not in allowed:
                    raise FieldError(
                        field.label,
                        f"« {field.label} » : choisissez une des réponses proposées.",
                    )
                normalised[field.id] = raw
            else:
                text = raw if isinstance(raw, str) else str(raw)
                normalised[field.id] = (
                    validate(rule, field.label, text, today=today) if rule else text.strip()
                )
        except FieldError as exc:
            problems.append(Problem(field.id, field.label, exc.message))
            normalised[field.id] = raw  # keep what was typed
    # Confirmations: checked once both fields passed their own rule.
    failed = {p.field_id for p in problems}
    for field in fields:
        if field.confirm_of and field.id in normalised and field.id not in failed:
            original = next(f for f in fields if f.id == field.confirm_of)
            if field.confirm_of in failed:
                continue
            try:
                check_confirmation(
                    str(normalised.get(field.confirm_of, "")),
                    str(normalised.get(field.id, "")),
                    original.label,
                    field.label,
                )
            except FieldError as exc:
                problems.append(Problem(field.id, field.label, exc.message))
    return normalised, problems
