"""What the notifications give a dossier, read on a bare connection (no store is needed):
its kept deadlines, computed, written, backfilled (migrations 6 and 11), and its states
(migration 13, domain/dossier_state.py).

A deadline is named by its `code` (from `followup.toml`), never by its label: which codes are
appointments (a past one is no longer due) and which are warned about ahead, the data says
(`appointment_codes`, `warning_codes`)."""

from __future__ import annotations

import builtins
from datetime import date

from anef_tui.domain.deadlines import Deadline
from anef_tui.domain.dossier_state import dossier_states
from anef_tui.domain.notifications import Notification, appointment_codes, open_deadlines
from anef_tui.domain.status import DossierStatus
from anef_tui.store import driver
from anef_tui.store.engine import engine_for
from anef_tui.store.notification_rows import NOTIFICATION_SELECT, notification_from_row


def has_code(conn: driver.Connection) -> bool:
    """Whether `deadlines` has its `code` column (migration 11): migration 6 backfills a
    table without it."""
    return "code" in engine_for(conn).column_names(conn, "deadlines")


def notifications_of(conn: driver.Connection, dossier_id: int) -> builtins.list[Notification]:
    """A dossier's notifications, newest first."""
    rows = conn.execute(
        f"{NOTIFICATION_SELECT} WHERE n.dossier_id = ? ORDER BY n.received_on DESC, n.id DESC",
        (dossier_id,),
    ).fetchall()
    return [notification_from_row(r) for r in rows]


def compute(conn: driver.Connection, dossier_id: int) -> builtins.list[Deadline]:
    """Every open deadline of a dossier whatever today is (past convocations included),
    from its notifications, by the follow-up rules."""
    row = conn.execute("SELECT status FROM dossiers WHERE id = ?", (dossier_id,)).fetchone()
    if row is None:
        return []
    notifications = notifications_of(conn, dossier_id)
    if not notifications:
        return []
    return open_deadlines(DossierStatus(row[0]), notifications, date.min)


def states_of(conn: driver.Connection, dossier_id: int) -> builtins.list[DossierStatus]:
    """The states the dossier is in (domain/dossier_state.py): derived from its
    notifications once filed; a draft, a closed dossier stay so."""
    row = conn.execute("SELECT status FROM dossiers WHERE id = ?", (dossier_id,)).fetchone()
    if row is None:
        return []
    return dossier_states(DossierStatus(row[0]), notifications_of(conn, dossier_id))


#: The date kept for a task the guide gives no date (the timbre fiscal): after every real
#: date, so « Échéances » lists those tasks last and its pages stay one indexed range.
UNDATED = "9999-12-31"


def kept_date(day: date | None) -> str:
    return UNDATED if day is None else day.isoformat()


def read_date(text: str) -> date | None:
    return None if text == UNDATED else date.fromisoformat(text)


def _write(
    conn: driver.Connection, dossier_id: int, found: builtins.list[Deadline], *, code: bool = True
) -> None:
    conn.execute("DELETE FROM deadlines WHERE dossier_id = ?", (dossier_id,))
    if not code:  # the table as migration 6 made it
        conn.executemany(
            "INSERT INTO deadlines (dossier_id, notification_id, date, label) VALUES (?, ?, ?, ?)",
            [(dossier_id, d.notification_id or 0, kept_date(d.date), d.label) for d in found],
        )
        return
    conn.executemany(
        "INSERT INTO deadlines (dossier_id, notification_id, date, label, code) "
        "VALUES (?, ?, ?, ?, ?)",
        [(dossier_id, d.notification_id or 0, kept_date(d.date), d.label, d.code)
         for d in found],
    )



def _next(found: builtins.list[Deadline], today: date) -> Deadline | None:
    appointments = appointment_codes()
    for deadline in found:  # soonest first, undated last; an appointment past is no more due
        if deadline.code not in appointments or (
            deadline.date is not None and deadline.date >= today
        ):
            return deadline
    return None



def backfill_states(conn: driver.Connection) -> None:
    """Derive the states of every dossier that has notifications (migration 13)."""
    from anef_tui.store.records import write_states

    ids = [r[0] for r in conn.execute("SELECT DISTINCT dossier_id FROM notifications")]
    for dossier_id in ids:
        write_states(conn, dossier_id, states_of(conn, dossier_id))


def backfill(conn: driver.Connection) -> None:
    """Fill `deadlines` for every dossier that has notifications (migrations 6 and 11)."""
    code = has_code(conn)
    ids = [r[0] for r in conn.execute("SELECT DISTINCT dossier_id FROM notifications")]
    for dossier_id in ids:
        _write(conn, dossier_id, compute(conn, dossier_id), code=code)
