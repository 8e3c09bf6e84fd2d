"""Encode the pages at the best quality, then the smallest size, that fits under the limit."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence

from anef_tui.files.checks import format_size
from anef_tui.files.convert import pdf
from anef_tui.files.convert.page import MIN_LONG_SIDE, Page
from anef_tui.files.convert.source import ConversionError

#: JPEG qualities tried in turn before shrinking the picture.
QUALITIES = (90, 85, 80, 75)

# Rough JPEG size at each quality relative to quality 90, on the small side on purpose: a step
# is skipped only when even this optimistic estimate says it cannot fit.
_QUALITY_FACTOR = {90: 1.0, 85: 0.75, 80: 0.62, 75: 0.54}


def _encode_jpeg(img, quality: int) -> bytes:
    buffer = io.BytesIO()
    img.save(buffer, "JPEG", quality=quality, optimize=True)
    return buffer.getvalue()


def _ladder(pages: Sequence[Page]) -> list[tuple[int, int]]:
    """(quality, shrink steps) pairs to try in turn, the last one being the smallest allowed."""
    steps = [(quality, 0) for quality in QUALITIES]
    shrink = 0
    while any(page.target_long(shrink) > MIN_LONG_SIDE for page in pages):
        shrink += 1
        steps.append((QUALITIES[-1], shrink))
    return steps


def fit(
    pages: Sequence[Page],
    assemble: Callable[[list[bytes], int], bytes],
    max_bytes: int,
    *,
    lossless: bool,
    too_big: str | None = None,
) -> bytes:
    """Encode the pages at the first step of the ladder whose result fits in ``max_bytes``."""
    steps = _ladder(pages)
    index = 0
    while True:
        quality, shrink = steps[index]
        parts: list[bytes] = []
        used_lossless = False
        # JPEG photos go into the PDF as they are on the first attempt (needs img2pdf).
        try_lossless = lossless and index == 0 and pdf.load_img2pdf() is not None
        for page in pages:
            original = page.lossless() if try_lossless else None
            if original is not None:
                parts.append(original)
                used_lossless = True
            else:
                parts.append(_encode_jpeg(page.image(page.target_long(shrink)), quality))
        data = assemble(parts, quality)
        if len(data) <= max_bytes:
            return data
        if index == len(steps) - 1:
            if too_big is None:
                name = pages[0].name
                too_big = (
                    f"Le fichier « {name} » ne peut pas être réduit sous "
                    f"{format_size(max_bytes)} sans devenir illisible : recadrez la photo sur le "
                    "document ou numérisez-le à 300 ppp."
                )
            raise ConversionError(too_big)
        index = (
            index + 1
            if used_lossless
            else _next_step(pages, steps, index, parts, len(data), max_bytes)
        )


def _next_step(
    pages: Sequence[Page],
    steps: list[tuple[int, int]],
    index: int,
    parts: list[bytes],
    total: int,
    max_bytes: int,
) -> int:
    """Skip the steps that an optimistic estimate from the last attempt says cannot fit."""
    quality, shrink = steps[index]
    overhead = total - sum(len(part) for part in parts)
    last = len(steps) - 1
    for candidate in range(index + 1, last):
        new_quality, new_shrink = steps[candidate]
        factor = _QUALITY_FACTOR[new_quality] / _QUALITY_FACTOR[quality]
        estimate = overhead + sum(
            len(part) * factor * (page.target_long(new_shrink) / page.target_long(shrink)) ** 2
            for page, part in zip(pages, parts, strict=True)
        )
        if estimate <= max_bytes:
            return candidate
    return last
