"""What a check accepts (formats, size, pages) and how long it may take (`Budget`)."""

from __future__ import annotations

from collections.abc import Callable

#: « ne pas dépasser une taille maximale de 10 Mo par fichier » (both guides). Read as
#: 10,000,000 bytes, not 10 × 1024 × 1024: a file accepted here is never refused by the site
#: for its size, whichever way the site counts (issue 22). Sizes are shown the same way
#: (`messages.format_size`: 1 Mo = 1 000 000 octets).
MAX_BYTES = 10_000_000
ACCEPTED = ("pdf", "png", "jpeg", "tiff", "bmp")
EXTENSIONS = {
    "pdf": {".pdf"},
    "png": {".png"},
    "jpeg": {".jpg", ".jpeg", ".jpe"},
    "tiff": {".tif", ".tiff"},
    "bmp": {".bmp"},
}

#: Extension suggested when a file must be renamed.
CANONICAL_EXTENSION = {"pdf": ".pdf", "png": ".png", "jpeg": ".jpg", "tiff": ".tiff", "bmp": ".bmp"}

#: Images whose short side is below this many pixels get a low-resolution warning.
LOW_RESOLUTION_PX = 1000
#: A PDF or a TIFF with more pages than this gets a « long document » warning.
LONG_PDF_PAGES = 20
#: A file with more pages than this is refused, its pages counted up to here only (a PDF's
#: page tree, a TIFF's frame headers). One bound for both: a passport scanned page by page
#: is the same document as a TIFF or as a PDF (the « long » warning starts at LONG_PDF_PAGES).
MAX_PAGES = 500
#: The bound for a PDF's pages.
MAX_PDF_PAGES = MAX_PAGES
#: The bound for a TIFF's pages (frames): the same as a PDF's.
MAX_FRAMES = MAX_PAGES
#: Seconds one check may take before it gives up with a French refusal.
CHECK_SECONDS = 5.0

Clock = Callable[[], float]


class OutOfTime(Exception):
    """Raised at a checkpoint once a check has used its time budget."""


class Budget:
    """The time a check may still take, read on an injectable monotonic clock."""

    def __init__(self, clock: Clock, seconds: float):
        self.clock = clock
        self.seconds = seconds
        self.deadline = clock() + seconds

    def check(self) -> None:
        if self.clock() > self.deadline:
            raise OutOfTime
