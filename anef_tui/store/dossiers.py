"""The dossier repository: drafts, validated answers, status changes and the audit trail.

Every write is exactly one SQLite transaction. Listing reads only the summary columns of
`dossiers`; the answers JSON is loaded by `get` alone.

`DossierStore` is one object made of parts, each in its own module: what they share
(store/dossier_part.py), reading and searching (store/dossier_reads.py), writing answers,
drafts, status and the abandon (store/dossier_writes.py), filing, numbering and renewing
(store/dossier_filing.py); the PDFs made for a dossier are found by store/dossier_pdfs.py.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from anef_tui.store.connection import Db
from anef_tui.store.database import CHOSEN, Chosen, Database
from anef_tui.store.dossier_filing import _MAX_SEQUENCE_SQL, DossierFiling  # noqa: F401
from anef_tui.store.dossier_part import EVENT_KINDS  # noqa: F401 - re-exported
from anef_tui.store.dossier_pdfs import DOCUMENTS_DIR, dossier_documents  # noqa: F401
from anef_tui.store.dossier_reads import COUNT_CAP, DossierReads  # noqa: F401
from anef_tui.store.dossier_writes import DossierWrites
from anef_tui.store.errors import DossierGone, StoreError
from anef_tui.store.records import (  # noqa: F401 - re-exported
    FILED_MESSAGE,
    N_SUMMARY,
    SUMMARY_COLUMNS,
    DossierRecord,
    DossierSummary,
    NotEditable,
    read_row,
    read_status,
    require_editable,
    summary_from_row,
    write_deadline,
)

if TYPE_CHECKING:
    from anef_tui.vault.keys import VaultKey

#: No dossier with that id (abandoned, perhaps in another window): the same class.
NotFound = DossierGone


class DossierStore(DossierReads, DossierWrites, DossierFiling):
    """All reads and writes of dossiers, over one SQLite connection.

    Thread-safe (one lock around the connection). JSON values given to `create`,
    `save_step` and `save_draft` must be JSON-serialisable (e.g. `model_dump(mode="json")`).
    """

    def __init__(
        self,
        data_dir: Path,
        *,
        clock: Callable[[], datetime] = datetime.now,
        key: VaultKey | None = None,
        base: str | None | Chosen = CHOSEN,
    ):
        #: The open data directory (connection, lock, clock, transactions), shared with the
        #: attachment, follow-up and deadline stores. `key`: the unlocked vault of an
        #: encrypted folder (issue 23), None for a plain one.
        #: `base`: a PostgreSQL URL (issue 25), the structure's base on a server; None:
        #: the base in the data folder (SQLite); by default, what the command line chose
        #: (`store/base_choice.py`).
        self.database = Database(data_dir, clock=clock, key=key, base=base)
        self.data_dir = self.database.data_dir
        self.path = self.database.path
        self.db: Db = self.database.db
        self._lock = self.database.lock
        self._finish_erasures()

    def _finish_erasures(self) -> None:
        """An erasure cut short (a crash: issue 24) is finished at the next open: its rows
        are gone already; its files, backups and free pages follow. A base whose integrity
        check runs later (a large one) waits for the next erasure or open. A failure is
        tried again next time."""
        database = self.database
        if not database.known_sound:
            return
        try:
            with database.reading() as conn:
                if "erasures_pending" not in self.database.db.engine.table_names(
                        conn) or conn.execute(
                        "SELECT 1 FROM erasures_pending LIMIT 1").fetchone() is None:
                    return
            from anef_tui.store.erasure import finish_pending

            finish_pending(database)
        except (StoreError, OSError) as exc:
            import logging

            logging.getLogger("anef_tui.store.erasure").warning(
                "erasure not finished: %s", exc)

    @property
    def backup_warning(self) -> str | None:
        """Why today's automatic backup could not be made (French), or None."""
        return self.database.backup_warning

    # ---------------------------------------------------------------- lifecycle

    def close(self) -> None:
        self.database.close()

    def __enter__(self) -> DossierStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
