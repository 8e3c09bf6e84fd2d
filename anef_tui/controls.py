"""Control characters: text is data, never a command to a terminal (issue 20).

A name typed as « EVIL\\x1b[2J\\x1b]0;pwn\\x07 », a pasted line, a file name or a data file
can carry what a terminal obeys: ESC sequences (clear the screen, retitle the window, move
the cursor), C1 controls, DEL, and the Unicode bidi controls that reorder what is read.

* At entry (typed, pasted, an answers file, an import), `strip_controls` removes them —
  whole escape sequences first, so « ←  » typed as « \\x1b[D » leaves nothing behind — and
  the front ends say so (`has_controls`). Every write of the store goes through
  `clean_data`, so no path stores one.
* At exit, text that comes from outside (a file name, a data file, an error) goes through
  `visible`, which shows each control as a glyph (« ␛ », « ␇ », « <U+202E> ») and never
  sends it raw.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

#: Unicode's bidirectional controls (embeddings, overrides, isolates, marks): category Cf,
#: printable for Python, but they reorder what the screen and a screen reader show.
BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)

# Whole sequences, so that nothing of them is left behind once removed: CSI (7- and 8-bit),
# OSC / DCS / SOS / PM / APC strings up to their terminator (or the end of the text), and
# the other two- and three-character ESC sequences.
_SEQUENCE = re.compile(
    r"""
      \x1b\[[0-?]*[\x20-/]*[@-~]?
    | \x9b[0-?]*[\x20-/]*[@-~]?
    | (?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f]) .*? (?:\x07|\x1b\\|\x9c|$)
    | \x1b[\x20-/]*[0-~]?
    """,
    re.VERBOSE | re.DOTALL,
)


def is_control(char: str) -> bool:
    """C0, DEL, C1, a bidi control, or a lone surrogate (not text at all)."""
    return unicodedata.category(char) in ("Cc", "Cs") or char in BIDI_CONTROLS


# The same set as a character class, searched in C: categories Cc (C0, DEL, C1) and Cs (the
# surrogates), and the bidi controls. A text of any length is checked without a Python loop
# per character (`anef-tui liste --json` checks every line it writes: bench/listing.py);
# tests/unit/test_controls.py compares it with `is_control` over every code point.
_OTHERS = "\\x7f-\\x9f" + "".join(f"\\u{ord(c):04x}" for c in sorted(BIDI_CONTROLS)) + (
    "\\ud800-\\udfff")
_CONTROL = re.compile(f"[\\x00-\\x1f{_OTHERS}]")
_CONTROL_BUT_NEWLINE = re.compile(f"[\\x00-\\x09\\x0b-\\x1f{_OTHERS}]")
_CONTROL_BUT_NEWLINE_TAB = re.compile(f"[\\x00-\\x08\\x0b-\\x1f{_OTHERS}]")


def has_controls(text: str, *, multiline: bool = False) -> bool:
    """Whether `text` holds a control (a line break is text when `multiline`)."""
    return (_CONTROL_BUT_NEWLINE if multiline else _CONTROL).search(text) is not None


def strip_controls(text: str, *, multiline: bool = False) -> str:
    """`text` without escape sequences or controls. A tab becomes a space; line breaks stay
    when `multiline` (« \\r\\n » and « \\r » become « \\n »), else they become a space."""
    if not has_controls(text, multiline=multiline):
        return text
    text = _SEQUENCE.sub("", text)
    out = []
    for c in text.replace("\r\n", "\n"):
        if c in "\n\r":
            out.append("\n" if multiline else " ")
        elif c == "\t":
            out.append(" ")
        elif not is_control(c):
            out.append(c)
    return "".join(out)


def clean_data(value: Any) -> Any:
    """`value` (answers, a draft, a notification's data: JSON-like) with `strip_controls`
    applied to every string, keys included; line breaks are kept (free text may have
    several lines)."""
    if isinstance(value, str):
        return strip_controls(value, multiline=True)
    if isinstance(value, dict):
        return {clean_data(k): clean_data(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [clean_data(v) for v in value]
    return value


def _glyph(char: str) -> str:
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # « ␛ » for ESC, « ␇ » for BEL…
    if code == 0x7F:
        return "\u2421"  # « ␡ »
    return f"<U+{code:04X}>"


def visible(text: object, *, multiline: bool = True) -> str:
    """`text` as it may be shown on a terminal: each control shown by a glyph, never sent
    raw. Line breaks stay when `multiline` (they are not commands)."""
    text = str(text)
    if not has_controls(text, multiline=multiline):
        return text
    out = []
    for c in text.replace("\r\n", "\n"):
        if c == "\t":
            out.append(" ")
        elif is_control(c) and not (multiline and c == "\n"):
            out.append(_glyph(c))
        else:
            out.append(c)
    return "".join(out)


#: The longest name a dossier is listed under (« NOM Prénom »): the name fields' own limit
#: (`domain.rules.base.TEXT_MAX`) is 200 each; a listing name is cut past this.
NAME_MAX = 200


def stored_name(name: str) -> str:
    """A dossier's name as stored and listed: one line, no control, at most NAME_MAX
    characters (a 400,000-character name was read out in every list)."""
    return " ".join(strip_controls(name).split())[:NAME_MAX]


def json_text(document: str) -> str:
    """A JSON document (from `json.dumps(..., ensure_ascii=False)`) whose strings carry no
    raw control either: C1, DEL, bidi controls and lone surrogates, which `json` leaves as
    they are, become `\\uXXXX` escapes (the same data for a JSON reader)."""
    return _CONTROL_BUT_NEWLINE_TAB.sub(lambda m: f"\\u{ord(m[0]):04x}", document)


class ShownStream:
    """A text stream (the CLI's standard output or error) that shows every control as a
    glyph: what a command prints may quote a name or a file name."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(visible(text))

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)
