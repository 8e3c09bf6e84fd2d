"""Copying an attached file into `pieces/`: owner-only folders and files, the copy hashed
on the way and refused if the file changes meanwhile, durable renames.

The user's original file is only ever opened read-only. A temporary copy is locked (`flock`)
for as long as it is being written, so a cleanup never takes it for a leftover.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import io
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from anef_tui.display import display_path
from anef_tui.files.checks import CANONICAL_EXTENSION
from anef_tui.oserrors import advice, reason
from anef_tui.store.attachment_rows import AttachmentError
from anef_tui.store.errors import DiskFull, StoreError
from anef_tui.store.housekeeping import TEMP_PREFIX

if TYPE_CHECKING:
    from anef_tui.vault.keys import VaultKey

try:  # POSIX only; elsewhere an open temporary file cannot be deleted anyway.
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

FILE_MODE = 0o600
DIR_MODE = 0o700
_CHUNK = 1024 * 1024


def stored_name(sha256: str, fmt: str) -> str:
    return f"{sha256[:2]}/{sha256}{CANONICAL_EXTENSION[fmt]}"


def fsync_dir(path: Path) -> None:
    """Make a rename or creation in `path` durable (no-op where directories cannot be opened)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def make_private_dir(path: Path) -> None:
    path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    if stat.S_IMODE(os.stat(path).st_mode) != DIR_MODE:
        os.chmod(path, DIR_MODE)


def same_file(a: os.stat_result, b: os.stat_result) -> bool:
    return (a.st_dev, a.st_ino, a.st_size, a.st_mtime_ns) == (
        b.st_dev,
        b.st_ino,
        b.st_size,
        b.st_mtime_ns,
    )


def copy_error(pieces_dir: Path, name: str, exc: OSError) -> StoreError:
    """The French error for a copy into `pieces_dir` that failed: DiskFull when the disk
    (or the quota) is full."""
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return DiskFull(pieces_dir)
    return AttachmentError(
        f"Le fichier « {name} » n'a pas pu être copié dans « {display_path(pieces_dir)} » "
        f"({reason(exc)}) : {advice(exc)}."
    )


class _Hashing:
    """Reads the source for the copy: hashes the plaintext on the way (the content's name is
    the plaintext's sha256, encrypted or not), refuses a file grown since it was checked."""

    def __init__(self, src: BinaryIO, size: int, changed: StoreError,
                 unreadable: Callable[[OSError], StoreError]) -> None:
        self._src = src
        self._size = size
        self._changed = changed
        self._unreadable = unreadable
        self.digest = hashlib.sha256()
        self.copied = 0

    def read(self, n: int = _CHUNK) -> bytes:
        try:
            chunk = self._src.read(n)
        except OSError as exc:
            raise self._unreadable(exc) from exc
        self.copied += len(chunk)
        if self.copied > self._size:
            raise self._changed
        self.digest.update(chunk)
        return chunk


def _temp_copy(pieces_dir: Path, name: str, reader: _Hashing,
               key: VaultKey | None) -> tuple[Path, int]:
    """A new temporary file of `pieces/` (0600, locked, fsynced) holding what `reader` gives,
    encrypted with `key` when the folder is encrypted; its path and open descriptor."""
    try:
        make_private_dir(pieces_dir)
        # mkstemp creates the file owner-only (FILE_MODE), whatever the umask.
        temp_fd, temp_name = tempfile.mkstemp(prefix=TEMP_PREFIX, dir=pieces_dir)
    except OSError as exc:
        raise copy_error(pieces_dir, name, exc) from exc
    temp = Path(temp_name)
    try:
        if fcntl is not None:
            with contextlib.suppress(OSError):
                fcntl.flock(temp_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        with open(temp_fd, "wb", closefd=False) as dst:
            if key is None:
                while chunk := reader.read(_CHUNK):
                    dst.write(chunk)
            else:
                from anef_tui.vault.files import encrypt_into

                encrypt_into(reader, dst, key)  # type: ignore[arg-type]
            dst.flush()
            os.fsync(temp_fd)
    except BaseException as exc:
        os.close(temp_fd)
        with contextlib.suppress(OSError):
            os.unlink(temp)
        if isinstance(exc, OSError):
            cause = exc.__cause__ if isinstance(exc.__cause__, OSError) else exc
            raise copy_error(pieces_dir, name, cause) from exc
        raise
    return temp, temp_fd


def _locked(temp: Path, temp_fd: int) -> tuple[Path, int | None]:
    if fcntl is None:  # pragma: no cover - Windows cannot rename an open file
        os.close(temp_fd)
        return temp, None
    # Kept open (and locked) until the caller has moved or deleted it, so a cleanup
    # never takes it for a leftover.
    return temp, temp_fd


def copy_memory(
    pieces_dir: Path, data: bytes, name: str, key: VaultKey | None = None
) -> tuple[Path, int | None, str]:
    """`copy_checked` for a file made in memory (a conversion): nothing of it is written
    anywhere but this copy, encrypted when `key` is given."""

    def unreadable(exc: OSError) -> StoreError:  # pragma: no cover - memory is read
        return copy_error(pieces_dir, name, exc)

    reader = _Hashing(io.BytesIO(data), len(data), AttachmentError(name), unreadable)
    temp, temp_fd = _temp_copy(pieces_dir, name, reader, key)
    return (*_locked(temp, temp_fd), reader.digest.hexdigest())


def copy_checked(
    pieces_dir: Path, source: str, name: str, before: os.stat_result | None, size: int,
    key: VaultKey | None = None,
) -> tuple[Path, int | None, str]:
    """Copy `source` to a new temporary file of `pieces/` (0600, fsynced), encrypted with
    `key` when the data folder is encrypted; return its path, its still open and locked
    descriptor (None where files cannot be locked: the caller closes it) and the sha256 of
    the source's bytes (the plaintext's). The copy is refused if the file changed since it
    was checked."""
    changed = AttachmentError(
        f"Le fichier « {name} » a été modifié pendant qu'il était joint : attendez la fin "
        "de son enregistrement puis joignez-le à nouveau."
    )

    def unreadable(exc: OSError) -> AttachmentError:
        return AttachmentError(
            f"Le fichier « {name} » ne peut pas être lu ({reason(exc)}) : {advice(exc)}."
        )

    try:
        src_fd = os.open(source, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise unreadable(exc) from exc
    try:
        try:
            opened = os.fstat(src_fd)
        except OSError as exc:
            raise unreadable(exc) from exc
        if before is None or not stat.S_ISREG(opened.st_mode) or not same_file(before, opened):
            raise changed
        with open(src_fd, "rb", closefd=False) as src:
            reader = _Hashing(src, size, changed, unreadable)
            temp, temp_fd = _temp_copy(pieces_dir, name, reader, key)
        try:
            try:
                after = os.fstat(src_fd)
            except OSError as exc:
                raise unreadable(exc) from exc
            if reader.copied != size or not same_file(opened, after):
                raise changed
        except BaseException:
            os.close(temp_fd)
            with contextlib.suppress(OSError):
                os.unlink(temp)
            raise
    finally:
        os.close(src_fd)
    return (*_locked(temp, temp_fd), reader.digest.hexdigest())
