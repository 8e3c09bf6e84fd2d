"""Store helpers for tests only: states a test needs that the app reaches another way.

`mark_filed` was `DossierStore.file`, which nothing in the app called (the app files with
`DossierStore.file_dossier`, which gives the local N° de la demande): tests use it to put a
dossier in « déposée » under a number of their choice.
"""

from __future__ import annotations

from datetime import datetime

from anef_tui.domain.status import DossierStatus, check_transition
from anef_tui.store.db import index_search_key, n_etranger_of, search_key_for
from anef_tui.store.dossiers import DossierStore
from anef_tui.store.records import read_row, summary_from_row


def mark_filed(store: DossierStore, dossier_id: int, *, numero_demande: str, filed_at: str) -> None:
    """Record a filing on the ANEF site: « brouillon » -> « déposée », with an event."""
    numero = numero_demande.strip()
    assert numero and datetime.fromisoformat(filed_at)
    data = store.get(dossier_id).answers
    now = store.database.now_iso()
    with store.transaction() as db:
        conn = db.conn
        row = read_row(conn, dossier_id)
        current = summary_from_row(row).status
        check_transition(current, DossierStatus.DEPOSEE)
        key = search_key_for(row[4], row[1], numero, n_etranger_of(data, row[1]))
        conn.execute(
            "UPDATE dossiers SET status = ?, numero_demande = ?, filed_at = ?, "
            "search_key = ?, updated_at = ? WHERE id = ?",
            (DossierStatus.DEPOSEE.value, numero, filed_at, key, now, dossier_id),
        )
        index_search_key(conn, dossier_id, key)
        conn.execute(
            "INSERT INTO events (dossier_id, at, kind, detail) VALUES (?, ?, 'filed', ?)",
            (dossier_id, now, f"{current.value} -> {DossierStatus.DEPOSEE.value}"),
        )
