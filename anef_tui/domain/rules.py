"""Field rules: each one normalises a raw typed string or raises `FieldError`.

A rule is a function `(raw, label, today) -> normalised value`. It receives only non-empty
input (whether a field is required is decided elsewhere; `required_message` gives the
sentence to show). Every refusal is one French sentence that names the field, quoted with
« », and says how to fix it. Nothing here touches the network: e-mail addresses are checked
for syntax only.

The ANEF password rule is offered as a checklist helper (`password_checklist`): a local tool
must never store an ANEF password, so there is no password rule and no password field.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import date

from anef_tui.domain import countries


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
MIN_YEAR = 1900


def _q(text: str) -> str:
    return f"« {text} »"


def required_message(label: str) -> str:
    """The sentence shown when a required field is left empty."""
    return f"{_q(label)} est obligatoire : renseignez ce champ."


def _collapse(raw: str) -> str:
    return " ".join(unicodedata.normalize("NFC", raw).split())


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n > 1 else ''}"


# --- free text ---------------------------------------------------------------------------


def rule_texte(raw: str, label: str, today: date) -> str:
    value = _collapse(raw)
    if len(value) > TEXT_MAX:
        raise FieldError(
            label,
            f"{_q(label)} ne doit pas dépasser {TEXT_MAX} caractères "
            f"(vous en avez saisi {len(value)}) : raccourcissez le texte.",
        )
    return value


def rule_observations(raw: str, label: str, today: date) -> str:
    text = unicodedata.normalize("NFC", raw).replace("\r\n", "\n").replace("\r", "\n")
    value = "\n".join(line.rstrip() for line in text.split("\n")).strip()
    if len(value) > OBSERVATIONS_MAX:
        raise FieldError(
            label,
            f"{_q(label)} ne doit pas dépasser {OBSERVATIONS_MAX} caractères "
            f"(vous en avez saisi {len(value)}) : raccourcissez le texte.",
        )
    return value


_NAME_PUNCTUATION = frozenset(" -'’.")


def rule_nom(raw: str, label: str, today: date) -> str:
    value = _collapse(raw)
    if any(c.isdigit() for c in value):
        raise FieldError(
            label,
            f"{_q(label)} ne doit pas contenir de chiffres : saisissez uniquement des lettres.",
        )
    bad = [
        c for c in value if not (c.isalpha() or c in _NAME_PUNCTUATION or unicodedata.combining(c))
    ]
    if bad:
        raise FieldError(
            label,
            f"{_q(label)} contient un caractère non autorisé ({_q(bad[0])}) : utilisez "
            "uniquement des lettres, des espaces, des tirets, des apostrophes et des points.",
        )
    if not any(c.isalpha() for c in value):
        raise FieldError(
            label,
            f"{_q(label)} doit contenir au moins une lettre : recopiez-le tel qu'il figure "
            "sur vos papiers d'identité.",
        )
    if len(value) > TEXT_MAX:
        raise FieldError(
            label,
            f"{_q(label)} ne doit pas dépasser {TEXT_MAX} caractères "
            f"(vous en avez saisi {len(value)}) : raccourcissez-le.",
        )
    return value


# --- dates -------------------------------------------------------------------------------

_DATE_SEPARATORS = re.compile(r"[\s/.\-]+")


def _date_format_error(label: str) -> FieldError:
    return FieldError(
        label, f"{_q(label)} : saisissez une date au format JJ/MM/AAAA, par exemple 03/10/2000."
    )


def _two_digit_year_error(label: str) -> FieldError:
    return FieldError(
        label,
        f"{_q(label)} : saisissez l'année en 4 chiffres, par exemple 03/10/2000 et non 03/10/00.",
    )


def _old_year_error(label: str, year: int) -> FieldError:
    return FieldError(
        label, f"{_q(label)} : l'année {year} est antérieure à {MIN_YEAR}, vérifiez l'année."
    )


def _future_error(label: str) -> FieldError:
    return FieldError(label, f"{_q(label)} ne peut pas être dans le futur : vérifiez l'année.")


def _split_date(raw: str) -> list[str]:
    parts = [p for p in _DATE_SEPARATORS.split(raw.strip()) if p]
    if len(parts) == 1 and parts[0].isdigit():
        digits = parts[0]
        if len(digits) == 8:
            return [digits[:2], digits[2:4], digits[4:]]
        if len(digits) == 6:
            return [digits[:2], digits[2:]]
    return parts


def _check_year(year_text: str, label: str) -> int:
    if len(year_text) == 2:
        raise _two_digit_year_error(label)
    if len(year_text) != 4:
        raise _date_format_error(label)
    year = int(year_text)
    if year < MIN_YEAR:
        raise _old_year_error(label, year)
    return year


def _full_date(parts: list[str], label: str) -> date:
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
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
            f"{_q(label)} : la date {day:02d}/{month:02d}/{year} n'existe pas, "
            "vérifiez le jour et le mois.",
        ) from None


def _format_date(value: date) -> str:
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"


def rule_date(raw: str, label: str, today: date) -> str:
    return _format_date(_full_date(_split_date(raw), label))


def rule_date_passee(raw: str, label: str, today: date) -> str:
    value = _full_date(_split_date(raw), label)
    if value > today:
        raise _future_error(label)
    return _format_date(value)


def rule_annee_ou_date(raw: str, label: str, today: date) -> str:
    parts = _split_date(raw)
    if not parts or not all(p.isdigit() for p in parts) or len(parts) > 3:
        raise FieldError(
            label,
            f"{_q(label)} : saisissez au moins l'année en 4 chiffres (AAAA), ou MM/AAAA, "
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
            label, f"{_q(label)} : le mois doit être compris entre 01 et 12, par exemple 10/2000."
        )
    if (year, month) > (today.year, today.month):
        raise _future_error(label)
    return f"{month:02d}/{year:04d}"


# --- identifiers -------------------------------------------------------------------------


def _compact(raw: str, remove: str = r"\s") -> str:
    return re.sub(f"[{remove}]+", "", raw)


def rule_n_etranger(raw: str, label: str, today: date) -> str:
    value = _compact(raw)
    if not value.isdigit() or not value.isascii():
        raise FieldError(
            label,
            f"{_q(label)} ne doit contenir que des chiffres : saisissez les 10 chiffres, "
            "par exemple 5903007229.",
        )
    if len(value) != 10:
        raise FieldError(
            label,
            f"{_q(label)} doit comporter 10 chiffres (vous en avez saisi "
            f"{len(value)}) : vérifiez le numéro, par exemple 5903007229.",
        )
    return value


def rule_n_titre(raw: str, label: str, today: date) -> str:
    value = _compact(raw).upper()
    if not (value.isascii() and value.isalnum()):
        raise FieldError(
            label,
            f"{_q(label)} ne doit contenir que des chiffres et des lettres : recopiez les "
            "10 caractères du numéro, par exemple 9999999999.",
        )
    if len(value) != 10:
        raise FieldError(
            label,
            f"{_q(label)} doit comporter 10 caractères (vous en avez saisi "
            f"{len(value)}) : vérifiez le numéro, par exemple 9999999999.",
        )
    return value


def rule_ephoto(raw: str, label: str, today: date) -> str:
    value = _compact(raw, r"\s\-")
    if not (value.isascii() and value.isdigit()):
        raise FieldError(
            label,
            f"{_q(label)} ne doit contenir que des chiffres : recopiez les 22 chiffres "
            "imprimés sur la planche du photographe.",
        )
    if len(value) != 22:
        raise FieldError(
            label,
            f"{_q(label)} doit comporter 22 chiffres (vous en avez saisi "
            f"{len(value)}) : vérifiez le numéro sur la planche du photographe.",
        )
    return value


def rule_code_postal(raw: str, label: str, today: date) -> str:
    value = _compact(raw)
    if not (value.isascii() and value.isdigit() and len(value) == 5):
        raise FieldError(
            label, f"{_q(label)} : saisissez les 5 chiffres du code postal, par exemple 59000."
        )
    if not 1000 <= int(value) <= 98999:
        raise FieldError(
            label,
            f"{_q(label)} : {value} n'est pas un code postal français, vérifiez les "
            "2 premiers chiffres (de 01 à 98).",
        )
    return value


def rule_numero_demande(raw: str, label: str, today: date) -> str:
    """The 19-digit « N° de la demande » the ANEF gives at filing; spaces are ignored."""
    from anef_tui.domain.filing import normalise_numero_demande

    try:
        return normalise_numero_demande(raw, label)
    except ValueError as exc:
        raise FieldError(label, str(exc)) from None


# --- contact -----------------------------------------------------------------------------


def rule_email(raw: str, label: str, today: date) -> str:
    from email_validator import EmailNotValidError, validate_email

    value = raw.strip()
    fix = "saisissez une adresse comme prenom.nom@exemple.fr"
    if any(c.isspace() for c in value):
        raise FieldError(label, f"{_q(label)} ne doit pas contenir d'espace : {fix}.")
    if value.count("@") != 1:
        raise FieldError(label, f"{_q(label)} doit contenir un seul « @ » : {fix}.")
    try:
        result = validate_email(value, check_deliverability=False)
    except EmailNotValidError:
        local, _, domain = value.partition("@")
        if not local:
            reason = " (il manque la partie avant « @ »)"
        elif "." not in domain:
            reason = " (le nom de domaine après « @ » est incomplet)"
        else:
            reason = ""
        raise FieldError(label, f"{_q(label)} n'est pas valide{reason} : {fix}.") from None
    return result.normalized


# French phone regions: metropolitan France, the overseas départements and collectivités,
# and the Comoros (+269), the code Mayotte used until 2007 and many residents still have.
PHONE_REGIONS = frozenset(
    {"FR", "GP", "MQ", "GF", "RE", "YT", "PM", "BL", "MF", "WF", "PF", "NC", "KM"}
)
# Regions whose numbers are dialled from France with a leading 0 (0262…, 0590…).
_NATIONAL_FALLBACK_REGIONS = ("RE", "YT", "GP", "MQ", "GF", "PM", "BL", "MF")
_PHONE_CHARS = re.compile(r"^[0-9+\s.\-()/]+$")


def rule_telephone(raw: str, label: str, today: date) -> str:
    import phonenumbers
    from phonenumbers import PhoneNumberFormat

    value = raw.strip()
    example = "(par exemple 06 12 34 56 78 ou +262 692 12 34 56)"
    if not _PHONE_CHARS.match(value):
        raise FieldError(
            label,
            f"{_q(label)} ne doit contenir que des chiffres, des espaces, des points ou des "
            f"tirets {example}.",
        )

    def parse(region: str):
        try:
            number = phonenumbers.parse(value, region)
        except phonenumbers.NumberParseException:
            return None
        return number if phonenumbers.is_valid_number(number) else None

    number = parse("FR")
    if number is None and not value.startswith("+") and not value.startswith("00"):
        for region in _NATIONAL_FALLBACK_REGIONS:
            number = parse(region)
            if number is not None:
                break
    if number is None:
        raise FieldError(label, f"{_q(label)} : ce numéro n'est pas valide, vérifiez-le {example}.")
    region = phonenumbers.region_code_for_number(number)
    if region not in PHONE_REGIONS:
        raise FieldError(
            label, f"{_q(label)} : saisissez un numéro français ou d'outre-mer {example}."
        )
    if region == "FR":
        return phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL)


# --- countries and nationalities ---------------------------------------------------------


def _or_list(names: list[str]) -> str:
    quoted = [_q(n) for n in names]
    if len(quoted) == 1:
        return quoted[0]
    return ", ".join(quoted[:-1]) + " ou " + quoted[-1]


def rule_pays(raw: str, label: str, today: date) -> str:
    found = countries.match_country(raw)
    if found:
        return found
    typed = _collapse(raw)
    suggestions = countries.suggest_countries(raw, 3)
    if suggestions:
        raise FieldError(
            label,
            f"{_q(label)} : {_q(typed)} n'est pas un pays connu, vouliez-vous dire "
            f"{_or_list(suggestions)} ?",
        )
    raise FieldError(
        label,
        f"{_q(label)} : {_q(typed)} n'est pas un pays connu, saisissez le nom du pays en "
        "français, par exemple « Mexique ».",
    )


def rule_nationalite(raw: str, label: str, today: date) -> str:
    found = countries.match_nationality(raw)
    if found:
        return found
    typed = _collapse(raw)
    suggestions = countries.suggest_nationalities(raw, 3)
    if suggestions:
        raise FieldError(
            label,
            f"{_q(label)} : {_q(typed)} n'est pas une nationalité connue, vouliez-vous dire "
            f"{_or_list(suggestions)} ?",
        )
    raise FieldError(
        label,
        f"{_q(label)} : {_q(typed)} n'est pas une nationalité connue, saisissez-la en "
        "français, par exemple « Mexicaine ».",
    )


# --- registry ----------------------------------------------------------------------------

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
    if not raw.strip():
        raise FieldError(label, required_message(label))
    return func(raw, label, today)


def check_confirmation(value: str, confirmation: str, label: str, confirm_label: str) -> None:
    """Raise FieldError on `confirm_label` unless both (already normalised) values match."""
    if value != confirmation:
        raise FieldError(
            confirm_label,
            f"{_q(confirm_label)} ne correspond pas à {_q(label)} : saisissez deux fois "
            "la même valeur.",
        )


# --- ANEF password helper (never stores anything) ----------------------------------------

PASSWORD_SPECIALS = '!"#$%&()*-./=>?@_'
PASSWORD_MIN_LENGTH = 8


def password_checklist(password: str) -> list[tuple[str, bool]]:
    """Each criterion of the ANEF password rule with whether `password` meets it."""
    return [
        ("Au moins 8 caractères", len(password) >= PASSWORD_MIN_LENGTH),
        ("Une majuscule", any(c.isupper() for c in password)),
        ("Une minuscule", any(c.islower() for c in password)),
        ("Un chiffre", any(c.isdigit() for c in password)),
        (
            f"Un caractère spécial parmi {PASSWORD_SPECIALS}",
            any(c in PASSWORD_SPECIALS for c in password),
        ),
    ]


def password_ok(password: str) -> bool:
    return all(ok for _, ok in password_checklist(password))
