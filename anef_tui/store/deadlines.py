"""Deadlines kept, not recomputed (issue 14).

Every open deadline of every dossier (what `FollowUpStore.open_deadlines` computes from
the notifications) is kept in the `deadlines` table, written by `refresh_deadline` in the
same transaction as the change that moves it (a notification recorded or read, a
complément sent, a checklist ticked, a decision, a closure). « Échéances » and the alerts
of « Mes dossiers » read that table by date, page by page: no notification is parsed.

Rows are picked by their `code` (from `followup.toml`), never by their label: the codes of
the appointments and of the deadlines warned about ahead come from the data.

Today's date is a parameter of the queries, not a rewrite of the rows: a convocation whose
day has passed is left out by the query (`_open`), and `roll_over(today)` only corrects the
« next deadline » column of the few dossiers whose next one was such a convocation.
"""

from __future__ import annotations

import builtins
from dataclasses import dataclass
from datetime import date, timedelta

from anef_tui.domain.deadlines import PROLONGATION_WARNING_DAYS, Deadline
from anef_tui.domain.notifications import appointment_codes, warning_codes
from anef_tui.store.database import Database, HasDatabase, database_of
from anef_tui.store.deadline_rows import (  # noqa: F401 - re-exported
    UNDATED,
    _next,
    _write,
    backfill,
    compute,
    read_date,
)
from anef_tui.store.records import write_deadline


def _codes(name: str, codes: frozenset[str]) -> tuple[str, dict[str, str]]:
    """`(:name0, :name1, …)` and its parameters: a set of codes from the data, bound."""
    params = {f"{name}{i}": code for i, code in enumerate(sorted(codes))}
    return "(" + ", ".join(f":{key}" for key in params) + ")", params


def _appointments() -> str:
    """The appointments' codes, bound as `:appointment0…` (`DeadlineIndex._params`)."""
    return _codes("appointment", appointment_codes())[0]


def _open() -> str:
    """A kept row that is still due on `:today` (an appointment past is not)."""
    return f"(k.code NOT IN {_appointments()} OR k.date >= :today)"


@dataclass(frozen=True)
class KeptDeadline:
    """One row of « Échéances »: the deadline and the name of its dossier's applicant."""

    date: date | None  # None: a task the guide gives no date (kept as `UNDATED`)
    label: str
    dossier_id: int
    notification_id: int | None
    applicant_name: str
    key: tuple  # where the next page starts (see `DeadlineIndex.page`)
    code: str = ""  # what names it in followup.toml


# --------------------------------------------------------------------------------------
# Writing


def refresh_deadline(
    store: Database | HasDatabase, dossier_id: int, today: date
) -> Deadline | None:
    """The hook of every write that may move a dossier's deadlines: keep its open deadlines
    and write its next one (date and short label) into the dossier list; return it.
    Joins the caller's transaction (one of its own otherwise)."""
    database = database_of(store)
    now = database.now_iso()
    with database.transaction() as db:
        found = compute(db.conn, dossier_id)
        _write(db.conn, dossier_id, found)
        deadline = _next(found, today)
        if deadline is None:
            write_deadline(db.conn, dossier_id, None, None, now)
        else:  # a task without a date: its label alone (the list puts it after the dated)
            write_deadline(db.conn, dossier_id,
                           deadline.date.isoformat() if deadline.date else None,
                           deadline.label, now)
        return deadline


# --------------------------------------------------------------------------------------
# Reading


class DeadlineIndex:
    """Indexed reads of the kept deadlines; thread-safe as the Database it uses."""

    PAGE = 200

    def __init__(self, store: Database | HasDatabase) -> None:
        self.database = database_of(store)

    @staticmethod
    def _params(today: date) -> dict:
        return _codes("appointment", appointment_codes())[1] | {"today": today.isoformat()}

    @staticmethod
    def _row(row: tuple) -> KeptDeadline:
        kid, day, label, dossier_id, notification_id, name, code = row
        return KeptDeadline(
            date=read_date(day),
            label=label,
            dossier_id=dossier_id,
            notification_id=notification_id or None,
            applicant_name=name or "",
            key=(day, dossier_id, notification_id, kid),
            code=code,
        )

    _SELECT = (
        "SELECT k.id, k.date, k.label, k.dossier_id, k.notification_id, d.applicant_name, "
        "k.code FROM deadlines k JOIN dossiers d ON d.id = k.dossier_id"
    )

    def page(
        self, today: date, *, after: tuple | None = None, limit: int = PAGE
    ) -> builtins.list[KeptDeadline]:
        """Up to `limit` deadlines still due on `today`, soonest (most overdue) first,
        starting after the row whose `key` is `after` (keyset paging: each page is one
        indexed range, however far down the list)."""
        params = self._params(today) | {"limit": int(limit)}
        where = _open()
        if after is not None:
            where += (
                " AND (k.date, k.dossier_id, k.notification_id, k.id) > "
                "(:a_date, :a_dossier, :a_notification, :a_id)"
            )
            params |= dict(zip(("a_date", "a_dossier", "a_notification", "a_id"), after, strict=True))
        sql = (
            f"{self._SELECT} WHERE {where} "
            "ORDER BY k.date, k.dossier_id, k.notification_id, k.id LIMIT :limit"
        )
        with self.database.reading() as conn:
            rows = conn.execute(sql, params).fetchall()
        return [self._row(r) for r in rows]

    def of_dossier(self, dossier_id: int, today: date) -> builtins.list[KeptDeadline]:
        """The deadlines of one dossier still due on `today`, soonest first: what
        « Échéances » lists for it (the plain mode's « Mes notifications » reads these)."""
        sql = (
            f"{self._SELECT} WHERE k.dossier_id = :dossier AND {_open()} "
            "ORDER BY k.date, k.notification_id, k.id"
        )
        with self.database.reading() as conn:
            rows = conn.execute(sql, self._params(today) | {"dossier": dossier_id}).fetchall()
        return [self._row(r) for r in rows]

    def count(self, today: date) -> int:
        """How many deadlines are still due on `today`."""
        with self.database.reading() as conn:
            (total,) = conn.execute("SELECT count(*) FROM deadlines").fetchone()
            (past,) = conn.execute(
                f"SELECT count(*) FROM deadlines k WHERE k.code IN {_appointments()} "
                "AND k.date < :today",
                self._params(today),
            ).fetchone()
        return int(total) - int(past)

    def prolongation_alerts(
        self, today: date, *, limit: int = 50, days: int = PROLONGATION_WARNING_DAYS
    ) -> tuple[builtins.list[KeptDeadline], int]:
        """The attestations de prolongation ending within `days` days (or ended) on dossiers
        still waiting for a decision, soonest first: at most `limit` of them, and how many
        there are in all."""
        warned, codes = _codes("warned", warning_codes())
        params: dict[str, object] = {**codes, "until": (today + timedelta(days=days)).isoformat(), "limit": int(limit)}
        with self.database.reading() as conn:
            rows = conn.execute(
                f"{self._SELECT} WHERE k.code IN {warned} AND k.date <= :until "
                "ORDER BY k.date, k.dossier_id, k.notification_id LIMIT :limit",
                params,
            ).fetchall()
            (total,) = conn.execute(
                f"SELECT count(*) FROM deadlines k WHERE k.code IN {warned} "
                "AND k.date <= :until",
                params,
            ).fetchone()
        return [self._row(r) for r in rows], int(total)

    def roll_over(self, today: date) -> int:
        """The date turned: the dossiers whose next deadline was a convocation now past get
        their next one from the kept rows (an indexed query; `updated_at` untouched).
        Return how many changed."""
        params = self._params(today)
        with self.database.reading() as conn:
            ids = [
                r[0]
                for r in conn.execute(
                    "SELECT DISTINCT k.dossier_id FROM deadlines k "
                    "JOIN dossiers d ON d.id = k.dossier_id "
                    f"WHERE k.code IN {_appointments()} AND k.date < :today "
                    "AND d.next_deadline = k.date AND d.next_deadline_label = k.label",
                    params,
                )
            ]
        if not ids:
            return 0
        with self.database.transaction() as db:
            for dossier_id in ids:
                row = db.conn.execute(
                    f"SELECT k.date, k.label FROM deadlines k WHERE k.dossier_id = :id AND "
                    f"{_open()} ORDER BY k.date, k.notification_id LIMIT 1",
                    params | {"id": dossier_id},
                ).fetchone()
                db.conn.execute(
                    "UPDATE dossiers SET next_deadline = ?, next_deadline_label = ? WHERE id = ?",
                    (row[0] if row else None, row[1] if row else None, dossier_id),
                )
        return len(ids)

