"""Nothing typed silently disappears from a PDF: a character DejaVu Sans has no glyph for is
printed as « [U+XXXX] » (the domain rules already ask for Latin letters; this is the net for
what reaches a PDF anyway, e.g. a dossier saved before those rules)."""

from __future__ import annotations

import io
from datetime import date

from pypdf import PdfReader

from anef_tui.documents import layout
from anef_tui.documents.confirmation import confirmation_pdf
from anef_tui.domain.catalogue import load_procedure
from tests.unit.test_documents import FILED_ON, GUIDE_STEP1, renewal, store  # noqa: F401

DAY = date(2026, 11, 22)


def _text(data: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_visible_text_marks_only_what_the_font_lacks():
    cmap = {ord(c): "g" for c in "ab é"}
    assert layout.visible_text("a b é", cmap) == "a b é"
    assert layout.visible_text("a中b", cmap) == "a[U+4E2D]b"
    assert layout.visible_text("a\nb\x00", cmap) == "a\nb[U+0000]"
    assert layout.visible_text("😀", cmap) == "[U+1F600]"


def test_every_building_block_prints_a_marker_instead_of_a_blank():
    pdf = layout.new_document("Titre 王", prepared_on=DAY)
    layout.label_value(pdf, "Nom :", "王小明")
    layout.paragraph(pdf, "Message 🦀 fin")
    layout.bullets(pdf, ["puce \x07 cloche"])
    layout.heading(pdf, "Section ☃")  # a snowman is in DejaVu Sans: printed as is
    text = _text(layout.to_bytes(pdf))
    assert "Nom : [U+738B][U+5C0F][U+660E]" in text
    assert "Message [U+1F980] fin" in text
    assert "puce [U+0007] cloche" in text
    assert "Section ☃" in text
    assert "Titre [U+738B]" in text  # the header, measured and cut by _fit


def test_latin_text_is_printed_unchanged():
    pdf = layout.new_document("Titre", prepared_on=DAY)
    layout.paragraph(pdf, "Nguyễn Thị Ánh, Łódź, Œuvre, 450 €, l’hébergeant")
    text = _text(layout.to_bytes(pdf))
    assert "Nguyễn Thị Ánh, Łódź, Œuvre, 450 €, l’hébergeant" in text
    assert "[U+" not in text


def test_a_chinese_name_saved_before_the_rules_is_not_printed_blank(store):  # noqa: F811
    record = renewal(store, step1={**GUIDE_STEP1, "nom_usage": "王", "ville": "Lille 北"})
    text = _text(confirmation_pdf(load_procedure("renouvellement"), record, issued=FILED_ON))
    assert "Nom d'usage : [U+738B]" in text
    assert "LILLE [U+5317]" in text
