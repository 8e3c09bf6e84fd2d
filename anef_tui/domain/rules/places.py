"""Country and nationality rules: a French name from the list, or suggestions when close."""

from __future__ import annotations

from datetime import date

from anef_tui.domain import countries
from anef_tui.domain.rules.base import PLACE_MAX, FieldError, excerpt, quote, too_long_error
from anef_tui.domain.rules.clean import collapse


def _or_list(names: list[str]) -> str:
    quoted = [quote(n) for n in names]
    if len(quoted) == 1:
        return quoted[0]
    return ", ".join(quoted[:-1]) + " ou " + quoted[-1]


def _place_text(raw: str, label: str) -> str:
    value = collapse(raw)
    if len(value) > PLACE_MAX:
        raise too_long_error(label, len(value), PLACE_MAX)
    return value


def rule_pays(raw: str, label: str, today: date) -> str:
    typed = _place_text(raw, label)
    found = countries.match_country(typed)
    if found:
        return found
    raw = typed
    suggestions = countries.suggest_countries(raw, 3)
    if suggestions:
        raise FieldError(
            label,
            f"{quote(label)} : {quote(excerpt(typed))} n'est pas un pays connu, vouliez-vous dire "
            f"{_or_list(suggestions)} ?",
        )
    raise FieldError(
        label,
        f"{quote(label)} : {quote(excerpt(typed))} n'est pas un pays connu, saisissez le nom du pays en "
        "français, par exemple « Mexique ».",
    )


def rule_nationalite(raw: str, label: str, today: date) -> str:
    typed = _place_text(raw, label)
    found = countries.match_nationality(typed)
    if found:
        return found
    raw = typed
    suggestions = countries.suggest_nationalities(raw, 3)
    if suggestions:
        raise FieldError(
            label,
            f"{quote(label)} : {quote(excerpt(typed))} n'est pas une nationalité connue, vouliez-vous dire "
            f"{_or_list(suggestions)} ?",
        )
    raise FieldError(
        label,
        f"{quote(label)} : {quote(excerpt(typed))} n'est pas une nationalité connue, saisissez-la en "
        "français, par exemple « Mexicaine ».",
    )
