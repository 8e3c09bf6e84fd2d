"""A complément's answer, kept: drafts, « Valider et envoyer » (a mixin of FollowUpStore).

The rules of an answer are domain/complement_answers.py; this module reads and writes them.
"""

from __future__ import annotations

import builtins
from datetime import date
from typing import TYPE_CHECKING

from anef_tui.domain.complement_answers import (
    answer_problem_list,
    answer_problems,
    complement_documents,
    normalise_answers,
)
from anef_tui.domain.notification_kinds import get_kind
from anef_tui.domain.notifications import (
    COMPLEMENT,
    COMPLEMENT_SLOT_PREFIX,
    METTRE_A_JOUR,
    Notification,
    complement_slot_id,
    fr_date,
    parse_iso,
)
from anef_tui.store import driver
from anef_tui.store.errors import StoreError
from anef_tui.store.followup_part import FollowUpPart, complement_open

if TYPE_CHECKING:
    from anef_tui.domain.notifications import Notification
    from anef_tui.domain.validation import Problem


class ComplementAnswers(FollowUpPart):
    """FollowUpStore's complément answers."""

    def _complement(self, conn: driver.Connection, notification_id: int) -> Notification:
        notification = self._get(conn, notification_id)
        if not get_kind(notification.kind).documents:
            raise ValueError("Cette notification n'est pas une demande de complément.")
        return notification

    @staticmethod
    def _answer_row(conn: driver.Connection, notification_id: int) -> tuple | None:
        return conn.execute(
            "SELECT data, sent_on FROM complement_answers WHERE notification_id = ?",
            (notification_id,),
        ).fetchone()

    def _require_unanswered(self, conn: driver.Connection, notification_id: int) -> None:
        row = self._answer_row(conn, notification_id)
        if row is not None and row[1] is not None:
            raise StoreError(
                f"La réponse à cette demande de complément a été envoyée le "
                f"{fr_date(date.fromisoformat(row[1]))} : elle ne peut plus être modifiée."
            )

    def _require_open(self, conn: driver.Connection, notification: Notification) -> None:
        """StoreError once a decision or a closure ended the complément (issue 22)."""
        if not complement_open(conn, notification.dossier_id, notification.id):
            raise StoreError(
                "Cette demande de complément n'attend plus de réponse : une décision ou la "
                "clôture de la demande est enregistrée."
            )

    # ---------------------------------------------------------------- reads
    def get_complement_answer(self, notification_id: int) -> dict | None:
        """The answer kept for a complément, or None if there is none yet:
        {"notification_id": int, "data": {"invalid": {...}, "missing": {...}},
        "sent_on": ISO date, or None while it is a draft}."""
        with self._reading() as conn:
            self._complement(conn, notification_id)
            row = self._answer_row(conn, notification_id)
        if row is None:
            return None
        return {"notification_id": notification_id, "data": self._loads(row[0]), "sent_on": row[1]}

    # ---------------------------------------------------------------- notifications
    def _write_answer(
        self, conn: driver.Connection, notification_id: int, answers: dict, sent_on: date | None
    ) -> None:
        conn.execute(
            "INSERT INTO complement_answers (notification_id, data, sent_on) VALUES (?, ?, ?) "
            "ON CONFLICT(notification_id) DO UPDATE SET data = excluded.data, "
            "sent_on = excluded.sent_on",
            (notification_id, self._dumps(answers), sent_on.isoformat() if sent_on else None),
        )

    def save_complement_answer(self, notification_id: int, answers: dict) -> None:
        """Keep a draft of the answer to a complément (incomplete answers are fine)."""
        with self.store.transaction() as db:
            conn = db.conn
            notification = self._complement(conn, notification_id)
            self._require_consent(conn, notification.dossier_id)
            self._require_unanswered(conn, notification_id)
            clean = normalise_answers(notification, answers)
            self._write_answer(conn, notification_id, clean, None)

    def complement_problems(self, notification_id: int, answers: dict) -> builtins.list[str]:
        """What still prevents sending this answer, one French line each ([] when none)."""
        with self._reading() as conn:
            notification = self._complement(conn, notification_id)
            return self._problems(
                conn, notification, normalise_answers(notification, answers)
            )

    def complement_problem_list(self, notification_id: int, answers: dict) -> builtins.list[Problem]:
        """The same problems, each with the question or complément slot it is about."""
        with self._reading() as conn:
            notification = self._complement(conn, notification_id)
            return answer_problem_list(
                notification, normalise_answers(notification, answers),
                self._slot_counts(conn, notification.dossier_id),
            )

    def _slot_counts(self, conn: driver.Connection, dossier_id: int) -> dict[str, int]:
        rows = conn.execute(
            "SELECT slot_id, count(*) FROM attachments WHERE dossier_id = ? AND slot_id LIKE ? "
            "GROUP BY slot_id",
            (dossier_id, f"{COMPLEMENT_SLOT_PREFIX}%"),
        ).fetchall()
        return {slot: int(n) for slot, n in rows}

    def _problems(
        self, conn: driver.Connection, notification: Notification, answers: dict
    ) -> builtins.list[str]:
        return answer_problems(notification, answers, self._slot_counts(conn, notification.dossier_id))

    def send_complement_answer(self, notification_id: int, answers: dict, sent_on: date) -> None:
        """« Valider et envoyer »: check the answer, keep it; the complément is no longer
        open (« Complément envoyé », the kind's `status_when_ended`, if nothing else is).

        ValueError with one French line per problem (joined by "\\n") when a document has no
        answer, a kept document no reason, an updated or missing document no file.
        """
        sent_on = parse_iso(sent_on, "Date d'envoi")
        with self.store.transaction() as db:
            conn = db.conn
            notification = self._complement(conn, notification_id)
            self._require_consent(conn, notification.dossier_id)
            self._require_unanswered(conn, notification_id)
            clean = normalise_answers(notification, answers)
            problems = self._problems(conn, notification, clean)
            if problems:
                raise ValueError("\n".join(problems))
            self._not_future(sent_on, "La date d'envoi")
            if sent_on < notification.received_on:
                raise ValueError(
                    f"La date d'envoi ne peut pas précéder la réception de la demande "
                    f"({fr_date(notification.received_on)})."
                )
            self._require_open(conn, notification)
            counts = self._slot_counts(conn, notification.dossier_id)
            invalid_docs, missing_docs = complement_documents(notification)
            if notification.resumes_application:
                for slot_id in invalid_docs:
                    clean["invalid"].setdefault(slot_id, {"reason": "", "message": ""})
                    clean["invalid"][slot_id]["choice"] = METTRE_A_JOUR
            for slot_id in missing_docs:
                clean["missing"][slot_id] = {
                    "attached": bool(counts.get(complement_slot_id(notification_id, slot_id)))
                }
            self._write_answer(conn, notification_id, clean, sent_on)
            if notification.read_on is None:
                # Answering means the notification was opened, at the latest that day.
                conn.execute(
                    "UPDATE notifications SET read_on = ? WHERE id = ?",
                    (sent_on.isoformat(), notification_id),
                )
            self._log(conn, notification.dossier_id, "complement_sent", COMPLEMENT)
            # « Complément envoyé » (the kind's `status_when_ended`) unless something else
            # is still open: derived again.
            self._refresh(notification.dossier_id, self._today(), detail=COMPLEMENT)
