"""DossierStore's writes before the filing: a new draft, a validated step or profile, a draft
of unsaved typing, a status change, the deadline shown in the list, the abandon.

Every write is exactly one SQLite transaction.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import date, datetime
from typing import TYPE_CHECKING

from anef_tui.controls import clean_data, stored_name
from anef_tui.display import display_path
from anef_tui.domain.procedure_index import procedure_index
from anef_tui.domain.status import DossierStatus, check_transition
from anef_tui.oserrors import reason
from anef_tui.store.connection import inserted_id
from anef_tui.store.consents import record_consent_given
from anef_tui.store.dossier_part import DossierPart
from anef_tui.store.dossier_pdfs import dossier_documents
from anef_tui.store.errors import StoreError
from anef_tui.store.keys import index_search_key, n_etranger_of, search_key_for
from anef_tui.store.records import NotEditable, write_deadline, write_states

if TYPE_CHECKING:
    from anef_tui.domain.consent import ConsentTerms


class DossierWrites(DossierPart):
    """Drafts, steps, profile, status, deadline, abandon (a part of DossierStore)."""

    def create(
        self,
        procedure: str,
        *,
        applicant_name: str = "",
        answers: dict | None = None,
        drafts: dict | None = None,
        current_step: str | None = None,
        parent_id: int | None = None,
        consent: ConsentTerms | None = None,
    ) -> int:
        """A new draft (« brouillon »); return its id. `answers` are saved as validated,
        `drafts` as typed but not yet checked ({step or profile id: {field id: value}}).

        `consent`: the applicant's consent, recorded first in the same transaction (issue
        24; `Database.default_consent` when None). Without any, the dossier is created
        read-only (« consentement à recueillir »)."""
        if procedure not in procedure_index():
            raise ValueError(f"Procédure inconnue : « {procedure} ».")
        data = dict(answers or {})
        applicant_name = stored_name(applicant_name)
        now = self._now()
        key = search_key_for(applicant_name, procedure, None, n_etranger_of(data, procedure))
        with self.transaction() as db:
            conn = db.conn
            if parent_id is not None:
                self._row(conn, parent_id)
            cursor = conn.execute(
                "INSERT INTO dossiers (procedure, status, current_step, applicant_name, "
                "search_key, created_at, updated_at, parent_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                "RETURNING id",
                (
                    procedure,
                    DossierStatus.BROUILLON.value,
                    current_step,
                    applicant_name,
                    key,
                    now,
                    now,
                    parent_id,
                ),
            )
            dossier_id = inserted_id(cursor)
            index_search_key(conn, dossier_id, key)
            self._write_answers(conn, dossier_id, data, dict(drafts or {}))
            detail = procedure if parent_id is None else f"{procedure} (depuis n° {parent_id})"
            self._log(conn, dossier_id, "created", detail, now,
                      details={"procedure": procedure, "parent": parent_id})
            terms = consent if consent is not None else self.database.default_consent
            if terms is not None:
                record_consent_given(conn, dossier_id, procedure, terms,
                                     datetime.fromisoformat(now), self.database)
        return dossier_id

    def save_step(
        self,
        dossier_id: int,
        step_id: str,
        values: dict,
        *,
        next_step: str | None,
        applicant_name: str | None = None,
        expected_version: int | None = None,
    ) -> int:
        """Validate a step: its values replace the step's answers and its draft is dropped.

        With `expected_version` (the version the screen read), ConflictError if the dossier
        changed since (another window): nothing is written. Without it, the values are
        written whatever happened meanwhile (« Garder ma saisie »). DossierGone if the
        dossier no longer exists, NotEditable if it is filed. Return the new version.
        """
        return self._save_answers(
            dossier_id, step_id, values, next_step, applicant_name, "step_saved",
            expected_version,
        )

    def _save_answers(
        self,
        dossier_id: int,
        key: str,
        values: dict,
        next_step: str | None,
        applicant_name: str | None,
        event: str,
        expected_version: int | None = None,
    ) -> int:
        """One transaction: answers[key] = values, its draft dropped, summary columns
        (position, name, search key, updated_at) refreshed, `event` logged."""
        now = self._now()
        with self.transaction() as db:
            conn = db.conn
            row = self._row(conn, dossier_id)
            self._require_editable(conn, dossier_id)
            self._require_consent(conn, dossier_id, now)
            self._check_version(row, expected_version)
            data, drafts = self._answers(conn, dossier_id)
            data[key] = values
            drafts.pop(key, None)
            self._write_answers(conn, dossier_id, data, drafts)
            name = row[4] if applicant_name is None else stored_name(applicant_name)
            search_key = search_key_for(name, row[1], row[8], n_etranger_of(data, row[1]))
            conn.execute(
                "UPDATE dossiers SET current_step = coalesce(?, current_step), "
                "applicant_name = ?, search_key = ?, updated_at = ? WHERE id = ?",
                (next_step, name, search_key, now, dossier_id),
            )
            index_search_key(conn, dossier_id, search_key)
            self._log(conn, dossier_id, event, key, now)
            return self._version_now(conn, dossier_id)

    def save_draft(
        self, dossier_id: int, step_id: str, values: dict, *, expected_version: int | None = None
    ) -> int:
        """Keep unsaved typing of a step, apart from its validated answers (no event).

        `expected_version` as for `save_step`: a stale one raises ConflictError and nothing
        is written (the screen keeps the typed values and offers the choice). Return the
        new version."""
        now = self._now()
        with self.transaction() as db:
            conn = db.conn
            row = self._row(conn, dossier_id)
            self._require_editable(conn, dossier_id)
            self._require_consent(conn, dossier_id, now)
            self._check_version(row, expected_version)
            data, drafts = self._answers(conn, dossier_id)
            if _unchanged(clean_data(values), drafts.get(step_id), data.get(step_id)):
                # Nothing typed: no write, so opening a dossier and leaving it (F9) does not
                # move it to the top of « Mes dossiers » nor raise its version.
                return int(row[10] or 0)
            drafts[step_id] = values
            self._write_answers(conn, dossier_id, data, drafts)
            conn.execute("UPDATE dossiers SET updated_at = ? WHERE id = ?", (now, dossier_id))
            return self._version_now(conn, dossier_id)

    def set_status(self, dossier_id: int, new: DossierStatus, *, detail: str = "") -> None:
        """Move a dossier to `new` (TransitionError if the procedure forbids it): what is
        recorded by hand (domain/status.py `TRANSITIONS`: a closure); the states the
        notifications give are derived (store/followup.py). `new` becomes its only state.

        `detail` must not hold personal data. Becoming « abandonnée » deletes the dossier
        (see `abandon`).
        """
        new = DossierStatus(new)
        if new is DossierStatus.ABANDONNEE:
            self.abandon(dossier_id)
            return
        now = self._now()
        with self.transaction() as db:
            conn = db.conn
            current = self._status(conn, dossier_id)
            self._require_consent(conn, dossier_id, now)
            check_transition(current, new)
            write_states(conn, dossier_id, [new])
            conn.execute("UPDATE dossiers SET updated_at = ? WHERE id = ?", (now, dossier_id))
            text = f"{current.value} -> {new.value}" + (f" : {detail}" if detail else "")
            self._log(conn, dossier_id, "status_changed", text, now)

    def save_profile(
        self,
        dossier_id: int,
        profile_id: str,
        values: dict,
        *,
        applicant_name: str | None,
        next_step: str | None = None,
        expected_version: int | None = None,
    ) -> int:
        """Validate the applicant profile (« Mon titre actuel », « Mon compte »): `values`
        replace answers[profile_id] and its draft is dropped. Drafts only (NotEditable).
        `applicant_name` None keeps the current name; `next_step` None keeps the current
        step. The steps' copies of profile values (`catalogue.prefill`) are the caller's
        business. `expected_version` and the result as for `save_step`."""
        return self._save_answers(
            dossier_id, profile_id, values, next_step, applicant_name, "profile_saved",
            expected_version,
        )

    def set_deadline(self, dossier_id: int, date_iso: str | None, label: str | None) -> None:
        """Set (or clear, with None) the next deadline shown in the list, filed or not."""
        if date_iso is not None:
            try:
                date.fromisoformat(date_iso)
            except (TypeError, ValueError) as exc:
                raise ValueError(f"Date d'échéance invalide : « {date_iso} ».") from exc
        now = self._now()
        with self.transaction() as db:
            write_deadline(db.conn, dossier_id, date_iso,
                           label if date_iso is not None else None, now)

    def abandon(self, dossier_id: int) -> None:
        """Delete a draft, its answers, its attached files and the PDFs made for it
        (`dossier_documents`); the audit trail keeps an 'abandoned' event. A filed dossier
        cannot be abandoned (NotEditable); one already gone raises DossierGone.

        The attachment rows go with the dossier row (ON DELETE CASCADE); after the commit,
        the stored files no other dossier refers to are deleted.
        """
        now = self._now()
        with self.transaction() as db:
            conn = db.conn
            current = self._status(conn, dossier_id)
            if not current.editable:
                raise NotEditable("Ce dossier est déposé : il ne peut pas être abandonné.")
            check_transition(current, DossierStatus.ABANDONNEE)
            notification_ids = [
                int(row[0])
                for row in conn.execute(
                    "SELECT id FROM notifications WHERE dossier_id = ?", (dossier_id,)
                )
            ]
            conn.execute("DELETE FROM dossiers WHERE id = ?", (dossier_id,))
            self._log(
                conn,
                dossier_id,
                "abandoned",
                f"{current.value} -> {DossierStatus.ABANDONNEE.value}",
                now,
            )
        # Imported here: keeps the attachment code off the store's start-up path.
        from anef_tui.store.attachment_cleanup import cleanup_quietly

        cleanup_quietly(self)
        self._delete_documents(dossier_id, notification_ids)

    def _delete_documents(self, dossier_id: int, notification_ids: Iterable[int]) -> None:
        """Delete the PDFs made for an abandoned dossier (its name, e-mail, numbers)."""
        for path in dossier_documents(self.data_dir, dossier_id, notification_ids):
            try:
                os.unlink(path)
            except FileNotFoundError:
                continue
            except OSError as exc:
                raise StoreError(
                    f"Le dossier est abandonné, mais le document « {display_path(path)} » n'a "
                    f"pas pu être supprimé ({reason(exc)}) : supprimez-le vous-même."
                ) from exc


def _blank(value: object) -> bool:
    """Nothing typed: empty texts, empty lists, unticked boxes, at any depth."""
    if isinstance(value, dict):
        return all(_blank(v) for v in value.values())
    if isinstance(value, list | tuple):
        return all(_blank(v) for v in value)
    return value is None or value is False or value == ""


def _unchanged(values: dict, draft: object, saved: object) -> bool:
    """Whether keeping `values` as a draft would change nothing: the same draft is there,
    or there is none and they are the saved answers, or nothing was ever typed."""
    if draft is not None:
        return values == draft
    if saved is not None:
        return values == saved
    return _blank(values)
