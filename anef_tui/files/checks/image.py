"""Check an image: it decodes completely, every frame under Pillow's pixel limit, a TIFF's
pages counted up to the bound only (the same bound as a PDF's), a warning when its resolution
is low or when it is long. What libtiff writes to descriptor 2 never reaches the terminal
(`files.quiet`).

Pillow is imported inside the functions, to keep start-up fast.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable

from anef_tui.files.checks.limits import (
    LONG_PDF_PAGES,
    LOW_RESOLUTION_PX,
    MAX_FRAMES,
    Budget,
    OutOfTime,
)
from anef_tui.files.checks.messages import long_document, too_many_pages
from anef_tui.files.checks.result import CheckResult

# Pillow format name for each accepted image format: Image.open only tries that one.
_PILLOW_FORMATS = {"png": "PNG", "jpeg": "JPEG", "tiff": "TIFF", "bmp": "BMP"}


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


def check_image(
    fh, path_str: str, the_file: str, fmt: str, facts: dict, budget: Budget
) -> CheckResult:
    from PIL import Image, ImageFile

    from anef_tui.files.quiet import hide_native_output

    damaged = f"{the_file} est endommagé ou incomplet : numérisez ou exportez-le à nouveau."
    # A truncated image must fail, not be padded with grey.
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        with warnings.catch_warnings(), hide_native_output():
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
                        reason=too_many_pages(the_file, MAX_FRAMES),
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
    except OutOfTime:
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
    if frames > LONG_PDF_PAGES:
        notes += (long_document(the_file, frames),)
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
