"""Check an attachment before it goes into a document slot, the way the ANEF will.

The ANEF accepts .jpg .png .pdf .tiff .bmp files of at most 10 Mo, and at most 3 files per
document slot (6 for « Justificatif de résidence habituelle »). Files are judged by their
content, never by their name alone: a PNG named ``scan.pdf`` is refused with advice to rename it,
a HEIC photo named ``photo.jpg`` is refused with advice to convert it.

Every refusal or warning is one French sentence that names the file and says how to fix it.
Pillow and pypdf are imported inside the functions that need them, to keep start-up fast.

Hostile files are bounded: a TIFF of more than `MAX_FRAMES` pages or a PDF of more than
`MAX_PDF_PAGES` pages is refused without decoding its pages (the frames or the page tree are
counted up to the bound only), every frame is held to Pillow's pixel limit, and a whole check
gives up after `CHECK_SECONDS` (measured with an injectable monotonic clock) with « … est trop
long à vérifier … ». A file name is quoted in messages as `display_path` shows it: bytes that
are not UTF-8 become « \ufffd », control and bidi characters too.
"""

from __future__ import annotations

import logging
import math
import os
import stat
import time
import unicodedata
import warnings
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

MAX_BYTES = 10 * 1024 * 1024
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
#: PDFs with more pages than this get a « long document » warning.
LONG_PDF_PAGES = 20
#: A TIFF with more pages (frames) than this is refused, its frames counted up to here only.
MAX_FRAMES = 50
#: A PDF with more pages than this is refused (the « long » warning starts at LONG_PDF_PAGES).
MAX_PDF_PAGES = 500
#: Seconds one check may take before it gives up with a French refusal.
CHECK_SECONDS = 5.0
#: How many bytes ``sniff`` needs.
HEAD_BYTES = 2048

Clock = Callable[[], float]

_MIB = 1024 * 1024

# Pillow format name for each accepted image format: Image.open only tries that one.
_PILLOW_FORMATS = {"png": "PNG", "jpeg": "JPEG", "tiff": "TIFF", "bmp": "BMP"}

# How to name a detected format in a message: « c'est un fichier HEIC ».
_LABELS = {
    "pdf": "PDF",
    "png": "PNG",
    "jpeg": "JPG",
    "tiff": "TIFF",
    "bmp": "BMP",
    "gif": "GIF",
    "webp": "WEBP",
    "heic": "HEIC",
    "heif": "HEIF",
    "avif": "AVIF",
    "jp2": "JPEG 2000",
    "psd": "Photoshop (PSD)",
    "cr2": "RAW (CR2)",
    "cr3": "RAW (CR3)",
    "svg": "SVG",
    "zip": "ZIP",
    "rar": "RAR",
    "7z": "7Z",
    "docx": "Word (DOCX)",
    "xlsx": "Excel (XLSX)",
    "pptx": "PowerPoint (PPTX)",
    "odt": "OpenDocument (ODT)",
    "ods": "OpenDocument (ODS)",
    "odp": "OpenDocument (ODP)",
    "rtf": "RTF",
    "html": "HTML",
    "mp4": "vidéo (MP4)",
    "mov": "vidéo (MOV)",
    "3gp": "vidéo (3GP)",
    "m4a": "audio (M4A)",
}
_IMAGE_LIKE = {"gif", "webp", "heic", "heif", "avif", "jp2", "psd", "cr2", "cr3", "svg"}
_DOCUMENT_LIKE = {"docx", "xlsx", "pptx", "odt", "ods", "odp", "rtf", "html", "ole", "text"}
_ARCHIVES = {"zip", "rar", "7z"}
_MEDIA = {"mp4", "mov", "3gp", "m4a"}

_HEIC_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"hevm", b"hevs"}
_AVIF_BRANDS = {b"avif", b"avis"}
_HEIF_BRANDS = {b"mif1", b"msf1"}
_BMP_HEADER_SIZES = {12, 16, 40, 52, 56, 64, 108, 124}
_ODF_MIMETYPES = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
    b"application/vnd.oasis.opendocument.presentation": "odp",
}
_OOXML_PARTS = {
    "word/document.xml": "docx",
    "xl/workbook.xml": "xlsx",
    "ppt/presentation.xml": "pptx",
}


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


# --- format detection -------------------------------------------------------------------------


def sniff(head: bytes) -> str | None:
    """Tell what a file is from its first bytes (2048 are enough); None when unknown.

    Returns one of ACCEPTED, or another name such as "heic", "webp", "gif", "zip", "odt",
    "ole" (old Microsoft Office), "text"...
    """
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith((b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+")):
        # Canon CR2 raw files are TIFF containers marked « CR » at offset 8.
        return "cr2" if head[8:10] == b"CR" else "tiff"
    if _is_bmp(head):
        return "bmp"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "webp"
    if head[4:8] == b"ftyp":
        return _sniff_ftyp(head)
    if head.startswith(b"\x00\x00\x00\x0cjP  \r\n\x87\n") or head.startswith(b"\xff\x4f\xff\x51"):
        return "jp2"
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        # OpenDocument stores an uncompressed « mimetype » entry first.
        if head[30:38] == b"mimetype":
            for mimetype, name in _ODF_MIMETYPES.items():
                if head[38:].startswith(mimetype):
                    return name
        return "zip"
    if head.startswith(b"Rar!\x1a\x07"):
        return "rar"
    if head.startswith(b"7z\xbc\xaf\x27\x1c"):
        return "7z"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if head.startswith(b"8BPS"):
        return "psd"
    if b"%PDF-" in head[:1024]:
        return "pdf"
    return _sniff_text(head)


def _is_bmp(head: bytes) -> bool:
    # "BM" alone is too weak (a text file may start with it): check the DIB header size too.
    if not head.startswith(b"BM") or len(head) < 18:
        return False
    return int.from_bytes(head[14:18], "little") in _BMP_HEADER_SIZES


def _sniff_ftyp(head: bytes) -> str | None:
    """ISO base media files (HEIC, AVIF, MP4, MOV...): read the brands of the ftyp box."""
    box_size = int.from_bytes(head[0:4], "big")
    major = head[8:12]
    compatible = [head[i : i + 4] for i in range(16, min(box_size, len(head)) - 3, 4)]
    for brands in ([major], compatible):
        if any(b in _HEIC_BRANDS for b in brands):
            return "heic"
        if any(b in _AVIF_BRANDS for b in brands):
            return "avif"
    if major in _HEIF_BRANDS or any(b in _HEIF_BRANDS for b in compatible):
        return "heif"
    if major == b"qt  ":
        return "mov"
    if major == b"crx ":
        return "cr3"
    if major.startswith(b"3g"):
        return "3gp"
    if major == b"M4A ":
        return "m4a"
    return "mp4"


def _sniff_text(head: bytes) -> str | None:
    if not head or b"\x00" in head:
        return None
    try:
        # The head may end in the middle of a UTF-8 character.
        text = head.decode("utf-8") if len(head) < HEAD_BYTES else head[:-4].decode("utf-8")
    except UnicodeDecodeError:
        return None
    lowered = text.lstrip("\ufeff \t\r\n").lower()
    if lowered.startswith("{\\rtf"):
        return "rtf"
    if "<svg" in lowered[:1024]:
        return "svg"
    if lowered.startswith(("<!doctype html", "<html")):
        return "html"
    return "text"


def _refine_zip(fh) -> str:
    """Tell a Word/Excel/PowerPoint file from a plain ZIP archive by its entries."""
    try:
        names = set(zipfile.ZipFile(fh).namelist())
    except Exception:
        return "zip"
    for part, name in _OOXML_PARTS.items():
        if part in names:
            return name
    return "zip"


# --- messages ---------------------------------------------------------------------------------


def format_size(n_bytes: int) -> str:
    """French file size: « 512 octets », « 35 Ko », « 1,2 Mo » (1 Mo = 1024 × 1024 octets)."""
    if n_bytes < 1024:
        return f"{n_bytes} octet" + ("s" if n_bytes > 1 else "")
    if n_bytes < _MIB:
        return f"{round(n_bytes / 1024)} Ko"
    return _mo(n_bytes / _MIB)


def _mo(value: float) -> str:
    if value == int(value):
        return f"{int(value)} Mo"
    return f"{value:.1f}".replace(".", ",") + " Mo"


def _limit_text(max_bytes: int) -> str:
    return _mo(round(max_bytes / _MIB, 1)) if max_bytes >= _MIB else format_size(max_bytes)


def _oversize_text(size: int, max_bytes: int) -> str:
    """The size of a too-big file, never rounded down to the limit (« il fait 10,0 Mo »)."""
    if size < _MIB:
        return format_size(size)
    shown = round(size / _MIB, 1)
    if shown <= max_bytes / _MIB:
        shown = math.ceil(size * 10 / _MIB) / 10
    return f"{shown:.1f}".replace(".", ",") + " Mo"


def _format_fix(detected: str | None) -> str:
    accepted = "doit être au format JPG, PNG, PDF, TIFF ou BMP"
    if detected is None:
        return f"{accepted} : convertissez-le dans l'un de ces formats"
    if detected == "text":
        what = "c'est un fichier texte"
    elif detected == "ole":
        what = "c'est un ancien fichier Microsoft Office"
    else:
        what = f"c'est un fichier {_LABELS.get(detected, detected.upper())}"
    if detected in _DOCUMENT_LIKE:
        fix = "ouvrez-le et enregistrez-le en PDF"
    elif detected in _ARCHIVES:
        fix = "ouvrez l'archive et joignez les fichiers qu'elle contient"
    elif detected in _MEDIA:
        fix = "joignez à la place une photo ou un scan du document en JPG ou en PDF"
    elif detected in _IMAGE_LIKE:
        fix = "convertissez-le en JPG ou en PNG"
    else:
        fix = "convertissez-le dans l'un de ces formats"
    return f"{accepted} ({what}) : {fix}"


def _extension_fix(fmt: str, name: str) -> str | None:
    """None when the name's extension fits the content, else the rename advice."""
    ext = os.path.splitext(name)[1]
    if ext.lower() in EXTENSIONS[fmt]:
        return None
    label = _LABELS[fmt]
    wanted = CANONICAL_EXTENSION[fmt]
    # « relevé 12.03.2024 » has no real extension: « .2024 » is part of the date.
    if not ext or ext[1:].isdigit() or " " in ext:
        return (
            f"est un fichier {label} mais son nom n'a pas d'extension : "
            f"ajoutez {wanted} à la fin de son nom"
        )
    return f"est un fichier {label} mais son nom se termine par {ext} : renommez-le en {wanted}"


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


def _display_name(path: str) -> str:
    return display_path(os.path.basename(os.path.normpath(path)) or path)


class _OutOfTime(Exception):
    """Raised at a checkpoint once a check has used its time budget."""


class _Budget:
    """The time a check may still take, read on an injectable monotonic clock."""

    def __init__(self, clock: Clock, seconds: float):
        self.clock = clock
        self.seconds = seconds
        self.deadline = clock() + seconds

    def check(self) -> None:
        if self.clock() > self.deadline:
            raise _OutOfTime


def _seconds_text(seconds: float) -> str:
    shown = f"{seconds:g}".replace(".", ",")
    return f"{shown} seconde" + ("s" if seconds >= 2 else "")


def _too_slow_reason(the_file: str, seconds: float) -> str:
    return (
        f"{the_file} est trop long à vérifier (plus de {_seconds_text(seconds)}) : "
        "enregistrez-le à nouveau en PDF ou en JPG, ou numérisez à nouveau le document"
    )


def slot_limit_message(n_files: int, max_files: int, slot_title: str) -> str | None:
    """The refusal for a file beyond a slot's limit; None while ``n_files <= max_files``."""
    if n_files <= max_files:
        return None
    files = "fichier" if max_files == 1 else "fichiers"
    return (
        f"Vous avez déjà joint {max_files} {files} pour « {slot_title} » : c'est le maximum ; "
        "supprimez-en un pour en joindre un autre."
    )


# --- checks -----------------------------------------------------------------------------------


def check_file(
    path: str | bytes | os.PathLike,
    *,
    max_bytes: int = MAX_BYTES,
    clock: Clock = time.monotonic,
    time_budget: float = CHECK_SECONDS,
) -> CheckResult:
    """Check one file: exists, not empty, not too big, accepted format, right extension, opens.

    Never raises for a bad file: every problem becomes a refused CheckResult with a French reason.
    A check that takes more than ``time_budget`` seconds on ``clock`` is refused as « trop long
    à vérifier ». ``path`` may be bytes (a name that is not UTF-8): ``result.path`` is then its
    ``os.fsdecode`` form, which opens the same file.
    """
    budget = _Budget(clock, time_budget)
    path_str = os.fsdecode(path) if isinstance(path, bytes) else os.fspath(path)
    if isinstance(path_str, bytes):
        path_str = os.fsdecode(path_str)
    name = _display_name(path_str)
    the_file = f"Le fichier « {name} »"

    def refused(reason: str, **facts) -> CheckResult:
        return CheckResult(path=path_str, accepted=False, reason=reason + ".", **facts)

    try:
        st = os.stat(path_str)  # follows symlinks: a dangling one is « missing »
    except FileNotFoundError:
        return refused(f"{the_file} est introuvable : vérifiez son nom et son emplacement")
    except (OSError, ValueError):  # ValueError: a NUL byte in the path
        return refused(
            f"{the_file} ne peut pas être lu : vérifiez que vous avez le droit de l'ouvrir"
        )
    if stat.S_ISDIR(st.st_mode):
        return refused(f"« {name} » est un dossier : choisissez un fichier à l'intérieur")
    if not stat.S_ISREG(st.st_mode):
        # Never open a FIFO or a device: reading it could block forever.
        return refused(
            f"« {name} » n'est pas un fichier ordinaire : choisissez un PDF ou une image"
        )
    try:
        fh = open(path_str, "rb")  # closed by the « with » below; shared by every reader
    except OSError:
        return refused(
            f"{the_file} ne peut pas être lu : vérifiez que vous avez le droit de l'ouvrir"
        )
    with fh:
        try:
            size = os.fstat(fh.fileno()).st_size
            head = fh.read(HEAD_BYTES)
        except OSError:
            return refused(
                f"{the_file} ne peut pas être lu : vérifiez que vous avez le droit de l'ouvrir"
            )
        detected = sniff(head)
        if detected == "zip":
            detected = _refine_zip(fh)
        fmt = detected if detected in ACCEPTED else None
        facts = {"size": size, "detected": detected, "format": fmt}

        if size == 0:
            return refused(
                f"{the_file} est vide : choisissez le bon fichier ou numérisez à nouveau le document",
                **facts,
            )
        if size > max_bytes:
            return refused(
                f"{the_file} doit faire moins de {_limit_text(max_bytes)} "
                f"(il fait {_oversize_text(size, max_bytes)}) : réduisez sa taille ou sa résolution",
                **facts,
            )
        if fmt is None:
            return refused(f"{the_file} {_format_fix(detected)}", **facts)
        rename = _extension_fix(fmt, name)
        if rename:
            return refused(f"{the_file} {rename}", **facts)

        fh.seek(0)
        try:
            if fmt == "pdf":
                return _check_pdf(fh, path_str, the_file, size, facts, budget)
            return _check_image(fh, path_str, the_file, fmt, facts, budget)
        except _OutOfTime:
            return refused(_too_slow_reason(the_file, budget.seconds), **facts)


def _too_many_pages(the_file: str, what: str, limit: int) -> str:
    return (
        f"{the_file} contient plus de {limit} {what} : l'ANEF attend quelques pages par "
        "document, joignez seulement les pages utiles."
    )


def _count_pdf_pages(reader, budget: _Budget, limit: int) -> int:
    """The PDF's page count, counted up to ``limit + 1`` only, without parsing any page.

    Walks the page tree as pypdf does (a node without /Type is a page tree node when it has
    /Kids) and stops past ``limit``; a page tree that loops is damaged (ValueError).
    """
    from pypdf.generic import IndirectObject

    tree = reader.trailer["/Root"].get_object()["/Pages"].get_object()
    declared = tree.get("/Count")
    if isinstance(declared, int) and declared > limit:
        return declared
    count = 0
    seen: set[tuple[int, int]] = set()
    stack = [tree]
    while stack:
        budget.check()
        node = stack.pop()
        kind = node.get("/Type")
        kids = node.get("/Kids")
        if kind == "/Pages" or (kind is None and kids is not None):
            for kid in reversed(kids.get_object()):
                if isinstance(kid, IndirectObject):
                    key = (kid.idnum, kid.generation)
                    if key in seen:
                        raise ValueError("page tree loop")
                    seen.add(key)
                stack.append(kid.get_object())
        elif kind == "/Page" or kind is None:
            count += 1
            if count > limit:
                return count
    return count


def _check_pdf(
    fh, path_str: str, the_file: str, size: int, facts: dict, budget: _Budget
) -> CheckResult:
    from pypdf import PdfReader

    damaged = f"{the_file} est endommagé ou incomplet : numérisez ou exportez-le à nouveau."
    # pypdf's warnings about sloppy PDFs must not reach the terminal (or a TUI) through
    # logging's last-resort handler; the application's own handlers still receive them.
    pypdf_logger = logging.getLogger("pypdf")
    if not pypdf_logger.handlers:
        pypdf_logger.addHandler(logging.NullHandler())

    # A PDF ends with %%EOF; without it the file was cut (pypdf would guess around it).
    fh.seek(max(0, size - 1024))
    if b"%%EOF" not in fh.read():
        return CheckResult(path=path_str, accepted=False, reason=damaged, **facts)
    fh.seek(0)
    try:
        reader = PdfReader(fh, strict=False)
        if reader.is_encrypted:
            return CheckResult(
                path=path_str,
                accepted=False,
                reason=f"{the_file} est protégé par un mot de passe : "
                "enregistrez-en une copie sans mot de passe.",
                **facts,
            )
        budget.check()
        counted = _count_pdf_pages(reader, budget, MAX_PDF_PAGES)
        if counted > MAX_PDF_PAGES:
            return CheckResult(
                path=path_str,
                accepted=False,
                reason=_too_many_pages(the_file, "pages", MAX_PDF_PAGES),
                **facts,
            )
        budget.check()
        pages = len(reader.pages)
    except _OutOfTime:
        raise
    except Exception:
        return CheckResult(path=path_str, accepted=False, reason=damaged, **facts)
    if pages == 0:
        return CheckResult(path=path_str, accepted=False, reason=damaged, pages=0, **facts)
    notes: tuple[str, ...] = ()
    if pages > LONG_PDF_PAGES:
        notes = (
            f"{the_file} est long ({pages} pages) : l'agent pourrait ne pas tout lire ; "
            "ne gardez que les pages utiles si possible.",
        )
    return CheckResult(path=path_str, accepted=True, warnings=notes, pages=pages, **facts)


def count_frames(img, limit: int, check: Callable[[], None] = lambda: None) -> int:
    """How many frames (pages) ``img`` holds, counted up to ``limit + 1`` only.

    Each step reads one more frame header (a TIFF IFD), never the pixels: a TIFF of 85,000
    frames is known to be over the limit after ``limit + 1`` headers. ``check`` runs before
    each step (a time budget). The image is left on its first frame.
    """
    count = 1
    try:
        while count <= limit:
            check()
            img.seek(count)
            count += 1
    except EOFError:
        pass
    img.seek(0)
    return count


def _check_image(
    fh, path_str: str, the_file: str, fmt: str, facts: dict, budget: _Budget
) -> CheckResult:
    from PIL import Image, ImageFile

    damaged = f"{the_file} est endommagé ou incomplet : numérisez ou exportez-le à nouveau."
    # A truncated image must fail, not be padded with grey.
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        with warnings.catch_warnings():
            # Pillow's warnings about odd metadata must not reach the terminal. Over
            # MAX_IMAGE_PIXELS it warns, over twice that it raises: refuse both.
            warnings.simplefilter("ignore")
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(fh, formats=[_PILLOW_FORMATS[fmt]]) as img:
                width, height = img.size
                # Only a TIFF holds pages; an animated PNG is still one picture.
                frames = count_frames(img, MAX_FRAMES, budget.check) if fmt == "tiff" else 1
                if frames > MAX_FRAMES:
                    return CheckResult(
                        path=path_str,
                        accepted=False,
                        reason=_too_many_pages(the_file, "pages", MAX_FRAMES),
                        **facts,
                    )
                if fmt == "jpeg":
                    # Decoding at 1/8 scale still reads every byte of the entropy-coded data
                    # (so a cut file still fails) but is several times faster.
                    img.draft(img.mode, (max(1, width // 8), max(1, height // 8)))
                if fmt == "png":
                    # verify() walks every chunk to IEND and checks each CRC: a cut or
                    # corrupted PNG fails, in a few ms instead of a full inflate (bench/check.py).
                    img.verify()
                else:
                    img.load()
                budget.check()
                for frame in range(1, frames):
                    img.seek(frame)
                    # Pillow checks the pixel limit of the first frame only, when opening.
                    _frame_bomb_check(img)
                    img.load()
                    budget.check()
    except _OutOfTime:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        millions = (Image.MAX_IMAGE_PIXELS or 0) // 1_000_000
        return CheckResult(
            path=path_str,
            accepted=False,
            reason=f"{the_file} est une image trop grande (plus de {millions} "
            f"million{'s' if millions > 1 else ''} de pixels) : numérisez-le à nouveau à 300 ppp.",
            **facts,
        )
    except MemoryError:
        return CheckResult(
            path=path_str,
            accepted=False,
            reason=f"{the_file} est une image trop grande pour la mémoire de cet ordinateur : "
            "numérisez-le à nouveau à 300 ppp.",
            **facts,
        )
    except Exception:
        return CheckResult(path=path_str, accepted=False, reason=damaged, **facts)
    notes: tuple[str, ...] = ()
    if min(width, height) < LOW_RESOLUTION_PX:
        notes = (
            f"{the_file} a une faible résolution ({width} × {height} pixels) : l'agent pourrait "
            "ne pas pouvoir le lire ; numérisez-le à 300 ppp si possible.",
        )
    return CheckResult(
        path=path_str,
        accepted=True,
        warnings=notes,
        pages=frames,
        width=width,
        height=height,
        **facts,
    )


def _frame_bomb_check(img) -> None:
    """Pillow's pixel limit, applied to a frame after the first (Image.open only checks that)."""
    from PIL import Image

    limit = Image.MAX_IMAGE_PIXELS
    width, height = img.size
    if limit and width * height > limit:
        raise Image.DecompressionBombError(f"{width * height} pixels")


def check_slot(
    paths: Sequence[str | os.PathLike],
    *,
    max_files: int,
    slot_title: str,
    already: int = 0,
    max_bytes: int = MAX_BYTES,
    clock: Clock = time.monotonic,
    time_budget: float = CHECK_SECONDS,
) -> list[CheckResult]:
    """Check files meant for one document slot that already holds ``already`` files.

    Every file is checked. Only accepted files take a place in the slot (a refused file would
    not be attached); accepted files beyond ``max_files`` are refused with the slot-limit message.
    """
    results = []
    used = already
    for path in paths:
        result = check_file(path, max_bytes=max_bytes, clock=clock, time_budget=time_budget)
        if result.accepted:
            used += 1
            message = slot_limit_message(used, max_files, slot_title)
            if message:
                result = replace(result, accepted=False, reason=message)
        results.append(result)
    return results
