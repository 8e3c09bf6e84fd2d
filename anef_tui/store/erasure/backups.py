"""Backups made before an erasure no longer give the person back: each backup that holds
one of the erased dossiers is rewritten without them.

Chosen over per-backup keys destroyed: it works the same for plain and encrypted folders,
and keeps every other dossier of the backup restorable. For each backup: a copy beside it
(`.effacement-*`), opened with the folder's key, the person's rows deleted by the same SQL
as the live base (`rows.py`, `secure_delete` on), then VACUUM (no freed page left), the
copy put in the backup's place under its name and with its times (the old file kept under
a temporary name until the new one is in place, then overwritten and removed). A backup
that cannot be opened (damaged, another vault) is left as it is and counted apart.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from anef_tui.store import driver
from anef_tui.store.backups.copies import backups_dir, fsync_dir, list_backups
from anef_tui.store.erasure import rows
from anef_tui.store.errors import StoreError
from anef_tui.store.exports import shred
from anef_tui.store.sqlite_file import DB_FILE_MODE, connect_to

if TYPE_CHECKING:
    from anef_tui.vault.keys import VaultKey

#: Temporary files of a rewrite, in `sauvegardes/` (shredded if an erasure was cut short).
PREFIX = ".effacement-"


@dataclass(frozen=True)
class Rewritten:
    rewritten: int = 0  # backups that held the person, rewritten without them
    unreadable: int = 0  # backups that could not be opened to check


def holding(data_dir: Path, ids: tuple[int, ...], key: VaultKey | None) -> tuple[int, int]:
    """How many backups hold one of `ids`, and how many could not be read."""
    held = unreadable = 0
    for backup in list_backups(data_dir):
        found = _holds(backup.path, ids, key)
        if found is None:
            unreadable += 1
        elif found:
            held += 1
    return held, unreadable


def _holds(path: Path, ids: tuple[int, ...], key: VaultKey | None) -> bool | None:
    from anef_tui.store.backups.copies import open_backup

    if not ids:
        return False
    try:
        conn = open_backup(path, key)
    except (driver.Error, StoreError):
        return None
    try:
        marks = ",".join("?" for _ in ids)
        return conn.execute(
            f"SELECT 1 FROM dossiers WHERE id IN ({marks}) LIMIT 1", ids).fetchone() is not None
    except driver.Error:
        return None
    finally:
        conn.close()


def sweep_leftovers(data_dir: Path) -> int:
    """Shred the temporary files of a rewrite cut short."""
    removed = 0
    try:
        entries = list(os.scandir(backups_dir(data_dir)))
    except OSError:
        return 0
    for entry in entries:
        if entry.name.startswith(PREFIX):
            with contextlib.suppress(OSError):
                if entry.stat(follow_symlinks=False).st_nlink > 1:
                    # the old name of a backup not yet replaced: the backup itself
                    os.unlink(entry.path)
                    removed += 1
                else:
                    removed += shred(Path(entry.path))
    return removed


def rewrite_backups(data_dir: Path, ids: tuple[int, ...], at: str,
                    key: VaultKey | None,
                    step: Callable[[str], None] = lambda _name: None) -> Rewritten:
    """Rewrite every backup of `data_dir` that holds one of `ids` (see the module)."""
    sweep_leftovers(data_dir)
    rewritten = unreadable = 0
    for backup in list_backups(data_dir):
        found = _holds(backup.path, ids, key)
        if found is None:
            unreadable += 1
            continue
        if found:
            _rewrite(backup.path, ids, at, key, step)
            rewritten += 1
    return Rewritten(rewritten, unreadable)


def _rewrite(path: Path, ids: tuple[int, ...], at: str, key: VaultKey | None,
             step: Callable[[str], None]) -> None:
    folder = path.parent
    info = os.stat(path)
    fd, name = tempfile.mkstemp(prefix=PREFIX, suffix=".db", dir=folder)
    temp = Path(name)
    try:
        with os.fdopen(fd, "wb") as out, open(path, "rb") as src:
            shutil.copyfileobj(src, out)
        os.chmod(temp, DB_FILE_MODE)
        conn = connect_to(str(temp), key, isolation_level=None)
        try:
            conn.execute("PRAGMA secure_delete = ON")
            conn.execute("PRAGMA foreign_keys = OFF")  # the same explicit deletes as live
            conn.execute("BEGIN IMMEDIATE")
            family = rows.family(conn, ids)
            found = rows.found_for(conn, family)
            rows.delete_rows(conn, found.dossiers, found.notifications)
            rows.tombstone(conn, found.dossiers, at)
            for sha, _ in rows.unreferenced(conn, found.hashes):
                conn.execute("DELETE FROM blobs WHERE sha256 = ?", (sha,))
            conn.execute("COMMIT")
            conn.execute("VACUUM")
        finally:
            conn.close()
        with open(temp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.utime(temp, ns=(info.st_atime_ns, info.st_mtime_ns))
        step("sauvegarde-copie")
        old: Path | None = folder / f"{PREFIX}ancienne-{os.getpid()}-{path.name}"
        try:
            os.link(path, old)  # type: ignore[arg-type]
        except OSError:  # no hard links here: the old file is replaced unwritten
            old = None
        step("sauvegarde-lien")
        os.replace(temp, path)
        fsync_dir(folder)
        step("sauvegarde-remplacee")
        if old is not None:
            shred(old)
    except BaseException:
        for leftover in (temp, Path(f"{temp}-journal")):
            with contextlib.suppress(OSError):
                shred(leftover)
        raise
