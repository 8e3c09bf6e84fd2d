"""The journal's tables and the triggers that make it append-only (issue 24).

`journal`: one row per action, numbered without gaps (`seq`), each chained by hash to the
one before (see `chain.py`). The database refuses: an insert whose seq is not the next
one; any delete; any update but the tombstone of an erased dossier's rows (content and
dossier set to NULL, nothing else changed, and only for a dossier named in
`journal_erasures`). `journal_erasures` itself takes inserts only.

The triggers stop the application and anyone using it; an adversary holding the key can
drop them — the hash chain (`anef-tui journal --verifier`) is what catches that.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from anef_tui.store.connection import Db
from anef_tui.store.schema.statements import run

if TYPE_CHECKING:
    from sqlite_utils import Database

REFUSED_DELETE = "journal : une entrée ne peut pas être supprimée"
REFUSED_UPDATE = "journal : une entrée ne peut pas être modifiée"
REFUSED_ORDER = "journal : une entrée ne peut être ajoutée qu'à la suite de la dernière"
REFUSED_ERASURE = "journal : un effacement enregistré ne peut être ni modifié ni supprimé"


def _abort(message: str) -> str:
    return "RAISE(ABORT, '" + message.replace("'", "''") + "')"


def migration_journal(db: Db | Database) -> None:
    """The journal, its erasures, and the triggers that keep both append-only."""
    run(
        db,
        """
        CREATE TABLE journal (
            seq INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            dossier_id INTEGER,
            content TEXT,
            content_hash TEXT NOT NULL,
            chain_hash TEXT NOT NULL
        )
        """,
        "CREATE INDEX journal_by_dossier ON journal(dossier_id, seq)",
        """
        CREATE TABLE journal_erasures (
            dossier_id INTEGER PRIMARY KEY,
            at TEXT NOT NULL
        )
        """,
        f"""
        CREATE TRIGGER journal_append_only BEFORE INSERT ON journal
        WHEN NEW.seq IS NOT (SELECT coalesce(max(seq), 0) + 1 FROM journal)
        BEGIN SELECT {_abort(REFUSED_ORDER)}; END
        """,
        f"""
        CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal
        BEGIN SELECT {_abort(REFUSED_DELETE)}; END
        """,
        f"""
        CREATE TRIGGER journal_only_tombstones BEFORE UPDATE ON journal
        WHEN NOT (
            NEW.content IS NULL AND NEW.dossier_id IS NULL
            AND NEW.seq = OLD.seq AND NEW.at = OLD.at
            AND NEW.content_hash = OLD.content_hash AND NEW.chain_hash = OLD.chain_hash
            AND OLD.dossier_id IN (SELECT dossier_id FROM journal_erasures)
        )
        BEGIN SELECT {_abort(REFUSED_UPDATE)}; END
        """,
        f"""
        CREATE TRIGGER journal_erasures_no_update BEFORE UPDATE ON journal_erasures
        BEGIN SELECT {_abort(REFUSED_ERASURE)}; END
        """,
        f"""
        CREATE TRIGGER journal_erasures_no_delete BEFORE DELETE ON journal_erasures
        BEGIN SELECT {_abort(REFUSED_ERASURE)}; END
        """,
    )
