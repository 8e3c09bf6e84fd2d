"""« Liste des documents justificatifs à fournir »: the annex of each seed, as a PDF.

Title, subtitle, introduction and every entry (section heading, title, text, accepted
documents) come verbatim from the procedure catalogue (the seeds' annexes). A closing block
restates the file rules the site enforces (formats, size, files per document), taken from
`files.checks` and from each slot's limit in the catalogue.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from anef_tui.documents import layout

if TYPE_CHECKING:
    from fpdf import FPDF

    from anef_tui.domain.catalogue import AcceptedGroup, Procedure

#: The extensions the site accepts, in the order the procedure's guides name them.
EXTENSIONS_TEXT = ".jpg, .png, .pdf, .tiff, .bmp"
RULES_HEADING = "RÈGLES À RESPECTER POUR CHAQUE FICHIER"
TRANSLATION_NOTE = (
    "Si les documents ne sont pas en français il est préférable de joindre une traduction."
)


def accepted_groups(pdf: FPDF, groups: list[AcceptedGroup]) -> None:
    for group in groups:
        if group.heading:
            layout.subheading(pdf, group.heading)
        if group.lead:
            layout.paragraph(pdf, group.lead, after=0.5)
        if group.items:
            layout.bullets(pdf, group.items)


def rules(procedure: Procedure) -> list[str]:
    """The global file rules, as bullet items."""
    from anef_tui.files.checks import MAX_BYTES, format_size

    slots = procedure.all_slots()
    default = 3
    items = [
        f"Formats acceptés : {EXTENSIONS_TEXT}.",
        f"Taille maximale : {format_size(MAX_BYTES)} par fichier.",
    ]
    exceptions = [
        f"« {slot.title} » : {slot.max_files} fichiers maximum"
        for slot in slots
        if slot.max_files != default
    ]
    text = f"{default} fichiers maximum par document"
    if exceptions:
        text += ", sauf " + " ; ".join(exceptions)
    items.append(text + ".")
    items.append(TRANSLATION_NOTE)
    return items


def documents_list_pdf(procedure: Procedure, *, prepared_on: date) -> bytes:
    pdf = layout.new_document(procedure.documents_list_subtitle, prepared_on=prepared_on)
    layout.title(pdf, procedure.documents_list_title)
    layout.paragraph(pdf, procedure.documents_list_subtitle, bold=True, align="C", size=11.5)
    layout.space(pdf, layout.LINE_H / 2)
    layout.paragraphs(pdf, procedure.documents_list_intro)

    section = None
    for entry in procedure.documents_list:
        if entry.section != section:
            section = entry.section
            layout.heading(pdf, section)
        layout.subheading(pdf, entry.title)
        layout.paragraphs(pdf, entry.text)
        accepted_groups(pdf, entry.accepted)

    layout.heading(pdf, RULES_HEADING)
    layout.bullets(pdf, rules(procedure))
    return layout.to_bytes(pdf)
