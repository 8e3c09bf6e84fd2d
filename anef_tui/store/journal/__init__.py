"""The journal of every action on a dossier (issue 24): append-only, enforced by the
database (triggers, `schema.py`), each entry chained by hash to the one before
(`chain.py`), checked again by `verify.py`, tombstoned only for an erased person
(`erasure.py`), read in words (`reading.py`). The action codes and their words are data
(`assets/journal.toml`). No Textual here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from anef_tui.store.journal.actor import Actor, clean_name
from anef_tui.store.journal.chain import append
from anef_tui.store.journal.erasure import tombstone_dossier
from anef_tui.store.journal.reading import Entry, dossier_entries, export_journal, journal_text
from anef_tui.store.journal.verify import Verdict, verify_connection

if TYPE_CHECKING:
    from anef_tui.store.database import Database

__all__ = [
    "Actor", "Entry", "Verdict", "append", "clean_name", "dossier_entries", "export_journal",
    "journal_text", "tombstone_dossier", "verify", "verify_connection",
]


def verify(database: Database) -> list[str]:
    """The whole chain checked again: the problems, in French ([] when intact)."""
    return verify_whole(database).problems


def verify_whole(database: Database) -> Verdict:
    """The chain, the journals imported dossiers brought (`imported.py`), then the head
    compared with the anchors (`anchor.py`)."""
    from anef_tui.store.journal.anchor import anchor_problems
    from anef_tui.store.journal.imported import verify_imports

    with database.reading() as conn:
        verdict = verify_connection(conn)
        verdict.problems.extend(verify_imports(conn))
    problems, notes = anchor_problems(database)
    return Verdict(verdict.entries, [*verdict.problems, *problems], [*verdict.notes, *notes])
