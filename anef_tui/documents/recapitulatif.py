"""« Récapitulatif de la demande »: what the dossier holds, to check it before or after filing.

The dossier's state (and N° de la demande once filed), then every step in order: its sections
(under their group heading) with each visible field's label and saved value, the files of each
document slot after the section it sits in, and the observations (« Dépôt de la demande »).
Only the saved answers are printed (never unsaved drafts). The procedure holds no medical
content and neither does this document.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from anef_tui.documents import layout
from anef_tui.documents.confirmation import profile_values, reference_label
from anef_tui.domain import roles

if TYPE_CHECKING:
    from fpdf import FPDF

    from anef_tui.domain.catalogue import DocumentSlot, Field, Procedure, Step
    from anef_tui.store.attachments import Attachment
    from anef_tui.store.dossiers import DossierRecord

TITLE = "Récapitulatif de la demande"
EMPTY = "—"
NO_FILE = "Aucun fichier"
NOT_SAVED = "Étape pas encore enregistrée."
DRAFT_NOTE = (
    "Ce récapitulatif reprend les réponses enregistrées dans anef-tui : la demande n'est pas "
    "encore déposée sur le site de l'ANEF."
)
FORMAT_LABELS = {"pdf": "PDF", "png": "PNG", "jpeg": "JPG", "tiff": "TIFF", "bmp": "BMP"}


def display_value(value: Any) -> str:
    """bool → Oui/Non; lists joined by « , »; empty → « — »."""
    if isinstance(value, bool):
        return "Oui" if value else "Non"
    if value is None:
        return EMPTY
    if isinstance(value, list | tuple):
        parts = [display_value(v) for v in value]
        parts = [p for p in parts if p != EMPTY]
        return ", ".join(parts) if parts else EMPTY
    text = str(value).strip()
    return text or EMPTY


def _value(field: Field, values: dict[str, Any], profile: dict[str, Any]) -> Any:
    """The saved value; a field copied from the profile takes the profile's value when it is
    read-only (the renewal's état civil) or not saved in the step."""
    if field.type == "info":
        return field.prefill
    value = values.get(field.id)
    if field.source and field.source in profile and (field.readonly or value in (None, "", [])):
        return profile[field.source]
    return value


def _file_line(attachment: Attachment) -> str:
    from anef_tui.files.checks import format_size

    details = [FORMAT_LABELS.get(attachment.format, attachment.format.upper())]
    details.append(format_size(attachment.size))
    if attachment.pages:
        details.append(f"{attachment.pages} page" + ("s" if attachment.pages > 1 else ""))
    line = f"{attachment.original_name} — {', '.join(details)}"
    if getattr(attachment, "missing", False):
        line += " (fichier manquant)"
    return line


def _slot(pdf: FPDF, slot: DocumentSlot, files: list[Attachment]) -> None:
    # The title alone: the site's « * » marks a field to fill on its form, not a heading of
    # a document that is read.
    layout.subheading(pdf, slot.title)
    if slot.condition:
        layout.paragraph(pdf, slot.condition, grey=True, after=0.5)
    if files:
        layout.bullets(pdf, [_file_line(a) for a in files])
    else:
        layout.paragraph(pdf, NO_FILE)


def _field(pdf: FPDF, field: Field, value: Any) -> None:
    text = display_value(value)
    if field.type == "textarea":
        layout.paragraph(pdf, field.label, bold=True, after=0.5)
        layout.paragraph(pdf, text)
    else:
        label = field.label if field.label.endswith(("?", ".", ":", "!")) else field.label + " :"
        layout.label_value(pdf, label, text, bold_value=True)


def _step(
    pdf: FPDF,
    step: Step,
    record: DossierRecord,
    profile: dict[str, Any],
    by_slot: dict[str, list[Attachment]],
) -> None:
    layout.heading(pdf, f"{step.number}. {step.title}")
    saved = record.answers.get(step.id)
    values = saved if isinstance(saved, dict) else {}
    if not isinstance(saved, dict) and step.fields():
        layout.paragraph(pdf, NOT_SAVED, grey=True)

    group: str | None = None
    for section in step.sections:
        if section.group and section.group != group:
            layout.subheading(pdf, section.group)
        group = section.group
        if section.title:
            layout.subheading(pdf, section.title)
        if values:
            for field in section.fields:
                if field.confirm_of:
                    continue  # repeats the field it confirms
                if is_visible(field, values, record.answers):
                    _field(pdf, field, _value(field, values, profile))
        for slot in step.slots_in(section):
            if slot.shown_on_screen or by_slot.get(slot.id):
                _slot(pdf, slot, by_slot.get(slot.id, []))


def _profile(pdf: FPDF, procedure: Procedure, profile: dict[str, Any]) -> None:
    """The profile's own values (renewal: the current title's number and validity), those
    that no step copies; nothing when the profile is not saved."""
    model = getattr(procedure, "profile", None)
    if model is None or not profile:
        return
    copied = {f.source for step in procedure.steps for f in step.fields() if f.source}
    # The N° étranger is printed with the references above.
    copied.update(f.id for f in model.fields() if f.role == roles.N_ETRANGER)
    rows = [
        f for f in model.fields() if f.id not in copied and not f.confirm_of and f.type != "info"
    ]
    if not rows:
        return
    layout.heading(pdf, model.title)
    for field in rows:
        _field(pdf, field, profile.get(field.id))


def is_visible(field: Field, values: dict, answers: dict) -> bool:
    from anef_tui.domain.catalogue import is_visible as visible

    return visible(field, values, answers)


def recapitulatif_pdf(
    procedure: Procedure,
    record: DossierRecord,
    attachments: list[Attachment],
    *,
    prepared_on: date,
) -> bytes:
    summary = record.summary
    profile = profile_values(procedure, record)
    by_slot: dict[str, list[Attachment]] = {}
    for attachment in sorted(attachments, key=lambda a: (a.slot_id, a.position, a.id)):
        by_slot.setdefault(attachment.slot_id, []).append(attachment)

    pdf = layout.new_document(TITLE, prepared_on=prepared_on)
    layout.title(pdf, TITLE)
    layout.paragraph(pdf, procedure.documents_list_title, bold=True, align="C", after=4)

    layout.label_value(pdf, "Démarche :", f"{procedure.short_label} ({procedure.brick})")
    layout.label_value(pdf, "Dossier n° :", str(summary.id))
    if summary.applicant_name:
        layout.label_value(pdf, "Demandeur :", summary.applicant_name)
    n_etranger = display_value(roles.value(procedure, record.answers, roles.N_ETRANGER))
    if n_etranger != EMPTY:
        layout.label_value(pdf, reference_label(procedure, "identifiant"), n_etranger)
    layout.label_value(pdf, "État du dossier :", summary.status.label, bold_value=True)
    if not summary.status.editable:
        numero = summary.numero_demande or EMPTY
        layout.label_value(pdf, reference_label(procedure, "numero_demande"), numero,
                           bold_value=True)
        if summary.filed_at:
            try:
                filed = layout.fr_date(datetime.fromisoformat(summary.filed_at).date())
            except ValueError:
                filed = summary.filed_at
            layout.label_value(pdf, "Déposée le :", filed)
    else:
        layout.space(pdf, 1)
        layout.paragraph(pdf, DRAFT_NOTE, grey=True)

    _profile(pdf, procedure, profile)
    for step in procedure.steps:
        if step.kind == "confirmation":
            continue
        _step(pdf, step, record, profile, by_slot)

    known = {slot.id for slot in procedure.all_slots()}
    strays = {slot_id: files for slot_id, files in by_slot.items() if slot_id not in known}
    if strays:
        layout.heading(pdf, "Autres fichiers")
        for slot_id, files in sorted(strays.items()):
            layout.subheading(pdf, slot_id)
            layout.bullets(pdf, [_file_line(a) for a in files])
    return layout.to_bytes(pdf)
