"""Deleting the files of `pieces/` nothing refers to any more: unreferenced blobs, files no
blob row names, leftover temporary copies (a copy still being written is locked, and kept).

Module level, apart from AttachmentStore, so that DossierStore.abandon calls it without
importing the attachment checks.
"""

from __future__ import annotations

import contextlib
import logging
import os
from pathlib import Path

from anef_tui.paths import ATTACHMENTS_DIR
from anef_tui.store import driver
from anef_tui.store.database import Database, HasDatabase, database_of
from anef_tui.store.errors import StoreError
from anef_tui.store.housekeeping import TEMP_PREFIX, temp_in_use

# The attachment store's logger, whichever of its modules writes.
log = logging.getLogger("anef_tui.store.attachments")


def _unlink(path: Path) -> bool:
    """Delete one file; True if it was there and is now gone."""
    try:
        os.unlink(path)
    except FileNotFoundError:
        return False
    except OSError as exc:
        log.warning("cannot delete %s: %s", path, exc)
        raise
    return True


def cleanup(store: Database | HasDatabase) -> int:
    """Delete unreferenced blobs, and files in `pieces/` that no blob row names.

    Runs inside one write transaction of `store`, so no other writer can reference a blob
    while its file is being deleted. A file that cannot be deleted keeps its blob row (the
    next cleanup tries again). Temporary copies still being written are kept. Return how
    many files were removed.
    """
    database = database_of(store)
    pieces = database.data_dir / ATTACHMENTS_DIR
    removed = 0
    with database.transaction() as db:
        conn = db.conn
        unreferenced = conn.execute(
            "SELECT sha256, stored_name FROM blobs b WHERE NOT EXISTS "
            "(SELECT 1 FROM attachments a WHERE a.sha256 = b.sha256)"
        ).fetchall()
        for sha256, stored_name in unreferenced:
            try:
                removed += _unlink(pieces / stored_name)
            except OSError:
                continue
            conn.execute("DELETE FROM blobs WHERE sha256 = ?", (sha256,))
        named = {row[0] for row in conn.execute("SELECT stored_name FROM blobs")}
        removed += _sweep(pieces, named)
    return removed


def _sweep(pieces: Path, named: set[str]) -> int:
    """Delete the files of `pieces/` (and of its sub-folders) not in `named`."""
    removed = 0
    try:
        entries = list(os.scandir(pieces))
    except FileNotFoundError:
        return 0
    except OSError as exc:
        log.warning("cannot list %s: %s", pieces, exc)
        return 0
    for entry in entries:
        path = Path(entry.path)
        try:
            if entry.is_dir(follow_symlinks=False):
                removed += _sweep_shard(path, entry.name, named)
                continue
            if entry.name.startswith(TEMP_PREFIX) and temp_in_use(path):
                continue
            removed += _unlink(path)
        except OSError:
            continue
    return removed


def _sweep_shard(shard: Path, shard_name: str, named: set[str]) -> int:
    removed = 0
    for entry in list(os.scandir(shard)):
        if entry.is_dir(follow_symlinks=False) or f"{shard_name}/{entry.name}" in named:
            continue
        try:
            removed += _unlink(Path(entry.path))
        except OSError:
            continue
    with contextlib.suppress(OSError):
        if not any(os.scandir(shard)):
            os.rmdir(shard)
    return removed


def cleanup_quietly(store: Database | HasDatabase) -> int:
    """`cleanup` after a change that already succeeded: a failure is logged, not raised
    (the files left behind are removed by the next cleanup).

    Skipped inside a caller's transaction: that transaction could still be rolled back, and
    files must not be deleted before the deletion of their references is committed.
    """
    database = database_of(store)
    try:
        with database.lock:
            if database.db.conn.in_transaction:
                return 0
            return cleanup(database)
    except (StoreError, OSError, driver.Error) as exc:
        log.warning("attachment cleanup failed: %s", exc)
        return 0
