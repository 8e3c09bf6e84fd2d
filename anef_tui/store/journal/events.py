"""The audit events the stores already wrote (`events` table), as journal entries: each
store's `_log` appends both, in the same transaction. The event's detail is made of codes
(a step, a kind of notification, states): it becomes the entry's details."""

from __future__ import annotations

from anef_tui.store import driver
from anef_tui.store.journal.chain import Detail, Journalled, append

#: Event kind (store/dossier_part.py EVENT_KINDS) -> journal action code (journal.toml).
ACTION_OF_EVENT: dict[str, str] = {
    "created": "dossier_created",
    "step_saved": "step_saved",
    "profile_saved": "profile_saved",
    "status_changed": "status_changed",
    "filed": "filed",
    "numero_officiel": "numero_recorded",
    "abandoned": "dossier_abandoned",
    "notification": "notification_recorded",
    "notification_read": "notification_read",
    "complement_sent": "complement_sent",
    "certificate_checklist": "checklist_saved",
}


def details_of_event(kind: str, detail: str) -> dict[str, Detail]:
    """The details of the entry for an event and its detail text."""
    if kind in ("step_saved", "profile_saved"):
        return {"step": detail}
    if kind in ("notification", "notification_read", "complement_sent"):
        return {"kind": detail}
    if kind == "certificate_checklist":
        return {"items": detail}
    if " -> " in detail:
        before, _, after = detail.partition(" -> ")
        after, _, why = after.partition(" : ")
        return {"from": before, "to": after, "kind": why or None}
    return {}


def append_event(conn: driver.Connection, database: Journalled, kind: str, detail: str,
                 dossier_id: int, details: dict[str, Detail] | None = None, *,
                 at: str | None = None) -> int:
    """The journal entry of an audit event (in the caller's transaction)."""
    return append(conn, database, ACTION_OF_EVENT[kind], dossier_id,
                  details_of_event(kind, detail) if details is None else details, at=at)
