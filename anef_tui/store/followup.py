"""Follow-up of a filed dossier, the storage: notifications, the states they bring, the
certificate checklist, deadlines written to the dossier list.

The user copies here what the ANEF sent (on the official site, « Mes Notifications », or by
e-mail). What each kind holds, the state it moves the dossier to and the deadline it starts
are data (`assets/followup.toml`, domain/notification_kinds.py) checked by the domain
(domain/notifications.py). Every change derives the dossier's states again from its
notifications (domain/dossier_state.py: in any order, several at once) and recomputes its
deadlines, in the same transaction.

Complément answers are store/complement_answers.py, the files kept with a notification
store/notification_files.py (both mixins of FollowUpStore).

Nothing medical is ever stored: the certificate checklist only holds dates.
"""

from __future__ import annotations

import builtins
import contextlib
from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING, Any

from anef_tui.domain import notifications as rules
from anef_tui.domain.deadlines import Deadline
from anef_tui.domain.dossier_state import KEPT
from anef_tui.domain.notification_deadlines import deadline_order
from anef_tui.domain.notification_kinds import DeadlineSpec, get_kind, kinds
from anef_tui.domain.notifications import (
    NOTHING_DUE,
    Notification,
    fr_date,
    normalise_checklist,
    normalise_data,
    parse_iso,
)
from anef_tui.domain.status import DossierStatus, TransitionError
from anef_tui.store import driver
from anef_tui.store.complement_answers import ComplementAnswers
from anef_tui.store.connection import inserted_id
from anef_tui.store.errors import StoreError
from anef_tui.store.journal.events import append_event
from anef_tui.store.notification_files import NotificationFiles
from anef_tui.store.notification_rows import (
    NOTIFICATION_SELECT,
    dumps,
    loads,
    notification_from_row,
)
from anef_tui.store.records import read_row, read_status, summary_from_row, write_states

if TYPE_CHECKING:
    from anef_tui.store.dossiers import DossierStore

EVENT_KINDS: frozenset[str] = frozenset(
    {"notification", "notification_read", "complement_sent", "certificate_checklist",
     "status_changed"}
)

# Names this module gave before the vocabulary became data (domain/notifications.py).
from anef_tui.domain.notifications import (  # noqa: E402, F401
    CERTIFICAT_MEDICAL,
    COMPLEMENT,
    COMPLEMENT_CHOICES,
    COMPLEMENT_SLOT_PREFIX,
    DECISION,
    DEFAULT_MAX_FILES,
    MAINTENIR,
    METTRE_A_JOUR,
    OFFICIAL_MAX_FILES,
    OFFICIAL_SLOT_PREFIX,
    PROLONGATION,
    complement_slot_id,
    official_document_title,
    official_slot_id,
)


def __getattr__(name: str) -> Any:
    """The labels and titles, read from the data (`assets/followup.toml`) when asked."""
    every = kinds()
    if name == "NOTIFICATION_KINDS":
        return tuple(every)
    if name == "NOTIFICATION_TITLES":
        return {k.id: k.title for k in every.values()}
    if name == "CHECKLIST_ITEMS":
        return {i.id: i.label for i in every[CERTIFICAT_MEDICAL].checklist}

    def deadline(kind: str) -> DeadlineSpec:
        spec = every[kind].deadline
        if spec is None:
            raise AttributeError(f"{name}: « {kind} » starts no deadline in followup.toml")
        return spec

    labels = {
        "LABEL_COMPLEMENT": lambda: deadline(COMPLEMENT).label,
        "LABEL_CERTIFICATE": lambda: deadline(CERTIFICAT_MEDICAL).label,
        "LABEL_PROLONGATION": lambda: deadline(PROLONGATION).label,
        "LABEL_PROLONGATION_NOTIFICATION": lambda: deadline(PROLONGATION).notice,
        "LABEL_CONVOCATION": lambda: next(
            i.deadline_label for i in every[CERTIFICAT_MEDICAL].checklist if i.deadline_label
        ),
        "DEFAULT_DOMAIN": rules.default_domain,
    }
    if name in labels:
        return labels[name]()
    raise AttributeError(name)


class FollowUpStore(ComplementAnswers, NotificationFiles):
    """Notifications, complément answers, certificate checklist and deadlines.

    Shares the connection, lock and clock of a DossierStore (like AttachmentStore); every
    write is one transaction that also refreshes the dossier's next deadline.
    """

    def __init__(self, store: DossierStore) -> None:
        self.store = store

    # ---------------------------------------------------------------- helpers

    def _today(self) -> date:
        moment = self.store.now()
        if moment.tzinfo is not None:
            moment = moment.astimezone().replace(tzinfo=None)
        return moment.date()

    @contextlib.contextmanager
    def _reading(self) -> Iterator[driver.Connection]:
        with self.store.database.reading() as conn:
            yield conn

    def _log(self, conn: driver.Connection, dossier_id: int, kind: str, detail: str) -> None:
        """An audit event; `detail` never holds personal data (a kind, item names)."""
        assert kind in EVENT_KINDS, kind
        at = self.store.database.now_iso()
        conn.execute("INSERT INTO events (dossier_id, at, kind, detail) VALUES (?, ?, ?, ?)",
                     (dossier_id, at, kind, detail))
        append_event(conn, self.store.database, kind, detail, dossier_id, at=at)

    def _not_future(self, day: date, what: str) -> None:
        if day > self._today():
            raise ValueError(f"{what} ne peut pas être dans le futur ({fr_date(day)}).")

    _loads = staticmethod(loads)
    _dumps = staticmethod(dumps)
    _SELECT = NOTIFICATION_SELECT

    @staticmethod
    def _notification(row: tuple) -> Notification:
        return notification_from_row(row)

    def _get(self, conn: driver.Connection, notification_id: int) -> Notification:
        row = conn.execute(f"{self._SELECT} WHERE n.id = ?", (notification_id,)).fetchone()
        if row is None:
            raise StoreError(f"La notification n° {notification_id} est introuvable.")
        return self._notification(row)


    def get(self, notification_id: int) -> Notification:
        with self._reading() as conn:
            return self._get(conn, notification_id)

    def list_notifications(
        self, dossier_id: int | None = None, *, only_unread: bool = False
    ) -> builtins.list[Notification]:
        """The notifications (of one dossier if given), newest first."""
        sql = f"{self._SELECT} WHERE 1 = 1"
        params: builtins.list[object] = []
        if dossier_id is not None:
            sql += " AND n.dossier_id = ?"
            params.append(dossier_id)
        if only_unread:
            sql += " AND n.read_on IS NULL"
        sql += " ORDER BY n.received_on DESC, n.id DESC"
        with self._reading() as conn:
            rows = conn.execute(sql, params).fetchall()
        return [self._notification(row) for row in rows]

    def add_notification(
        self,
        dossier_id: int,
        kind: str,
        *,
        received_on: date,
        data: dict | None = None,
        read_on: date | None = None,
    ) -> int:
        """Record a notification of the administration, whatever else is open (issue 22),
        and derive the dossier's states again; return its id.

        `read_on`: the day it was first opened on the ANEF site (« Lu le »), when it was read
        there before being recorded here; it starts the deadline from that day.

        StoreError on a draft (or an unknown dossier), TransitionError (French) on a closed
        dossier, ValueError for bad `data` or a date to come.
        """
        spec = get_kind(kind)
        received_on = parse_iso(received_on, "Date de réception")
        self._not_future(received_on, "La date de réception")
        if read_on is not None:
            read_on = parse_iso(read_on, "Date de lecture")
            self._not_future(read_on, "La date de lecture")
            if read_on < received_on:
                raise ValueError(
                    f"La date de lecture ne peut pas précéder la réception de la notification "
                    f"({fr_date(received_on)})."
                )
        clean = normalise_data(kind, data, received_on=received_on, today=self._today())
        with self.store.transaction() as db:
            conn = db.conn
            current = read_status(conn, dossier_id)
            if current.editable:
                raise StoreError(
                    "Déposez d'abord la demande : les notifications de l'administration "
                    "s'enregistrent une fois le dossier déposé."
                )
            if current in KEPT:
                raise TransitionError(
                    f"Ce dossier est « {current.label} » : aucune notification ne peut plus "
                    "y être enregistrée."
                )
            self._require_consent(conn, dossier_id)
            cursor = conn.execute(
                "INSERT INTO notifications (dossier_id, kind, title, domain, received_on, "
                "read_on, data, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                (
                    dossier_id,
                    kind,
                    spec.title,
                    rules.default_domain(),
                    received_on.isoformat(),
                    read_on.isoformat() if read_on else None,
                    self._dumps(clean),
                    self.store.database.now_iso(),
                ),
            )
            notification_id = inserted_id(cursor)
            self._log(conn, dossier_id, "notification", kind)
            if read_on is not None:
                self._log(conn, dossier_id, "notification_read", kind)
            self._refresh(dossier_id, self._today(), detail=kind)
        return notification_id

    def mark_read(self, notification_id: int, read_on: date) -> date:
        """Record the first opening of a notification (it starts the renewal complément's
        30 days); a later call changes nothing. Return the date of the first reading."""
        read_on = parse_iso(read_on, "Date de lecture")
        with self.store.transaction() as db:
            conn = db.conn
            notification = self._get(conn, notification_id)
            if notification.read_on is not None:
                return notification.read_on
            self._require_consent(conn, notification.dossier_id)
            self._not_future(read_on, "La date de lecture")
            if read_on < notification.received_on:
                raise ValueError(
                    f"La date de lecture ne peut pas précéder la réception de la notification "
                    f"({fr_date(notification.received_on)})."
                )
            conn.execute(
                "UPDATE notifications SET read_on = ? WHERE id = ?",
                (read_on.isoformat(), notification_id),
            )
            self._log(conn, notification.dossier_id, "notification_read", notification.kind)
            self._refresh(notification.dossier_id, self._today())
        return read_on

    # ---------------------------------------------------------------- complément

    # ---------------------------------------------------------------- certificate

    def update_certificate_checklist(
        self, notification_id: int, checklist: dict[str, str | None]
    ) -> dict[str, str | None]:
        """Set (ISO date) or clear (None) items of the certificate checklist; return it whole.

        Only the items of the kind's checklist (ValueError otherwise): dates, nothing medical.
        """
        with self.store.transaction() as db:
            conn = db.conn
            notification = self._get(conn, notification_id)
            self._require_consent(conn, notification.dossier_id)
            spec = kinds().get(notification.kind)
            if spec is None or not spec.checklist:
                raise ValueError(
                    "Cette notification n'est pas la mise à disposition du formulaire vierge "
                    "de certificat médical."
                )
            data = dict(notification.data)
            merged = normalise_checklist(
                spec,
                checklist,
                data.get("checklist") or {},
                received_on=notification.received_on,
                today=self._today(),
            )
            data["checklist"] = merged
            conn.execute(
                "UPDATE notifications SET data = ? WHERE id = ?",
                (self._dumps(data), notification_id),
            )
            self._log(
                conn,
                notification.dossier_id,
                "certificate_checklist",
                ", ".join(sorted(checklist or {})),
            )
            # The state follows the item that ends the kind (the envelope sent to the
            # OFII): « Certificat médical envoyé » once dated, « à envoyer » once cleared.
            self._refresh(notification.dossier_id, self._today(), detail=notification.kind)
        return merged

    # ---------------------------------------------------------------- deadlines

    def open_deadlines(self, dossier_id: int, today: date) -> builtins.list[Deadline]:
        """Everything still due on a dossier, soonest (or most overdue) first."""
        with self._reading() as conn:
            status = read_status(conn, dossier_id)
        if status in NOTHING_DUE:
            return []
        return self._open(status, self.list_notifications(dossier_id), today)

    @staticmethod
    def _open(
        status: DossierStatus, notifications: builtins.list[Notification], today: date
    ) -> builtins.list[Deadline]:
        return rules.open_deadlines(status, notifications, today)

    def next_deadline(self, dossier_id: int, today: date) -> Deadline | None:
        """The soonest thing due on the dossier (overdue included), or None."""
        found = self.open_deadlines(dossier_id, today)
        return found[0] if found else None

    def _refresh(self, dossier_id: int, today: date, *, detail: str = "") -> Deadline | None:
        """After every change of a dossier's notifications, in the same transaction: its
        states derived again from them (domain/dossier_state.py, an event when they change;
        `detail` holds no personal data), its deadlines kept in the `deadlines` table, read
        by « Échéances » and the alerts (issue 14), and its next one."""
        from anef_tui.store.deadline_rows import states_of
        from anef_tui.store.deadlines import refresh_deadline

        with self.store.transaction() as db:
            conn = db.conn
            before = summary_from_row(read_row(conn, dossier_id)).states
            after = states_of(conn, dossier_id)
            if write_states(conn, dossier_id, after):
                text = "+".join(s.value for s in before) + " -> " + "+".join(
                    s.value for s in after)
                self._log(conn, dossier_id, "status_changed",
                          text + (f" : {detail}" if detail else ""))
            return refresh_deadline(self.store, dossier_id, today)

    def refresh_deadline(self, dossier_id: int, today: date) -> Deadline | None:
        """Write the dossier's next deadline (date and short label) into the dossier list;
        return it."""
        with self.store.transaction():
            return self._refresh(dossier_id, today)

    def upcoming_deadlines(self, today: date) -> builtins.list[Deadline]:
        """Everything due across dossiers, soonest first (overdue first)."""
        with self._reading() as conn:
            statuses = {
                row[0]: DossierStatus(row[1])
                for row in conn.execute(
                    "SELECT id, status FROM dossiers WHERE id IN "
                    "(SELECT DISTINCT dossier_id FROM notifications)"
                )
            }
        by_dossier: dict[int, builtins.list[Notification]] = {}
        for n in self.list_notifications():
            by_dossier.setdefault(n.dossier_id, []).append(n)
        found: builtins.list[Deadline] = []
        for dossier_id, notifications in by_dossier.items():
            found.extend(self._open(statuses[dossier_id], notifications, today))
        found.sort(key=deadline_order)
        return found

    def record_closure(self, dossier_id: int) -> None:
        """The administration closed the request (« clôturée », e.g. a complément not
        answered in time): the dossier becomes « Clôturée » and nothing is due any more.

        TransitionError (French) from a state that cannot be closed (a draft, a favourable
        decision, an already closed dossier)."""
        with self.store.transaction():
            self.store.set_status(dossier_id, DossierStatus.CLOTUREE, detail="cloture")
            self._refresh(dossier_id, self._today())

    def prolongation_warnings(self, today: date) -> builtins.list[Deadline]:
        """The attestations de prolongation that end within PROLONGATION_WARNING_DAYS days
        (or have ended) on dossiers still waiting for a decision, soonest first."""
        from anef_tui.domain.deadlines import prolongation_warning

        codes = rules.warning_codes()
        return [
            d
            for d in self.upcoming_deadlines(today)
            if d.code in codes and d.date is not None and prolongation_warning(d.date, today)
        ]
