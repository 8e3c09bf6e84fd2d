"""What every part of the plain mode shares: lines in and out, the stores, the clock."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from anef_tui.plain.io import PlainIO
from anef_tui.plain.preseed import AnswersFile
from anef_tui.store.dossiers import DossierStore

if TYPE_CHECKING:
    from anef_tui.accounts.session import Session


class QuitDossier(Exception):
    """« :quitter » inside a dossier: everything is saved, back to « Mes dossiers »."""


@dataclass
class Context:
    io: PlainIO
    store: DossierStore
    clock: Callable[[], datetime] = datetime.now
    answers: AnswersFile | None = None  # `--reponses FICHIER`: answers named by their ids
    choices_said: bool = False  # how choices are answered was said once this session
    # The dossier a filed dossier's screens are about (« :liste » there), None elsewhere.
    current_dossier: int | None = None
    # The worker logged in, when the base has accounts (issue 25); None otherwise.
    session: Session | None = None
    _attachments: object | None = field(default=None, repr=False)

    @property
    def data_dir(self) -> Path:
        return self.store.data_dir

    def today(self) -> date:
        moment = self.clock()
        if moment.tzinfo is not None:
            moment = moment.astimezone().replace(tzinfo=None)
        return moment.date()

    @property
    def attachments(self):
        if self._attachments is None:
            from anef_tui.store.attachments import AttachmentStore

            self._attachments = AttachmentStore(self.store)
        return self._attachments

    def write_pdf(self, kind: str, dossier_id: int) -> Path:
        """Make the PDF `kind` into `<data dir>/documents/` (owner-only); return the path
        to open (in an encrypted folder, its plain export in `<data dir>/exports/`).
        ValueError / StoreError / OSError carry French messages for the caller to say."""
        from anef_tui.documents import default_filename, make_pdf
        from anef_tui.domain.catalogue import load_procedure
        from anef_tui.store.exports import keep_document

        record = self.store.get(dossier_id)
        procedure = load_procedure(record.summary.procedure)
        data = make_pdf(
            kind, procedure, record, self.attachments.list(dossier_id), today=self.today()
        )
        from anef_tui.store.journal.documents import record_pdf

        database = self.store.database
        path = keep_document(self.data_dir, default_filename(kind, record), data, database.key,
                             database)
        record_pdf(database, dossier_id, kind, data, exported=database.key is not None)
        return path
