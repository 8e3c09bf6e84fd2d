"""The ANEF password rule as a checklist helper: a local tool never stores an ANEF password."""

from __future__ import annotations

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
