"""The page layout shared by every PDF anef-tui makes (fpdf2 + the DejaVu Sans TTF).

Every page carries a header (« anef-tui » and the document's title) and a footer with the
local-preparation notice and « Page N/M »: a PDF made here is never taken for a document
issued by the administration. Core PDF fonts cannot print « œ », « ’ » or « € », so DejaVu
Sans (regular and bold, shipped in `assets/fonts/` with its licence) is embedded, subset.

French spacing (`domain.text.french_spacing`) is applied to every text laid out: « : », « ; »,
« ! », « ? » and « » » never start a line, « « » never ends one.

A character the font cannot print (Chinese, an emoji, a control character from an old draft)
is written « [U+4E2D] » rather than left blank (`visible_text`); the domain rules already ask
for Latin letters, this is the safety net for whatever reaches a PDF anyway.

Output is deterministic: the creation date comes from `prepared_on` (midnight UTC), so the
same inputs give the same bytes.

fpdf is imported inside functions only: this module is imported by code that runs at start-up.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, cast

from anef_tui.domain.text import french_spacing
from anef_tui.paths import assets_dir

if TYPE_CHECKING:
    from fpdf import FPDF

FONT_FAMILY = "DejaVu"
FONT_FILES: dict[str, str] = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}

APP_NAME = "anef-tui"
NOTICE = (
    "Document préparé localement avec anef-tui le {date}. "
    "Il ne remplace pas les documents délivrés par l'administration."
)

# Geometry (millimetres, points for font sizes).
MARGIN_LEFT = 20.0
MARGIN_RIGHT = 20.0
MARGIN_TOP = 22.0
MARGIN_BOTTOM = 24.0  # room for the footer
HEADER_Y = 10.0
FOOTER_Y = -17.0
BODY_SIZE = 10.0
SMALL_SIZE = 7.5
LINE_H = 5.0
GREY = 100
RULE_GREY = 170


class DocumentError(Exception):
    """A document cannot be made; the message is one French sentence."""


def fr_date(value: date) -> str:
    """JJ/MM/AAAA."""
    return value.strftime("%d/%m/%Y")


def notice_text(prepared_on: date) -> str:
    """The local-preparation notice printed in every page's footer."""
    return NOTICE.format(date=fr_date(prepared_on))


def fonts_dir() -> Path:
    return assets_dir() / "fonts"


@cache
def _document_class() -> type:
    """The FPDF subclass with the header and footer (built on first use: fpdf is heavy)."""
    from fpdf import FPDF

    class LocalDocument(FPDF):
        doc_title: str = ""
        notice: str = ""

        def normalize_text(self, text: str) -> str:
            # Every string fpdf writes or measures passes here: French spacing (« : », « ? »,
            # « » » never start a line: fpdf2 breaks lines at ordinary spaces only, never at
            # U+00A0 or U+202F), and a character the font has no glyph for becomes a visible
            # « [U+4E2D] » instead of printing blank.
            text = french_spacing(super().normalize_text(text))
            cmap = getattr(self.current_font, "cmap", None)
            return visible_text(text, cmap) if cmap else text

        def header(self) -> None:
            self.set_y(HEADER_Y)
            self.set_text_color(GREY)
            self.set_font(FONT_FAMILY, "B", SMALL_SIZE)
            name_w = self.get_string_width(APP_NAME) + 2
            self.cell(name_w, 4, APP_NAME)
            self.set_font(FONT_FAMILY, "", SMALL_SIZE)
            room = self.epw - name_w
            self.cell(room, 4, _fit(self, self.doc_title, room - 1), align="R")
            self.ln(5)
            self.set_draw_color(RULE_GREY)
            self.set_line_width(0.2)
            self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
            self.set_text_color(0)
            self.set_y(MARGIN_TOP)

        def footer(self) -> None:
            self.set_y(FOOTER_Y)
            self.set_draw_color(RULE_GREY)
            self.set_line_width(0.2)
            self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
            self.ln(1.5)
            self.set_text_color(GREY)
            self.set_font(FONT_FAMILY, "", SMALL_SIZE)
            page_w = 22.0
            top = self.get_y()
            self.multi_cell(self.epw - page_w, 3.5, self.notice, align="L")
            self.set_xy(self.w - self.r_margin - page_w, top)
            self.cell(page_w, 3.5, f"Page {self.page_no()}/{{nb}}", align="R")
            self.set_text_color(0)

    return LocalDocument


# Characters fpdf handles itself (line breaks) rather than through a glyph.
_LAYOUT_CHARS = frozenset("\n\r\t")


def visible_text(text: str, cmap: dict[int, str]) -> str:
    """`text` with every character missing from `cmap` (a font's character map) written as
    « [U+XXXX] », so that nothing a person typed silently disappears from a PDF."""
    if all(ord(c) in cmap or c in _LAYOUT_CHARS for c in text):
        return text
    return "".join(
        c if ord(c) in cmap or c in _LAYOUT_CHARS else f"[U+{ord(c):04X}]" for c in text
    )


def _fit(pdf: FPDF, text: str, width: float) -> str:
    """`text`, shortened with « … » so that it fits in `width` at the current font."""
    if pdf.get_string_width(text) <= width:
        return text
    while text and pdf.get_string_width(text + "…") > width:
        text = text[:-1]
    return text.rstrip() + "…"


def new_document(title: str, *, prepared_on: date) -> FPDF:
    """An A4 document with DejaVu Sans, the header and footer, and one empty page."""
    cls = _document_class()
    pdf = cls(orientation="portrait", unit="mm", format="A4")
    pdf.doc_title = title
    pdf.notice = notice_text(prepared_on)
    folder = fonts_dir()
    for name in FONT_FILES.values():
        if not (folder / name).is_file():
            raise DocumentError(
                f"La police « {name} » est introuvable dans « {folder} » : réinstallez anef-tui."
            )
    # Parsed once per process, copied for each document (`documents/fonts.py`).
    from anef_tui.documents.fonts import add_fonts

    add_fonts(pdf, FONT_FAMILY, {style: folder / name for style, name in FONT_FILES.items()})
    pdf.set_margins(MARGIN_LEFT, MARGIN_TOP, MARGIN_RIGHT)
    pdf.set_auto_page_break(True, margin=MARGIN_BOTTOM)
    pdf.alias_nb_pages()
    pdf.set_title(title)
    pdf.set_creator(APP_NAME)
    pdf.set_author(APP_NAME)
    pdf.set_lang("fr-FR")
    pdf.set_creation_date(
        datetime(prepared_on.year, prepared_on.month, prepared_on.day, tzinfo=UTC)
    )
    pdf.add_page()
    pdf.set_font(FONT_FAMILY, "", BODY_SIZE)
    return pdf


def to_bytes(pdf: FPDF) -> bytes:
    return bytes(pdf.output())


# --- building blocks ---------------------------------------------------------------------------


def keep_room(pdf: FPDF, height: float) -> None:
    """Start a new page unless `height` mm are left above the footer (no orphan headings)."""
    if pdf.get_y() + height > pdf.page_break_trigger:
        pdf.add_page()


def line_count(pdf: FPDF, text: str, width: float = 0, *, bold: bool = False) -> int:
    """How many lines `text` takes once wrapped to `width` (0: the page width) at the body size."""
    pdf.set_font(FONT_FAMILY, "B" if bold else "", BODY_SIZE)
    lines = pdf.multi_cell(width, LINE_H, text, dry_run=True, output="LINES")
    pdf.set_font(FONT_FAMILY, "", BODY_SIZE)
    return max(1, len(cast(list, lines)))  # output="LINES": a list of str


def space(pdf: FPDF, height: float = LINE_H / 2) -> None:
    pdf.ln(height)


def title(pdf: FPDF, text: str, *, size: float = 13.0) -> None:
    """The document's big centred bold title."""
    pdf.set_font(FONT_FAMILY, "B", size)
    pdf.multi_cell(0, size * 0.5, text, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT_FAMILY, "", BODY_SIZE)
    pdf.ln(LINE_H)


def heading(pdf: FPDF, text: str, *, size: float = 11.5, rule: bool = True) -> None:
    """A section heading (bold, underlined by a thin rule), kept with what follows."""
    pdf.ln(LINE_H / 2)
    keep_room(pdf, 3 * LINE_H)
    pdf.set_font(FONT_FAMILY, "B", size)
    pdf.multi_cell(0, size * 0.5, text, align="L", new_x="LMARGIN", new_y="NEXT")
    if rule:
        pdf.set_draw_color(RULE_GREY)
        pdf.set_line_width(0.2)
        y = pdf.get_y() + 0.5
        pdf.line(pdf.l_margin, y, pdf.w - pdf.r_margin, y)
        pdf.ln(1.5)
    pdf.set_font(FONT_FAMILY, "", BODY_SIZE)
    pdf.ln(1)


def subheading(pdf: FPDF, text: str) -> None:
    """A bold line kept with the next two lines."""
    pdf.ln(1)
    keep_room(pdf, 3 * LINE_H)
    pdf.set_font(FONT_FAMILY, "B", BODY_SIZE)
    pdf.multi_cell(0, LINE_H, text, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT_FAMILY, "", BODY_SIZE)


def label_value(
    pdf: FPDF, label: str, value: str, *, bold_value: bool = False, bold_label: bool = False
) -> None:
    """« Label value » on one line that wraps under the left margin when too long.

    `label` is printed as given (the confirmation's labels end with « : »); an empty value
    prints the label alone, as the seed does for an empty « Nom d'usage : ».
    """
    # Never split a row across pages (bold estimate: at least as wide as the real mix).
    keep_room(pdf, line_count(pdf, f"{label} {value}", bold=True) * LINE_H)
    pdf.set_x(pdf.l_margin)
    pdf.set_font(FONT_FAMILY, "B" if bold_label else "", BODY_SIZE)
    pdf.write(LINE_H, label)
    if value:
        pdf.set_font(FONT_FAMILY, "B" if bold_value else "", BODY_SIZE)
        pdf.write(LINE_H, " " + value)
    pdf.ln(LINE_H)
    pdf.set_font(FONT_FAMILY, "", BODY_SIZE)


def paragraph(
    pdf: FPDF,
    text: str,
    *,
    bold: bool = False,
    size: float = BODY_SIZE,
    align: str = "L",
    grey: bool = False,
    after: float = 1.5,
) -> None:
    """A block of text wrapped to the page width (newlines kept)."""
    pdf.set_x(pdf.l_margin)
    pdf.set_font(FONT_FAMILY, "B" if bold else "", size)
    if grey:
        pdf.set_text_color(GREY)
    pdf.multi_cell(0, size * 0.5, text, align=align, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0)
    pdf.set_font(FONT_FAMILY, "", BODY_SIZE)
    pdf.ln(after)


def bullets(pdf: FPDF, items: Iterable[str], *, indent: float = 4.0) -> None:
    """A bulleted list; each item wraps under its own first letter."""
    pdf.set_font(FONT_FAMILY, "", BODY_SIZE)
    for item in items:
        keep_room(pdf, line_count(pdf, item, pdf.epw - indent - 4) * LINE_H)
        pdf.set_x(pdf.l_margin + indent)
        pdf.cell(4, LINE_H, "•")
        pdf.multi_cell(pdf.epw - indent - 4, LINE_H, item, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1.5)


def paragraphs(pdf: FPDF, lines: Iterable[str]) -> None:
    """Catalogue text: a line starting with « - » is a bullet item of the line before it."""
    pending: list[str] = []
    for line in lines:
        if line.startswith("- "):
            pending.append(line[2:])
            continue
        if pending:
            bullets(pdf, pending)
            pending = []
        paragraph(pdf, line)
    if pending:
        bullets(pdf, pending)
