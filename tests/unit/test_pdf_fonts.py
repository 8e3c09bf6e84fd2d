"""Issue 21, item 6: the PDFs' fonts are parsed once per process and copied for each document
(`documents/fonts.py`, measured by `bench/pdf.py`) — and every PDF is the same, byte for
byte, as when fpdf2 adds the fonts itself: same pages, same look, same local-preparation
notice. Documents of different texts follow one another (each embeds only its own glyphs),
with a character the font lacks, and for both procedures."""

from __future__ import annotations

from dataclasses import replace

import pytest

from anef_tui.documents import KINDS, fonts, make_pdf
from anef_tui.domain.catalogue import load_procedure
from tests.unit.test_documents import (
    FILED_ON,
    NOTICE,
    first_application,
    many_attachments,
    pdf_pages,
    renewal,
    store,  # noqa: F401 (fixture)
)


def _as_fpdf_makes_it(make) -> bytes:
    """The document with the fonts added by fpdf2's `add_font` (the first of a process)."""
    fonts.clear()
    try:
        return make()
    finally:
        fonts.clear()


@pytest.fixture
def documents(store):  # noqa: F811
    renewal_record = renewal(store)
    odd = replace(renewal_record, summary=replace(
        renewal_record.summary, applicant_name="ŒUVRE Zoé 中文 Ωμέγα ﬁ"))
    first = first_application(store)
    files = many_attachments()
    made = {}
    for label, pid, record in (("renouvellement", "renouvellement", renewal_record),
                               ("bizarre", "renouvellement", odd),
                               ("premiere", "premiere_demande", first)):
        procedure = load_procedure(pid)
        for kind in KINDS:
            made[(label, kind)] = (lambda k=kind, p=procedure, r=record:
                                   make_pdf(k, p, r, files, today=FILED_ON))
    return made


def test_copied_fonts_make_the_same_bytes_as_add_font(documents):
    expected = {key: _as_fpdf_makes_it(make) for key, make in documents.items()}
    fonts.clear()
    try:
        for _ in range(2):  # the first document adds the fonts, every later one copies them
            for key, make in documents.items():
                assert make() == expected[key], key
        assert fonts._TEMPLATES, "the later documents did copy a template"
    finally:
        fonts.clear()
    # The same pages as ever, each saying it was prepared here.
    for key, data in expected.items():
        pages = pdf_pages(data)
        assert pages and all(NOTICE in page for page in pages), key
    assert "[U+4E2D]" in " ".join(pdf_pages(expected[("bizarre", "recapitulatif")]))


def test_a_font_that_cannot_be_copied_is_added_by_fpdf(documents, monkeypatch):
    make = documents[("renouvellement", "confirmation")]
    expected = _as_fpdf_makes_it(make)
    monkeypatch.setattr(fonts, "_copyable", lambda font: False)
    fonts.clear()
    try:
        assert [make(), make(), make()] == [expected] * 3
        assert set(fonts._TEMPLATES.values()) == {None}
    finally:
        fonts.clear()
