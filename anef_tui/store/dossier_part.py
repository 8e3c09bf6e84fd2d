"""What every part of DossierStore shares: the open database, the clock, one dossier's row,
its answers and drafts (JSON), its version, and the audit trail.

DossierStore (store/dossiers.py) is made of parts, each a mixin on this base: reading and
searching (store/dossier_reads.py), writing answers and drafts (store/dossier_writes.py),
filing, numbering and renewing (store/dossier_filing.py).
"""

from __future__ import annotations

import contextlib
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from anef_tui.controls import clean_data
from anef_tui.domain.status import DossierStatus
from anef_tui.store import driver
from anef_tui.store.connection import Db
from anef_tui.store.database import Database
from anef_tui.store.errors import ConflictError, StoreError
from anef_tui.store.journal.chain import Detail
from anef_tui.store.journal.events import append_event
from anef_tui.store.records import read_row, read_status, require_editable, summary_from_row

if TYPE_CHECKING:
    from anef_tui.domain.consent import ConsentTerms

EVENT_KINDS: frozenset[str] = frozenset(
    {
        "created",
        "step_saved",
        "profile_saved",
        "status_changed",
        "filed",
        "numero_officiel",
        "abandoned",
        # Written by store/followup.py:
        "notification",
        "notification_read",
        "complement_sent",
        "certificate_checklist",
    }
)


# json is imported where answers are read or written: listing dossiers (the first screen)
# does neither, and start-up is measured (bench/startup.py).


def _dumps(value: Any) -> str:
    """Answers and drafts as stored: no control character in any string (issue 20), from
    whichever front end they came."""
    import json

    return json.dumps(clean_data(value), ensure_ascii=False, sort_keys=True)


class DossierPart:
    """Base of the parts of DossierStore (a mixin): the helpers they all use."""

    database: Database
    data_dir: Path
    path: Path
    db: Db

    if TYPE_CHECKING:  # provided by a part the others call (store/dossier_writes.py)

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
        ) -> int: ...

    # ---------------------------------------------------------------- the database

    def transaction(self) -> contextlib.AbstractContextManager[Db]:
        """One write transaction; nested calls (and the store's own writes) join it as a
        savepoint. SQLite errors become StoreError."""
        return self.database.transaction()

    def _reading(self) -> contextlib.AbstractContextManager[driver.Connection]:
        return self.database.reading()

    def now(self) -> datetime:
        """The store's clock (injected; frozen in tests)."""
        return self.database.now()

    def _now(self) -> str:
        return self.database.now_iso()

    # ---------------------------------------------------------------- one dossier

    _summary = staticmethod(summary_from_row)

    def _load_json(self, text: str | None, dossier_id: int) -> dict:
        if not text:
            return {}
        import json

        try:
            value = json.loads(text)
        except ValueError as exc:
            raise StoreError(
                f"Les réponses du dossier n° {dossier_id} sont illisibles dans « {self.path} » : "
                "restaurez une sauvegarde."
            ) from exc
        return value if isinstance(value, dict) else {}

    @staticmethod
    def _row(conn: driver.Connection, dossier_id: int) -> tuple:
        return read_row(conn, dossier_id)

    @staticmethod
    def _status(conn: driver.Connection, dossier_id: int) -> DossierStatus:
        return read_status(conn, dossier_id)

    @staticmethod
    def _require_editable(conn: driver.Connection, dossier_id: int) -> None:
        require_editable(conn, dossier_id)

    def _require_consent(
        self, conn: driver.Connection, dossier_id: int, now: str | None = None
    ) -> None:
        """ConsentRequired (French) unless the dossier's consent allows writing at `now`
        (the write's own time, as stored; the clock's when None)."""
        from anef_tui.store.consents import require_consent

        moment = datetime.fromisoformat(now) if now else self.database.local_now()
        require_consent(conn, dossier_id, moment)

    @staticmethod
    def _check_version(row: tuple, expected_version: int | None) -> None:
        """ConflictError if the dossier (its `_row`) is no longer at `expected_version`."""
        if expected_version is None:
            return
        current = int(row[10] or 0)
        if current != expected_version:
            raise ConflictError(current_version=current)

    @staticmethod
    def _version_now(conn: driver.Connection, dossier_id: int) -> int:
        row = conn.execute("SELECT version FROM dossiers WHERE id = ?", (dossier_id,)).fetchone()
        return int(row[0] or 0) if row else 0

    def _log(
        self, conn: driver.Connection, dossier_id: int, kind: str, detail: str, at: str,
        *, details: dict[str, Detail] | None = None,
    ) -> None:
        """The audit event and its journal entry (issue 24), in the caller's transaction;
        `details` (codes only) replace the ones read from `detail`."""
        assert kind in EVENT_KINDS, kind
        conn.execute(
            "INSERT INTO events (dossier_id, at, kind, detail) VALUES (?, ?, ?, ?)",
            (dossier_id, at, kind, detail),
        )
        append_event(conn, self.database, kind, detail, dossier_id, details, at=at)

    def _answers(self, conn: driver.Connection, dossier_id: int) -> tuple[dict, dict]:
        row = conn.execute(
            "SELECT data, drafts FROM answers WHERE dossier_id = ?", (dossier_id,)
        ).fetchone()
        if row is None:
            return {}, {}
        return self._load_json(row[0], dossier_id), self._load_json(row[1], dossier_id)

    def _write_answers(
        self, conn: driver.Connection, dossier_id: int, data: dict, drafts: dict
    ) -> None:
        conn.execute(
            "INSERT INTO answers (dossier_id, data, drafts) VALUES (?, ?, ?) "
            "ON CONFLICT(dossier_id) DO UPDATE SET data = excluded.data, drafts = excluded.drafts",
            (dossier_id, _dumps(data), _dumps(drafts)),
        )
