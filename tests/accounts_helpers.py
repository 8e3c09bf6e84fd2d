"""Shared by the accounts' tests: a base with a référent and an aidant, cheap argon2id."""

from __future__ import annotations

import json
from pathlib import Path

from anef_tui import accounts
from anef_tui.store.dossiers import DossierStore
from anef_tui.store.journal.actor import COMMAND_LINE
from tests.vault_helpers import CHEAP

REFERENT = "claire"
REFERENT_PHRASE = "le chat dort sur le toit"
AIDANT = "marc.aidant"
AIDANT_INITIAL = "pomme verte sous la pluie"
AIDANT_OWN = "correct cheval pile agrafe"


def with_referent(data_dir: Path, *, aidant: bool = True, base: str | None = None) -> None:
    """A base whose first référent is « claire » and (aidant) an aidant « marc.aidant »
    with an initial passphrase to change; `base`: a server's (else the chosen one)."""
    store = DossierStore(data_dir, base=base) if base is not None else DossierStore(data_dir)
    try:
        session = accounts.create_first_referent(
            store.database, REFERENT, "Claire Référente", REFERENT_PHRASE,
            front_end=COMMAND_LINE, params=CHEAP)
        if aidant:
            accounts.add_worker(store.database, session, AIDANT, "Marc Aidant", "aidant",
                                AIDANT_INITIAL, params=CHEAP)
    finally:
        store.close()


def journal_contents(store: DossierStore) -> list[dict]:
    """Every journal entry's content (action, aidant, interface, details), in order."""
    with store.database.reading() as conn:
        rows = conn.execute("SELECT content FROM journal ORDER BY seq").fetchall()
    return [json.loads(row[0]) for row in rows if row[0]]
