"""French spacing in the PDFs (issue 21): « : », « ; », « ! », « ? » and a closing « » » never
start a line, an opening « « » never ends one. One function (`domain.text.french_spacing`)
applied where every PDF's text is laid out (documents/layout.py); fpdf2 breaks lines at
ordinary spaces only, never at U+00A0 or U+202F. Checked on the text pypdf extracts."""

from __future__ import annotations

import io
from datetime import date

import pytest

from anef_tui.documents import layout
from anef_tui.domain.text import NARROW_NBSP, NBSP, french_spacing

PREPARED = date(2026, 11, 22)
SIGNS_STARTING = tuple(":;!?»")


def _lines(data: bytes) -> list[list[str]]:
    """Each page's lines, as pypdf extracts them, without their outer spaces."""
    from pypdf import PdfReader

    pages = PdfReader(io.BytesIO(data)).pages
    return [[line.strip() for line in (page.extract_text() or "").splitlines() if line.strip()]
            for page in pages]


def _bad_breaks(lines: list[str]) -> list[str]:
    return [line for line in lines if line.startswith(SIGNS_STARTING) or line.endswith("«")]


#: Sentences of many lengths: with ordinary spaces, some line of the paragraph starts with
#: one of the signs (the test fails without the fix).
TEXT = " ".join(
    f"Le dossier n° {i} {'est' * (i % 4 + 1)} complet ? Oui : il l'est ; "
    f"« {'voir' * (i % 3 + 1)} » le courrier{'s' * (i % 5)} !"
    for i in range(60)
)


def test_french_spacing_makes_the_spaces_before_the_signs_unbreakable():
    assert french_spacing("Nom de naissance :") == f"Nom de naissance{NBSP}:"
    assert french_spacing("Quelle est votre situation ?") == (
        f"Quelle est votre situation{NARROW_NBSP}?")
    assert french_spacing("a ; b ! c") == f"a{NARROW_NBSP}; b{NARROW_NBSP}! c"
    assert french_spacing("le champ « Observations »") == f"le champ «{NBSP}Observations{NBSP}»"
    # Nothing else changes: no space added, a URL, a time, line breaks.
    for kept in ("Où nous trouver? - Ofii", "https://www.ofii.fr", "14:03", "a\n: b"):
        assert french_spacing(kept) == kept


@pytest.mark.parametrize("bold", [False, True])
def test_no_line_of_a_paragraph_starts_with_a_sign(bold):
    pdf = layout.new_document("Essai", prepared_on=PREPARED)
    layout.paragraph(pdf, TEXT, bold=bold)
    layout.bullets(pdf, [TEXT])
    layout.label_value(pdf, "Observations :", TEXT)
    pages = _lines(layout.to_bytes(pdf))
    lines = [line for page in pages for line in page]
    assert len(lines) > 40
    assert _bad_breaks(lines) == []
    for page in pages:  # still said on every page
        assert "Document préparé localement avec anef-tui" in " ".join(page)


def test_every_pdf_of_a_dossier_breaks_its_lines_the_french_way(tmp_path):
    from datetime import datetime

    from anef_tui.documents import KINDS, make_pdf
    from anef_tui.domain.catalogue import load_procedure
    from anef_tui.store.dossiers import DossierStore
    from tests.unit.test_documents import many_attachments, renewal

    with DossierStore(tmp_path / "d", clock=lambda: datetime(2023, 10, 4, 9, 0)) as store:
        record = renewal(store, observations=TEXT[:1900])
    proc = load_procedure("renouvellement")
    for kind in KINDS:
        data = make_pdf(kind, proc, record, many_attachments(), today=PREPARED)
        pages = _lines(data)
        assert _bad_breaks([line for page in pages for line in page]) == [], kind
        for page in pages:
            assert "Document préparé localement avec anef-tui" in " ".join(page), kind
