"""The applicant's consents (issue 24 item 1): recorded, renewed, withdrawn, and required
by every write on a dossier's data.

Where the store writes a dossier's data (answers, drafts, files, notifications, complément
answers, filing) it calls `require_consent` in the same transaction: a dossier whose latest
consent has expired, was withdrawn, or was never recorded (made before this version) is
read-only until a consent is renewed. Reading, the PDFs of what exists, the follow-up's
reading and the abandon (erasure) stay possible.

One function per event, each called inside the transaction that writes it:
`record_consent_given`, `record_consent_renewed`, `record_consent_withdrawn`.
"""

from __future__ import annotations

import builtins
from dataclasses import dataclass
from datetime import datetime

from anef_tui.domain import consent as terms_of
from anef_tui.domain.consent import ConsentTerms
from anef_tui.store import driver
from anef_tui.store.connection import inserted_id
from anef_tui.store.database import Database
from anef_tui.store.errors import StoreError
from anef_tui.store.journal.chain import Journalled, append
from anef_tui.store.records import read_row

_COLUMNS = (
    "id, dossier_id, procedure, given_at, valid_until, manner, months, mandate_sha256, "
    "withdrawn_at"
)


class ConsentRequired(StoreError):
    """The dossier's consent has expired, was withdrawn or was never recorded: nothing of
    its data may be written until it is renewed."""


@dataclass(frozen=True)
class Consent:
    id: int
    dossier_id: int
    procedure: str
    given_at: datetime
    valid_until: datetime
    manner: str
    months: int
    mandate_sha256: str | None
    withdrawn_at: datetime | None

    def standing(self, now: datetime) -> str:
        """A code of domain/consent.py: VALID, ENDING, EXPIRED, WITHDRAWN."""
        return terms_of.standing(self.valid_until, self.withdrawn_at is not None, now)

    def allows_writes(self, now: datetime) -> bool:
        return self.standing(now) in (terms_of.VALID, terms_of.ENDING)


def _consent(row: tuple) -> Consent:
    return Consent(
        id=int(row[0]),
        dossier_id=int(row[1]),
        procedure=row[2],
        given_at=datetime.fromisoformat(row[3]),
        valid_until=datetime.fromisoformat(row[4]),
        manner=row[5],
        months=int(row[6]),
        mandate_sha256=row[7],
        withdrawn_at=datetime.fromisoformat(row[8]) if row[8] else None,
    )


def latest(conn: driver.Connection, dossier_id: int) -> Consent | None:
    """The dossier's consent now: its latest row, or None."""
    row = conn.execute(
        f"SELECT {_COLUMNS} FROM consents WHERE dossier_id = ? ORDER BY id DESC LIMIT 1",
        (dossier_id,),
    ).fetchone()
    return _consent(row) if row else None


def refusal(consent: Consent | None, now: datetime) -> str | None:
    """Why nothing may be written on the dossier (French), or None when its consent allows
    it."""
    if consent is None:
        return (
            "Consentement à recueillir : ce dossier a été créé avant que anef-tui enregistre "
            "le consentement de la personne. Il reste lisible ; pour le modifier, "
            "renouvelez le consentement."
        )
    standing = consent.standing(now)
    if standing == terms_of.WITHDRAWN:
        assert consent.withdrawn_at is not None
        when = terms_of.short_date(consent.withdrawn_at.date())
        return (
            f"Le consentement de la personne a été retiré le {when} : ce dossier ne peut plus "
            "être modifié. Il reste lisible ; pour le modifier, renouvelez le consentement."
        )
    if standing == terms_of.EXPIRED:
        when = terms_of.short_date(consent.valid_until.date())
        return (
            f"Le consentement de la personne a expiré le {when} : ce dossier ne peut plus "
            "être modifié. Il reste lisible ; pour le modifier, renouvelez le consentement."
        )
    return None


def require_consent(conn: driver.Connection, dossier_id: int, now: datetime) -> None:
    """ConsentRequired (French) unless the dossier's consent allows a write at `now`.
    DossierGone when the dossier is not there."""
    read_row(conn, dossier_id)
    why = refusal(latest(conn, dossier_id), now)
    if why is not None:
        raise ConsentRequired(why)


def _insert(
    conn: driver.Connection, dossier_id: int, procedure: str, terms: ConsentTerms,
    now: datetime,
) -> int:
    try:
        terms.check()
    except ValueError as exc:
        raise StoreError(str(exc)) from exc
    until = terms_of.valid_until(now, terms.months)
    cursor = conn.execute(
        "INSERT INTO consents (dossier_id, procedure, given_at, valid_until, manner, months) "
        "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
        (dossier_id, procedure, now.isoformat(timespec="seconds"),
         until.isoformat(timespec="seconds"), terms.manner, terms.months),
    )
    return inserted_id(cursor)


def _journal(conn: driver.Connection, database: Journalled, action: str, dossier_id: int,
             terms: ConsentTerms | None, now: datetime) -> None:
    """The journal's entry for a consent event (its manner and months: no applicant data)."""
    details: dict[str, str | int | None] = (
        {} if terms is None else {"manner": terms.manner, "months": terms.months})
    append(conn, database, action, dossier_id, details,
           at=now.isoformat(timespec="seconds"))


def record_consent_given(
    conn: driver.Connection, dossier_id: int, procedure: str, terms: ConsentTerms,
    now: datetime, database: Journalled,
) -> int:
    """The consent given when the dossier is created (in `create`'s transaction)."""
    consent_id = _insert(conn, dossier_id, procedure, terms, now)
    _journal(conn, database, "consent_given", dossier_id, terms, now)
    return consent_id


def record_consent_renewed(
    conn: driver.Connection, dossier_id: int, terms: ConsentTerms, now: datetime,
    database: Journalled,
) -> int:
    """A new consent for the dossier's démarche (a new row; the old ones stay)."""
    procedure = read_row(conn, dossier_id)[1]
    consent_id = _insert(conn, dossier_id, procedure, terms, now)
    _journal(conn, database, "consent_renewed", dossier_id, terms, now)
    return consent_id


def record_consent_withdrawn(conn: driver.Connection, dossier_id: int, consent_id: int,
                             now: datetime, database: Journalled) -> None:
    """The person withdraws their consent: from now on the dossier is read-only."""
    conn.execute(
        "UPDATE consents SET withdrawn_at = ? WHERE id = ? AND withdrawn_at IS NULL",
        (now.isoformat(timespec="seconds"), consent_id),
    )
    _journal(conn, database, "consent_withdrawn", dossier_id, None, now)


@dataclass(frozen=True)
class ConsentAlert:
    """A dossier whose consent ends soon, has ended, was withdrawn or is missing."""

    dossier_id: int
    standing: str
    until: datetime | None


@dataclass(frozen=True)
class ConsentState:
    """Where a dossier's consent stands now (`anef-tui liste`): a code of domain/consent.py,
    the end of its latest consent and when it was withdrawn (None when none)."""

    standing: str
    until: datetime | None
    withdrawn_at: datetime | None

    def words(self) -> str:
        """« jusqu'au 06/12/2027 », « expiré le 01/10/2026 », « retiré le 03/11/2026 »,
        « à recueillir »."""
        if self.standing == terms_of.MISSING or self.until is None:
            return "à recueillir"
        if self.standing == terms_of.WITHDRAWN and self.withdrawn_at is not None:
            return f"retiré le {terms_of.short_date(self.withdrawn_at.date())}"
        if self.standing == terms_of.EXPIRED:
            return f"expiré le {terms_of.short_date(self.until.date())}"
        return f"jusqu'au {terms_of.short_date(self.until.date())}"

    def data(self) -> dict[str, str | None]:
        """Codes and ISO dates, for `liste --json`."""
        return {
            "standing": self.standing,
            "valid_until": None if self.until is None else self.until.isoformat(),
            "withdrawn_at": None if self.withdrawn_at is None else self.withdrawn_at.isoformat(),
        }


class ConsentStore:
    """Reads and writes of consents, over a DossierStore's Database."""

    def __init__(self, database: Database) -> None:
        self.database = database

    def now(self) -> datetime:
        return self.database.now()

    def current(self, dossier_id: int) -> Consent | None:
        with self.database.reading() as conn:
            return latest(conn, dossier_id)

    def history(self, dossier_id: int) -> builtins.list[Consent]:
        """Every consent of the dossier, the oldest first."""
        with self.database.reading() as conn:
            rows = conn.execute(
                f"SELECT {_COLUMNS} FROM consents WHERE dossier_id = ? ORDER BY id",
                (dossier_id,),
            ).fetchall()
        return [_consent(row) for row in rows]

    def refusal(self, dossier_id: int) -> str | None:
        """Why the dossier is read-only now (French), or None."""
        return refusal(self.current(dossier_id), self.now())

    def renew(self, dossier_id: int, terms: ConsentTerms) -> Consent:
        """Record a new consent (after expiry, withdrawal, or before either)."""
        with self.database.transaction() as db:
            consent_id = record_consent_renewed(db.conn, dossier_id, terms, self.now(),
                                                self.database)
            return self._get(db.conn, consent_id)

    def withdraw(self, dossier_id: int) -> None:
        """The person withdraws their consent; StoreError if none is in force."""
        now = self.now()
        with self.database.transaction() as db:
            read_row(db.conn, dossier_id)
            consent = latest(db.conn, dossier_id)
            if consent is None or not consent.allows_writes(now):
                raise StoreError("Ce dossier n'a pas de consentement en cours à retirer.")
            record_consent_withdrawn(db.conn, dossier_id, consent.id, now, self.database)

    def set_mandate(self, consent_id: int, sha256: str) -> None:
        """The hash of the mandate PDF made for the consent (once: a later one is kept
        apart from the record)."""
        with self.database.transaction() as db:
            db.conn.execute(
                "UPDATE consents SET mandate_sha256 = ? WHERE id = ? AND mandate_sha256 IS NULL",
                (sha256, consent_id),
            )

    def _get(self, conn: driver.Connection, consent_id: int) -> Consent:
        row = conn.execute(
            f"SELECT {_COLUMNS} FROM consents WHERE id = ?", (consent_id,)
        ).fetchone()
        return _consent(row)

    def get(self, consent_id: int) -> Consent:
        with self.database.reading() as conn:
            return self._get(conn, consent_id)

    def _latest(self, dossier_ids: builtins.list[int]) -> builtins.list[tuple]:
        """(dossier id, valid_until, withdrawn_at) of each dossier's latest consent (None,
        None when it has none), in one query."""
        marks = ",".join("?" * len(dossier_ids))
        with self.database.reading() as conn:
            return conn.execute(
                f"SELECT d.id, c.valid_until, c.withdrawn_at FROM dossiers d "
                f"LEFT JOIN consents c ON c.id = (SELECT max(id) FROM consents "
                f"WHERE dossier_id = d.id) WHERE d.id IN ({marks})",
                dossier_ids,
            ).fetchall()

    def alerts(self, dossier_ids: builtins.list[int]) -> dict[int, ConsentAlert]:
        """The dossiers among `dossier_ids` whose consent is not simply valid, by id."""
        if not dossier_ids:
            return {}
        now = self.now()
        found: dict[int, ConsentAlert] = {}
        for dossier_id, until_text, withdrawn in self._latest(dossier_ids):
            until = datetime.fromisoformat(until_text) if until_text else None
            standing = terms_of.standing(until, bool(withdrawn), now)
            if standing != terms_of.VALID:
                found[int(dossier_id)] = ConsentAlert(int(dossier_id), standing, until)
        return found

    def standings(self, dossier_ids: builtins.list[int]) -> dict[int, ConsentState]:
        """Where the consent of each dossier of `dossier_ids` stands now, by id (one query:
        `liste` asks a batch at a time)."""
        if not dossier_ids:
            return {}
        now = self.now()
        found: dict[int, ConsentState] = {}
        for dossier_id, until_text, withdrawn in self._latest(dossier_ids):
            until = datetime.fromisoformat(until_text) if until_text else None
            gone = datetime.fromisoformat(withdrawn) if withdrawn else None
            found[int(dossier_id)] = ConsentState(
                terms_of.standing(until, gone is not None, now), until, gone)
        return found
