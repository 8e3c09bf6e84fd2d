"""Named cross-field checks: the rules that read more than one field, named in the data.

A field of a procedure file lists them with their parameters:

    checks = [{ name = "apres_naissance" }]
    checks = [{ name = "age_minimum", years = 16, message = "« {label} » : …" }]

- « apres_naissance »: a full date that cannot precede the applicant's birth date (the field
  of role « date_naissance », in the same step or saved before);
- « age_minimum »: on the birth date itself, refuses an applicant certainly under `years`
  (a partial birth date counts from its earliest possible day, so a plausible answer is never
  refused). `message` replaces the default sentence; « {label} » and « {years} » stand for the
  field's label and the age.

`CHECKS` is the registry; the catalogue refuses a file naming an unknown check or a wrong
parameter (`check_problems`). A check never raises: it returns a French message or None.
No Textual, no pydantic here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

BirthDate = tuple[int, int | None, int | None]  # (year, month or None, day or None)

_DATE_PARTS = re.compile(r"[\s/.\-]+")


def parse_partial_date(value: object) -> BirthDate | None:
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


def earliest(birth: BirthDate) -> date:
    """The earliest day the (possibly partial) date can stand for."""
    year, month, day = birth
    return date(year, month or 1, day or 1)


def shown(birth: BirthDate) -> str:
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
    return today < _anniversary(earliest(birth), age)


@dataclass(frozen=True)
class CheckContext:
    """What a check sees: the field (label), its normalised value, the applicant's birth date
    (None when unknown), today, and the parameters of the check."""

    label: str
    value: object
    birth: BirthDate | None
    today: date
    years: int | None = None
    message: str | None = None


def _fill(template: str, ctx: CheckContext) -> str:
    return template.replace("{label}", ctx.label).replace("{years}", str(ctx.years))


def _after_birth(ctx: CheckContext) -> str | None:
    if ctx.birth is None:
        return None
    typed = parse_partial_date(ctx.value)
    if typed is None or None in typed:
        return None  # not a full date: its own rule speaks for it
    if earliest(typed) >= earliest(ctx.birth):
        return None
    if ctx.message:
        return _fill(ctx.message, ctx)
    return (
        f"« {ctx.label} » ne peut pas être antérieure à {shown(ctx.birth)} : vérifiez cette date."
    )


def _minimum_age(ctx: CheckContext) -> str | None:
    birth = parse_partial_date(ctx.value)
    if birth is None or ctx.years is None or not certainly_under(birth, ctx.years, ctx.today):
        return None
    if ctx.message:
        return _fill(ctx.message, ctx)
    return f"« {ctx.label} » : cette démarche est réservée aux personnes de {ctx.years} ans et plus."


@dataclass(frozen=True)
class CheckDef:
    run: Callable[[CheckContext], str | None]
    needs_years: bool = False
    needs_birth: bool = False  # reads the birth date (role « date_naissance »)


CHECKS: dict[str, CheckDef] = {
    "apres_naissance": CheckDef(_after_birth, needs_birth=True),
    "age_minimum": CheckDef(_minimum_age, needs_years=True),
}

MAX_YEARS = 130


def check_problems(specs: Iterable[Any]) -> list[str]:
    """French problems with a field's `checks` (objects with name, years, message)."""
    problems: list[str] = []
    for spec in specs:
        check = CHECKS.get(spec.name)
        if check is None:
            problems.append(
                f"contrôle inconnu « {spec.name} » (connus : {', '.join(sorted(CHECKS))})"
            )
            continue
        if check.needs_years and (spec.years is None or not 1 <= spec.years <= MAX_YEARS):
            problems.append(
                f"contrôle « {spec.name} » : « years » attendu, un nombre d'années de 1 à "
                f"{MAX_YEARS}"
            )
        if not check.needs_years and spec.years is not None:
            problems.append(f"contrôle « {spec.name} » : « years » ne s'applique pas ici")
        if spec.message is not None and not spec.message.strip():
            problems.append(f"contrôle « {spec.name} » : message vide")
    return problems


def run_check(spec: Any, label: str, value: object, birth: BirthDate | None, today: date) -> str | None:
    """The French message of check `spec` on `value`, or None; never raises."""
    check = CHECKS.get(spec.name)
    if check is None:
        return None
    ctx = CheckContext(label, value, birth, today, spec.years, spec.message)
    try:
        return check.run(ctx)
    except Exception:  # a check is a guard, never a crash
        return None
