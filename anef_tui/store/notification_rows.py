"""A notification as read from its row: the query, the JSON of its data, the Notification.

Shared by the follow-up store and the kept deadlines (store/deadlines.py), which reads
notifications inside a migration, before any store exists.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from anef_tui.controls import clean_data
from anef_tui.domain import notifications as rules
from anef_tui.domain.notifications import Notification, notification_deadline
from anef_tui.store.errors import StoreError

#: Every column `notification_from_row` reads; callers add WHERE / ORDER BY.
NOTIFICATION_SELECT = (
    "SELECT n.id, n.dossier_id, n.kind, n.title, n.domain, n.received_on, n.read_on, n.data, "
    "d.procedure, a.sent_on FROM notifications n JOIN dossiers d ON d.id = n.dossier_id "
    "LEFT JOIN complement_answers a ON a.notification_id = n.id"
)


def loads(text: str | None) -> dict:
    """A notification's data; StoreError (French) when it cannot be read."""
    if not text:
        return {}
    try:
        value = json.loads(text)
    except ValueError as exc:
        raise StoreError(
            "Les données d'une notification sont illisibles : restaurez une sauvegarde."
        ) from exc
    return value if isinstance(value, dict) else {}


def dumps(value: Any) -> str:
    return json.dumps(clean_data(value), ensure_ascii=False, sort_keys=True)


def notification_from_row(row: tuple) -> Notification:
    """The Notification of a row of NOTIFICATION_SELECT, its deadline computed."""
    nid, dossier_id, kind, title, domain, received, read, data_json, procedure, sent = row
    received_on = date.fromisoformat(received)
    read_on = date.fromisoformat(read) if read else None
    data = loads(data_json)
    when, label = notification_deadline(kind, procedure, received_on, read_on, data)
    done = rules.done_on(kind, data, sent)
    return Notification(
        id=nid,
        dossier_id=dossier_id,
        kind=kind,
        title=title,
        domain=domain,
        received_on=received_on,
        read_on=read_on,
        data=data,
        deadline=when,
        deadline_label=label,
        done_on=done,
        procedure=procedure,
    )
