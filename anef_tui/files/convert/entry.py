"""The public conversions: `can_convert` / `conversion_target`, `convert` (the one a refused
file needs), `convert_to_jpeg`, `convert_to_pdf`, `combine_to_pdf`."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import Literal

from anef_tui.display import display_name
from anef_tui.files.checks import MAX_BYTES, MAX_PDF_PAGES, CheckResult, format_size
from anef_tui.files.convert.fit import fit
from anef_tui.files.convert.page import Page
from anef_tui.files.convert.pdf import pdf_from_jpegs
from anef_tui.files.convert.source import (
    ConversionError,
    Frames,
    inspect_source,
    register_heif,
)
from anef_tui.files.convert.write import stem, write_new
from anef_tui.files.memory import MemoryFile

#: Formats the ANEF refuses that a conversion fixes.
CONVERTIBLE_FORMATS = ("heic", "heif", "webp", "gif", "avif")
#: Accepted image formats: converted only when the file is too big.
_RASTER_FORMATS = ("png", "jpeg", "tiff", "bmp")

# In combine_to_pdf, decoded pages stay in memory between attempts below this many pixels.
_CACHE_PIXELS = 40_000_000


def can_convert(result: CheckResult, *, max_bytes: int = MAX_BYTES) -> bool:
    """True when ``result`` was refused only for its format or its size and a conversion fixes it.

    That is: a HEIC, HEIF, WebP, GIF or AVIF image, or a PNG, JPEG, TIFF or BMP image over
    ``max_bytes``, whose content really decodes. An accepted file, a file that only needs
    renaming (a PNG named .pdf), a damaged, empty or missing file, or a PDF give False.
    A TIFF of several pages is convertible with ``convert_to_pdf`` only (`conversion_target`).
    """
    return conversion_target(result, max_bytes=max_bytes) is not None


def conversion_target(
    result: CheckResult, *, max_bytes: int = MAX_BYTES
) -> Literal["jpeg", "pdf"] | None:
    """The conversion that fixes a refused file: « pdf » for a TIFF of several pages (every page
    kept), « jpeg » for one picture, None when no conversion fixes it (see ``can_convert``)."""
    if result.accepted or not result.size:
        return None
    detected = result.detected
    if detected in CONVERTIBLE_FORMATS:
        pass  # refused for its format (and maybe its size too): converting fixes both
    elif detected in _RASTER_FORMATS and result.size > max_bytes:
        pass  # refused for its size, which is checked before anything else
    else:
        return None
    if detected in ("heic", "heif") and not register_heif():
        return None
    try:
        detected, frames = inspect_source(Path(result.path), validate=True)
    except ConversionError:
        return None
    return "pdf" if detected == "tiff" and frames > 1 else "jpeg"


def convert(source: Path, dest_dir: Path, *, max_bytes: int = MAX_BYTES) -> Path:
    """Convert with the conversion `conversion_target` names: a PDF for a TIFF of several pages,
    else a JPEG. Raises ConversionError (the source is never modified)."""
    made = converted(source, max_bytes=max_bytes)
    suffix = Path(made.name).suffix
    return write_new(Path(dest_dir), made.name[: -len(suffix)], suffix, made.data)


def converted(source: Path, *, max_bytes: int = MAX_BYTES) -> MemoryFile:
    """`convert`, in memory: « <stem>.jpg » (or « .pdf ») and its bytes, nothing written
    anywhere (what an encrypted data folder needs: no plaintext temporary file)."""
    source = Path(source)
    detected, frames = inspect_source(source)
    if detected == "tiff" and frames > 1:
        return MemoryFile(f"{stem(source)}.pdf", _pdf_bytes(source, max_bytes))
    return MemoryFile(f"{stem(source)}.jpg", _jpeg_bytes(source, max_bytes))


def convert_to_jpeg(source: Path, dest_dir: Path, *, max_bytes: int = MAX_BYTES) -> Path:
    """Convert one image to « <stem>.jpg » in ``dest_dir`` (made if missing); return its path.

    The picture is turned upright, flattened on white, stripped of its metadata and saved at
    quality 90, then at lower quality or smaller size until it fits in ``max_bytes``. An animated
    image gives its first frame. Raises ConversionError (the source is never modified).
    """
    source = Path(source)
    return write_new(Path(dest_dir), stem(source), ".jpg", _jpeg_bytes(source, max_bytes))


def _jpeg_bytes(source: Path, max_bytes: int) -> bytes:
    detected, frames = inspect_source(source)
    if frames > 1 and detected == "tiff":
        raise ConversionError(
            f"Le fichier « {display_name(source)} » contient {frames} pages : "
            "convertissez-le plutôt en PDF pour les garder toutes."
        )
    pages = [Page(source, detected, 0, keep=True)]
    return fit(pages, lambda parts, quality: parts[0], max_bytes, lossless=False)


def convert_to_pdf(source: Path, dest_dir: Path, *, max_bytes: int = MAX_BYTES) -> Path:
    """Convert one image to a one-page PDF « <stem>.pdf » in ``dest_dir``; return its path.

    Same decoding and size reduction as ``convert_to_jpeg``. A TIFF of several pages gives a PDF
    with one page per TIFF page. Raises ConversionError (the source is never modified).
    """
    source = Path(source)
    return write_new(Path(dest_dir), stem(source), ".pdf", _pdf_bytes(source, max_bytes))


def _pdf_bytes(source: Path, max_bytes: int) -> bytes:
    with ExitStack() as opened:
        pages = _pages(source, keep=None, opened=opened)
        return fit(pages, pdf_from_jpegs, max_bytes, lossless=False)


def _pages(source: Path, *, keep: bool | None, opened: ExitStack) -> list[Page]:
    """The pages of one source (every page of a TIFF), a multi-page source kept open in
    ``opened``. ``keep`` None: keep the decoded picture of a single page only."""
    detected, frames = inspect_source(source)
    count = frames if detected == "tiff" else 1
    keep_decoded = count == 1 if keep is None else keep
    if count == 1:
        return [Page(source, detected, 0, keep=keep_decoded)]
    reader = Frames(source, detected)
    opened.callback(reader.close)
    return [
        Page(source, detected, frame, keep=keep_decoded, frames=reader) for frame in range(count)
    ]


def combine_to_pdf(sources: Sequence[Path], dest: Path, *, max_bytes: int = MAX_BYTES) -> Path:
    """Make one PDF from the images of one document, one page per image, in the given order.

    HEIC, WebP... are decoded like in ``convert_to_jpeg``; JPEG photos are embedded without
    re-encoding when possible (their metadata removed all the same). When the PDF would exceed
    ``max_bytes``, every page is re-encoded at lower quality, then smaller. The PDF is written at
    ``dest`` (« .pdf » added if missing), or « <stem> (2).pdf » beside it when ``dest`` exists:
    the returned path is the one written. Raises ConversionError; sources are never modified.
    """
    dest = Path(dest)
    made = combined(sources, dest.name, max_bytes=max_bytes)
    return write_new(dest.parent, made.name[: -len(".pdf")], ".pdf", made.data)


def combined(sources: Sequence[Path], name: str, *, max_bytes: int = MAX_BYTES) -> MemoryFile:
    """`combine_to_pdf`, in memory: the PDF named `name` (« .pdf » added if missing) and its
    bytes, nothing written anywhere."""
    if not sources:
        raise ConversionError("Choisissez au moins une image pour créer le PDF.")
    with ExitStack() as opened:
        pages: list[Page] = []
        for source in sources:
            pages.extend(_pages(Path(source), keep=False, opened=opened))
            if len(pages) > MAX_PDF_PAGES:
                # The check would refuse the PDF: say so before encoding anything.
                raise ConversionError(
                    f"Le PDF aurait plus de {MAX_PDF_PAGES} pages, le maximum pour un seul "
                    f"fichier : répartissez les images entre plusieurs PDF de {MAX_PDF_PAGES} "
                    "pages au plus."
                )
        if sum(page.width * page.height for page in pages) <= _CACHE_PIXELS:
            for page in pages:
                page.keep = True
        limit = format_size(max_bytes)
        data = fit(
            pages,
            pdf_from_jpegs,
            max_bytes,
            lossless=True,
            too_big=f"Le PDF dépasserait {limit} : répartissez les pages entre plusieurs fichiers "
            f"de moins de {limit} chacun.",
        )
    base = Path(name)
    kept = base.stem if base.suffix.lower() == ".pdf" else base.name
    return MemoryFile(f"{kept}.pdf", data)
