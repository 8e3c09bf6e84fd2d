"""Assemble JPEG pages into one PDF, each page sized to an A4 sheet: img2pdf embeds the JPEG
bytes as they are; without it, Pillow writes the PDF (every page re-encoded).
"""

from __future__ import annotations

import io

# PDF pages are sized to fit an A4 sheet (in points), whichever way the picture is turned.
_A4_LONG_PT = 297 / 25.4 * 72
_A4_SHORT_PT = 210 / 25.4 * 72


def load_img2pdf():
    """The img2pdf module, or None when it is not installed."""
    try:
        import img2pdf
    except ImportError:
        return None
    return img2pdf


def _page_layout(width_px: float, height_px: float, _dpi=None) -> tuple[float, ...]:
    """Page size in points: the picture fits an A4 sheet in its own orientation, no margin."""
    long_px, short_px = max(width_px, height_px), min(width_px, height_px)
    scale = min(_A4_LONG_PT / long_px, _A4_SHORT_PT / short_px)
    width, height = width_px * scale, height_px * scale
    return width, height, width, height


def pdf_from_jpegs(parts: list[bytes], quality: int) -> bytes:
    """A PDF with one page per JPEG, the JPEG bytes embedded as they are (img2pdf)."""
    img2pdf = load_img2pdf()
    if img2pdf is None:
        return _pdf_with_pillow(parts, quality)
    return img2pdf.convert(
        parts,
        layout_fun=_page_layout,
        engine=img2pdf.Engine.internal,
        rotation=img2pdf.Rotation.auto,
        nodate=True,
    )


def _pdf_with_pillow(parts: list[bytes], quality: int) -> bytes:
    """Without img2pdf: Pillow writes the PDF, re-encoding every page at ``quality``."""
    from PIL import Image

    images = [Image.open(io.BytesIO(part)) for part in parts]
    resolution = max(
        max(img.size) / (_A4_LONG_PT / 72) for img in images
    )  # the largest page fits an A4 sheet
    buffer = io.BytesIO()
    images[0].save(
        buffer,
        "PDF",
        save_all=True,
        append_images=images[1:],
        resolution=resolution,
        quality=quality,
    )
    return buffer.getvalue()
