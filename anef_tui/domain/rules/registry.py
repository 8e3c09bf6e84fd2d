"""The rules by name (`RULES`), the one entry point `validate`, the confirmation check, and what
each rule expects (`RULE_FORMATS`, said before a question in plain mode).
"""

from __future__ import annotations

from datetime import date

from anef_tui.domain.rules.base import (
    INPUT_MAX,
    MULTILINE_RULES,
    OBSERVATIONS_MAX,
    TEXT_MAX,
    FieldError,
    RuleFunc,
    quote,
    required_message,
    too_long_error,
)
from anef_tui.domain.rules.clean import clean_text
from anef_tui.domain.rules.contact import rule_email, rule_telephone
from anef_tui.domain.rules.dates import rule_annee_ou_date, rule_date, rule_date_passee
from anef_tui.domain.rules.free_text import rule_nom, rule_observations, rule_texte
from anef_tui.domain.rules.identifiers import (
    rule_code_postal,
    rule_ephoto,
    rule_n_etranger,
    rule_n_titre,
    rule_numero_demande,
)
from anef_tui.domain.rules.places import rule_nationalite, rule_pays

RULES: dict[str, RuleFunc] = {
    "texte": rule_texte,
    "nom": rule_nom,
    "date": rule_date,
    "date_passee": rule_date_passee,
    "annee_ou_date": rule_annee_ou_date,
    "n_etranger": rule_n_etranger,
    "n_titre": rule_n_titre,
    "ephoto": rule_ephoto,
    "email": rule_email,
    "telephone": rule_telephone,
    "code_postal": rule_code_postal,
    "pays": rule_pays,
    "nationalite": rule_nationalite,
    "observations": rule_observations,
    "numero_demande": rule_numero_demande,
}


def validate(rule: str, label: str, raw: str, *, today: date) -> str:
    """Normalise `raw` with the rule named `rule`; unknown rule -> KeyError.

    Blank input raises the « est obligatoire » FieldError: callers handle optional fields
    before calling this.
    """
    func = RULES[rule]
    if len(raw) > INPUT_MAX:
        # Refused before any other work: cleaning or matching 100 kB would only waste time.
        maximum = OBSERVATIONS_MAX if rule in MULTILINE_RULES else TEXT_MAX
        raise too_long_error(label, len(raw), maximum)
    cleaned = clean_text(raw, multiline=rule in MULTILINE_RULES)
    if not cleaned.strip():
        raise FieldError(label, required_message(label))
    return func(cleaned, label, today)


def check_confirmation(value: str, confirmation: str, label: str, confirm_label: str) -> None:
    """Raise FieldError on `confirm_label` unless both (already normalised) values match."""
    if value != confirmation:
        raise FieldError(
            confirm_label,
            f"{quote(confirm_label)} ne correspond pas à {quote(label)} : saisissez deux fois "
            "la même valeur.",
        )


#: What each rule expects, said before the question (rule names, not field ids).
RULE_FORMATS: dict[str, str] = {
    "date": "JJ/MM/AAAA",
    "date_passee": "JJ/MM/AAAA, date passée",
    "annee_ou_date": "JJ/MM/AAAA, ou MM/AAAA, ou AAAA",
    "n_etranger": "10 chiffres",
    "n_titre": "chiffres et lettres, comme sur le titre",
    "ephoto": "22 chiffres",
    "email": "adresse électronique, par exemple nom@exemple.fr",
    "telephone": "numéro de téléphone, par exemple 06 12 34 56 78",
    "code_postal": "5 chiffres",
    "pays": "nom du pays en français",
    "nationalite": "nationalité en français, par exemple Ivoirienne",
    "observations": "texte libre, sur une ligne",
    "numero_demande": "19 chiffres",
}
