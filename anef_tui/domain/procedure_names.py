"""The names a procedure file may use: the rules of its fields, the types of its fields and
steps, the number of files a document may take. Light (no pydantic): the rules and the
checks read them without loading the models."""

from __future__ import annotations

from typing import Literal

# The rule names `anef_tui.domain.rules` registers; kept here so the catalogue never imports it.
KNOWN_RULES: frozenset[str] = frozenset(
    {
        "texte",
        "nom",
        "date",
        "date_passee",
        "annee_ou_date",
        "n_etranger",
        "n_titre",
        "ephoto",
        "email",
        "telephone",
        "code_postal",
        "pays",
        "nationalite",
        "observations",
        "numero_demande",
    }
)


# Rules implied by a field type when the catalogue names none (`validation`).
TYPE_RULES: dict[str, str] = {
    "date": "date",
    "country": "pays",
    "nationality": "nationalite",
    "email": "email",
    "phone": "telephone",
    "textarea": "observations",
    "text": "texte",
}


ALLOWED_MAX_FILES: frozenset[int] = frozenset({3, 6})


YESNO_CHOICES: tuple[str, str] = ("Oui", "Non")


FieldType = Literal[
    "text",
    "date",
    "choice",
    "yesno",
    "checkbox",
    "country",
    "nationality",
    "email",
    "phone",
    "textarea",
    "info",
]


StepKind = Literal["situation", "form", "documents", "depot", "confirmation"]
