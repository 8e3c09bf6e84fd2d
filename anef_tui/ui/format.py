"""Small display helpers shared by screens (French date formats, step labels)."""

from __future__ import annotations

from datetime import date, datetime

from anef_tui.domain.procedure_index import ProcedureRef as Procedure


def paragraphs(lines: list[str]) -> str:
    """Catalogue paragraphs: a line starting with « - » is a bullet."""
    return "\n".join(f"  • {line[2:]}" if line.startswith("- ") else line for line in lines)


def fr_datetime(iso: str | None, *, compact: bool = False) -> str:
    """« 2026-11-22T14:03:05 » -> « 22/11/2026 14:03 » (compact: « 22/11/26 14:03 »)."""
    if not iso:
        return "—"
    try:
        return datetime.fromisoformat(iso).strftime("%d/%m %H:%M" if compact else "%d/%m/%Y %H:%M")
    except ValueError:
        return iso


def fr_date(iso: str | None) -> str:
    if not iso:
        return "—"
    try:
        return date.fromisoformat(iso[:10]).strftime("%d/%m/%Y")
    except ValueError:
        return iso


def step_label(procedure: Procedure | None, step_id: str | None, *, compact: bool = False) -> str:
    """« 2/5 Motif de séjour » (compact: « 2/5 »); before the first step, « Début »."""
    if procedure is None:
        return step_id or "—"
    if not step_id:
        return "0/" + str(len(procedure.steps)) if compact else "Avant l'étape 1"
    try:
        step = procedure.step(step_id)
    except (KeyError, ValueError):
        return step_id
    if compact:
        return f"{step.number}/{len(procedure.steps)}"
    return f"{step.number}/{len(procedure.steps)} {step.title}"


def procedure_label(procedure: Procedure | None, procedure_id: str, *, compact: bool = False) -> str:
    """« Renouvellement » / « Première demande » (compact: « Renouv. » / « 1re dem. »)."""
    if procedure is None:
        return procedure_id
    if compact:
        return procedure.compact_label or procedure.short_label
    return procedure.short_label
