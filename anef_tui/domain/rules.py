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

_ASCII_DIGITS = frozenset("0123456789")


def _q(text: str) -> str:
    return f"« {text} »"


def required_message(label: str) -> str:
    """The sentence shown when a required field is left empty."""
    return f"{_q(label)} est obligatoire : renseignez ce champ."


def _collapse(raw: str) -> str:
    return " ".join(unicodedata.normalize("NFC", clean_text(raw)).split())


def _excerpt(text: str, limit: int = 40) -> str:
    """`text` cut to `limit` characters with « … », to quote it in a message."""
    return text if len(text) <= limit else text[:limit].rstrip() + "…"


# --- any text is just text ---------------------------------------------------------------

# Line breaks and other whitespace control characters.
_BREAKS = frozenset("\t\n\v\f\r\x1c\x1d\x1e\x1f\x85\u2028\u2029")


def clean_text(raw: str, *, multiline: bool = False) -> str:
    """`raw` without invisible characters; never raises.

    Format characters (category Cf: bidi marks U+200E/F, U+202A–E, U+2066–9, zero-width
    characters, BOM, soft hyphen) and control characters (NUL, ESC, DEL…) are removed; line
    breaks, tabs and unusual spaces (no-break, thin, ideographic…) become a plain space, or a
    line break « \\n » for a line break when `multiline`; a lone surrogate (not text at all)
    becomes « \ufffd », which every rule refuses.
    """
    if raw.isprintable():
        return raw
    if multiline:
        raw = raw.replace("\r\n", "\n")
    out: list[str] = []
    for c in raw:
        if c == " " or c.isprintable():
            out.append(c)
        elif c in _BREAKS:
            out.append("\n" if multiline and c in "\n\r\x85\u2028\u2029" else " ")
        else:
            category = unicodedata.category(c)
            if category == "Zs":
                out.append(" ")
            elif category == "Cs":
                out.append("\ufffd")
            elif category in ("Cf", "Cc"):
                continue
            else:  # Zl/Zp are breaks above; Co and Cn (private use, unassigned) stay
                out.append(c)
    return "".join(out)


# Unicode ranges printed correctly by the PDFs' font (DejaVu Sans, regular and bold): the
# Latin script and common punctuation. A unit test checks each assigned character against
# the font's character map.
_PRINTABLE_RANGES: tuple[tuple[int, int], ...] = (
    (0x0020, 0x007E),  # Basic Latin
    (0x00A0, 0x024F),  # Latin-1 Supplement, Latin Extended-A and -B
    (0x02B0, 0x02E9),  # spacing modifier letters (ʼ, ˆ, ˜…)
    (0x0300, 0x034F),  # combining diacritical marks
    (0x1E00, 0x1EFB),  # Latin Extended Additional (Vietnamese…)
    (0x2010, 0x2027),  # dashes, quotes, bullet, ellipsis
    (0x2030, 0x205E),  # per mille, primes, ‹ ›…
    (0x20AC, 0x20AC),  # €
    (0x2116, 0x2116),  # №
    (0xFB00, 0xFB06),  # ﬁ, ﬂ… (copied from PDFs)
)


def is_printable_char(c: str) -> bool:
    """Whether the PDFs print `c` as typed (Latin script, common punctuation; assigned)."""
    code = ord(c)
    if 0x20 <= code <= 0x7E:
        return True
    if unicodedata.category(c) in ("Cn", "Cc", "Cf", "Cs", "Co"):
        return False
    return any(low <= code <= high for low, high in _PRINTABLE_RANGES)


def _shown_char(c: str) -> str:
    """A character as quoted in a message: itself, or « U+XXXX » when it is invisible alone."""
    if unicodedata.combining(c) or not c.isprintable():
        return f"U+{ord(c):04X}"
    return c


def unprintable_message(label: str, value: str, *, multiline: bool = False) -> str | None:
    """The French refusal when `value` holds a character the PDFs cannot print; else None."""
    bad = next((c for c in value if c != "\n" and not is_printable_char(c)), None)
    if bad is None:
        return None
    how = (
        "écrivez votre message en français, en lettres latines"
        if multiline
        else "écrivez ce texte en lettres latines, comme sur votre passeport"
    )
    return (
        f"{_q(label)} contient {_q(_shown_char(bad))}, un caractère qui ne peut pas être "
        f"imprimé sur les documents : {how}."
    )


def _require_printable(value: str, label: str, *, multiline: bool = False) -> None:
    message = unprintable_message(label, value, multiline=multiline)
    if message:
        raise FieldError(label, message)


def ascii_digits(text: str) -> str:
    """`text` with every decimal digit of another script (« ٢ », « ２ ») as an ASCII digit."""
    if text.isascii():
        return text
    return "".join(
        str(unicodedata.decimal(c)) if not c.isascii() and unicodedata.category(c) == "Nd" else c
        for c in text
    )


def is_ascii_digits(text: str) -> bool:
    """Whether `text` is one or more of the digits 0 to 9 (« ² ».isdigit() is True: not here)."""
    return bool(text) and all(c in _ASCII_DIGITS for c in text)


def _not_a_digit(text: str) -> str | None:
    """The first digit-like sign of `text` that is not a decimal digit (« ² », « ③ », « ½ »)."""
    return next((c for c in text if unicodedata.category(c) in ("No", "Nl")), None)


def _too_long_error(label: str, length: int, maximum: int) -> FieldError:
    return FieldError(
        label,
        f"{_q(label)} ne doit pas dépasser {maximum} caractères "
        f"(vous en avez saisi {length}) : raccourcissez le texte.",
    )


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n > 1 else ''}"


# --- free text ---------------------------------------------------------------------------


def rule_texte(raw: str, label: str, today: date) -> str:
    value = _collapse(raw)
    if len(value) > TEXT_MAX:
        raise _too_long_error(label, len(value), TEXT_MAX)
    _require_printable(value, label)
    return value


def rule_observations(raw: str, label: str, today: date) -> str:
    text = unicodedata.normalize("NFC", clean_text(raw, multiline=True))
    value = "\n".join(line.rstrip() for line in text.split("\n")).strip()
    if len(value) > OBSERVATIONS_MAX:
        raise _too_long_error(label, len(value), OBSERVATIONS_MAX)
    _require_printable(value, label, multiline=True)
    return value


_NAME_PUNCTUATION = frozenset(" -'’.")


def rule_nom(raw: str, label: str, today: date) -> str:
    value = _collapse(raw)
    if len(value) > TEXT_MAX:
        raise _too_long_error(label, len(value), TEXT_MAX)
    _require_printable(value, label)
    if any(c.isdigit() or unicodedata.category(c) == "No" for c in value):
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


def _not_a_digit_error(label: str, sign: str) -> FieldError:
    return FieldError(
        label,
        f"{_q(label)} : {_q(_shown_char(sign))} n'est pas un chiffre, saisissez la date avec "
        "les chiffres de 0 à 9, par exemple 03/10/2000.",
    )


def _split_date(raw: str, label: str) -> list[str]:
    """The parts of a typed date; FieldError for a sign such as « ² » or an absurd length."""
    text = ascii_digits(clean_text(raw)).strip()
    sign = _not_a_digit(text)
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
            f"{_q(label)} : la date {day:02d}/{month:02d}/{year} n'existe pas, "
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
    """`raw` cleaned, its digits in ASCII, without the characters matched by `remove`."""
    return re.sub(f"[{remove}]+", "", ascii_digits(clean_text(raw)))


def rule_n_etranger(raw: str, label: str, today: date) -> str:
    value = _compact(raw)
    if not is_ascii_digits(value):
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
    if not is_ascii_digits(value):
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
    if not (is_ascii_digits(value) and len(value) == 5):
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
        return normalise_numero_demande(ascii_digits(clean_text(raw)), label)
    except ValueError as exc:
        raise FieldError(label, str(exc)) from None


# --- contact -----------------------------------------------------------------------------


def rule_email(raw: str, label: str, today: date) -> str:
    from email_validator import EmailNotValidError, validate_email

    value = clean_text(raw).strip()
    fix = "saisissez une adresse comme prenom.nom@exemple.fr"
    if len(value) > EMAIL_MAX:
        raise _too_long_error(label, len(value), EMAIL_MAX)
    if not value.isascii():
        bad = next(c for c in value if not c.isascii())
        raise FieldError(
            label,
            f"{_q(label)} contient {_q(_shown_char(bad))} : une adresse électronique s'écrit "
            f"sans accent ni lettre d'un autre alphabet, {fix}.",
        )
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

    value = ascii_digits(clean_text(raw)).strip()
    example = "(par exemple 06 12 34 56 78 ou +262 692 12 34 56)"
    if len(value) > PHONE_MAX:
        raise FieldError(label, f"{_q(label)} : ce numéro est trop long, vérifiez-le {example}.")
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
    number_region = phonenumbers.region_code_for_number(number)
    if number_region not in PHONE_REGIONS:
        raise FieldError(
            label, f"{_q(label)} : saisissez un numéro français ou d'outre-mer {example}."
        )
    if number_region == "FR":
        return phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL)


# --- countries and nationalities ---------------------------------------------------------


def _or_list(names: list[str]) -> str:
    quoted = [_q(n) for n in names]
    if len(quoted) == 1:
        return quoted[0]
    return ", ".join(quoted[:-1]) + " ou " + quoted[-1]


def _place_text(raw: str, label: str) -> str:
    value = _collapse(raw)
    if len(value) > PLACE_MAX:
        raise _too_long_error(label, len(value), PLACE_MAX)
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
            f"{_q(label)} : {_q(_excerpt(typed))} n'est pas un pays connu, vouliez-vous dire "
            f"{_or_list(suggestions)} ?",
        )
    raise FieldError(
        label,
        f"{_q(label)} : {_q(_excerpt(typed))} n'est pas un pays connu, saisissez le nom du pays en "
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
            f"{_q(label)} : {_q(_excerpt(typed))} n'est pas une nationalité connue, vouliez-vous dire "
            f"{_or_list(suggestions)} ?",
        )
    raise FieldError(
        label,
        f"{_q(label)} : {_q(_excerpt(typed))} n'est pas une nationalité connue, saisissez-la en "
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
    if len(raw) > INPUT_MAX:
        # Refused before any other work: cleaning or matching 100 kB would only waste time.
        maximum = OBSERVATIONS_MAX if rule in MULTILINE_RULES else TEXT_MAX
        raise _too_long_error(label, len(raw), maximum)
    cleaned = clean_text(raw, multiline=rule in MULTILINE_RULES)
    if not cleaned.strip():
        raise FieldError(label, required_message(label))
    return func(cleaned, label, today)


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
