"""What every field rule shares: `FieldError`, the length limits, the rule families, and the
helpers that word a refusal (« » quotes, « est obligatoire », « ne doit pas dépasser »).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date


class FieldError(ValueError):
    """A typed value the rule refuses; `message` is one French sentence naming the field."""

    def __init__(self, label: str, message: str):
        super().__init__(message)
        self.label = label
        self.message = message

    def __str__(self) -> str:
        return self.message


RuleFunc = Callable[[str, str, date], str]

TEXT_MAX = 200
OBSERVATIONS_MAX = 2000
#: Longest country or nationality name accepted (the longest French country name has 54).
PLACE_MAX = 100
#: Longest e-mail address (RFC 5321 path limit).
EMAIL_MAX = 254
#: Longest phone number typed (« +262 692 12 34 56 » with dots, dashes, brackets).
PHONE_MAX = 40
#: Input longer than this is refused by `validate` before any other work (a paste gone wrong).
INPUT_MAX = 20_000
MIN_YEAR = 1900

#: Rules for free text a person types, printed on the PDFs: the Latin-script check applies.
TEXT_RULES = frozenset({"texte", "nom", "observations"})
#: Rules whose text keeps its line breaks.
MULTILINE_RULES = frozenset({"observations"})


def quote(text: str) -> str:
    return f"« {text} »"


def required_message(label: str) -> str:
    """The sentence shown when a required field is left empty."""
    return f"{quote(label)} est obligatoire : renseignez ce champ."


def excerpt(text: str, limit: int = 40) -> str:
    """`text` cut to `limit` characters with « … », to quote it in a message."""
    return text if len(text) <= limit else text[:limit].rstrip() + "…"


def too_long_error(label: str, length: int, maximum: int) -> FieldError:
    return FieldError(
        label,
        f"{quote(label)} ne doit pas dépasser {maximum} caractères "
        f"(vous en avez saisi {length}) : raccourcissez le texte.",
    )
