"""The PDFs' fonts, read once per process instead of once per document.

fpdf2's `add_font` parses the whole TTF (character map, widths, glyph names and outlines:
~20 ms for each DejaVu file) for every document, then subsets that parsed copy in place when
the document is written, so a parsed font cannot simply be handed to the next document. Here
a font is parsed once into a *template* (in a document that is never written), and each
document gets a copy of it: the template's character map, widths, glyph ids and metrics,
which the writing only reads, with its own font file opened afresh for the subsetting (from
bytes kept in memory: the outlines are read only when subset), its own subset map and its
own font descriptor (which the writing numbers). The first document of a process adds its
fonts as fpdf2 does: a template pays only from the second. `bench/pdf.py` measures it against
an fpdf2 floor; tests/unit/test_pdf_fonts.py checks that every PDF is the same, byte for
byte, as with `add_font`.

This is the one place that relies on fpdf2's font object (`fpdf.fonts.TTFFont`): if a
version of fpdf2 changes it so that a copy cannot be made as here, `add_font` is used
as before (`_copyable` says whether it can).
"""

from __future__ import annotations

import copy
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fpdf import FPDF

#: What a document changes in its font object, reset for each copy (the rest is read only).
_PER_DOCUMENT = ("i", "ttfont", "subset", "missing_glyphs", "biggest_size_pt", "desc")
#: Tables fpdf2 drops from every subset (`fpdf.output`, `options.drop_tables`) that fontTools
#: would read whole first.
_DROPPED_BY_FPDF = ("GDEF", "GSUB", "GPOS")
#: (path, style) -> (the parsed template, the file's bytes); None when it cannot be copied.
_TEMPLATES: dict[tuple[str, str], tuple[Any, bytes] | None] = {}
#: The fonts some document of this process has added already.
_USED: set[tuple[str, str]] = set()


def add_fonts(pdf: FPDF, family: str, files: dict[str, Path]) -> None:
    """`pdf.add_font(family, style, path)` for each style -> path of `files`. The first
    document of the process adds them as fpdf2 does (a process that makes one PDF, as
    `anef-tui pdf`, parses each font once, as before); the next ones copy a template."""
    for style, path in files.items():
        key = (str(path), style)
        if key not in _USED:
            _USED.add(key)
            pdf.add_font(family, style, str(path))
            continue
        template = _template(family, style, path)
        if template is None:
            pdf.add_font(family, style, str(path))
            continue
        font, raw = template
        pdf.fonts[font.fontkey] = _copy(pdf, font, raw)


def clear() -> None:
    """Forget the templates (a test that changes the font files)."""
    _TEMPLATES.clear()
    _USED.clear()


def _template(family: str, style: str, path: Path) -> tuple[Any, bytes] | None:
    key = (str(path), style)
    if key not in _TEMPLATES:
        from fpdf import FPDF

        scratch = FPDF()  # never written: its font is never subset
        scratch.add_font(family, style, str(path))
        font: Any = next(iter(scratch.fonts.values()))
        if _copyable(font):
            # Each copy opens its own: the parsed outlines (thousands of objects that every
            # full garbage collection would walk) are not kept.
            font.ttfont = None
            _TEMPLATES[key] = (font, path.read_bytes())
        else:
            _TEMPLATES[key] = None
    return _TEMPLATES[key]


def _copyable(font: Any) -> bool:
    """A TrueType font without colour glyphs, with every attribute reset per document,
    whose file has its own « .notdef » glyph, first (fpdf2 draws one into its parsed copy
    when it is missing: a fresh copy would lack it)."""
    from fpdf.fonts import TTFFont

    return (
        type(font) is TTFFont
        and getattr(font, "color_font", None) is None
        and not getattr(font, "is_compressed", True)
        and all(hasattr(font, name) for name in _PER_DOCUMENT)
        and "glyf" in font.ttfont
        and font.ttfont.getGlyphOrder()[:1] == [".notdef"]
    )


def _copy(pdf: FPDF, template: Any, raw: bytes) -> Any:
    from fontTools import ttLib
    from fpdf.fonts import SubsetMap

    font = copy.copy(template)
    font.i = len(pdf.fonts) + 1
    font.ttfont = ttLib.TTFont(BytesIO(raw), recalcTimestamp=False, lazy=True)
    # fpdf2's subsetting drops these tables, but fontTools reads the layout tables whole
    # before dropping them (~10 ms a font); « kern » goes with them (dropped when GPOS is
    # there). Gone before, they are never read: the same bytes (tests/unit/test_pdf_fonts.py).
    if "GPOS" in font.ttfont and "kern" in font.ttfont:
        del font.ttfont["kern"]
    for tag in _DROPPED_BY_FPDF:
        if tag in font.ttfont:
            del font.ttfont[tag]
    font.missing_glyphs = []
    font.biggest_size_pt = 0
    font.desc = copy.copy(template.desc)
    font.subset = SubsetMap(font)
    return font
