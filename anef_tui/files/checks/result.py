"""What checking one file found (`CheckResult`), and a file name as it can be shown."""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class CheckResult:
    """What checking one file found. ``reason`` is set (in French) when it is refused."""

    path: str
    accepted: bool
    reason: str | None = None
    warnings: tuple[str, ...] = ()
    format: str | None = None  # one of ACCEPTED, or None
    size: int | None = None  # bytes
    pages: int | None = None  # PDF page count; 1 for an image (frame count for a TIFF)
    detected: str | None = None  # what the content really is, even when refused
    width: int | None = None  # images only, in pixels
    height: int | None = None

    def to_json(self) -> dict:
        """The JSON shape printed by ``anef-tui check --json``; ``path`` as `display_path`
        shows it (valid UTF-8, « \ufffd » for bytes that are not)."""
        return {
            "path": display_path(self.path),
            "accepted": self.accepted,
            "reason": self.reason,
            "warnings": list(self.warnings),
            "format": self.format,
            "size": self.size,
            "pages": self.pages,
        }


def display_path(path: str | bytes | os.PathLike) -> str:
    """A path as it can be shown or printed: valid UTF-8, nothing invisible or misleading.

    Bytes that are not UTF-8 (in a str they are lone surrogates, « \\udcff », from
    ``os.fsdecode``) become « \ufffd »; so do control characters (a newline or an escape
    sequence in a file name) and format characters (bidi overrides that would reverse it).
    """
    raw = os.fsdecode(path) if isinstance(path, bytes) else os.fspath(path)
    if isinstance(raw, bytes):  # a PathLike may give bytes
        raw = os.fsdecode(raw)
    text = raw.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    if text.isprintable():
        return text
    return "".join(
        c if c.isprintable() or unicodedata.category(c) == "Zs" else "\ufffd" for c in text
    )


def display_name(path: str) -> str:
    return display_path(os.path.basename(os.path.normpath(path)) or path)
