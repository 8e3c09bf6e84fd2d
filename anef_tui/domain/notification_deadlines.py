"""The deadline a notification starts, the day it was met, and everything still due on a dossier."""

from __future__ import annotations

from datetime import date

from anef_tui.domain.deadlines import Deadline, add_days, add_months
from anef_tui.domain.notification_kinds import kinds
from anef_tui.domain.notification_model import FINISHED, Notification
from anef_tui.domain.status import DossierStatus


def notification_deadline(
    kind_id: str, procedure_id: str, received_on: date, read_on: date | None, data: dict
) -> tuple[date | None, str | None]:
    """The date a notification must be acted on by, and its label (None, None if none)."""
    kind = kinds().get(kind_id)
    if kind is None or kind.deadline is None:
        return None, None
    rule = kind.deadline.rule_for(procedure_id, data)
    if rule.from_ == "received_on":
        start: date | None = received_on
    elif rule.from_ == "read_on":
        start = read_on
    else:
        value = data.get(rule.from_)
        start = date.fromisoformat(value) if value else None
    if start is None:
        return None, None
    when = add_months(add_days(start, rule.days), rule.months)
    return when, kind.deadline.notice or kind.deadline.label


def done_on(kind_id: str, data: dict, answered_on: str | None) -> date | None:
    """The day the notification's deadline was met (None while it is due)."""
    kind = kinds().get(kind_id)
    ends = kind.ends_when if kind else None
    if ends == "answered":
        return date.fromisoformat(answered_on) if answered_on else None
    if ends and ends.startswith("checklist."):
        value = (data.get("checklist") or {}).get(ends.removeprefix("checklist."))
        return date.fromisoformat(value) if value else None
    return None


def open_deadlines(status: DossierStatus, notifications: list[Notification],
                   today: date) -> list[Deadline]:
    """Everything still due on a dossier (its notifications newest first), soonest first."""
    if status in FINISHED:
        return []
    if any(kinds().get(n.kind) is not None and kinds()[n.kind].ends_all
           for n in notifications):
        return []
    found: list[Deadline] = []
    superseded: set[str] = set()
    for n in notifications:
        kind = kinds().get(n.kind)
        if kind is None or kind.deadline is None:
            continue
        if n.deadline is not None and n.done_on is None and n.kind not in superseded:
            found.append(Deadline(n.deadline, kind.deadline.label, n.dossier_id, n.id,
                                  kind.deadline_code or ""))
        if kind.ends_when == "superseded":
            superseded.add(n.kind)  # only the latest one counts
        for item in kind.checklist:
            value = (n.data.get("checklist") or {}).get(item.id)
            if item.deadline_label and value and date.fromisoformat(value) >= today:
                found.append(Deadline(date.fromisoformat(value), item.deadline_label,
                                      n.dossier_id, n.id, item.deadline_code or ""))
    found.sort(key=lambda d: (d.date, d.dossier_id or 0, d.notification_id or 0))
    return found


def warning_codes() -> frozenset[str]:
    """The codes of the deadlines warned about ahead (an attestation de prolongation's end:
    the kinds marked `warning`)."""
    return frozenset(k.deadline_code for k in kinds().values() if k.warning and k.deadline_code)


def appointment_codes() -> frozenset[str]:
    """The codes of the checklist dates that are deadlines (a convocation à l'OFII): an
    appointment, no longer due once its day has passed."""
    return frozenset(
        item.deadline_code for k in kinds().values() for item in k.checklist
        if item.deadline_label and item.deadline_code
    )
