"""The dossier repository: drafts, validated answers, status changes and the audit trail.

Every write is exactly one SQLite transaction. Listing reads only the summary columns of
`dossiers`; the answers JSON is loaded by `get` alone.
"""

from __future__ import annotations

import builtins
import contextlib
import os
import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from anef_tui.domain.filing import (
    departement_of,
    normalise_numero_demande,
    numero_demande,
    renewal_profile_from,
)
from anef_tui.domain.procedure_index import procedure_index
from anef_tui.domain.status import DossierStatus, check_transition
from anef_tui.domain.text import fold
from anef_tui.store.connection import Db, inserted_id
from anef_tui.store.database import Database
from anef_tui.store.errors import ConflictError, DossierGone, StoreError
from anef_tui.store.keys import (
    LISTING_ORDER,
    index_search_key,
    n_etranger_of,
    search_key_for,
)
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

# The largest local sequence given at filing, read from the index
# `dossiers_by_local_sequence` (migration 7), not by a scan; an official number that
# replaced a local one does not count.
_MAX_SEQUENCE_SQL = "SELECT max(local_sequence) FROM dossiers"

#: A typed word that begins this many words is searched by walking the list in its order
#: (see `DossierStore._where`).
_DENSE = 3000

#: `count` stops counting the dossiers that match a search past this number.
COUNT_CAP = 1_000


#: No dossier with that id (abandoned, perhaps in another window): the same class.
NotFound = DossierGone

#: Where the app writes the PDFs it makes, in the data directory (see `dossier_documents`).
DOCUMENTS_DIR = "documents"
_DOSSIER_PDF = re.compile(r"^(?:confirmation|liste|recapitulatif)-(\d+)(?:-.*)?\.(?:pdf|tmp)$")
_COMPLEMENT_PDF = re.compile(r"^complement-(\d+)(?:-.*)?\.(?:pdf|tmp)$")


def dossier_documents(
    data_dir: Path, dossier_id: int, notification_ids: Iterable[int] = ()
) -> builtins.list[Path]:
    """The PDFs the app wrote for a dossier in `<data_dir>/documents/`: « confirmation-0001-
    NOM.pdf », « liste-0001.pdf », « recapitulatif-0001-NOM.pdf » (the dossier's id) and
    « complement-0007-NOM.pdf » (the id of one of its notifications), with their
    interrupted « .tmp » copies."""
    notifications = set(notification_ids)
    try:
        entries = builtins.list(os.scandir(Path(data_dir) / DOCUMENTS_DIR))
    except OSError:
        return []
    found = []
    for entry in entries:
        match = _DOSSIER_PDF.match(entry.name)
        if match and int(match[1]) == dossier_id:
            found.append(Path(entry.path))
            continue
        match = _COMPLEMENT_PDF.match(entry.name)
        if match and int(match[1]) in notifications:
            found.append(Path(entry.path))
    return sorted(found)


# json is imported where answers are read or written: listing dossiers (the first screen)
# does neither, and start-up is measured (bench/startup.py).


def _dumps(value: Any) -> str:
    import json

    return json.dumps(value, ensure_ascii=False, sort_keys=True)


class DossierStore:
    """All reads and writes of dossiers, over one SQLite connection.

    Thread-safe (one lock around the connection). JSON values given to `create`,
    `save_step` and `save_draft` must be JSON-serialisable (e.g. `model_dump(mode="json")`).
    """

    def __init__(self, data_dir: Path, *, clock: Callable[[], datetime] = datetime.now):
        #: The open data directory (connection, lock, clock, transactions), shared with the
        #: attachment, follow-up and deadline stores.
        self.database = Database(data_dir, clock=clock)
        self.data_dir = self.database.data_dir
        self.path = self.database.path
        self.db: Db = self.database.db
        self._lock = self.database.lock

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

    def transaction(self) -> contextlib.AbstractContextManager[Db]:
        """One write transaction; nested calls (and the store's own writes) join it as a
        savepoint. sqlite3 errors become StoreError."""
        return self.database.transaction()

    def _reading(self) -> contextlib.AbstractContextManager[sqlite3.Connection]:
        return self.database.reading()

    def now(self) -> datetime:
        """The store's clock (injected; frozen in tests)."""
        return self.database.now()

    def _now(self) -> str:
        return self.database.now_iso()

    # ---------------------------------------------------------------- helpers

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
    def _row(conn: sqlite3.Connection, dossier_id: int) -> tuple:
        return read_row(conn, dossier_id)

    @staticmethod
    def _status(conn: sqlite3.Connection, dossier_id: int) -> DossierStatus:
        return read_status(conn, dossier_id)

    @staticmethod
    def _require_editable(conn: sqlite3.Connection, dossier_id: int) -> None:
        require_editable(conn, dossier_id)

    @staticmethod
    def _check_version(row: tuple, expected_version: int | None) -> None:
        """ConflictError if the dossier (its `_row`) is no longer at `expected_version`."""
        if expected_version is None:
            return
        current = int(row[10] or 0)
        if current != expected_version:
            raise ConflictError(current_version=current)

    @staticmethod
    def _version_now(conn: sqlite3.Connection, dossier_id: int) -> int:
        row = conn.execute("SELECT version FROM dossiers WHERE id = ?", (dossier_id,)).fetchone()
        return int(row[0] or 0) if row else 0

    def _log(
        self, conn: sqlite3.Connection, dossier_id: int, kind: str, detail: str, at: str
    ) -> None:
        assert kind in EVENT_KINDS, kind
        conn.execute(
            "INSERT INTO events (dossier_id, at, kind, detail) VALUES (?, ?, ?, ?)",
            (dossier_id, at, kind, detail),
        )

    def _answers(self, conn: sqlite3.Connection, dossier_id: int) -> tuple[dict, dict]:
        row = conn.execute(
            "SELECT data, drafts FROM answers WHERE dossier_id = ?", (dossier_id,)
        ).fetchone()
        if row is None:
            return {}, {}
        return self._load_json(row[0], dossier_id), self._load_json(row[1], dossier_id)

    def _write_answers(
        self, conn: sqlite3.Connection, dossier_id: int, data: dict, drafts: dict
    ) -> None:
        conn.execute(
            "INSERT INTO answers (dossier_id, data, drafts) VALUES (?, ?, ?) "
            "ON CONFLICT(dossier_id) DO UPDATE SET data = excluded.data, drafts = excluded.drafts",
            (dossier_id, _dumps(data), _dumps(drafts)),
        )

    # ---------------------------------------------------------------- reads

    def get(self, dossier_id: int) -> DossierRecord:
        with self._reading() as conn:
            row = conn.execute(
                f"SELECT {', '.join('d.' + c for c in SUMMARY_COLUMNS.split(', '))}, "
                "d.parent_id, a.data, a.drafts "
                "FROM dossiers d LEFT JOIN answers a ON a.dossier_id = d.id WHERE d.id = ?",
                (dossier_id,),
            ).fetchone()
        if row is None:
            raise DossierGone(dossier_id=dossier_id)
        return DossierRecord(
            summary=self._summary(row[:N_SUMMARY]),
            answers=self._load_json(row[N_SUMMARY + 1], dossier_id),
            drafts=self._load_json(row[N_SUMMARY + 2], dossier_id),
            parent_id=row[N_SUMMARY],
        )

    def version(self, dossier_id: int) -> int:
        """The dossier's current version (DossierGone if it no longer exists): a screen
        refreshes the version it keeps with it after its own writes (e.g. a file attached)."""
        with self._reading() as conn:
            return int(self._row(conn, dossier_id)[10] or 0)

    @staticmethod
    def _where(
        query: str, conn: sqlite3.Connection | None = None
    ) -> tuple[str, builtins.list[str]]:
        """Every folded word of `query` must begin a word of the search key: one indexed
        range of `search_words` per word (« dup » finds « dupont », « 2025 » a number)."""
        words = sorted(set(fold(query).split()), key=len, reverse=True)
        clauses = []
        params: builtins.list[str] = []
        for word in words:
            bounds = [word, word + "\U0010ffff"]
            if conn is not None and conn.execute(
                "SELECT count(*) FROM (SELECT 1 FROM search_words WHERE word >= ? AND word < ? "
                f"LIMIT {_DENSE})", bounds
            ).fetchone()[0] >= _DENSE:
                # « d » matches most dossiers: walk the list in its order and stop at the
                # page's end (or the count's cap) rather than sort every match.
                clauses.append(
                    "EXISTS (SELECT 1 FROM search_words w WHERE w.dossier_id = dossiers.id "
                    "AND w.word >= ? AND w.word < ?)"
                )
            else:
                # Few match: read them from the words' index, then sort them.
                clauses.append(
                    "id IN (SELECT dossier_id FROM search_words WHERE word >= ? AND word < ?)"
                )
            params += bounds
        return " AND ".join(clauses) or "1", params

    def list(
        self, query: str = "", *, limit: int | None = None, offset: int = 0
    ) -> builtins.list[DossierSummary]:
        """Summaries whose search key has, for every folded word of `query`, a word that
        begins with it; soonest deadline first (none last), then most recently updated; at
        most `limit` of them, after the first `offset`. The order is an index
        (`dossiers_listing`): the first page costs the same with 100 or 100,000 dossiers."""
        return builtins.list(self.iter(query, limit=limit, offset=offset))

    def iter(
        self, query: str = "", *, limit: int | None = None, offset: int = 0, batch: int = 500
    ) -> Iterator[DossierSummary]:
        """`list`, read `batch` rows at a time (the lock is not held between batches): a
        caller that writes as it reads (`anef-tui list --json`) never holds them all."""
        with self._reading() as conn:
            where, params = self._where(query, conn)
            sql = f"SELECT {SUMMARY_COLUMNS} FROM dossiers WHERE {where} ORDER BY {LISTING_ORDER}"
            if limit is not None:
                sql += f" LIMIT {int(limit):d}"
            elif offset:
                sql += " LIMIT -1"
            if offset:
                sql += f" OFFSET {int(offset):d}"
            cursor = conn.execute(sql, params)
        while True:
            with self._reading():
                rows = cursor.fetchmany(batch)
            if not rows:
                return
            for row in rows:
                yield self._summary(row)

    def count(self, query: str = "", *, cap: int | None = None) -> int:
        """How many dossiers match `query` (all of them when it is empty); with `cap`, stop
        counting there (a search that matches most of 100,000 dossiers costs no more than
        one that matches `cap`)."""
        with self._reading() as conn:
            where, params = self._where(query, conn)
            sql = f"SELECT 1 FROM dossiers WHERE {where}"
            if cap is not None:
                sql += f" LIMIT {int(cap):d}"
            return int(conn.execute(f"SELECT count(*) FROM ({sql})", params).fetchone()[0])

    def events(self, dossier_id: int) -> builtins.list[dict]:
        """The audit trail of a dossier, oldest first (still there after an abandon)."""
        with self._reading() as conn:
            rows = conn.execute(
                "SELECT id, dossier_id, at, kind, detail FROM events WHERE dossier_id = ? "
                "ORDER BY id",
                (dossier_id,),
            ).fetchall()
        return [
            {"id": r[0], "dossier_id": r[1], "at": r[2], "kind": r[3], "detail": r[4]} for r in rows
        ]

    def next_sequence(self, prefix: str) -> int:
        """1 + the number of dossiers whose N° de la demande starts with `prefix`."""
        with self._reading() as conn:
            (count,) = conn.execute(  # a range of the index dossiers_by_numero
                "SELECT count(*) FROM dossiers WHERE numero_demande >= ? AND numero_demande < ?",
                (prefix, prefix + "\U0010ffff"),
            ).fetchone()
        return int(count) + 1

    # ---------------------------------------------------------------- writes

    def create(
        self,
        procedure: str,
        *,
        applicant_name: str = "",
        answers: dict | None = None,
        current_step: str | None = None,
        parent_id: int | None = None,
    ) -> int:
        """A new draft (« brouillon »); return its id."""
        if procedure not in procedure_index():
            raise ValueError(f"Procédure inconnue : « {procedure} ».")
        data = dict(answers or {})
        now = self._now()
        key = search_key_for(applicant_name, procedure, None, n_etranger_of(data, procedure))
        with self.transaction() as db:
            conn = db.conn
            if parent_id is not None:
                self._row(conn, parent_id)
            cursor = conn.execute(
                "INSERT INTO dossiers (procedure, status, current_step, applicant_name, "
                "search_key, created_at, updated_at, parent_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
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
            self._write_answers(conn, dossier_id, data, {})
            detail = procedure if parent_id is None else f"{procedure} (depuis n° {parent_id})"
            self._log(conn, dossier_id, "created", detail, now)
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
            self._check_version(row, expected_version)
            data, drafts = self._answers(conn, dossier_id)
            data[key] = values
            drafts.pop(key, None)
            self._write_answers(conn, dossier_id, data, drafts)
            name = row[4] if applicant_name is None else applicant_name
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
            self._check_version(row, expected_version)
            data, drafts = self._answers(conn, dossier_id)
            drafts[step_id] = values
            self._write_answers(conn, dossier_id, data, drafts)
            conn.execute("UPDATE dossiers SET updated_at = ? WHERE id = ?", (now, dossier_id))
            return self._version_now(conn, dossier_id)

    def set_status(self, dossier_id: int, new: DossierStatus, *, detail: str = "") -> None:
        """Move a dossier to `new` (TransitionError if the procedure forbids it).

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
            check_transition(current, new)
            conn.execute(
                "UPDATE dossiers SET status = ?, updated_at = ? WHERE id = ?",
                (new.value, now, dossier_id),
            )
            text = f"{current.value} -> {new.value}" + (f" : {detail}" if detail else "")
            self._log(conn, dossier_id, "status_changed", text, now)

    def file_dossier(
        self, dossier_id: int, *, filed_at: datetime, current_step: str | None = None
    ) -> str:
        """File a draft and give it its local N° de la demande; return that number.

        One transaction: the dossier must be a draft (NotEditable otherwise); the
        département comes from the code postal of the answers (StoreError if there is
        none); the sequence is 1 + the largest one of any N° de la demande in the database,
        so the number is unique whatever its date or département. « brouillon » ->
        « déposée », `filed_at` recorded, event 'filed'. `current_step`, when given,
        becomes the dossier's current step (e.g. the confirmation step).
        """
        if filed_at.tzinfo is not None:
            filed_at = filed_at.astimezone().replace(tzinfo=None)
        filed_text = filed_at.isoformat(timespec="seconds")
        now = self._now()
        with self.transaction() as db:
            conn = db.conn
            row = self._row(conn, dossier_id)
            current = self._summary(row).status
            if not current.editable:
                raise NotEditable("Ce dossier est déjà déposé : il ne peut pas l'être deux fois.")
            check_transition(current, DossierStatus.DEPOSEE)
            data, _drafts = self._answers(conn, dossier_id)
            postcode, where = self._postcode(row[1], data)
            try:
                departement = departement_of(postcode)
            except ValueError as exc:
                raise StoreError(
                    f"{exc} Corrigez-le à l'étape « {where} » avant de déposer la demande."
                ) from exc
            # The next local sequence follows the last *local* one (kept in `local_sequence`
            # even once an official number has replaced it), never an official number.
            (highest,) = conn.execute(_MAX_SEQUENCE_SQL).fetchone()
            sequence = int(highest or 0) + 1
            while True:
                try:
                    numero = numero_demande(departement, filed_at.date(), sequence)
                except ValueError as exc:
                    raise StoreError(
                        "Plus aucun N° de la demande local n'est disponible dans cette base : "
                        "enregistrez les numéros officiels de vos demandes."
                    ) from exc
                taken = conn.execute(
                    "SELECT 1 FROM dossiers WHERE numero_demande = ?", (numero,)
                ).fetchone()
                if taken is None:  # an official number may have these very digits
                    break
                sequence += 1
            key = search_key_for(row[4], row[1], numero, n_etranger_of(data, row[1]))
            conn.execute(
                "UPDATE dossiers SET status = ?, numero_demande = ?, local_sequence = ?, "
                "filed_at = ?, search_key = ?, current_step = coalesce(?, current_step), "
                "updated_at = ? WHERE id = ?",
                (
                    DossierStatus.DEPOSEE.value,
                    numero,
                    sequence,
                    filed_text,
                    key,
                    current_step,
                    now,
                    dossier_id,
                ),
            )
            index_search_key(conn, dossier_id, key)
            self._log(
                conn, dossier_id, "filed", f"{current.value} -> {DossierStatus.DEPOSEE.value}", now
            )
        return numero

    @staticmethod
    def _postcode(procedure_id: str, data: dict) -> tuple[str, str]:
        """(the code postal of the answers, the title of the step it is typed in): the field
        of role « code_postal » (`roles.value`), which gives the N° de la demande its
        département. StoreError (French) when it is missing."""
        # Imported here: the catalogue (pydantic) stays off the store's start-up path.
        from anef_tui.domain import roles
        from anef_tui.domain.catalogue import CatalogueError, load_procedure

        try:
            procedure = load_procedure(procedure_id)
        except CatalogueError as exc:
            raise StoreError(f"Ce dossier ne peut pas être déposé : {exc}") from exc
        places = roles.locations(procedure, roles.CODE_POSTAL)
        titles = {s.id: s.title for s in procedure.steps}
        if procedure.profile is not None:
            titles[procedure.profile.id] = procedure.profile.title
        where = titles.get(places[0][0], "") if places else ""
        postcode = roles.text(procedure, data, roles.CODE_POSTAL)
        if not postcode:
            raise StoreError(
                f"Le code postal manque : renseignez-le à l'étape « {where} » avant de déposer "
                "la demande."
            )
        return postcode, where

    def set_official_numero(self, dossier_id: int, numero: str) -> None:
        """Record the N° de la demande the official site gave, in place of the local one.

        Spaces are ignored; anything but 19 digits, or the number of another dossier, raises
        ValueError (French). Only for a filed dossier (StoreError on a draft). Setting the
        number the dossier already has does nothing. Event 'numero_officiel' (detail
        "local -> officiel", or "officiel -> officiel" for a correction; never the number).
        """
        value = normalise_numero_demande(numero)
        now = self._now()
        with self.transaction() as db:
            conn = db.conn
            row = self._row(conn, dossier_id)
            if self._summary(row).status.editable:
                raise StoreError(
                    "Déposez d'abord la demande : le N° de la demande officiel s'enregistre "
                    "une fois le dossier déposé."
                )
            if row[8] == value:
                return
            other = conn.execute(
                "SELECT id FROM dossiers WHERE numero_demande = ? AND id != ?",
                (value, dossier_id),
            ).fetchone()
            if other is not None:
                raise ValueError(
                    f"Le N° de la demande {value} est déjà celui du dossier n° {other[0]} : "
                    "vérifiez le numéro."
                )
            already = conn.execute(
                "SELECT 1 FROM events WHERE dossier_id = ? AND kind = 'numero_officiel'",
                (dossier_id,),
            ).fetchone()
            data, _drafts = self._answers(conn, dossier_id)
            key = search_key_for(row[4], row[1], value, n_etranger_of(data, row[1]))
            conn.execute(
                "UPDATE dossiers SET numero_demande = ?, search_key = ?, updated_at = ? "
                "WHERE id = ?",
                (value, key, now, dossier_id),
            )
            index_search_key(conn, dossier_id, key)
            detail = "officiel -> officiel" if already else "local -> officiel"
            self._log(conn, dossier_id, "numero_officiel", detail, now)

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

    def create_renewal_from(self, parent_id: int) -> int:
        """A new draft of the procedure that renews a title (the one whose file has a
        `[renewal_from]` table) prepared from dossier `parent_id` (any procedure, any state):
        its profile holds the parent's answers of the roles that table lists (état civil,
        address, e-mail; see `filing.renewal_profile_from`); return its id. StoreError
        (French) when no procedure renews a title or the parent's procedure is gone."""
        # Imported here: the catalogue (pydantic) stays off the store's start-up path.
        from anef_tui.domain.catalogue import CatalogueError, load_catalogue, load_procedure

        with self._reading() as conn:
            row = self._row(conn, parent_id)
            data, _drafts = self._answers(conn, parent_id)
        try:
            targets = [p for p in load_catalogue().values() if p.renewal_from is not None]
            source = load_procedure(row[1])
        except CatalogueError as exc:
            raise StoreError(
                f"Le renouvellement ne peut pas être préparé à partir du dossier n° {parent_id} "
                f": {exc}"
            ) from exc
        if not targets:
            raise StoreError(
                "Aucune procédure ne prépare un renouvellement à partir d'un dossier antérieur."
            )
        target = targets[0]
        assert target.profile is not None  # checked by the catalogue with renewal_from
        profile = renewal_profile_from(data, source, target)
        return self.create(
            target.id,
            applicant_name=row[4] or "",
            answers={target.profile.id: profile},
            parent_id=parent_id,
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
            write_deadline(db.conn, dossier_id, date_iso, label, now)

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
        from anef_tui.store.attachments import cleanup_quietly

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
                    f"Le dossier est abandonné, mais le document « {path} » n'a pas pu être "
                    f"supprimé ({exc.strerror or exc}) : supprimez-le vous-même."
                ) from exc
