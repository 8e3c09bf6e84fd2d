"""When backups are taken by themselves: before a migration, and once a day at start.

The daily one is due when no backup was taken in the 24 h before now. A backup whose name
says it was taken *after* now does not count: the clock was ahead when it was taken (a run
in 2031), or is behind now (it went back). Either way it says nothing about the last
24 h, and it must not stop the daily backups (nor push them out: see `copies.prune`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from anef_tui.store.backups.copies import backups_dir, list_backups, make_backup, naive
from anef_tui.store.connection import Db

if TYPE_CHECKING:
    from anef_tui.vault.keys import VaultKey

DAILY_INTERVAL = timedelta(hours=24)


def backup_before_migration(
    db: Db, folder: Path, migration: int, *, now: Callable[[], datetime] | None = None,
    key: VaultKey | None = None,
) -> Path:
    """The backup taken before migration n° `migration` runs (see db.open_database)."""
    moment = (now or datetime.now)()
    return make_backup(db.conn, folder, reason=f"avant-migration-{migration:d}", now=moment,
                       key=key)


def daily_backup_if_due(db: Db, data_dir: Path, *, now: datetime,
                        key: VaultKey | None = None) -> Path | None:
    """A backup if none was taken in the 24 h before `now` (backups dated after `now` do not
    count); else None."""
    moment = naive(now)
    for backup in list_backups(data_dir):  # newest first
        if backup.taken_at <= moment:
            if moment - backup.taken_at < DAILY_INTERVAL:
                return None
            break
    return make_backup(db.conn, backups_dir(data_dir), now=moment, key=key)
