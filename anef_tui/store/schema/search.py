"""Migrations 2, 6, 11, 12 and 13: the search key, the listing order, the deadlines and the
states, indexed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from anef_tui.store.connection import Db
from anef_tui.store.keys import (
    LISTING_ORDER,
    SEQUENCE_EXPR,
    SEQUENCE_WHERE,
    index_search_key,
    n_etranger_of,
    search_key_for,
)
from anef_tui.store.schema.statements import run

if TYPE_CHECKING:
    from sqlite_utils import Database


def migration_2_deadlines_and_search(db: Db | Database) -> None:
    """Next deadline columns, listing indexes, and a search key that includes numbers.

    Version 1 folded only the applicant name and the procedure label into `search_key`;
    from version 2 it also holds the N° de la demande and the n° étranger, so every
    existing row is recomputed here.
    """
    run(
        db,
        "ALTER TABLE dossiers ADD COLUMN next_deadline TEXT",
        "ALTER TABLE dossiers ADD COLUMN next_deadline_label TEXT",
        "CREATE INDEX dossiers_by_deadline ON dossiers(next_deadline, updated_at)",
        "CREATE INDEX dossiers_by_numero ON dossiers(numero_demande)",
        "CREATE INDEX dossiers_by_parent ON dossiers(parent_id)",
    )
    import json  # not at module level: start-up lists dossiers without it

    rows = db.conn.execute(
        "SELECT d.id, d.applicant_name, d.procedure, d.numero_demande, a.data "
        "FROM dossiers d LEFT JOIN answers a ON a.dossier_id = d.id"
    ).fetchall()
    for dossier_id, name, procedure, numero, data_json in rows:
        try:
            data = json.loads(data_json) if data_json else {}
        except ValueError:
            data = {}
        key = search_key_for(
            name, procedure, numero,
            n_etranger_of(data if isinstance(data, dict) else {}, procedure),
        )
        db.conn.execute("UPDATE dossiers SET search_key = ? WHERE id = ?", (key, dossier_id))


def migration_6_scale(db: Db | Database) -> None:
    """As fast with 100,000 dossiers as with 100 (issue 14).

    * `search_words`: every word of each dossier's folded search key, indexed, so a search
      is a range query per typed word (« dup » finds « dupont ») instead of a scan;
    * `dossiers_listing`: the list's order as an index (the first 100 without sorting);
    * `dossiers_by_sequence`: the largest local sequence number read from an index;
    * `deadlines`: every open deadline of every dossier, kept by the write paths (see
      store/deadlines.py) and read by date, so « Échéances » and the alerts never
      recompute them; `today` is a parameter of the queries, never a rewrite.
    """
    run(
        db,
        """
        CREATE TABLE search_words (
            word TEXT NOT NULL,
            dossier_id INTEGER NOT NULL REFERENCES dossiers(id) ON DELETE CASCADE
        )
        """,
        "CREATE INDEX search_words_by_word ON search_words(word, dossier_id)",
        "CREATE INDEX search_words_by_dossier ON search_words(dossier_id)",
        f"CREATE INDEX dossiers_listing ON dossiers({LISTING_ORDER})",
        f"CREATE INDEX dossiers_by_sequence ON dossiers({SEQUENCE_EXPR}) WHERE {SEQUENCE_WHERE}",
        """
        CREATE TABLE deadlines (
            id INTEGER PRIMARY KEY,
            dossier_id INTEGER NOT NULL REFERENCES dossiers(id) ON DELETE CASCADE,
            notification_id INTEGER NOT NULL,
            date TEXT NOT NULL,
            label TEXT NOT NULL
        )
        """,
        "CREATE INDEX deadlines_by_date ON deadlines(date, dossier_id, notification_id)",
        "CREATE INDEX deadlines_by_label ON deadlines(label, date)",
        "CREATE INDEX deadlines_by_dossier ON deadlines(dossier_id)",
    )
    conn = db.conn
    for dossier_id, key in conn.execute("SELECT id, search_key FROM dossiers").fetchall():
        index_search_key(conn, dossier_id, key or "")
    from anef_tui.store.deadline_rows import backfill  # the follow-up rules, off start-up

    backfill(conn)


def migration_11_deadline_codes(db: Db | Database) -> None:
    """`deadlines.code` (issue 21): a kept deadline is named by the code `followup.toml`
    gives it, never by its label, so rewording a label keeps the alerts and the counts.
    Every row is recomputed from the notifications (as migration 6 did); the index on the
    label gives way to one on the code."""
    run(
        db,
        "ALTER TABLE deadlines ADD COLUMN code TEXT NOT NULL DEFAULT ''",
        "DROP INDEX IF EXISTS deadlines_by_label",
        "CREATE INDEX deadlines_by_code ON deadlines(code, date)",
    )
    from anef_tui.store.deadline_rows import backfill  # the follow-up rules, off start-up

    backfill(db.conn)


def migration_12_search_by_state(db: Db | Database) -> None:
    """`dossiers_by_status` (issue 21): a search word that names a state (« compl » →
    « Complément demandé ») finds its dossiers by their `status`, read from this index
    rather than by walking the whole list (46 ms at 100,000 dossiers for a rare state, 3 ms
    with it). The states' labels are not copied into the base: a reworded label needs no
    migration."""
    run(db, "CREATE INDEX dossiers_by_status ON dossiers(status)")


def migration_13_states_from_notifications(db: Db | Database) -> None:
    """A dossier in several states at once (issue 22): a complément open *and* a certificate
    to send *and* a prolongation running. `status` stays the first of them (the list's sort,
    its index, everything that needs one state); `states` holds them all, in order, when there
    are several ('' otherwise); `dossier_states` indexes the ones after the first, so that a
    search by state (« certif ») finds a dossier whose first state is another. Every dossier
    with notifications has its states derived again from them."""
    run(
        db,
        "ALTER TABLE dossiers ADD COLUMN states TEXT NOT NULL DEFAULT ''",
        """
        CREATE TABLE dossier_states (
            status TEXT NOT NULL,
            dossier_id INTEGER NOT NULL REFERENCES dossiers(id) ON DELETE CASCADE,
            PRIMARY KEY (status, dossier_id)
        ) WITHOUT ROWID
        """,
        "CREATE INDEX dossier_states_by_dossier ON dossier_states(dossier_id)",
    )
    from anef_tui.store.deadline_rows import backfill_states  # the follow-up rules, off start-up

    backfill_states(db.conn)
