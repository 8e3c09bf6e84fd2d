"""Text from outside shown safely: file names, paths and messages that quote them.

A path may hold bytes that are not UTF-8 (Python gives them as lone surrogates, « \\udce9 »,
from `os.fsdecode`), control characters (a newline, an escape sequence that would move the
terminal's cursor or colour its text) or format characters (a bidi override that would show
« fdp.exe » as « exe.pdf »). Shown as they are, they break the output (a surrogate cannot be
written as UTF-8: Python raises « 'utf-8' codec can't encode… ») or mislead the reader.
Here every such character becomes « \ufffd », and building the text never raises.

No Textual here: the command line, plain mode and the store use it too.
"""

from __future__ import annotations

import os
import unicodedata
from typing import TextIO

REPLACEMENT = "\ufffd"


def _valid_utf8(text: str) -> str:
    """`text` with every lone surrogate as « \ufffd » (bytes that were not UTF-8 too)."""
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:  # a surrogate outside U+DC80..U+DCFF: not from a file name
        return "".join(REPLACEMENT if "\ud800" <= c <= "\udfff" else c for c in text)


def _printable(text: str) -> str:
    text = _valid_utf8(text)
    if text.isprintable():
        return text
    return "".join(
        c if c.isprintable() or unicodedata.category(c) == "Zs" else REPLACEMENT for c in text
    )


def display_path(path: str | bytes | os.PathLike) -> str:
    """A path as it can be shown or printed: valid UTF-8, nothing invisible or misleading.

    Bytes that are not UTF-8 (in a str they are lone surrogates, « \\udcff », from
    ``os.fsdecode``) become « \ufffd »; so do control characters (a newline or an escape
    sequence in a file name) and format characters (bidi overrides that would reverse it).
    """
    try:
        raw = os.fsdecode(path) if isinstance(path, bytes) else os.fspath(path)
        if isinstance(raw, bytes):  # a PathLike may give bytes
            raw = os.fsdecode(raw)
    except TypeError:  # not a path at all: shown as text, never an error
        raw = str(path)
    return _printable(raw)


def display_name(path: str | os.PathLike) -> str:
    """The last part of `path` (« scan.pdf »), as `display_path` shows it."""
    text = os.fspath(path)
    if isinstance(text, bytes):
        text = os.fsdecode(text)
    return display_path(os.path.basename(os.path.normpath(text)) or text)


def path_lines(path: str | os.PathLike, cells: int) -> list[str]:
    """`display_path(path)` in lines of at most `cells` terminal cells, for a narrow place
    (a toast): the path whole on one line if it fits; else its end — the file name whole,
    then as many whole folders as fit — after « …/ »; a file name too long for one line
    runs on over the next ones, never cut."""
    from rich.cells import cell_len, chop_cells

    cells = max(cells, 4)
    shown = display_path(path)
    if cell_len(shown) <= cells:
        return [shown]
    parts = shown.split(os.sep)
    tail = parts[-1]
    for part in reversed(parts[:-1]):
        if cell_len(f"…{os.sep}{part}{os.sep}{tail}") > cells:
            break
        tail = f"{part}{os.sep}{tail}"
    return chop_cells(f"…{os.sep}{tail}", cells)


def display_text(text: object) -> str:
    """A whole message (which may quote paths or typed text) as it can be printed: each of
    its lines as `display_path` shows a path, line breaks kept."""
    return "\n".join(_printable(line) for line in str(text).split("\n"))


def lenient(stream: TextIO) -> TextIO:
    """`stream`, replacing what its encoding cannot write (a terminal that is not UTF-8)
    instead of failing with a traceback in the middle of the output."""
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None and (getattr(stream, "encoding", "") or "").lower() not in (
        "utf-8",
        "utf8",
    ):
        try:
            reconfigure(errors="replace")
        except (ValueError, OSError):
            pass
    return stream
