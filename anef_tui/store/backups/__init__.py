"""Backups of the database with SQLite's online backup API, and their restoration.

Backups live in `<data dir>/sauvegardes/` (folder 0700, files 0600), one self-contained
file each (journal mode DELETE): `anef-tui-AAAAMMJJ-HHMMSS[-RAISON][-N].db`. They are taken:

* before each migration of a base that already had data (`-avant-migration-N`);
* once a day, at start, when no backup was taken in the 24 h before now (a backup dated
  after now — the clock was ahead, or went back — does not count);
* before a restoration, of the base being replaced (`-avant-restauration`), or a plain copy
  of it when it is unreadable (`-endommagee`).

Kept (policy): the 7 newest daily backups, the 3 newest of each other kind; older ones are
deleted (a backup dated after now ranks as the oldest). Never deleted while a restoration
awaits confirmation (`anef-tui sauvegardes --confirmer`): the copies that hold a base of
their own — the base as it was before the first restoration, and any restored base changed
before the next one (`pending.py`). Backups hold personal data: a dossier abandoned today is
still in the backups made before, until they are pruned (at most 7 days for the daily ones).

Where each part lives: `copies` (names, making, listing, pruning), `schedule` (daily and
before a migration), `pending` (the restoration awaiting confirmation), `vetting` (what may
be restored), `restore` (restoring, confirming). Import from this package.
"""

from __future__ import annotations

from anef_tui.store.backups.copies import (
    BACKUPS_DIR,
    KEEP_DAILY,
    KEEP_OTHER,
    REASON_LABELS,
    Backup,
    backups_dir,
    count_dossiers,
    list_backups,
    make_backup,
    prune,
)
from anef_tui.store.backups.pending import (
    CONFIRM_COMMAND,
    PENDING_FILE,
    Pending,
    read_pending,
)
from anef_tui.store.backups.restore import Confirmed, Restored, confirm_restore, restore_backup
from anef_tui.store.backups.schedule import (
    DAILY_INTERVAL,
    backup_before_migration,
    daily_backup_if_due,
)
from anef_tui.store.backups.vetting import content_digest, vet_backup

__all__ = [
    "BACKUPS_DIR",
    "CONFIRM_COMMAND",
    "DAILY_INTERVAL",
    "KEEP_DAILY",
    "KEEP_OTHER",
    "PENDING_FILE",
    "REASON_LABELS",
    "Backup",
    "Confirmed",
    "Pending",
    "Restored",
    "backup_before_migration",
    "backups_dir",
    "confirm_restore",
    "content_digest",
    "count_dossiers",
    "daily_backup_if_due",
    "list_backups",
    "make_backup",
    "prune",
    "read_pending",
    "restore_backup",
    "vet_backup",
]
