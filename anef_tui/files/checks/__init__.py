"""Check an attachment before it goes into a document slot, the way the ANEF will.

The ANEF accepts .jpg .png .pdf .tiff .bmp files of at most 10 Mo, and at most 3 files per
document slot (6 for « Justificatif de résidence habituelle »). Files are judged by their
content, never by their name alone: a PNG named ``scan.pdf`` is refused with advice to rename it,
a HEIC photo named ``photo.jpg`` is refused with advice to convert it.

Every refusal or warning is one French sentence that names the file and says how to fix it.
Pillow and pypdf are imported inside the functions that need them, to keep start-up fast.

Hostile files are bounded: a TIFF or a PDF of more than `MAX_PAGES` pages (500: a TIFF's
pages are bounded like a PDF's, `MAX_FRAMES` = `MAX_PDF_PAGES`) is refused without decoding
its pages (the frames or the page tree are counted up to the bound only), every frame is held
to Pillow's pixel limit, and a whole check
gives up after `CHECK_SECONDS` (measured with an injectable monotonic clock) with « … est trop
long à vérifier … ». What libtiff writes to descriptor 2 never reaches the terminal
(`anef_tui.files.quiet`). A file name is quoted in messages as `display_path` shows it: bytes that
are not UTF-8 become « \ufffd », control and bidi characters too.

Where each part lives: `limits` (formats, sizes, page bounds, the time budget), `sniff` (what
a file is from its first bytes), `messages` (every French sentence), `pdf` and `image` (the
checks by kind of content), `result` (`CheckResult`, `display_path`) and `entry` (`check_file`,
`check_slot`). Import from this package: the names below are its public face.
"""

from __future__ import annotations

from anef_tui.files.checks.entry import check_bytes, check_file, check_slot
from anef_tui.files.checks.image import count_frames
from anef_tui.files.checks.limits import (
    ACCEPTED,
    CANONICAL_EXTENSION,
    CHECK_SECONDS,
    EXTENSIONS,
    LONG_PDF_PAGES,
    LOW_RESOLUTION_PX,
    MAX_BYTES,
    MAX_FRAMES,
    MAX_PAGES,
    MAX_PDF_PAGES,
    Clock,
)
from anef_tui.files.checks.messages import format_size, slot_limit_message, too_many_pages
from anef_tui.files.checks.result import CheckResult, display_path
from anef_tui.files.checks.sniff import HEAD_BYTES, sniff

__all__ = [
    "ACCEPTED",
    "CANONICAL_EXTENSION",
    "CHECK_SECONDS",
    "EXTENSIONS",
    "HEAD_BYTES",
    "LONG_PDF_PAGES",
    "LOW_RESOLUTION_PX",
    "MAX_BYTES",
    "MAX_FRAMES",
    "MAX_PAGES",
    "MAX_PDF_PAGES",
    "CheckResult",
    "Clock",
    "check_bytes",
    "check_file",
    "check_slot",
    "count_frames",
    "display_path",
    "format_size",
    "slot_limit_message",
    "sniff",
    "too_many_pages",
]
