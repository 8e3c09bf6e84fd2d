"""Any string is just text: cleaning (`clean_text`), digits of any script, and what the PDFs can
print (`is_printable_char`, `unprintable_message`). Nothing here raises but `FieldError`.
"""

from __future__ import annotations

import unicodedata

from anef_tui.domain.rules.base import FieldError, quote

_ASCII_DIGITS = frozenset("0123456789")

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


def shown_char(c: str) -> str:
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
        f"{quote(label)} contient {quote(shown_char(bad))}, un caractère qui ne peut pas être "
        f"imprimé sur les documents : {how}."
    )


def require_printable(value: str, label: str, *, multiline: bool = False) -> None:
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


def not_a_digit(text: str) -> str | None:
    """The first digit-like sign of `text` that is not a decimal digit (« ² », « ③ », « ½ »)."""
    return next((c for c in text if unicodedata.category(c) in ("No", "Nl")), None)


def collapse(raw: str) -> str:
    return " ".join(unicodedata.normalize("NFC", clean_text(raw)).split())
