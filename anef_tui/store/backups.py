"""Backups of the database with SQLite's online backup API, and their restoration.

Backups live in `<data dir>/sauvegardes/` (folder 0700, files 0600), one self-contained
file each (journal mode DELETE): `anef-tui-AAAAMMJJ-HHMMSS[-RAISON].db`. They are taken:

* before each migration of a base that already had data (`-avant-migration-N`);
* once a day, at start, when the newest backup is more than 24 h old (no suffix);
* before a restoration, of the base being replaced (`-avant-restauration`), or a plain copy
  of it when it is unreadable (`-endommagee`).

Kept (policy): the 7 newest daily backups, the 3 newest of each other kind; older ones are
deleted. Backups hold personal data: a dossier abandoned today is still in the backups made
before, until they are pruned (at most 7 days for the daily ones).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sqlite3
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from anef_tui.paths import DB_NAME
from anef_tui.store.connection import Db
from anef_tui.store.errors import (
    DamagedDatabase,
    StoreBusy,
    StoreError,
    guard,
    translate_error,
)
from anef_tui.store.housekeeping import DataDirLock, make_private_dir
from anef_tui.store.sqlite_file import DB_FILE_MODE, _readonly_uri, check_integrity, inspect_file

BACKUPS_DIR = "sauvegardes"
KEEP_DAILY = 7
KEEP_OTHER = 3
DAILY_INTERVAL = timedelta(hours=24)
_NAME = re.compile(r"^anef-tui-(\d{8})-(\d{6})(?:-([a-z0-9-]+))?\.db$")

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


def _naive(moment: datetime) -> datetime:
    if moment.tzinfo is not None:
        moment = moment.astimezone().replace(tzinfo=None)
    return moment


def list_backups(data_dir: Path) -> list[Backup]:
    """The backups of `data_dir`, newest first (files whose name is not a backup's are
    ignored)."""
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
        found.append(Backup(entry.name, Path(entry.path), taken, match[3] or "", size))
    found.sort(key=lambda b: (b.taken_at, b.name), reverse=True)
    return found


def count_dossiers(path: Path) -> int | None:
    """How many dossiers a backup holds (None if it cannot be read)."""
    try:
        conn = sqlite3.connect(_readonly_uri(path), uri=True, isolation_level=None)
    except sqlite3.Error:
        return None
    try:
        return int(conn.execute("SELECT count(*) FROM dossiers").fetchone()[0])
    except sqlite3.Error:
        return None
    finally:
        conn.close()


def _target(folder: Path, moment: datetime, reason: str) -> Path:
    stem = f"anef-tui-{moment:%Y%m%d-%H%M%S}" + (f"-{reason}" if reason else "")
    path = folder / f"{stem}.db"
    number = 2
    while os.path.lexists(path):  # two backups in the same second
        if reason:
            path = folder / f"{stem}-{number}.db"
        else:
            path = folder / f"anef-tui-{moment:%Y%m%d-%H%M%S}-{number}.db"
        number += 1
    return path


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def make_backup(
    source: sqlite3.Connection, folder: Path, *, reason: str = "", now: datetime
) -> Path:
    """Copy the base open on `source` into `folder` (online backup API: consistent even
    while others write), as a self-contained file 0600 written to a temporary file first.
    Return its path. StoreError (DiskFull…) if it cannot be written; nothing is left
    half-written."""
    folder = Path(folder)
    try:
        make_private_dir(folder)
        fd, temp_name = tempfile.mkstemp(prefix=".tmp-", suffix=".db", dir=folder)
    except OSError as exc:
        raise translate_error(exc, folder) from exc
    os.close(fd)
    temp = Path(temp_name)
    try:
        with guard(folder):
            dest = sqlite3.connect(temp_name, isolation_level=None)
            try:
                source.backup(dest)
                dest.execute("PRAGMA journal_mode = DELETE").fetchone()
            finally:
                dest.close()
        try:
            with open(temp, "rb+") as fh:
                os.fsync(fh.fileno())
            os.chmod(temp, DB_FILE_MODE)
            target = _target(folder, _naive(now), reason)
            os.replace(temp, target)
        except OSError as exc:
            raise translate_error(exc, folder) from exc
        _fsync_dir(folder)
    except BaseException:
        for leftover in (temp, Path(f"{temp}-journal")):
            with contextlib.suppress(OSError):
                os.unlink(leftover)
        raise
    prune(folder)
    return target


def prune(folder: Path) -> list[Path]:
    """Keep the KEEP_DAILY newest daily backups and the KEEP_OTHER newest of each other kind;
    delete the rest. Return what was deleted."""
    kept: dict[str, int] = {}
    deleted = []
    for backup in list_backups(folder.parent):
        limit = KEEP_DAILY if backup.kind == "" else KEEP_OTHER
        kept[backup.kind] = kept.get(backup.kind, 0) + 1
        if kept[backup.kind] > limit:
            with contextlib.suppress(OSError):
                os.unlink(backup.path)
                deleted.append(backup.path)
    return deleted


def backup_before_migration(
    db: Db, folder: Path, migration: int, *, now: Callable[[], datetime] | None = None
) -> Path:
    """The backup taken before migration n° `migration` runs (see db.open_database)."""
    moment = (now or datetime.now)()
    return make_backup(db.conn, folder, reason=f"avant-migration-{migration:d}", now=moment)


def daily_backup_if_due(db: Db, data_dir: Path, *, now: datetime) -> Path | None:
    """A backup if the newest one is more than 24 h old (or there is none); else None."""
    moment = _naive(now)
    backups = list_backups(data_dir)
    if backups and moment - backups[0].taken_at < DAILY_INTERVAL:
        return None
    return make_backup(db.conn, backups_dir(data_dir), now=moment)


# --------------------------------------------------------------------------------------
# Restoration


@dataclass(frozen=True)
class Restored:
    backup: Backup
    previous: Path | None  # where the replaced base was kept (None: there was none)


def _find(data_dir: Path, name: str) -> Backup:
    for backup in list_backups(data_dir):
        if backup.name == name:
            return backup
    raise StoreError(
        f"Aucune sauvegarde ne s'appelle « {name} » dans « {backups_dir(data_dir)} » : "
        "« anef-tui sauvegardes » donne la liste des noms."
    )


def _set_aside_damaged(path: Path, folder: Path, now: datetime) -> Path:
    """A plain copy of an unreadable base (and of its -wal), so that nothing is lost."""
    make_private_dir(folder)
    target = _target(folder, now, "endommagee")
    for source, dest in ((path, target), (Path(f"{path}-wal"), Path(f"{target}-wal"))):
        if not source.exists():
            continue
        fd = os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_EXCL, DB_FILE_MODE)
        with os.fdopen(fd, "wb") as out, open(source, "rb") as src:
            shutil.copyfileobj(src, out)
            out.flush()
            os.fsync(out.fileno())
    _fsync_dir(folder)
    return target


def restore_backup(data_dir: Path, name: str, *, now: datetime | None = None) -> Restored:
    """Put backup `name` in place of the base of `data_dir`.

    Refused (StoreBusy) while anef-tui has the data directory open (another window; other
    programs that open the base are not detected: close them first). The backup must pass
    the integrity check. The current base is backed up first (`-avant-restauration`), or
    copied aside as it is if unreadable (`-endommagee`); then the backup is copied next to
    it and renamed over it (atomic), its old -wal and -shm files removed.
    """
    data_dir = Path(data_dir)
    moment = _naive(now or datetime.now())
    backup = _find(data_dir, name)
    try:
        check_integrity(backup.path)
    except DamagedDatabase as exc:
        raise StoreError(
            f"La sauvegarde « {name} » est elle-même endommagée : choisissez-en une autre "
            "(« anef-tui sauvegardes »)."
        ) from exc
    try:
        lock = DataDirLock(data_dir, exclusive=True)
    except BlockingIOError as exc:
        raise StoreBusy(
            "anef-tui est ouvert sur ces données (une autre fenêtre ?) : fermez toutes ses "
            "fenêtres, puis relancez la restauration."
        ) from exc
    except OSError as exc:
        raise translate_error(exc, data_dir) from exc
    try:
        return _restore_locked(data_dir, backup, moment)
    finally:
        lock.release()


def _restore_locked(data_dir: Path, backup: Backup, moment: datetime) -> Restored:
    path = data_dir / DB_NAME
    folder = backups_dir(data_dir)
    previous: Path | None = None
    readable = False
    try:
        readable = inspect_file(path)
        if readable:
            check_integrity(path)
    except DamagedDatabase:
        readable = False
        previous = _set_aside_damaged(path, folder, moment)
    if readable:
        conn = sqlite3.connect(str(path), isolation_level=None)
        try:
            with guard(path):
                previous = make_backup(conn, folder, reason="avant-restauration", now=moment)
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        finally:
            conn.close()
    try:
        fd, temp_name = tempfile.mkstemp(prefix=".nouvelle-base-", suffix=".db", dir=data_dir)
        with os.fdopen(fd, "wb") as out, open(backup.path, "rb") as src:
            shutil.copyfileobj(src, out)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp_name, DB_FILE_MODE)
        for stale in (Path(f"{path}-wal"), Path(f"{path}-shm")):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(stale)
        os.replace(temp_name, path)
        _fsync_dir(data_dir)
    except OSError as exc:
        with contextlib.suppress(OSError, UnboundLocalError):
            os.unlink(temp_name)
        raise translate_error(exc, path) from exc
    return Restored(backup, previous)
