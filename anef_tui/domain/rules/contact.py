"""Contact rules: e-mail address (syntax only, never the network) and French phone number.

email_validator and phonenumbers are imported inside the rules: they are slow to import.
"""

from __future__ import annotations

import re
from datetime import date

from anef_tui.domain.rules.base import EMAIL_MAX, PHONE_MAX, FieldError, quote, too_long_error
from anef_tui.domain.rules.clean import ascii_digits, clean_text, shown_char


def rule_email(raw: str, label: str, today: date) -> str:
    from email_validator import EmailNotValidError, validate_email

    value = clean_text(raw).strip()
    fix = "saisissez une adresse comme prenom.nom@exemple.fr"
    if len(value) > EMAIL_MAX:
        raise too_long_error(label, len(value), EMAIL_MAX)
    if not value.isascii():
        bad = next(c for c in value if not c.isascii())
        raise FieldError(
            label,
            f"{quote(label)} contient {quote(shown_char(bad))} : une adresse électronique s'écrit "
            f"sans accent ni lettre d'un autre alphabet, {fix}.",
        )
    if any(c.isspace() for c in value):
        raise FieldError(label, f"{quote(label)} ne doit pas contenir d'espace : {fix}.")
    if value.count("@") != 1:
        raise FieldError(label, f"{quote(label)} doit contenir un seul « @ » : {fix}.")
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
        raise FieldError(label, f"{quote(label)} n'est pas valide{reason} : {fix}.") from None
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
        raise FieldError(label, f"{quote(label)} : ce numéro est trop long, vérifiez-le {example}.")
    if not _PHONE_CHARS.match(value):
        raise FieldError(
            label,
            f"{quote(label)} ne doit contenir que des chiffres, des espaces, des points ou des "
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
        raise FieldError(label, f"{quote(label)} : ce numéro n'est pas valide, vérifiez-le {example}.")
    number_region = phonenumbers.region_code_for_number(number)
    if number_region not in PHONE_REGIONS:
        raise FieldError(
            label, f"{quote(label)} : saisissez un numéro français ou d'outre-mer {example}."
        )
    if number_region == "FR":
        return phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL)
