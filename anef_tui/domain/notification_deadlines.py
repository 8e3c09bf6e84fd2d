"""The deadline a notification starts, the day it was met, and everything still due on a dossier."""

from __future__ import annotations

from datetime import date

from anef_tui.domain.deadlines import Deadline, add_days, add_months, deadline_words
from anef_tui.domain.dossier_state import in_force
from anef_tui.domain.notification_kinds import kinds
from anef_tui.domain.notification_model import NOTHING_DUE, Notification
from anef_tui.domain.status import DossierStatus
from anef_tui.domain.text import APP_HELP_PREFIX


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


def checklist_deadlines(n: Notification) -> list[Deadline]:
    """What a notification's checklist still asks: an appointment on its date (a
    convocation), a task until its item is dated (dated by the data when it can be, issue
    22); only the items that apply to its data."""
    kind = kinds().get(n.kind)
    if kind is None or "checklist" not in n.data:
        # A notification recorded before its kind had a checklist (a decision before issue
        # 22) asks nothing until a date is noted on it: no task appears on old dossiers.
        return []
    checklist = n.data.get("checklist") or {}
    found: list[Deadline] = []
    for item in kind.checklist_for(n.data):
        value = checklist.get(item.id)
        if item.deadline_label and value:
            found.append(Deadline(date.fromisoformat(value), item.deadline_label,
                                  n.dossier_id, n.id, item.deadline_code or ""))
        task = item.task
        if task is None or value:
            continue
        when: date | None = None
        if task.after is not None:
            start = checklist.get(task.after)
            if not start:
                continue  # nothing to do before it is asked
            when = add_days(date.fromisoformat(start), task.days)
        elif task.on is not None and checklist.get(task.on):
            when = date.fromisoformat(checklist[task.on])
        found.append(Deadline(when, task.label, n.dossier_id, n.id, task.code))
    return found


def checklist_due_lines(kept, n: Notification, today: date) -> list[str]:
    """« • 21/10/2023 (dans 15 jours) : Répondre au médecin de l'OFII », under
    a line in anef-tui's voice (none when nothing is due): the deadlines still due (`kept`: the dossier's, as « Échéances » reads them) that the
    notification's checklist gives, besides its own deadline (said above them)."""
    kind = kinds().get(n.kind)
    own = kind.deadline_code if kind is not None else None
    lines = ["• " + deadline_words(d.date, d.label, today) for d in kept
             if d.notification_id == n.id and d.code != own]
    return [APP_HELP_PREFIX + "reste à faire pour cette notification :", *lines] if lines else []


def deadline_order(d: Deadline) -> tuple:
    """Soonest first, the tasks without a date last."""
    return (d.date is None, d.date or date.min, d.dossier_id or 0, d.notification_id or 0)


def open_deadlines(status: DossierStatus, notifications: list[Notification],
                   today: date) -> list[Deadline]:
    """Everything still due on a dossier, soonest first (undated tasks last): the deadline
    of every notification still open and its checklist's, as `dossier_state` counts them
    (a later attestation de prolongation replaces the earlier one; a decision ends all but
    its own tasks). An appointment is left out once `today` is past it."""
    if status in NOTHING_DUE:
        return []
    found: list[Deadline] = []
    for n in in_force(notifications):
        kind = kinds()[n.kind]
        if kind.deadline is not None and n.deadline is not None and n.done_on is None:
            found.append(Deadline(n.deadline, kind.deadline.label, n.dossier_id, n.id,
                                  kind.deadline_code or ""))
        found += [d for d in checklist_deadlines(n)
                  if d.code not in appointment_codes() or (d.date is not None and d.date >= today)]
    found.sort(key=deadline_order)
    return found


def warning_codes() -> frozenset[str]:
    """The codes of the deadlines warned about ahead (an attestation de prolongation's end:
    the kinds marked `warning`)."""
    return frozenset(k.deadline_code for k in kinds().values() if k.warning and k.deadline_code)


def appointment_codes() -> frozenset[str]:
    """The codes of the checklist dates that are deadlines (a convocation à l'OFII, one of
    the collège de médecins): an appointment, no longer due once its day has passed. A
    task's date is not one: it stays due, overdue, until its item is dated."""
    return frozenset(
        item.deadline_code for k in kinds().values() for item in k.checklist
        if item.deadline_label and item.deadline_code
    )
