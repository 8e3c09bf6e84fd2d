"""The schema and its versioned migrations, in the order they run.

Each migration runs inside the transaction that bumps the schema version (SQLite's
`PRAGMA user_version`; the engine keeps it). Never edit a
migration once released: append a new one. The migrations live by what they are about:
`tables` (the tables themselves), `search` (search key, listing, deadlines),
`windows` (versions, ids never reused, kinds open to data), `text` (no control
characters), `filing` (the PDFs a filing owes), `erasures` (erasures to finish), `workers` (accounts); the journal's own tables live with it
(`store/journal/schema.py`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from anef_tui.store.connection import Db, db_path, write_transaction
from anef_tui.store.engine import Engine, engine_for
from anef_tui.store.errors import StoreError, guard
from anef_tui.store.journal.schema import migration_journal
from anef_tui.store.schema.consents import migration_consents
from anef_tui.store.schema.erasures import migration_erasures
from anef_tui.store.schema.filing import migration_10_documents_due
from anef_tui.store.schema.imports import migration_imports
from anef_tui.store.schema.postgresql_desks import PG_MIGRATIONS
from anef_tui.store.schema.presence import migration_presence
from anef_tui.store.schema.search import (
    migration_2_deadlines_and_search,
    migration_6_scale,
    migration_11_deadline_codes,
    migration_12_search_by_state,
    migration_13_states_from_notifications,
)
from anef_tui.store.schema.tables import (
    migration_1_initial_schema,
    migration_3_attachments,
    migration_4_followup,
)
from anef_tui.store.schema.text import migration_9_no_control_characters
from anef_tui.store.schema.windows import (
    migration_5_dossier_versions,
    migration_7_open_kinds_and_local_sequence,
    migration_8_ids_never_reused,
)
from anef_tui.store.schema.workers import migration_workers

if TYPE_CHECKING:
    from sqlite_utils import Database

MIGRATIONS: list[Callable[[Db | Database], None]] = [
    migration_1_initial_schema,
    migration_2_deadlines_and_search,
    migration_3_attachments,
    migration_4_followup,
    migration_5_dossier_versions,
    migration_6_scale,
    migration_7_open_kinds_and_local_sequence,
    migration_8_ids_never_reused,
    migration_9_no_control_characters,
    migration_10_documents_due,
    migration_11_deadline_codes,
    migration_12_search_by_state,
    migration_13_states_from_notifications,
    migration_consents,  # 14 (issue 24: consents)
    migration_journal,  # 15 (issue 24: the journal, append-only, chained by hash)
    migration_imports,  # 16 (issue 24: the journal an imported dossier brought)
    migration_erasures,  # 17 (issue 24: erasures to finish after a crash)
    migration_workers,  # 18 (issue 25: workers' accounts, the structure's sealed key)
    migration_presence,  # 19 (issue 25: which desk has which dossier open)
]


SCHEMA_VERSION = len(MIGRATIONS)

#: Each engine's migrations, the same numbers on both (`store/engine/`); looked up when
#: they run (a test replaces MIGRATIONS).
_BY_ENGINE: dict[str, Callable[[], list[Callable[[Db | Database], None]]]] = {
    "sqlite": lambda: MIGRATIONS,
    "postgresql": lambda: PG_MIGRATIONS,
}


def migrations_of(engine: Engine) -> list[Callable[[Db | Database], None]]:
    """The migrations 1..SCHEMA_VERSION of `engine`."""
    return _BY_ENGINE[engine.name]()


def user_version(db: Db | Database) -> int:
    """The number of migrations applied (the engine keeps it: SQLite's `user_version`)."""
    return engine_for(db).schema_version(db.conn)


def migrate(db: Db | Database, *, target: int = SCHEMA_VERSION) -> int:
    """Apply the missing migrations up to `target`; return how many ran.

    Each migration and its `user_version` bump share one `BEGIN IMMEDIATE` transaction, and
    the version is re-read under the write lock, so two processes opening the same new
    database never apply a migration twice. Raise StoreError if the database was written
    by a newer version of the application.
    """
    if not 0 <= target <= SCHEMA_VERSION:
        raise ValueError(f"Version de schéma inconnue : {target}.")
    path = db_path(db)
    engine = engine_for(db)
    migrations = migrations_of(engine)
    applied = 0
    with guard(path):
        # Read first, without the write lock: opening an up-to-date base writes nothing and
        # never waits behind the other windows' writes (a desk could not open while two
        # others saved without pause: StoreBusy).
        if target <= user_version(db) <= SCHEMA_VERSION:
            return 0
        while True:
            with write_transaction(db):
                version = user_version(db)
                if version > SCHEMA_VERSION:
                    raise StoreError(
                        f"La base de données « {path} » a été créée par une version plus "
                        "récente d'anef-tui : mettez l'application à jour."
                    )
                if version >= target:
                    break
                migrations[version](engine.migration_target(db))
                engine.set_schema_version(db.conn, version + 1)
            applied += 1
    return applied
