"""Validate one step's typed values against the catalogue: required fields, rules, confirmations.

Pure domain code: screens hand in what was typed and get back the normalised values and a
list of problems, each naming its field in French.

After each field's own rule, `validate_step` applies the cross-field rules: a confirmation
must match its original, a date of entry or of union cannot precede the birth date, and the
first application (« pour vous même ») is stopped for an applicant under 16. A birth date may
be partial (AAAA or MM/AAAA): comparisons then take its earliest possible day, so that a
plausible answer is never refused.

`validate_step` never raises, whatever the values hold (a draft saved by an older version, a
paste of 100 kB, NUL, lone surrogates, a number where text was expected): every problem is a
French `Problem`, and a value refused is kept as typed, minus what could not be stored (a lone
surrogate becomes « \ufffd »).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from anef_tui.domain.catalogue import Field, Profile, Step, is_visible
from anef_tui.domain.rules import (
    FieldError,
    check_confirmation,
    clean_text,
    required_message,
    validate,
)

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


# Where a birth date is found in the answers, first match wins: the renewal profile (« Mon
# titre actuel »), then « Informations personnelles » (first application, étape 2).
_BIRTH_SOURCES: tuple[str, ...] = ("titre_actuel", "informations_personnelles")
BIRTH_FIELD = "date_naissance"
# Dates that cannot precede the applicant's birth.
_AFTER_BIRTH: tuple[str, ...] = ("date_entree", "date_union")
# The first application's step that holds an editable birth date (« pour vous même »).
_IDENTITY_STEP = "informations_personnelles"
MINIMUM_AGE = 16

BirthDate = tuple[int, int | None, int | None]  # (year, month or None, day or None)


@dataclass(frozen=True)
class Problem:
    """One thing to fix: which field, and the French sentence saying how."""

    field_id: str
    label: str
    message: str


def _blank(text: object) -> bool:
    return not clean_text(text if isinstance(text, str) else str(text)).strip()


def _empty(value: object) -> bool:
    if value is None or value is False:
        return True
    if isinstance(value, list):
        return all(_blank(v) for v in value)
    if isinstance(value, str):
        return _blank(value)
    return False


def _storable(value: object) -> object:
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
        if not _visible(field, values, answers):
            continue
        raw = values.get(field.id)
        if field.readonly:
            if raw is not None:
                normalised[field.id] = _storable(raw)
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
    problems += _birth_problems(step, fields, normalised, problems, answers, today)
    return normalised, problems


def _out_of_scope_message(field: Field) -> str:
    if field.out_of_scope_note:
        return field.out_of_scope_note
    return (
        f"« {field.label} » : cette réponse n'est pas couverte par anef-tui, faites cette "
        "démarche directement sur le site de l'ANEF."
    )


# --- birth date ---------------------------------------------------------------------------

_DATE_PARTS = re.compile(r"[\s/.\-]+")


def _parse_partial_date(value: object) -> BirthDate | None:
    """« 03/10/2000 », « 10/2000 », « 2000 » (or ISO « 2000-10-03 ») -> (year, month, day);
    None when `value` is not such a date."""
    if not isinstance(value, str):
        return None
    parts = [p for p in _DATE_PARTS.split(value.strip()) if p]
    if not parts or len(parts) > 3 or not all(p.isdigit() and p.isascii() for p in parts):
        return None
    if len(parts) == 3 and len(parts[0]) == 4:
        parts = parts[::-1]  # ISO order AAAA-MM-JJ
    if len(parts[-1]) != 4:
        return None
    numbers = [int(p) for p in parts]
    year = numbers[-1]
    month = numbers[-2] if len(numbers) >= 2 else None
    day = numbers[0] if len(numbers) == 3 else None
    try:
        date(year, month or 1, day or 1)
    except ValueError:
        return None
    return year, month, day


def birth_date_of(answers: dict[str, dict] | None) -> BirthDate | None:
    """The applicant's birth date as (year, month, day), month and day None when not given.

    Read from the renewal profile « titre_actuel », else from « informations_personnelles »
    (first application, where only the year is required); None when absent or unreadable.
    """
    for step_id in _BIRTH_SOURCES:
        values = (answers or {}).get(step_id)
        if isinstance(values, dict):
            found = _parse_partial_date(values.get(BIRTH_FIELD))
            if found is not None:
                return found
    return None


def _earliest(birth: BirthDate) -> date:
    """The earliest day the (possibly partial) birth date can stand for."""
    year, month, day = birth
    return date(year, month or 1, day or 1)


def _shown(birth: BirthDate) -> str:
    year, month, day = birth
    if month is None:
        return f"votre année de naissance ({year:04d})"
    if day is None:
        return f"votre mois de naissance ({month:02d}/{year:04d})"
    return f"votre date de naissance ({day:02d}/{month:02d}/{year:04d})"


def _anniversary(born: date, years: int) -> date:
    """The day `born` is `years` old; a 29 February birth counts from 28 February."""
    try:
        return born.replace(year=born.year + years)
    except ValueError:
        return date(born.year + years, 2, 28)


def certainly_under(birth: BirthDate, age: int, today: date) -> bool:
    """Whether someone born on `birth` is under `age` at `today` whatever the missing parts."""
    return today < _anniversary(_earliest(birth), age)


def _birth_problems(
    step: Step | Profile,
    fields: list[Field],
    normalised: dict[str, Value],
    problems: list[Problem],
    answers: dict[str, dict] | None,
    today: date,
) -> list[Problem]:
    """Dates that precede the birth date; the first application of an applicant under 16.

    The birth date typed in `step` itself (once it passed its rule) wins over the saved one.
    """
    failed = {p.field_id for p in problems}
    by_id = {f.id: f for f in fields}
    birth_field = by_id.get(BIRTH_FIELD)
    own_birth = birth_field is not None and not birth_field.readonly
    if own_birth:
        if BIRTH_FIELD in failed or BIRTH_FIELD not in normalised:
            return []  # the birth date of this very step is wrong or missing: fix it first
        birth = _parse_partial_date(normalised[BIRTH_FIELD])
    else:
        birth = birth_date_of(answers)
    if birth is None:
        return []

    out: list[Problem] = []
    if own_birth and step.id == _IDENTITY_STEP and certainly_under(birth, MINIMUM_AGE, today):
        label = birth_field.label
        out.append(
            Problem(
                BIRTH_FIELD,
                label,
                f"« {label} » : la demande en ligne, faite « pour vous même », est réservée "
                f"aux personnes de {MINIMUM_AGE} ans et plus ; pour un mineur, adressez-vous "
                "à la préfecture.",
            )
        )

    earliest = _earliest(birth)
    for field_id in _AFTER_BIRTH:
        field = by_id.get(field_id)
        if field is None or field_id in failed or field_id not in normalised:
            continue
        typed = _parse_partial_date(normalised[field_id])
        if typed is None or None in typed:
            continue  # not a full date: its own rule speaks for it
        if _earliest(typed) < earliest:
            out.append(
                Problem(
                    field_id,
                    field.label,
                    f"« {field.label} » ne peut pas être antérieure à {_shown(birth)} : "
                    "vérifiez cette date.",
                )
            )
    return out
