"""The kept deadlines written from the notifications: computed, written, backfilled
(migration 6). Works on a bare connection: no store is needed."""

from __future__ import annotations

import builtins
import sqlite3
from datetime import date
from typing import TYPE_CHECKING

from anef_tui.domain.deadlines import Deadline
from anef_tui.domain.notifications import open_deadlines
from anef_tui.domain.status import DossierStatus
from anef_tui.store.notification_rows import NOTIFICATION_SELECT, notification_from_row

if TYPE_CHECKING:
    pass


# Kept equal to store/followup.py (imported lazily there: no cycle at import time).
LABEL_CONVOCATION = "Convocation à l'OFII"



LABEL_PROLONGATION = "Fin de la prolongation"



def compute(conn: sqlite3.Connection, dossier_id: int) -> builtins.list[Deadline]:
    """Every open deadline of a dossier whatever today is (past convocations included),
    from its notifications, by the follow-up rules."""
    row = conn.execute("SELECT status FROM dossiers WHERE id = ?", (dossier_id,)).fetchone()
    if row is None:
        return []
    rows = conn.execute(
        f"{NOTIFICATION_SELECT} WHERE n.dossier_id = ? ORDER BY n.received_on DESC, n.id DESC",
        (dossier_id,),
    ).fetchall()
    if not rows:
        return []
    notifications = [notification_from_row(r) for r in rows]
    return open_deadlines(DossierStatus(row[0]), notifications, date.min)



def _write(conn: sqlite3.Connection, dossier_id: int, found: builtins.list[Deadline]) -> None:
    conn.execute("DELETE FROM deadlines WHERE dossier_id = ?", (dossier_id,))
    conn.executemany(
        "INSERT INTO deadlines (dossier_id, notification_id, date, label) VALUES (?, ?, ?, ?)",
        [(dossier_id, d.notification_id or 0, d.date.isoformat(), d.label) for d in found],
    )



def _next(found: builtins.list[Deadline], today: date) -> Deadline | None:
    for deadline in found:  # soonest first
        if deadline.label != LABEL_CONVOCATION or deadline.date >= today:
            return deadline
    return None



def backfill(conn: sqlite3.Connection) -> None:
    """Fill `deadlines` for every dossier that has notifications (migration 6)."""
    ids = [r[0] for r in conn.execute("SELECT DISTINCT dossier_id FROM notifications")]
    for dossier_id in ids:
        _write(conn, dossier_id, compute(conn, dossier_id))
