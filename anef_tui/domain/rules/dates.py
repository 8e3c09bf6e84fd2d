"""Date rules: `date`, `date_passee` (not in the future) and `annee_ou_date` (AAAA, MM/AAAA or
JJ/MM/AAAA). Typed with any separator, or as 8 digits; always given back as JJ/MM/AAAA.
"""

from __future__ import annotations

import re
from datetime import date

from anef_tui.domain.rules.base import MIN_YEAR, FieldError, quote
from anef_tui.domain.rules.clean import (
    ascii_digits,
    clean_text,
    is_ascii_digits,
    not_a_digit,
    shown_char,
)

_DATE_SEPARATORS = re.compile(r"[\s/.\-]+")


def _date_format_error(label: str) -> FieldError:
    return FieldError(
        label, f"{quote(label)} : saisissez une date au format JJ/MM/AAAA, par exemple 03/10/2000."
    )


def _two_digit_year_error(label: str) -> FieldError:
    return FieldError(
        label,
        f"{quote(label)} : saisissez l'année en 4 chiffres, par exemple 03/10/2000 et non 03/10/00.",
    )


def _old_year_error(label: str, year: int) -> FieldError:
    return FieldError(
        label, f"{quote(label)} : l'année {year} est antérieure à {MIN_YEAR}, vérifiez l'année."
    )


def _future_error(label: str) -> FieldError:
    return FieldError(label, f"{quote(label)} ne peut pas être dans le futur : vérifiez l'année.")


def _not_a_digit_error(label: str, sign: str) -> FieldError:
    return FieldError(
        label,
        f"{quote(label)} : {quote(shown_char(sign))} n'est pas un chiffre, saisissez la date avec "
        "les chiffres de 0 à 9, par exemple 03/10/2000.",
    )


def _split_date(raw: str, label: str) -> list[str]:
    """The parts of a typed date; FieldError for a sign such as « ² » or an absurd length."""
    text = ascii_digits(clean_text(raw)).strip()
    sign = not_a_digit(text)
    if sign is not None:
        raise _not_a_digit_error(label, sign)
    if len(text) > 40:
        raise _date_format_error(label)
    parts = [p for p in _DATE_SEPARATORS.split(text) if p]
    if len(parts) == 1 and is_ascii_digits(parts[0]):
        digits = parts[0]
        if len(digits) == 8:
            return [digits[:2], digits[2:4], digits[4:]]
        if len(digits) == 6:
            return [digits[:2], digits[2:]]
    return parts


def _check_year(year_text: str, label: str) -> int:
    if not is_ascii_digits(year_text):
        raise _date_format_error(label)
    if len(year_text) == 2:
        raise _two_digit_year_error(label)
    if len(year_text) != 4:
        raise _date_format_error(label)
    year = int(year_text)
    if year < MIN_YEAR:
        raise _old_year_error(label, year)
    return year


def _full_date(parts: list[str], label: str) -> date:
    if len(parts) != 3 or not all(is_ascii_digits(p) for p in parts):
        raise _date_format_error(label)
    if len(parts[0]) == 4 and len(parts[2]) <= 2:
        parts = parts[::-1]  # ISO order AAAA-MM-JJ
    day_text, month_text, year_text = parts
    if len(day_text) > 2 or len(month_text) > 2:
        raise _date_format_error(label)
    year = _check_year(year_text, label)
    day, month = int(day_text), int(month_text)
    try:
        return date(year, month, day)
    except ValueError:
        raise FieldError(
            label,
            f"{quote(label)} : la date {day:02d}/{month:02d}/{year} n'existe pas, "
            "vérifiez le jour et le mois.",
        ) from None


def _format_date(value: date) -> str:
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"


def rule_date(raw: str, label: str, today: date) -> str:
    return _format_date(_full_date(_split_date(raw, label), label))


def rule_date_passee(raw: str, label: str, today: date) -> str:
    value = _full_date(_split_date(raw, label), label)
    if value > today:
        raise _future_error(label)
    return _format_date(value)


def rule_annee_ou_date(raw: str, label: str, today: date) -> str:
    parts = _split_date(raw, label)
    if not parts or not all(is_ascii_digits(p) for p in parts) or len(parts) > 3:
        raise FieldError(
            label,
            f"{quote(label)} : saisissez au moins l'année en 4 chiffres (AAAA), ou MM/AAAA, "
            "ou la date complète JJ/MM/AAAA.",
        )
    if len(parts) == 3:
        return rule_date_passee(raw, label, today)
    year = _check_year(parts[-1], label)
    if len(parts) == 1:
        if year > today.year:
            raise _future_error(label)
        return f"{year:04d}"
    month_text = parts[0]
    month = int(month_text)
    if len(month_text) > 2 or not 1 <= month <= 12:
        raise FieldError(
            label, f"{quote(label)} : le mois doit être compris entre 01 et 12, par exemple 10/2000."
        )
    if (year, month) > (today.year, today.month):
        raise _future_error(label)
    return f"{month:02d}/{year:04d}"
