"""Field rules: each one normalises a raw typed string or raises `FieldError`.

A rule is a function `(raw, label, today) -> normalised value`. It receives only non-empty
input (whether a field is required is decided elsewhere; `required_message` gives the
sentence to show). Every refusal is one French sentence that names the field, quoted with
« », and says how to fix it. Nothing here touches the network: e-mail addresses are checked
for syntax only.

Any string is just text: no rule ever raises anything but `FieldError`, whatever it is given
(digits of other scripts, control characters, bidi marks, NUL, 100 kB). `validate`, the entry
point, first refuses input longer than `INPUT_MAX` without looking at it, then cleans it
(`clean_text`): invisible format characters (bidi marks, zero-width characters, soft hyphen)
and control characters are removed, line breaks and tabs become spaces (line breaks are kept in
a multi-line text), lone surrogates become « \ufffd » so that a rule refuses them.

Digits: decimal digits of any script (« ٢ », fullwidth « ２ ») are read as the ASCII digit they
are; digit-like signs that are not decimal digits (« ² », « ③ ») are refused with a French
message (« ² » sits next to « 1 » on a French keyboard: it is a slip, not a 2).

Printing: free text a person types (rules `texte`, `nom`, `observations`) ends up on the PDFs,
printed with DejaVu Sans without text shaping. Only the Latin script (accents and Latin
Extended included) and common punctuation are accepted (`is_printable_char`); Chinese has no
glyph, Arabic and Hebrew would print reversed, and Greek and Cyrillic, although printable, are
not what the ANEF expects (names as written in Latin letters on the passport).

The ANEF password rule is offered as a checklist helper (`password_checklist`): a local tool
must never store an ANEF password, so there is no password rule and no password field.

Where each part lives: `base` (FieldError, limits, message helpers), `clean` (any text is just
text, digits, what the PDFs print), `free_text`, `dates`, `identifiers`, `contact`, `places`
(the rules themselves), `registry` (RULES, `validate`, RULE_FORMATS) and `password`. Import
from this package: the names below are its public face.
"""

from __future__ import annotations

from anef_tui.domain.rules.base import (
    EMAIL_MAX,
    INPUT_MAX,
    MIN_YEAR,
    MULTILINE_RULES,
    OBSERVATIONS_MAX,
    PHONE_MAX,
    PLACE_MAX,
    TEXT_MAX,
    TEXT_RULES,
    FieldError,
    RuleFunc,
    required_message,
)
from anef_tui.domain.rules.clean import (
    ascii_digits,
    clean_text,
    is_ascii_digits,
    is_printable_char,
    unprintable_message,
)
from anef_tui.domain.rules.contact import PHONE_REGIONS, rule_email, rule_telephone
from anef_tui.domain.rules.dates import rule_annee_ou_date, rule_date, rule_date_passee
from anef_tui.domain.rules.free_text import rule_nom, rule_observations, rule_texte
from anef_tui.domain.rules.identifiers import (
    rule_code_postal,
    rule_ephoto,
    rule_n_etranger,
    rule_n_titre,
    rule_numero_demande,
)
from anef_tui.domain.rules.password import (
    PASSWORD_MIN_LENGTH,
    PASSWORD_SPECIALS,
    password_checklist,
    password_ok,
)
from anef_tui.domain.rules.places import rule_nationalite, rule_pays
from anef_tui.domain.rules.registry import RULE_FORMATS, RULES, check_confirmation, validate

__all__ = [
    "EMAIL_MAX",
    "INPUT_MAX",
    "MIN_YEAR",
    "MULTILINE_RULES",
    "OBSERVATIONS_MAX",
    "PASSWORD_MIN_LENGTH",
    "PASSWORD_SPECIALS",
    "PHONE_MAX",
    "PHONE_REGIONS",
    "PLACE_MAX",
    "RULES",
    "RULE_FORMATS",
    "TEXT_MAX",
    "TEXT_RULES",
    "FieldError",
    "RuleFunc",
    "ascii_digits",
    "check_confirmation",
    "clean_text",
    "is_ascii_digits",
    "is_printable_char",
    "password_checklist",
    "password_ok",
    "required_message",
    "rule_annee_ou_date",
    "rule_code_postal",
    "rule_date",
    "rule_date_passee",
    "rule_email",
    "rule_ephoto",
    "rule_n_etranger",
    "rule_n_titre",
    "rule_nationalite",
    "rule_nom",
    "rule_numero_demande",
    "rule_observations",
    "rule_pays",
    "rule_telephone",
    "rule_texte",
    "unprintable_message",
    "validate",
]
