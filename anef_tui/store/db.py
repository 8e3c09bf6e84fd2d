"""The SQLite database: opening it safely, migrated to the latest schema.

The pieces live in their own modules, re-exported here so that `store.db` stays the one
name to import from: errors (`errors.py`), the connection and its transactions
(`connection.py`), the file checks (`sqlite_file.py`), the schema and its migrations
(`schema.py`), the search key (`keys.py`).

The connection runs in driver autocommit mode (`isolation_level=None`): every write
transaction is opened explicitly with `BEGIN IMMEDIATE` (see `write_transaction`), so
nothing is ever left half-committed by an implicit transaction of the DB-API driver.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from anef_tui.store import driver
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
    DeferredCheck,
    _connect,
    _create_new,
    check_integrity,
    inspect_file,
    probe_version,
    tighten_modes,
    witnesses,
)
from anef_tui.vault.errors import KeyFileSwapped, WrongDatabaseKey

if TYPE_CHECKING:
    from anef_tui.vault.keys import VaultKey

#: Above this size, an up-to-date base is checked in a thread once the app has painted its
#: first screen (reads may begin; the first write waits for the verdict): `PRAGMA
#: integrity_check` reads the whole file, ~0.2 s of CPU for the 120 MB of 100,000 dossiers,
#: which slowed the first paint by ~90 ms when it ran alongside (bench/scale.py). Below, or
#: when a migration is due (nothing is ever written before the check), it is checked first.
DEFERRED_CHECK_BYTES = 16 * 1024 * 1024

#: The deferred check starts at the latest this long after the base is opened, even if no
#: first screen says so (the CLI, plain mode) and no write asks for it.
CHECK_AT_THE_LATEST = 1.0


def open_database_checking_later(
    path: Path, *, backups_dir: Path | None = None, now: Callable[[], datetime] | None = None,
    then: Callable[[], None] | None = None, key: VaultKey | None = None,
) -> tuple[Db, DeferredCheck | None]:
    """As `open_database`, but a large base already at the latest schema is checked later,
    in a thread (`DeferredCheck`: `start()` once the first screen is painted, `result()`
    raises DamagedDatabase if it is damaged); None: already checked. `then` runs in that
    thread once the base is known to be sound.

    With `key` (an encrypted folder), when the key does not open the base, the folder's
    encrypted files tell whether the key file came from another folder (KeyFileSwapped)."""
    path = Path(path)
    try:
        if (
            inspect_file(path)
            and os.path.getsize(path) > DEFERRED_CHECK_BYTES
            and probe_version(path, key) == SCHEMA_VERSION
        ):
            db = open_database(path, backups_dir=backups_dir, now=now, checked=True, key=key)
            check = functools.partial(check_integrity, key=key)
            return db, DeferredCheck(check, path, latest=CHECK_AT_THE_LATEST, then=then)
        return open_database(path, backups_dir=backups_dir, now=now, key=key), None
    except WrongDatabaseKey as exc:
        if key is not None:
            from anef_tui.vault.database import foreign_witness

            if foreign_witness(key, witnesses(path.parent)):
                raise KeyFileSwapped(path.parent) from exc
        raise


def open_server_database(url: str) -> Db:
    """Open the structure's base on a PostgreSQL server (`--base postgresql://…`, issue
    25), migrated to the latest schema. ServerUnreachable (French) when it cannot be
    reached; StoreError for the rest."""
    from anef_tui.store.engine.postgresql import ServerConnection, prepare_base

    conn = ServerConnection(url)
    try:
        prepare_base(conn)
        db = Db(conn)  # type: ignore[arg-type]  # the sqlite3-like adapter
        migrate(db)
    except BaseException:
        conn.close()
        raise
    return db


def open_database(
    path: Path, *, backups_dir: Path | None = None, now: Callable[[], datetime] | None = None,
    checked: bool = False, key: VaultKey | None = None,
) -> Db:
    """Open the database at `path`, migrated to the latest schema.

    Only a missing file gives a new base. An existing one is checked first, read-only
    (`inspect_file`, then `PRAGMA integrity_check`): an empty, foreign or damaged file raises
    DamagedDatabase and nothing is written to it. A symbolic link is refused. Then: files
    owner-only, WAL journal, `synchronous=FULL` (a commit that returned survives a crash or
    power loss), foreign keys and `secure_delete` on, short busy timeout. When `backups_dir`
    is given, a base that needs a migration is backed up there first. Raise StoreError
    (French) for everything else that goes wrong.

    With `key` (an encrypted folder, issue 23), every connection is keyed: a new base is
    made encrypted and stamped with the vault, an existing one must open with the key and
    record this vault (the vault's French errors otherwise: wrong key, key file of another
    folder, plain base, damaged page), its backups are encrypted with the same key.
    """
    path = Path(path)
    if not inspect_file(path):
        _create_new(path, key)
        inspect_file(path)
    elif not checked:  # `checked`: the caller checks it (open_database_checking_later)
        check_integrity(path, key)
    # Before the connection: once it is open, nothing here opens the file again.
    tighten_modes(path)
    conn: driver.Connection | None = None
    try:
        with guard(path):
            conn = _connect(path, key)
            db = Db(conn)
            conn.execute("PRAGMA journal_mode = WAL").fetchone()
            conn.execute("PRAGMA synchronous = FULL")
            version = user_version(db)
            if backups_dir is not None and 0 < version < SCHEMA_VERSION:
                backup_before_migration(db, backups_dir, version + 1, now=now, key=key)
            migrate(db)
    except BaseException:
        if conn is not None:
            conn.close()
        raise
    return db
