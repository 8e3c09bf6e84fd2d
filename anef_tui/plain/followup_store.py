"""The one door of the plain mode to the follow-up store (`anef_tui.store.followup`).

Its public methods only, named here once: when that module is restructured, only this file
changes.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from anef_tui.files.memory import MemoryFile
from anef_tui.store import followup as _f
from anef_tui.store.attachments import Attachment
from anef_tui.store.dossiers import DossierStore

COMPLEMENT = _f.COMPLEMENT
PROLONGATION = _f.PROLONGATION
DECISION = _f.DECISION
CERTIFICAT_MEDICAL = _f.CERTIFICAT_MEDICAL
MAINTENIR = _f.MAINTENIR
METTRE_A_JOUR = _f.METTRE_A_JOUR
CHOICES: dict[str, str] = dict(_f.COMPLEMENT_CHOICES)


class FollowUp:
    def __init__(self, store: DossierStore) -> None:
        self._store = _f.FollowUpStore(store)

    def notifications(self, dossier_id: int, *, only_unread: bool = False):
        return self._store.list_notifications(dossier_id, only_unread=only_unread)

    def get(self, notification_id: int):
        return self._store.get(notification_id)

    def add(self, dossier_id: int, kind: str, received_on: date, data: dict,
            read_on: date | None = None) -> int:
        return self._store.add_notification(dossier_id, kind, received_on=received_on,
                                            data=data, read_on=read_on)

    def mark_read(self, notification_id: int, read_on: date) -> date:
        return self._store.mark_read(notification_id, read_on)

    def answer(self, notification_id: int) -> dict | None:
        return self._store.get_complement_answer(notification_id)

    def save_answer(self, notification_id: int, answers: dict) -> None:
        self._store.save_complement_answer(notification_id, answers)

    def problems(self, notification_id: int, answers: dict) -> list[str]:
        return [p.message for p in self._store.complement_problem_list(notification_id,
                                                                        answers)]

    def send(self, notification_id: int, answers: dict, sent_on: date) -> None:
        self._store.send_complement_answer(notification_id, answers, sent_on)

    def attach(self, notification_id: int, slot_id: str, path: Path | MemoryFile) -> Attachment:
        return self._store.attach_complement_file(notification_id, slot_id, path)

    def files(self, notification_id: int, slot_id: str | None = None):
        return self._store.complement_files(notification_id, slot_id)

    def remove_file(self, notification_id: int, attachment_id: int) -> None:
        self._store.remove_complement_file(notification_id, attachment_id)

    def record_closure(self, dossier_id: int) -> None:
        self._store.record_closure(dossier_id)

    def update_checklist(self, notification_id: int, checklist: dict[str, str | None]) -> dict:
        return self._store.update_certificate_checklist(notification_id, checklist)

    def attach_official(self, notification_id: int, path: Path) -> Attachment:
        return self._store.attach_official_file(notification_id, path)

    def official_files(self, notification_id: int) -> list[Attachment]:
        return self._store.official_files(notification_id)

    def remove_official(self, notification_id: int, attachment_id: int) -> None:
        self._store.remove_official_file(notification_id, attachment_id)

    def next_deadline(self, dossier_id: int, today: date):
        return self._store.next_deadline(dossier_id, today)

    def attach_filing(self, dossier_id: int, path: Path) -> Attachment:
        return self._store.attach_filing_document(dossier_id, path)

    def filing_files(self, dossier_id: int) -> list[Attachment]:
        return self._store.filing_document_files(dossier_id)

    def remove_filing(self, dossier_id: int, attachment_id: int) -> None:
        self._store.remove_filing_document(dossier_id, attachment_id)
