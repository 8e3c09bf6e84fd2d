"""A dossier's summary row as the stores read it: the columns, the dataclasses, and the
checks every writer shares (the dossier exists, it is still editable)."""

from __future__ import annotations

from dataclasses import dataclass

from anef_tui.domain.status import DossierStatus, states_label
from anef_tui.store import driver
from anef_tui.store.errors import DossierGone, StoreError
from anef_tui.store.keys import procedure_label

SUMMARY_COLUMNS = (
    "id, procedure, status, current_step, applicant_name, updated_at, next_deadline, "
    "next_deadline_label, numero_demande, filed_at, version, states"
)



N_SUMMARY = len(SUMMARY_COLUMNS.split(", "))



FILED_MESSAGE = (
    "Ce dossier est déposé : il ne peut plus être modifié. S'il vient d'être déposé dans une "
    "autre fenêtre, revenez à « Mes dossiers » pour le consulter."
)



class NotEditable(StoreError):
    """The dossier has been filed: its answers are read-only."""



@dataclass(frozen=True)
class DossierSummary:
    id: int
    procedure: str
    status: DossierStatus
    current_step: str | None
    applicant_name: str
    updated_at: str
    next_deadline: str | None
    next_deadline_label: str | None
    numero_demande: str | None
    filed_at: str | None
    version: int = 0  # grows at every write to the dossier (see migration 5)
    # Every state the dossier is in, `status` first: several at once when several
    # notifications are open (issue 22, migration 13).
    states: tuple[DossierStatus, ...] = ()

    def __post_init__(self) -> None:
        if not self.states:
            object.__setattr__(self, "states", (self.status,))

    @property
    def procedure_label(self) -> str:
        return procedure_label(self.procedure)

    @property
    def states_label(self) -> str:
        """« Complément demandé, Certificat médical à envoyer »: every state, in words."""
        return states_label(self.states)



@dataclass(frozen=True)
class DossierRecord:
    summary: DossierSummary
    answers: dict[str, dict]
    drafts: dict[str, dict]
    parent_id: int | None

    @property
    def id(self) -> int:
        return self.summary.id

    @property
    def status(self) -> DossierStatus:
        return self.summary.status

    @property
    def version(self) -> int:
        """The dossier's version when it was read: pass it back as `expected_version`."""
        return self.summary.version


def summary_from_row(row: tuple) -> DossierSummary:
    """The DossierSummary of a row of SUMMARY_COLUMNS; StoreError for an unknown state."""
    try:
        status = DossierStatus(row[2])
    except ValueError as exc:
        raise StoreError(
            f"Le dossier n° {row[0]} a un état inconnu (« {row[2]} ») : mettez "
            "l'application à jour."
        ) from exc
    try:
        every = tuple(DossierStatus(code) for code in (row[11] or "").split())
    except ValueError:
        every = ()  # a state of a newer version: the first one is said above
    return DossierSummary(
        id=row[0],
        procedure=row[1],
        status=status,
        current_step=row[3],
        applicant_name=row[4] or "",
        updated_at=row[5],
        next_deadline=row[6],
        next_deadline_label=row[7],
        numero_demande=row[8],
        filed_at=row[9],
        version=int(row[10] or 0),
        states=every,
    )


def read_row(conn: driver.Connection, dossier_id: int) -> tuple:
    """The dossier's row of SUMMARY_COLUMNS; DossierGone when there is none."""
    row = conn.execute(
        f"SELECT {SUMMARY_COLUMNS} FROM dossiers WHERE id = ?", (dossier_id,)
    ).fetchone()
    if row is None:
        raise DossierGone(dossier_id=dossier_id)
    return row


def read_status(conn: driver.Connection, dossier_id: int) -> DossierStatus:
    return summary_from_row(read_row(conn, dossier_id)).status


def require_editable(conn: driver.Connection, dossier_id: int) -> None:
    """NotEditable (French) once the dossier is filed."""
    if not read_status(conn, dossier_id).editable:
        raise NotEditable(FILED_MESSAGE)


def write_states(conn: driver.Connection, dossier_id: int,
                 states: list[DossierStatus]) -> bool:
    """Keep the states a dossier is in (never empty; the first one is its `status`, read
    for sorting and by everything that needs one), with the others indexed for the search
    (`dossier_states`, migration 13). Return whether anything changed."""
    first, others = states[0], states[1:]
    text = " ".join(s.value for s in states) if others else ""
    row = conn.execute("SELECT status, states FROM dossiers WHERE id = ?",
                       (dossier_id,)).fetchone()
    if row is None:
        raise DossierGone(dossier_id=dossier_id)
    if (row[0], row[1] or "") == (first.value, text):
        return False
    conn.execute("UPDATE dossiers SET status = ?, states = ? WHERE id = ?",
                 (first.value, text, dossier_id))
    conn.execute("DELETE FROM dossier_states WHERE dossier_id = ?", (dossier_id,))
    conn.executemany("INSERT INTO dossier_states (status, dossier_id) VALUES (?, ?)",
                     [(s.value, dossier_id) for s in others])
    return True


def write_deadline(
    conn: driver.Connection, dossier_id: int, date_iso: str | None, label: str | None, now: str
) -> None:
    """Set (or clear, with None) the next deadline shown in the list; DossierGone when the
    dossier is not there any more. A label without a date is a task the guide gives no
    date (the timbre fiscal after a favourable decision)."""
    read_row(conn, dossier_id)
    conn.execute(
        "UPDATE dossiers SET next_deadline = ?, next_deadline_label = ?, updated_at = ? "
        "WHERE id = ?",
        (date_iso, label, now, dossier_id),
    )
