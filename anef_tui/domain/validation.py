"""Validate one step's typed values against the catalogue: required fields, rules, confirmations.

Pure domain code: screens hand in what was typed and get back the normalised values and a
list of problems, each naming its field in French.

After each field's own rule, `validate_step` applies the cross-field rules: a confirmation
must match its original, then the checks the data names on each field (`Field.checks`, see
`anef_tui.domain.checks`: « apres_naissance », « age_minimum »…), which read the birth date by
its role. A birth date may be partial (AAAA or MM/AAAA): comparisons then take its earliest
possible day, so that a plausible answer is never refused.

`validate_step` never raises, whatever the values hold (a draft saved by an older version, a
paste of 100 kB, NUL, lone surrogates, a number where text was expected): every problem is a
French `Problem`, and a value refused is kept as typed, minus what could not be stored (a lone
surrogate becomes « \ufffd »).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from anef_tui.domain import checks, roles
from anef_tui.domain.catalogue import TYPE_RULES, Field, Procedure, Profile, Step, is_visible
from anef_tui.domain.rules import (
    FieldError,
    check_confirmation,
    clean_text,
    required_message,
    validate,
)

Value = str | bool | list[str]

BirthDate = checks.BirthDate  # (year, month or None, day or None)


@dataclass(frozen=True)
class Problem:
    """One thing to fix: which field, and the French sentence saying how."""

    field_id: str
    label: str
    message: str


def problems_heading(count: int) -> str:
    """The first line of what is wrong, in every front end: « Il y a 2 problèmes : »."""
    return "Il y a un problème :" if count == 1 else f"Il y a {count} problèmes :"


def _blank(text: object) -> bool:
    return not clean_text(text if isinstance(text, str) else str(text)).strip()


def is_empty(value: object) -> bool:
    """No answer: nothing, blanks, an unticked box, a list of blanks."""
    if value is None or value is False:
        return True
    if isinstance(value, list):
        return all(_blank(v) for v in value)
    if isinstance(value, str):
        return _blank(value)
    return False


def _storable(value: object) -> Any:  # a JSON value, kept as typed
    """A refused value as it is kept: lone surrogates (not encodable) become « \ufffd »."""
    if isinstance(value, str):
        return value.encode("utf-8", "replace").decode("utf-8") if not value.isascii() else value
    if isinstance(value, list):
        return [_storable(v) for v in value]
    if value is None or isinstance(value, bool | int | float):
        return value
    return _storable(str(value))


def _unreadable_message(label: str) -> str:
    return (
        f"« {label} » : cette valeur ne peut pas être lue, effacez-la et saisissez-la "
        "à nouveau."
    )


def _visible(field: Field, values: dict, answers: dict | None) -> bool:
    """`is_visible`, but shown when the answers it reads are not what they should be."""
    try:
        return is_visible(field, dict(values), answers)
    except Exception:
        return True


def _rule_for(field: Field) -> str | None:
    return field.rule or TYPE_RULES.get(field.type)


def validate_step(
    step: Step | Profile,
    values: dict[str, Value],
    *,
    today: date,
    answers: dict[str, dict] | None = None,
    procedure: Procedure | None = None,
) -> tuple[dict[str, Value], list[Problem]]:
    """Check every visible, editable field of `step`; return normalised values and problems.

    `procedure` (the step's) lets the named checks read the birth date saved in another step
    (`answers`); without it they read only the birth date typed in `step` itself.

    Hidden fields (a condition not met) are dropped from the result so that, say, a union date
    typed before switching back to « Célibataire » is not kept.
    """
    normalised: dict[str, Value] = {}
    problems: list[Problem] = []
    fields = [f for section in step.sections for f in section.fields]
    for field in fields:
        if field.type == "info":
            continue
        if not _visible(field, values, answers):
            continue
        raw = values.get(field.id)
        if field.readonly:
            if raw is not None:
                normalised[field.id] = _storable(raw)
            continue
        if is_empty(raw):
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
                given = raw if isinstance(raw, list) else [raw]
                items = [v if isinstance(v, str) else str(v) for v in given if not _blank(v)]
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
                if field.in_scope_choices and raw not in field.in_scope_choices:
                    raise FieldError(field.label, _out_of_scope_message(field))
                normalised[field.id] = raw
            else:
                text = raw if isinstance(raw, str) else str(raw)
                normalised[field.id] = (
                    validate(rule, field.label, text, today=today) if rule else text.strip()
                )
        except FieldError as exc:
            problems.append(Problem(field.id, field.label, exc.message))
            normalised[field.id] = _storable(raw)  # keep what was typed
        except Exception:  # a bug or a value of the wrong type: never a traceback
            problems.append(Problem(field.id, field.label, _unreadable_message(field.label)))
            normalised[field.id] = _storable(raw)
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
    problems += _check_problems(fields, normalised, problems, answers, procedure, today)
    return normalised, problems


def _out_of_scope_message(field: Field) -> str:
    if field.out_of_scope_note:
        return field.out_of_scope_note
    return (
        f"« {field.label} » : cette réponse n'est pas couverte par anef-tui, faites cette "
        "démarche directement sur le site de l'ANEF."
    )


# --- named cross-field checks ----------------------------------------------------------------


def birth_date_of(procedure: Procedure, answers: dict[str, dict] | None) -> BirthDate | None:
    """The applicant's birth date (field of role « date_naissance ») as (year, month, day),
    month and day None when not given; None when absent or unreadable."""
    try:
        return checks.parse_partial_date(roles.value(procedure, answers, roles.DATE_NAISSANCE))
    except Exception:  # answers of the wrong shape: no birth date, never a traceback
        return None


def _check_problems(
    fields: list[Field],
    normalised: dict[str, Value],
    problems: list[Problem],
    answers: dict[str, dict] | None,
    procedure: Procedure | None,
    today: date,
) -> list[Problem]:
    """The named checks of the fields (`Field.checks`) that passed their own rule.

    The birth date typed in this very step (once it passed its rule) wins over the saved one;
    when it is wrong or missing, no check runs: it is to be fixed first.
    """
    failed = {p.field_id for p in problems}
    own = [f for f in fields if f.role == roles.DATE_NAISSANCE and not f.readonly]
    if own:
        birth_field = own[0]
        if birth_field.id in failed or birth_field.id not in normalised:
            return []
        birth = checks.parse_partial_date(normalised[birth_field.id])
    else:
        birth = birth_date_of(procedure, answers) if procedure is not None else None

    out: list[Problem] = []
    for field in fields:
        if not field.checks or field.id in failed or field.id not in normalised:
            continue
        for spec in field.checks:
            message = checks.run_check(spec, field.label, normalised[field.id], birth, today)
            if message is not None:
                out.append(Problem(field.id, field.label, message))
                break
    return out
