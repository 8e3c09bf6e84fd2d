"""Writing a file of the vault whole or not at all: a temporary file beside the target
(owner-only from its creation, whatever the umask), fsync, then an atomic rename and an fsync
of the folder. A reader sees the old file or the new one, never half of either; an
interruption leaves at most a temporary file whose name starts with TEMP_PREFIX.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path

from anef_tui.paths import make_private_dir

FILE_MODE = 0o600
#: Leftovers of an interrupted write start with this (a later clean-up may remove them).
TEMP_PREFIX = ".coffre-tmp-"


def private_temp(folder: Path, *, own_folder: bool = True) -> tuple[int, Path]:
    """A new empty temporary file in `folder`, 0600, open for writing: its descriptor and
    its path. own_folder: the folder is the app's (created 0700 if missing, tightened if
    wider); False for a folder the user chose (an export's), which must exist and is left
    as it is."""
    if own_folder:
        make_private_dir(folder)
    fd, name = tempfile.mkstemp(prefix=TEMP_PREFIX, dir=folder)
    try:
        os.fchmod(fd, FILE_MODE)  # mkstemp's 0600 already; said again for an odd system
    except OSError:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise
    return fd, Path(name)


def fsync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable (where the system allows opening a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def commit(temp: Path, target: Path, *, replace: bool = True) -> None:
    """Put the fsynced `temp` in `target`'s place atomically. With replace=False an
    existing `target` is never replaced: FileExistsError (temp removed)."""
    try:
        if replace:
            os.replace(temp, target)
        else:
            _link_new(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    fsync_folder(target.parent)


def _link_new(temp: Path, target: Path) -> None:
    try:
        os.link(temp, target)  # atomic, and refuses an existing target (EEXIST)
    except OSError as exc:
        if exc.errno == errno.EEXIST:
            raise
        # A disk without hard links (FAT, some network shares): check then rename.
        if os.path.lexists(target):
            raise FileExistsError(errno.EEXIST, "", os.fspath(target)) from exc
        os.replace(temp, target)
        return
    os.unlink(temp)


def write_bytes(target: Path, data: bytes, *, replace: bool = True,
                own_folder: bool = True) -> None:
    """Write `data` to `target` whole or not at all, owner-only (OSError as raised).
    `own_folder` False: a folder of the user's (made nor chmod-ed), as `private_temp`."""
    fd, temp = private_temp(target.parent, own_folder=own_folder)
    try:
        with open(fd, "wb", closefd=True) as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    commit(temp, target, replace=replace)
