"""Putting a backup in place of the base, and confirming the restored base.

`restore_backup`: refused (StoreBusy) while anef-tui has the data directory open (another
window; other programs that open the base are not detected: close them first). The backup
is copied next to the base and vetted there (`vetting.vet_backup`: nothing is written to the
base if it is refused). Then the current base is backed up (`-avant-restauration`), or
copied aside as it is if unreadable (`-endommagee`), and the copy is renamed over it
(atomic), its old -wal and -shm files removed. Copies that hold a base of their own are
kept until `confirm_restore` (see `pending.py`).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from anef_tui.paths import DB_NAME
from anef_tui.store import driver
from anef_tui.store.backups.copies import (
    Backup,
    backups_dir,
    fsync_dir,
    key_copy_path,
    list_backups,
    make_backup,
    naive,
    open_backup,
    prune,
    target_path,
)
from anef_tui.store.backups.pending import (
    RESTORE_KINDS,
    Pending,
    clear_pending,
    read_pending,
    write_pending,
)
from anef_tui.store.backups.vetting import digest_of, vet_backup
from anef_tui.store.errors import (
    LIST_BACKUPS_COMMAND,
    DamagedDatabase,
    StoreBusy,
    StoreError,
    guard,
    translate_error,
)
from anef_tui.store.housekeeping import NEW_BASE_PREFIX, DataDirLock, make_private_dir
from anef_tui.store.sqlite_file import DB_FILE_MODE, check_integrity, connect_to, inspect_file

if TYPE_CHECKING:
    from anef_tui.vault.keys import VaultKey


@dataclass(frozen=True)
class Restored:
    backup: Backup
    previous: Path | None  # where the replaced base was kept (None: there was none)
    previous_kept: bool  # `previous` holds a base of its own: kept until confirmation
    #: The first copy kept since the last confirmation: the base before the restorations.
    before_restorations: Path | None


@dataclass(frozen=True)
class Confirmed:
    released: tuple[str, ...]  # copies that follow the pruning rule again
    deleted: list[Path]  # what the pruning rule then deleted


def _find(data_dir: Path, name: str) -> Backup:
    for backup in list_backups(data_dir):
        if backup.name == name:
            return backup
    raise StoreError(
        f"Aucune sauvegarde ne s'appelle « {name} » dans « {backups_dir(data_dir)} » : "
        f"« {LIST_BACKUPS_COMMAND} » donne la liste des noms."
    )


def restore_backup(data_dir: Path, name: str, *, now: datetime | None = None,
                   key: VaultKey | None = None) -> Restored:
    """Put backup `name` in place of the base of `data_dir` (see the module's docstring).

    `key`: the unlocked vault of an encrypted folder (VaultLocked without it): the backup
    must be this vault's (its stamp, and its copy of `coffre.cle`), the base it replaces is
    backed up encrypted."""
    data_dir = Path(data_dir)
    _check_key(data_dir, key)
    moment = naive(now or datetime.now())
    backup = _find(data_dir, name)
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
        return _restore_locked(data_dir, backup, moment, key)
    finally:
        lock.release()


def _check_key(data_dir: Path, key: VaultKey | None) -> None:
    from anef_tui.vault.errors import KeyFileMissing, VaultLocked
    from anef_tui.vault.keyfile import key_file_path

    present = os.path.lexists(key_file_path(data_dir))
    if key is None and present:
        raise VaultLocked(data_dir)
    if key is not None and not present:
        raise KeyFileMissing(key_file_path(data_dir))


def _check_key_copy(backup: Backup, key: VaultKey | None) -> None:
    """A backup whose copy of `coffre.cle` names another vault is refused before anything
    is copied (its stamp is checked again once opened, `vet_backup`)."""
    if key is None:
        return
    from anef_tui.vault.errors import ForeignBackup, VaultError
    from anef_tui.vault.keyfile import read_key_file

    copy = key_copy_path(backup.path)
    if not os.path.lexists(copy):
        return
    try:
        found = read_key_file(copy).vault_id
    except VaultError:
        return  # a damaged copy proves nothing: the stamp decides
    if found != key.vault_id:
        raise ForeignBackup(backup.name,
                            "elle vient d'un autre dossier de données (un autre coffre)")


def _side_files(path: Path) -> tuple[Path, Path]:
    return Path(f"{path}-wal"), Path(f"{path}-shm")


def _copy_in(backup: Backup, data_dir: Path) -> Path:
    """The backup copied next to the base (0600, on disk), under a temporary name."""
    temp: str | None = None
    try:
        fd, temp = tempfile.mkstemp(prefix=NEW_BASE_PREFIX, suffix=".db", dir=data_dir)
        with os.fdopen(fd, "wb") as out, open(backup.path, "rb") as src:
            shutil.copyfileobj(src, out)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, DB_FILE_MODE)
    except OSError as exc:
        if temp is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp)
        raise translate_error(exc, backup.path) from exc
    return Path(temp)


def _restore_locked(data_dir: Path, backup: Backup, moment: datetime,
                    key: VaultKey | None) -> Restored:
    path = data_dir / DB_NAME
    folder = backups_dir(data_dir)
    _check_key_copy(backup, key)
    temp = _copy_in(backup, data_dir)
    try:
        digest = vet_backup(temp, backup.name, key)
        for leftover in _side_files(temp):  # a read-only look at a WAL-mode file makes them
            with contextlib.suppress(FileNotFoundError):
                os.unlink(leftover)
        pending = read_pending(folder)
        previous = _keep_current(path, folder, moment, key)
        own = previous is not None and _holds_a_base_of_its_own(previous, pending, folder, key)
        kept = _still_there(folder, _kept_so_far(pending, data_dir))
        if previous is not None and own and previous.name not in kept:
            kept.append(previous.name)
        write_pending(folder, Pending(tuple(kept), backup.name, digest))
        for stale in _side_files(path):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(stale)
        os.replace(temp, path)
        fsync_dir(data_dir)
        _anchor_restored(data_dir, backup, moment, key)
    except BaseException as exc:
        for leftover in (temp, *_side_files(temp)):
            with contextlib.suppress(OSError):
                os.unlink(leftover)
        if isinstance(exc, OSError):
            raise translate_error(exc, path) from exc
        raise
    return Restored(backup, previous, own, folder / kept[0] if kept else None)


def _anchor_restored(data_dir: Path, backup: Backup, moment: datetime,
                     key: VaultKey | None) -> None:
    """A restoration takes the journal back to the backup's: its head becomes the anchor,
    and the backups taken before now no longer count as anchors (`journal/anchor.py`)."""
    from anef_tui.store.journal.anchor_file import write_anchor
    from anef_tui.store.journal.chain import head

    with contextlib.suppress(OSError, StoreError, driver.Error):
        conn = open_backup(backup.path, key)
        try:
            seq, chain = head(conn)
        finally:
            conn.close()
        write_anchor(data_dir, key, seq, chain, moment.isoformat(timespec="seconds"))


def _keep_current(path: Path, folder: Path, moment: datetime,
                  key: VaultKey | None) -> Path | None:
    """Back up the base about to be replaced (a plain copy if it is unreadable); None if
    there is none."""
    try:
        readable = inspect_file(path)
        if readable:
            check_integrity(path, key)
    except DamagedDatabase:
        return _set_aside_damaged(path, folder, moment)
    if not readable:
        return None
    conn = connect_to(str(path), key, isolation_level=None)
    try:
        with guard(path):
            previous = make_backup(conn, folder, reason="avant-restauration", now=moment,
                                   key=key)
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    finally:
        conn.close()
    return previous


def _set_aside_damaged(path: Path, folder: Path, now: datetime) -> Path:
    """A plain copy of an unreadable base (and of its -wal), so that nothing is lost.

    Read with open(): no SQLite connection to the base is open in this process here (the
    restore holds the data directory's lock exclusively, so no store is open, and the
    integrity check closed its own), so no POSIX lock of SQLite's can be dropped."""
    make_private_dir(folder)
    target = target_path(folder, now, "endommagee")
    for source, dest in ((path, target), (Path(f"{path}-wal"), Path(f"{target}-wal"))):
        if not source.exists():
            continue
        fd = os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_EXCL, DB_FILE_MODE)
        with os.fdopen(fd, "wb") as out, open(source, "rb") as src:
            shutil.copyfileobj(src, out)
            out.flush()
            os.fsync(out.fileno())
    fsync_dir(folder)
    return target


def _holds_a_base_of_its_own(previous: Path, pending: Pending | None, folder: Path,
                             key: VaultKey | None) -> bool:
    """Whether the copy `previous` of the replaced base is more than a copy of the backup
    restored last: no restoration since the last confirmation, or the restored base was
    changed since, or that backup is gone (or the state is unreadable)."""
    if pending is None or pending.unreadable or not (pending.restored and pending.digest):
        return True
    if not os.path.lexists(folder / pending.restored):
        return True
    return digest_of(previous, key) != pending.digest  # None (unreadable): its own


def _kept_so_far(pending: Pending | None, data_dir: Path) -> list[str]:
    if pending is None:
        return []
    if pending.unreadable:  # keep every copy made by a restoration, oldest first
        return [b.name for b in reversed(list_backups(data_dir)) if b.kind in RESTORE_KINDS]
    return list(pending.protected)


def _still_there(folder: Path, names: list[str]) -> list[str]:
    return [name for name in names if os.path.lexists(folder / name)]


def confirm_restore(data_dir: Path, *, now: datetime | None = None) -> Confirmed | None:
    """The restored base is the right one: the copies kept since the first restoration
    follow the pruning rule again (and are pruned now). None: no restoration to confirm."""
    folder = backups_dir(data_dir)
    pending = read_pending(folder)
    if pending is None:
        return None
    clear_pending(folder)
    deleted = prune(folder, now=naive(now or datetime.now()))
    return Confirmed(pending.protected, deleted)
