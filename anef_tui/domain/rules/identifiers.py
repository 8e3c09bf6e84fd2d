"""Identifier rules: N° étranger, N° de titre, N° e-photo, code postal, N° de la demande."""

from __future__ import annotations

import re
from datetime import date

from anef_tui.domain.rules.base import FieldError, quote
from anef_tui.domain.rules.clean import ascii_digits, clean_text, is_ascii_digits


def _compact(raw: str, remove: str = r"\s") -> str:
    """`raw` cleaned, its digits in ASCII, without the characters matched by `remove`."""
    return re.sub(f"[{remove}]+", "", ascii_digits(clean_text(raw)))


def rule_n_etranger(raw: str, label: str, today: date) -> str:
    value = _compact(raw)
    if not is_ascii_digits(value):
        raise FieldError(
            label,
            f"{quote(label)} ne doit contenir que des chiffres : saisissez les 10 chiffres, "
            "par exemple 5903007229.",
        )
    if len(value) != 10:
        raise FieldError(
            label,
            f"{quote(label)} doit comporter 10 chiffres (vous en avez saisi "
            f"{len(value)}) : vérifiez le numéro, par exemple 5903007229.",
        )
    return value


def rule_n_titre(raw: str, label: str, today: date) -> str:
    value = _compact(raw).upper()
    if not (value.isascii() and value.isalnum()):
        raise FieldError(
            label,
            f"{quote(label)} ne doit contenir que des chiffres et des lettres : recopiez les "
            "10 caractères du numéro, par exemple 9999999999.",
        )
    if len(value) != 10:
        raise FieldError(
            label,
            f"{quote(label)} doit comporter 10 caractères (vous en avez saisi "
            f"{len(value)}) : vérifiez le numéro, par exemple 9999999999.",
        )
    return value


def rule_ephoto(raw: str, label: str, today: date) -> str:
    value = _compact(raw, r"\s\-")
    if not is_ascii_digits(value):
        raise FieldError(
            label,
            f"{quote(label)} ne doit contenir que des chiffres : recopiez les 22 chiffres "
            "imprimés sur la planche du photographe.",
        )
    if len(value) != 22:
        raise FieldError(
            label,
            f"{quote(label)} doit comporter 22 chiffres (vous en avez saisi "
            f"{len(value)}) : vérifiez le numéro sur la planche du photographe.",
        )
    return value


def rule_code_postal(raw: str, label: str, today: date) -> str:
    value = _compact(raw)
    if not (is_ascii_digits(value) and len(value) == 5):
        raise FieldError(
            label, f"{quote(label)} : saisissez les 5 chiffres du code postal, par exemple 59000."
        )
    if not 1000 <= int(value) <= 98999:
        raise FieldError(
            label,
            f"{quote(label)} : {value} n'est pas un code postal français, vérifiez les "
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
