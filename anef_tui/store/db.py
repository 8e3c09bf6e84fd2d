"""The SQLite database: opening it safely, migrated to the latest schema.

The pieces live in their own modules, re-exported here so that `store.db` stays the one
name to import from: errors (`errors.py`), the connection and its transactions
(`connection.py`), the file checks (`sqlite_file.py`), the schema and its migrations
(`schema.py`), the search key (`keys.py`).

The connection runs in driver autocommit mode (`isolation_level=None`): every write
transaction is opened explicitly with `BEGIN IMMEDIATE` (see `write_transaction`), so
nothing is ever left half-committed by an implicit transaction of the sqlite3 module.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from anef_tui.store.backups import backup_before_migration
from anef_tui.store.connection import (  # noqa: F401 - re-exported
    BUSY_ATTEMPTS,
    BUSY_PAUSE_S,
    BUSY_TIMEOUT_MS,
    Db,
    db_path,
    write_transaction,
)
from anef_tui.store.errors import (  # noqa: F401 - re-exported
    LIST_BACKUPS_COMMAND,
    RESTORE_COMMAND,
    ConflictError,
    DamagedDatabase,
    DiskFull,
    DossierGone,
    StoreBusy,
    StoreError,
    guard,
    is_busy,
    translate_error,
)
from anef_tui.store.keys import (  # noqa: F401 - re-exported
    LISTING_ORDER,
    SEQUENCE_EXPR,
    SEQUENCE_WHERE,
    index_search_key,
    n_etranger_of,
    procedure_label,
    search_key_for,
    search_words,
)
from anef_tui.store.schema import (  # noqa: F401 - re-exported
    MIGRATIONS,
    SCHEMA_VERSION,
    migrate,
    user_version,
)
from anef_tui.store.sqlite_file import (  # noqa: F401 - re-exported
    DB_FILE_MODE,
    NEW_BASE_PREFIX,
    SQLITE_HEADER,
    STALE_NEW_BASE_SECONDS,
    _connect,
    _create_new,
    check_integrity,
    inspect_file,
    tighten_modes,
)


def open_database(
    path: Path, *, backups_dir: Path | None = None, now: Callable[[], datetime] | None = None
) -> Db:
    """Open the database at `path`, migrated to the latest schema.

    Only a missing file gives a new base. An existing one is checked first, read-only
    (`inspect_file`, then `PRAGMA quick_check`): an empty, foreign or damaged file raises
    DamagedDatabase and nothing is written to it. A symbolic link is refused. Then: files
    owner-only, WAL journal, `synchronous=FULL` (a commit that returned survives a crash or
    power loss), foreign keys and `secure_delete` on, short busy timeout. When `backups_dir`
    is given, a base that needs a migration is backed up there first. Raise StoreError
    (French) for everything else that goes wrong.
    """
    path = Path(path)
    if not inspect_file(path):
        _create_new(path)
        inspect_file(path)
    else:
        check_integrity(path)
    tighten_modes(path)
    conn: sqlite3.Connection | None = None
    try:
        with guard(path):
            conn = _connect(path)
            db = Db(conn)
            conn.execute("PRAGMA journal_mode = WAL").fetchone()
            conn.execute("PRAGMA synchronous = FULL")
            version = user_version(db)
            if backups_dir is not None and 0 < version < SCHEMA_VERSION:
                backup_before_migration(db, backups_dir, version + 1, now=now)
            migrate(db)
        tighten_modes(path)
    except BaseException:
        if conn is not None:
            conn.close()
        raise
    return db
