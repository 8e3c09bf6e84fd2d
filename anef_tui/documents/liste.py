"""« Liste des documents justificatifs à fournir »: the annex of each seed, as a PDF.

Title, subtitle, introduction and every entry (section heading, title, text, accepted
documents) come verbatim from the procedure catalogue (the seeds' annexes), in the guide's
order, with its page break (the title repeated and « DOMICILE (SUITE) » on page 2). After the
official text, a block marked « AJOUT D'ANEF-TUI » restates the file rules the site enforces
(formats, size, files per document), from `files.checks` and each slot's limit.
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
RULES_HEADING = "Règles à respecter pour chaque fichier"
ADDITION_HEADING = "AJOUT D'ANEF-TUI (HORS LISTE OFFICIELLE)"
ADDITION_NOTE = (
    "Ce qui suit n'est pas dans la liste de l'ANEF : anef-tui le rappelle à partir des règles "
    "que le site applique."
)
TRANSLATION_NOTE = (
    "Si les documents ne sont pas en français il est préférable de joindre une traduction."
)


def page_top(pdf: FPDF, procedure: Procedure) -> None:
    """The guide's title and subtitle, printed at the top of each page of the annex."""
    layout.title(pdf, procedure.documents_list_title, size=11.5)
    layout.paragraph(pdf, procedure.documents_list_subtitle, bold=True, align="C", size=10.5)


def accepted_groups(
    pdf: FPDF, groups: list[AcceptedGroup], procedure: Procedure | None = None
) -> None:
    for group in groups:
        if group.new_page_heading and procedure is not None:
            # Where the guide's annex turns the page: title repeated, « DOMICILE (SUITE) ».
            pdf.add_page()
            page_top(pdf, procedure)
            layout.heading(pdf, group.new_page_heading, size=10.5)
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
    # The guide's page 1 runs to « Si hébergement à l'hôtel : »: down to the footer's rule.
    pdf.set_auto_page_break(True, margin=-layout.FOOTER_Y + 1)
    page_top(pdf, procedure)
    layout.paragraphs(pdf, procedure.documents_list_intro)

    section = None
    for entry in procedure.documents_list:
        if entry.section != section:
            section = entry.section
            layout.heading(pdf, section, size=10.5)
        layout.subheading(pdf, entry.title)
        layout.paragraphs(pdf, entry.text)
        accepted_groups(pdf, entry.accepted, procedure)

    # anef-tui's own reminder, after the official text and marked as such.
    layout.space(pdf, layout.LINE_H)
    layout.heading(pdf, ADDITION_HEADING)
    layout.paragraph(pdf, ADDITION_NOTE, grey=True)
    layout.subheading(pdf, RULES_HEADING)
    layout.bullets(pdf, rules(procedure))
    return layout.to_bytes(pdf)
