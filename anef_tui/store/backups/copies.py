"""The backup files themselves: their names, making one, listing them, pruning old ones.

A backup is one self-contained SQLite file (journal mode DELETE, 0600) in `sauvegardes/`
(0700): `anef-tui-AAAAMMJJ-HHMMSS[-RAISON][-N].db`, `-N` (2, 3…) when two backups are taken
in the same second. Its time is the one written in its name (the app's clock when it was
taken), which may be wrong if the clock was wrong.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from anef_tui.store import driver
from anef_tui.store.backups.pending import read_pending
from anef_tui.store.errors import StoreError, guard, translate_error
from anef_tui.store.housekeeping import make_private_dir
from anef_tui.store.sqlite_file import DB_FILE_MODE, _readonly_uri, connect_to

if TYPE_CHECKING:
    from anef_tui.vault.keys import VaultKey

BACKUPS_DIR = "sauvegardes"
KEEP_DAILY = 7
KEEP_OTHER = 3
#: The reason is a word or `avant-migration-N`; a trailing `-N` is the same-second number.
_NAME = re.compile(
    r"^anef-tui-(\d{8})-(\d{6})(?:-(avant-migration-\d+|[a-z](?:[a-z-]*[a-z])?))?(?:-(\d+))?\.db$"
)

REASON_LABELS = {
    "": "quotidienne",
    "avant-restauration": "avant une restauration",
    "endommagee": "base endommagée mise de côté",
}


@dataclass(frozen=True)
class Backup:
    name: str
    path: Path
    taken_at: datetime
    reason: str  # "" (daily), "avant-migration-5", "avant-restauration", "endommagee"
    size: int
    sequence: int = 1  # 2, 3… for the second, third backup of the same kind in one second

    @property
    def reason_label(self) -> str:
        if self.reason.startswith("avant-migration-"):
            return f"avant la mise à jour n° {self.reason.rsplit('-', 1)[-1]}"
        return REASON_LABELS.get(self.reason, self.reason)

    @property
    def kind(self) -> str:
        if self.reason.startswith("avant-migration-"):
            return "avant-migration"
        return self.reason


def backups_dir(data_dir: Path) -> Path:
    return Path(data_dir) / BACKUPS_DIR


def naive(moment: datetime) -> datetime:
    """Local time without time zone, as in the backups' names."""
    if moment.tzinfo is not None:
        moment = moment.astimezone().replace(tzinfo=None)
    return moment


def list_backups(data_dir: Path) -> list[Backup]:
    """The backups of `data_dir`, newest first by the time in their name (files whose name
    is not a backup's are ignored)."""
    found = []
    try:
        entries = list(os.scandir(backups_dir(data_dir)))
    except OSError:
        return []
    for entry in entries:
        match = _NAME.match(entry.name)
        if not match or not entry.is_file(follow_symlinks=False):
            continue
        try:
            taken = datetime.strptime(match[1] + match[2], "%Y%m%d%H%M%S")
            size = entry.stat(follow_symlinks=False).st_size
        except (ValueError, OSError):
            continue
        found.append(
            Backup(entry.name, Path(entry.path), taken, match[3] or "", size, int(match[4] or 1))
        )
    found.sort(key=lambda b: (b.taken_at, b.sequence, b.name), reverse=True)
    return found


def key_copy_path(backup: Path) -> Path:
    """Where a backup of an encrypted folder keeps its copy of `coffre.cle` (beside it, same
    name, `.cle`): the key file is the one way into the data, and not secret without the
    passphrase or the recovery key."""
    return Path(backup).with_suffix(".cle")


def open_backup(path: Path, key: VaultKey | None) -> driver.Connection:
    """A read-only connection to a backup, keyed for an encrypted folder."""
    return connect_to(_readonly_uri(path), key, path, uri=True, isolation_level=None)


def count_dossiers(path: Path, key: VaultKey | None = None) -> int | None:
    """How many dossiers a backup holds (None if it cannot be read, or not with `key`)."""
    try:
        conn = open_backup(path, key)
    except (driver.Error, StoreError):
        return None
    try:
        return int(conn.execute("SELECT count(*) FROM dossiers").fetchone()[0])
    except driver.Error:
        return None
    finally:
        conn.close()


def target_path(folder: Path, moment: datetime, reason: str) -> Path:
    """A free name for a backup taken at `moment` for `reason` (`-2`, `-3`… if taken)."""
    stem = f"anef-tui-{moment:%Y%m%d-%H%M%S}" + (f"-{reason}" if reason else "")
    path = folder / f"{stem}.db"
    number = 2
    while os.path.lexists(path):  # two backups in the same second
        path = folder / f"{stem}-{number}.db"
        number += 1
    return path


def fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def make_backup(
    source: driver.Connection, folder: Path, *, reason: str = "", now: datetime,
    key: VaultKey | None = None,
) -> Path:
    """Copy the base open on `source` into `folder` (online backup API: consistent even
    while others write), as a self-contained file 0600 written to a temporary file first.
    Return its path. StoreError (DiskFull…) if it cannot be written; nothing is left
    half-written.

    With `key` (an encrypted folder), the copy is encrypted with the same key (the backup
    API into a keyed destination) and the folder's `coffre.cle` is copied beside it
    (`key_copy_path`) before the backup gets its name."""
    folder = Path(folder)
    moment = naive(now)
    try:
        make_private_dir(folder)
        fd, temp_name = tempfile.mkstemp(prefix=".tmp-", suffix=".db", dir=folder)
    except OSError as exc:
        raise translate_error(exc, folder) from exc
    os.close(fd)
    temp = Path(temp_name)
    try:
        with guard(folder):
            dest = connect_to(temp_name, key, isolation_level=None)
            try:
                source.backup(dest)
                dest.execute("PRAGMA journal_mode = DELETE").fetchone()
            finally:
                dest.close()
        try:
            with open(temp, "rb+") as fh:
                os.fsync(fh.fileno())
            os.chmod(temp, DB_FILE_MODE)
            target = target_path(folder, moment, reason)
            if key is not None:
                _copy_key_file(folder.parent, key_copy_path(target))
            os.replace(temp, target)
        except OSError as exc:
            raise translate_error(exc, folder) from exc
        fsync_dir(folder)
    except BaseException:
        for leftover in (temp, Path(f"{temp}-journal")):
            with contextlib.suppress(OSError):
                os.unlink(leftover)
        raise
    prune(folder, now=moment)
    return target


def _copy_key_file(data_dir: Path, target: Path) -> None:
    from anef_tui.vault.keyfile import key_file_path
    from anef_tui.vault.writing import write_bytes

    source = key_file_path(data_dir)
    with open(source, "rb") as fh:
        data = fh.read(64 * 1024)
    write_bytes(target, data)


def prune(folder: Path, *, now: datetime | None = None) -> list[Path]:
    """Keep the KEEP_DAILY newest daily backups and the KEEP_OTHER newest of each other kind;
    delete the rest. Return what was deleted.

    Never deleted: a copy kept until a restoration is confirmed (`pending.py`). With `now`,
    a backup whose name says it was taken after `now` (the clock was ahead then, or is
    behind now) ranks after all the others of its kind: it never pushes out the backups
    taken since."""
    pending = read_pending(folder)
    backups = list_backups(folder.parent)
    if now is not None:
        moment = naive(now)
        backups.sort(key=lambda b: b.taken_at > moment)  # stable: newest first in each group
    kept: dict[str, int] = {}
    deleted = []
    for backup in backups:
        if pending is not None and pending.protects(backup.name, backup.kind):
            continue
        limit = KEEP_DAILY if backup.kind == "" else KEEP_OTHER
        kept[backup.kind] = kept.get(backup.kind, 0) + 1
        if kept[backup.kind] > limit:
            with contextlib.suppress(OSError):
                os.unlink(backup.path)
                deleted.append(backup.path)
            with contextlib.suppress(OSError):  # the log copied with a damaged base
                os.unlink(f"{backup.path}-wal")
            with contextlib.suppress(OSError):  # its copy of the key file
                os.unlink(key_copy_path(backup.path))
    return deleted
