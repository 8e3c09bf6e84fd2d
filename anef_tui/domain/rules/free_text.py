"""Rules for free text a person types and the PDFs print: `texte`, `nom`, `observations`."""

from __future__ import annotations

import unicodedata
from datetime import date

from anef_tui.domain.rules.base import (
    OBSERVATIONS_MAX,
    TEXT_MAX,
    FieldError,
    quote,
    too_long_error,
)
from anef_tui.domain.rules.clean import clean_text, collapse, require_printable


def rule_texte(raw: str, label: str, today: date) -> str:
    value = collapse(raw)
    if len(value) > TEXT_MAX:
        raise too_long_error(label, len(value), TEXT_MAX)
    require_printable(value, label)
    return value


def rule_observations(raw: str, label: str, today: date) -> str:
    text = unicodedata.normalize("NFC", clean_text(raw, multiline=True))
    value = "\n".join(line.rstrip() for line in text.split("\n")).strip()
    if len(value) > OBSERVATIONS_MAX:
        raise too_long_error(label, len(value), OBSERVATIONS_MAX)
    require_printable(value, label, multiline=True)
    return value


_NAME_PUNCTUATION = frozenset(" -'’.")


def rule_nom(raw: str, label: str, today: date) -> str:
    value = collapse(raw)
    if len(value) > TEXT_MAX:
        raise too_long_error(label, len(value), TEXT_MAX)
    require_printable(value, label)
    if any(c.isdigit() or unicodedata.category(c) == "No" for c in value):
        raise FieldError(
            label,
            f"{quote(label)} ne doit pas contenir de chiffres : saisissez uniquement des lettres.",
        )
    bad = [
        c for c in value if not (c.isalpha() or c in _NAME_PUNCTUATION or unicodedata.combining(c))
    ]
    if bad:
        raise FieldError(
            label,
            f"{quote(label)} contient un caractère non autorisé ({quote(bad[0])}) : utilisez "
            "uniquement des lettres, des espaces, des tirets, des apostrophes et des points.",
        )
    if not any(c.isalpha() for c in value):
        raise FieldError(
            label,
            f"{quote(label)} doit contenir au moins une lettre : recopiez-le tel qu'il figure "
            "sur vos papiers d'identité.",
        )
    return value
