"""Start-up housekeeping of the data directory: leftovers of interrupted work, the lock that
tells a restore whether the app is running, owner-only folders. Light (no attachment checks,
no sqlite-utils): it runs at every start.
"""

from __future__ import annotations

import logging
import os
import stat
import time
from pathlib import Path

from anef_tui.paths import ATTACHMENTS_DIR, make_private_dir  # noqa: F401 - re-exported

try:  # POSIX only
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger(__name__)

DIR_MODE = 0o700
FILE_MODE = 0o600
#: Prefix of the temporary copies written in `pieces/` before they are moved into place.
TEMP_PREFIX = ".tmp-"
#: A temporary file whose lock cannot be tested is a leftover once it is this old (seconds).
STALE_TEMP_SECONDS = 3600
#: Held shared by every open store, exclusively by a restore (see backups.restore_backup).
LOCK_FILE = ".anef-tui.verrou"
DOCUMENTS_DIR = "documents"
#: A new base being created (see `sqlite_file._create_new`) is first written under this name.
NEW_BASE_PREFIX = ".nouvelle-base-"


def temp_in_use(path: Path) -> bool:
    """True while another process is still writing this temporary file (it holds a `flock`
    on it), or when that cannot be known and the file is recent."""
    if fcntl is None:  # pragma: no cover - Windows: deleting an open file fails instead
        return False
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return True  # gone already, or not ours to judge
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    except OSError:
        try:
            return time.time() - os.fstat(fd).st_mtime < STALE_TEMP_SECONDS
        except OSError:
            return True
    finally:
        os.close(fd)  # also releases the lock
    return False


def _old(path: Path, now: float) -> bool:
    try:
        return now - os.lstat(path).st_mtime >= STALE_TEMP_SECONDS
    except OSError:
        return False


def sweep_temporaries(data_dir: Path) -> int:
    """Delete leftovers of interrupted work; return how many files went.

    * `pieces/.tmp-*`: copies of an attachment interrupted by a kill (not locked any more);
    * `documents/*.tmp`, `documents/.tmp-*`: PDFs interrupted while written (older than an
      hour: their writers hold no lock);
    * `.nouvelle-base-*`: a new base whose creation was interrupted (older than an hour).
    """
    removed = 0
    now = time.time()
    candidates: list[tuple[Path, bool]] = []  # (path, lockable)
    for folder, test in (
        (data_dir / ATTACHMENTS_DIR, lambda n: n.startswith(TEMP_PREFIX)),
        (data_dir / DOCUMENTS_DIR, lambda n: n.startswith(TEMP_PREFIX) or n.endswith(".tmp")),
        (data_dir, lambda n: n.startswith(NEW_BASE_PREFIX)),
    ):
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if test(entry.name) and entry.is_file(follow_symlinks=False):
                candidates.append((Path(entry.path), folder.name == ATTACHMENTS_DIR))
    for path, lockable in candidates:
        if (temp_in_use(path) if lockable else not _old(path, now)):
            continue
        try:
            os.unlink(path)
            removed += 1
        except OSError as exc:
            log.warning("cannot delete %s: %s", path, exc)
    return removed


class DataDirLock:
    """A shared `flock` on `<data_dir>/.anef-tui.verrou` while a store is open, so that a
    restore (which needs it exclusively) knows the app is running."""

    def __init__(self, data_dir: Path, *, exclusive: bool = False) -> None:
        self.fd: int | None = None
        if fcntl is None:  # pragma: no cover - Windows
            return
        path = Path(data_dir) / LOCK_FILE
        fd = os.open(
            path,
            os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0),
            FILE_MODE,
        )
        try:
            if stat.S_IMODE(os.fstat(fd).st_mode) != FILE_MODE:
                os.fchmod(fd, FILE_MODE)
            fcntl.flock(fd, (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
        except BaseException:
            os.close(fd)
            raise
        self.fd = fd

    def release(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None
