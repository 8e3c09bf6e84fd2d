"""PDF documents made locally with fpdf2 (confirmation, checklist, summary). No Textual.

Light on import: fpdf, pypdf and the document modules are imported by `make_pdf` only.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from anef_tui.domain.catalogue import Procedure
    from anef_tui.store.attachments import Attachment
    from anef_tui.store.dossiers import DossierRecord

#: confirmation: the receipt of a filed dossier; liste: « Liste des documents justificatifs à
#: fournir »; recapitulatif: « Récapitulatif de la demande ».
KINDS: tuple[str, ...] = ("confirmation", "liste", "recapitulatif")

KIND_LABELS: dict[str, str] = {
    "confirmation": "Confirmation du dépôt",
    "liste": "Liste des documents justificatifs à fournir",
    "recapitulatif": "Récapitulatif de la demande",
}

_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss", "’": "-"})


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise ValueError(
            f"Type de document inconnu : « {kind} » (choisissez : {', '.join(KINDS)})."
        )


def make_pdf(
    kind: str,
    procedure: Procedure,
    record: DossierRecord,
    attachments: list[Attachment],
    *,
    today: date,
) -> bytes:
    """The PDF `kind` for `record`; ValueError (French) for an unknown kind or the
    confirmation of a dossier that is not filed."""
    _check_kind(kind)
    if kind == "confirmation":
        from anef_tui.documents.confirmation import confirmation_pdf

        return confirmation_pdf(procedure, record, issued=today)
    if kind == "liste":
        from anef_tui.documents.liste import documents_list_pdf

        return documents_list_pdf(procedure, prepared_on=today)
    from anef_tui.documents.recapitulatif import recapitulatif_pdf

    return recapitulatif_pdf(procedure, record, attachments, prepared_on=today)


def ascii_slug(text: str, *, max_length: int = 60) -> str:
    """« GUIDE Malade » → « GUIDE-Malade », « Zoé Œuvre » → « Zoe-OEuvre »: ASCII letters,
    digits and single hyphens only."""
    text = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    text = text.encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-")
    return slug[:max_length].rstrip("-")


def default_filename(kind: str, record: DossierRecord) -> str:
    """« confirmation-0001-GUIDE-Malade.pdf » (ASCII only; no name: « liste-0004.pdf »)."""
    _check_kind(kind)
    parts = [kind, f"{record.id:04d}"]
    slug = ascii_slug(record.summary.applicant_name)
    if slug:
        parts.append(slug)
    return "-".join(parts) + ".pdf"
