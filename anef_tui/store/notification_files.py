"""The files kept with a notification: a complément's answer, an official document.

AttachmentStore refuses any file on a filed dossier; `_NotificationWindow` (the check it is
given as `editable`) opens it for the
slots of one notification only: `complement:<notification_id>:<slot_id>` while a complément is
unanswered, `officiel:<notification_id>` (the PDF the ANEF issues with a prolongation or a
decision) at any time. A mixin of FollowUpStore (store/followup.py).
"""

from __future__ import annotations

import builtins
import os
from typing import TYPE_CHECKING

from anef_tui.domain.complement_answers import complement_documents
from anef_tui.domain.notification_kinds import filing_document_title
from anef_tui.domain.notifications import (
    COMPLEMENT,
    DEFAULT_MAX_FILES,
    FILING_SLOT_ID,
    OFFICIAL_MAX_FILES,
    complement_slot_id,
    has_official_document,
    official_document_title,
    official_slot_id,
)
from anef_tui.store import driver
from anef_tui.store.followup_part import FollowUpPart, complement_open
from anef_tui.store.records import NotEditable, read_row, summary_from_row

if TYPE_CHECKING:
    from anef_tui.domain.notifications import Notification
    from anef_tui.files.memory import MemoryFile
    from anef_tui.store.attachments import Attachment, AttachmentStore


class _NotificationWindow:
    """AttachmentStore's `editable` check while files are added to a notification.

    A filed dossier is read-only. This view opens it for the files of one notification only:

    * a complément (`kind` COMPLEMENT): while the dossier is « Complément demandé » and that
      complément is unanswered;
    * a prolongation or a decision (`kind` OFFICIAL): the official PDF the administration
      issued, kept with the notification, at any time.

    The caller makes sure only that notification's slots are touched.
    """

    OFFICIAL = "official"

    def __init__(self, notification_id: int, kind: str) -> None:
        self._notification_id = notification_id
        self._kind = kind

    def __call__(self, conn: driver.Connection, dossier_id: int) -> None:
        row = conn.execute(
            "SELECT n.dossier_id, n.kind, a.sent_on FROM notifications n "
            "LEFT JOIN complement_answers a ON a.notification_id = n.id WHERE n.id = ?",
            (self._notification_id,),
        ).fetchone()
        if row is None or row[0] != dossier_id:
            raise NotEditable("Cette notification ne concerne pas ce dossier.")
        if self._kind == self.OFFICIAL:
            if not has_official_document(row[1]):
                raise NotEditable(
                    "Seules une prolongation et une décision ont un document officiel à joindre."
                )
            return
        if row[1] != COMPLEMENT or row[2] is not None or not complement_open(
            conn, dossier_id, self._notification_id
        ):
            raise NotEditable(
                "Cette demande de complément n'attend plus de réponse : ses documents ne "
                "peuvent plus être modifiés."
            )


class _FilingWindow:
    """AttachmentStore's `editable` check for the official PDF of the filing: a filed
    dossier only (a draft has no confirmation yet); the caller touches that slot only."""

    def __call__(self, conn: driver.Connection, dossier_id: int) -> None:
        if summary_from_row(read_row(conn, dossier_id)).status.editable:
            raise NotEditable(
                "La confirmation de dépôt se joint une fois la demande déposée."
            )


class NotificationFiles(FollowUpPart):
    """FollowUpStore's files: complément answers and official documents."""

    if TYPE_CHECKING:  # provided by ComplementAnswers, the other part of FollowUpStore
        def _complement(self, conn: driver.Connection, notification_id: int) -> Notification: ...

    def _max_files(self, procedure_id: str, slot_id: str) -> int:
        from anef_tui.domain.catalogue import load_procedure

        try:
            return load_procedure(procedure_id).slot(slot_id.lower()).max_files
        except KeyError:
            return DEFAULT_MAX_FILES

    def attach_complement_file(
        self, notification_id: int, slot_id: str, source: str | os.PathLike | MemoryFile
    ) -> Attachment:
        """Attach a file answering document `slot_id` (invalid, « Mettre à jour », or
        missing) of an unanswered complément, under `complement_slot_id(...)` (`slot_id` may
        be that complement slot id already).

        NotEditable once the answer is sent or the dossier is no longer « Complément
        demandé »; ValueError for a document the complément does not ask for.

        The file is checked like any attachment (AttachmentError, French); the slot takes as
        many files as the procedure's slot of that id (3 otherwise).
        """

        with self._reading() as conn:
            notification = self._complement(conn, notification_id)
            procedure_id = summary_from_row(read_row(conn, notification.dossier_id)).procedure
        # The full complement slot id is accepted too.
        slot_id = slot_id.removeprefix(complement_slot_id(notification_id, ""))
        invalid_docs, missing_docs = complement_documents(notification)
        doc = invalid_docs.get(slot_id) or missing_docs.get(slot_id)
        if doc is None:
            raise ValueError(
                f"« {slot_id} » n'est pas un document demandé par cette demande de complément."
            )
        return self._opened(notification_id, COMPLEMENT).attach(
            notification.dossier_id,
            complement_slot_id(notification_id, slot_id),
            source,
            max_files=self._max_files(procedure_id, slot_id),
            slot_title=doc["title"],
        )

    def complement_files(
        self, notification_id: int, slot_id: str | None = None
    ) -> builtins.list[Attachment]:
        """The files of a complément's answer (of one document if given)."""
        from anef_tui.store.attachments import AttachmentStore

        notification = self.get(notification_id)
        prefix = complement_slot_id(notification_id, "")
        files = AttachmentStore(self.store).list(notification.dossier_id)
        return [
            f
            for f in files
            if f.slot_id.startswith(prefix)
            and (slot_id is None or f.slot_id == complement_slot_id(notification_id, slot_id))
        ]

    def _opened(self, notification_id: int, kind: str) -> AttachmentStore:
        """An AttachmentStore that may write the files of this notification only (see
        _NotificationWindow)."""
        from anef_tui.store.attachments import AttachmentStore

        return AttachmentStore(self.store, editable=_NotificationWindow(notification_id, kind))

    def _slot_of(self, attachment_id: int) -> str | None:
        with self._reading() as conn:
            row = conn.execute(
                "SELECT slot_id FROM attachments WHERE id = ?", (attachment_id,)
            ).fetchone()
        return row[0] if row else None

    def remove_complement_file(self, notification_id: int, attachment_id: int) -> None:
        """« SUPPRIMER » one file of an unanswered complément's answer."""
        from anef_tui.store.attachments import AttachmentError

        slot = self._slot_of(attachment_id)
        if slot is None or not slot.startswith(complement_slot_id(notification_id, "")):
            raise AttachmentError(
                f"La pièce jointe n° {attachment_id} ne fait pas partie de cette réponse."
            )
        self._opened(notification_id, COMPLEMENT).remove(attachment_id)

    # ---------------------------------------------------------------- official documents

    def attach_official_file(
        self, notification_id: int, source: str | os.PathLike | MemoryFile
    ) -> Attachment:
        """Keep the official document of a prolongation or a decision (« Attestation de
        prolongation d'instruction », attestation de décision…) with its notification.

        The file goes through the same checks as any attachment (AttachmentError, French),
        at most OFFICIAL_MAX_FILES files; ValueError for another kind of notification.
        """
        notification = self.get(notification_id)
        if not has_official_document(notification.kind):
            raise ValueError(
                "Seules une prolongation et une décision ont un document officiel à joindre."
            )
        return self._opened(notification_id, _NotificationWindow.OFFICIAL).attach(
            notification.dossier_id,
            official_slot_id(notification_id),
            source,
            max_files=OFFICIAL_MAX_FILES,
            slot_title=official_document_title(notification.kind, notification.data),
        )

    def official_files(self, notification_id: int) -> builtins.list[Attachment]:
        """The official document(s) kept with a prolongation or a decision."""
        from anef_tui.store.attachments import AttachmentStore

        notification = self.get(notification_id)
        return AttachmentStore(self.store).list(
            notification.dossier_id, official_slot_id(notification_id)
        )

    def remove_official_file(self, notification_id: int, attachment_id: int) -> None:
        """« SUPPRIMER » one file of a notification's official document."""
        from anef_tui.store.attachments import AttachmentError

        if self._slot_of(attachment_id) != official_slot_id(notification_id):
            raise AttachmentError(
                f"La pièce jointe n° {attachment_id} n'est pas un document officiel de cette "
                "notification."
            )
        self._opened(notification_id, _NotificationWindow.OFFICIAL).remove(attachment_id)

    # ---------------------------------------------------------------- the filing's PDF

    def _filed(self) -> AttachmentStore:
        """An AttachmentStore that may write the filing confirmation's slot of a filed
        dossier only (see _FilingWindow)."""
        from anef_tui.store.attachments import AttachmentStore

        return AttachmentStore(self.store, editable=_FilingWindow())

    def attach_filing_document(
        self, dossier_id: int, source: str | os.PathLike | MemoryFile
    ) -> Attachment:
        """Keep the official PDF of the filing (« Confirmation de dépôt », downloaded from
        the ANEF) with a filed dossier, at any time, as a prolongation's or a decision's:
        the same checks as any attachment (AttachmentError, French), at most
        OFFICIAL_MAX_FILES files; NotEditable on a dossier not yet filed."""
        return self._filed().attach(dossier_id, FILING_SLOT_ID, source,
                                    max_files=OFFICIAL_MAX_FILES,
                                    slot_title=filing_document_title())

    def filing_document_files(self, dossier_id: int) -> builtins.list[Attachment]:
        """The official PDF(s) of the filing kept with the dossier."""
        from anef_tui.store.attachments import AttachmentStore

        return AttachmentStore(self.store).list(dossier_id, FILING_SLOT_ID)

    def remove_filing_document(self, dossier_id: int, attachment_id: int) -> None:
        """« SUPPRIMER » one file of the filing's official PDF."""
        from anef_tui.store.attachments import AttachmentError

        if self._slot_of(attachment_id) != FILING_SLOT_ID:
            raise AttachmentError(
                f"La pièce jointe n° {attachment_id} n'est pas la confirmation de dépôt de ce "
                "dossier."
            )
        self._filed().remove(attachment_id)

    # ---------------------------------------------------------------- certificate
