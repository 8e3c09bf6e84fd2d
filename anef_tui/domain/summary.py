"""The answers of a dossier, section by section, as label/value rows (anef-tui's own
summary: the site's dépôt step has none).

Shared by the dépôt of both front ends (and the plain mode's reading of a filed dossier)
so that they say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from anef_tui.domain.catalogue import Procedure, is_visible


@dataclass(frozen=True)
class SummaryRow:
    label: str
    value: str


@dataclass(frozen=True)
class SummarySection:
    step_id: str
    step_number: int
    step_title: str
    title: str
    rows: list[SummaryRow] = field(default_factory=list)


def display(value: object) -> str:
    """bool → Oui/Non, list → « a, b », empty → « — »."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return "Oui" if value else "Non"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value if str(v).strip()) or "—"
    return str(value)


def step_values(procedure: Procedure, step_id: str, answers: dict[str, dict]) -> dict:
    """A step's saved values, read-only fields filled from the profile (« Mon titre actuel »)."""
    step = procedure.step(step_id)
    values = dict(answers.get(step_id, {}))
    profile = getattr(procedure, "profile", None)
    if profile is not None:
        source = answers.get(profile.id, {})
        for f in step.fields():
            if f.source and f.source in source and (f.readonly or f.id not in values):
                values[f.id] = source[f.source]
    return values


def _slot_row(slot, files_by_slot: dict[str, list[str]]) -> SummaryRow:
    return SummaryRow(slot.title + (" *" if slot.required else ""),
                      ", ".join(files_by_slot.get(slot.id, [])) or "Aucun fichier")


def summary(
    procedure: Procedure,
    answers: dict[str, dict],
    files_by_slot: dict[str, list[str]] | None = None,
    *,
    until: str | None = None,
) -> list[SummarySection]:
    """Sections of every step before `until` (default: the dépôt step), with their rows.

    Info fields (fixed sentences) show their text; hidden fields (condition not met) are left
    out; each document slot lists its files, or « Aucun fichier » — a slot the site does not
    show on its screen (the renewal's identité and entrée régulière, listed by the annex
    only: `shown_on_screen = false`) only when it holds files.
    """
    files_by_slot = files_by_slot or {}
    sections: list[SummarySection] = []
    for step in procedure.steps:
        if step.id == until or (until is None and step.kind == "depot"):
            break
        if step.kind == "situation" and not step.sections:
            continue
        values = step_values(procedure, step.id, answers)
        slots = [slot for slot in step.slots
                 if slot.shown_on_screen or files_by_slot.get(slot.id)]
        for section in step.sections:
            rows = []
            for f in section.fields:
                if not is_visible(f, values, answers):
                    continue
                if f.type == "info":
                    rows.append(SummaryRow(section.title or step.title, f.prefill or ""))
                    continue
                if f.confirm_of:
                    continue  # the confirmation repeats its field
                rows.append(SummaryRow(f.label, display(values.get(f.id))))
            # Each document under the site's section it is joined in (« ÉTAT CIVIL »,
            # « DOMICILIATION », « MOTIF DE SÉJOUR »), as on the step.
            rows += [_slot_row(slot, files_by_slot) for slot in slots
                     if slot.section == section.id]
            title = section.title or section.group or step.title
            if rows:
                sections.append(SummarySection(step.id, step.number, step.title, title, rows))
        # Every slot names one of its step's sections by id (`procedure --verifier` refuses a
        # file where one does not): each is listed above.
    return sections
