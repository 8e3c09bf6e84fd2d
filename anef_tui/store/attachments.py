"""Attached files: checked, copied into `pieces/` once per content, referenced per slot.

A file attached to a document slot is checked again (`files.checks.check_file`), then copied
into the data directory's `pieces/` folder under its sha256 (`pieces/ab/ab12….pdf`, 0600 in a
0700 folder). The hash is computed while copying. The same content attached to several slots
or dossiers is stored once (a `blobs` row) and referenced several times (`attachments` rows).
The user's original file is only ever opened read-only.

Filesystem changes that the database must agree with (moving a copy into place, deleting an
unreferenced file) happen while the database write lock is held, so two windows of the app
sharing one data directory never delete a file the other has just referenced. A temporary
copy is locked (`flock`) for as long as it is being written, so a cleanup never takes it for
a leftover.
"""

from __future__ import annotations

import builtins
import contextlib
import errno
import hashlib
import json
import logging
import os
import sqlite3
import stat
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from anef_tui.files.checks import CANONICAL_EXTENSION, check_file, slot_limit_message
from anef_tui.paths import ATTACHMENTS_DIR
from anef_tui.store.connection import inserted_id
from anef_tui.store.database import Database, HasDatabase, database_of
from anef_tui.store.errors import DiskFull, StoreError
from anef_tui.store.housekeeping import (  # noqa: F401 - re-exported
    STALE_TEMP_SECONDS,
    TEMP_PREFIX,
    temp_in_use,
)
from anef_tui.store.records import require_editable

try:  # POSIX only; elsewhere an open temporary file cannot be deleted anyway.
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger(__name__)

FILE_MODE = 0o600
DIR_MODE = 0o700
_CHUNK = 1024 * 1024


class AttachmentError(StoreError):
    """An attachment cannot be added or removed; the message is one French sentence."""


@dataclass(frozen=True)
class Attachment:
    id: int
    dossier_id: int
    slot_id: str
    sha256: str
    original_name: str
    format: str
    size: int
    pages: int | None
    warnings: tuple[str, ...]
    added_at: str
    stored_path: Path
    position: int = 0  # 1, 2, … within the slot, in the order the files were attached

    @property
    def missing(self) -> bool:
        """True when the stored copy has disappeared from `pieces/` (shown « (fichier
        manquant) »; the user removes it and attaches the file again)."""
        try:
            return not stat.S_ISREG(os.stat(self.stored_path).st_mode)
        except (OSError, ValueError):
            return True


_COLUMNS = (
    "a.id, a.dossier_id, a.slot_id, a.sha256, a.original_name, b.format, b.size, b.pages, "
    "a.warnings, a.added_at, b.stored_name, a.position"
)
_FROM = "FROM attachments a JOIN blobs b ON b.sha256 = a.sha256"


def _display_name(path: str) -> str:
    return os.path.basename(os.path.normpath(path)) or path


def _stored_name(sha256: str, fmt: str) -> str:
    return f"{sha256[:2]}/{sha256}{CANONICAL_EXTENSION[fmt]}"


def _fsync_dir(path: Path) -> None:
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


def _make_private_dir(path: Path) -> None:
    path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    if stat.S_IMODE(os.stat(path).st_mode) != DIR_MODE:
        os.chmod(path, DIR_MODE)


def _same_file(a: os.stat_result, b: os.stat_result) -> bool:
    return (a.st_dev, a.st_ino, a.st_size, a.st_mtime_ns) == (
        b.st_dev,
        b.st_ino,
        b.st_size,
        b.st_mtime_ns,
    )


# --------------------------------------------------------------------------------------
# Cleanup (module level so that DossierStore.abandon can call it without an import cycle)


#: Kept under its old name (tests and callers).
_temp_in_use = temp_in_use


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
        entries = builtins.list(os.scandir(pieces))
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
            if entry.name.startswith(TEMP_PREFIX) and _temp_in_use(path):
                continue
            removed += _unlink(path)
        except OSError:
            continue
    return removed


def _sweep_shard(shard: Path, shard_name: str, named: set[str]) -> int:
    removed = 0
    for entry in builtins.list(os.scandir(shard)):
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


# --------------------------------------------------------------------------------------
# The store


class AttachmentStore:
    """Attach, list and remove the files of each dossier's document slots.

    Shares the Database (connection, lock, clock, data directory) of a DossierStore;
    thread-safe like it. A filed dossier takes no file: `editable` (by default
    `records.require_editable`) raises NotEditable where a file may not be written; the
    follow-up store gives its own to open one notification's slots.
    """

    def __init__(
        self,
        store: Database | HasDatabase,
        *,
        editable: Callable[[sqlite3.Connection, int], None] = require_editable,
    ) -> None:
        self.store = store
        self.database = database_of(store)
        self._require_editable = editable
        self.pieces_dir = self.database.data_dir / ATTACHMENTS_DIR

    # ---------------------------------------------------------------- reads

    def _attachment(self, row: tuple) -> Attachment:
        try:
            notes = json.loads(row[8]) if row[8] else []
        except ValueError:
            notes = []
        if not isinstance(notes, builtins.list):
            notes = []
        return Attachment(
            id=row[0],
            dossier_id=row[1],
            slot_id=row[2],
            sha256=row[3],
            original_name=row[4] or "",
            format=row[5],
            size=row[6],
            pages=row[7],
            warnings=tuple(str(note) for note in notes),
            added_at=row[9],
            stored_path=self.pieces_dir / row[10],
            position=row[11],
        )

    def list(self, dossier_id: int, slot_id: str | None = None) -> builtins.list[Attachment]:
        """The dossier's attachments (of one slot if given), by slot then position."""
        sql = f"SELECT {_COLUMNS} {_FROM} WHERE a.dossier_id = ?"
        params: builtins.list[object] = [dossier_id]
        if slot_id is not None:
            sql += " AND a.slot_id = ?"
            params.append(slot_id)
        sql += " ORDER BY a.slot_id, a.position, a.id"
        with self.database.reading() as conn:
            rows = conn.execute(sql, params).fetchall()
        return [self._attachment(row) for row in rows]

    def counts(self, dossier_id: int) -> dict[str, int]:
        """How many files each slot of the dossier holds (slots without files are absent)."""
        with self.database.reading() as conn:
            rows = conn.execute(
                "SELECT slot_id, count(*) FROM attachments WHERE dossier_id = ? "
                "GROUP BY slot_id ORDER BY slot_id",
                (dossier_id,),
            ).fetchall()
        return {slot: int(n) for slot, n in rows}

    def path_of(self, attachment: Attachment) -> Path:
        """Where the stored copy of `attachment` is; AttachmentError if it has disappeared."""
        path = attachment.stored_path
        if not path.is_file():
            raise AttachmentError(
                f"La copie du fichier « {attachment.original_name} » est introuvable dans "
                f"« {self.pieces_dir} » : supprimez-le de la liste puis joignez-le à nouveau."
            )
        return path

    # ---------------------------------------------------------------- attach

    @staticmethod
    def _slot_count(conn: sqlite3.Connection, dossier_id: int, slot_id: str) -> int:
        (count,) = conn.execute(
            "SELECT count(*) FROM attachments WHERE dossier_id = ? AND slot_id = ?",
            (dossier_id, slot_id),
        ).fetchone()
        return int(count)

    def _refuse_if_full(
        self, conn: sqlite3.Connection, dossier_id: int, slot_id: str, max_files: int, title: str
    ) -> None:
        message = slot_limit_message(
            self._slot_count(conn, dossier_id, slot_id) + 1, max_files, title
        )
        if message:
            raise AttachmentError(message)

    def attach(
        self,
        dossier_id: int,
        slot_id: str,
        source: str | os.PathLike,
        *,
        max_files: int,
        slot_title: str,
    ) -> Attachment:
        """Check `source`, copy it into `pieces/` (once per content) and add it to the slot.

        Raise NotEditable for a filed dossier, NotFound for an unknown one, AttachmentError
        (French) for a refused file, a full slot, the same file already in the slot, or a
        copy that failed. The original file is never modified.
        """
        if not slot_id:
            raise ValueError("L'identifiant de l'emplacement est obligatoire.")
        if max_files < 1:
            raise ValueError(f"Nombre maximal de fichiers invalide : {max_files}.")
        source_str = os.fspath(source)
        name = _display_name(source_str)

        # 1) An editable dossier (checked again, with the slot limit, when recording).
        with self.database.reading() as conn:
            self._require_editable(conn, dossier_id)
        # 2) The file itself, checked here whatever the caller already did; 3) room left.
        before: os.stat_result | None
        try:
            before = os.stat(source_str)
        except (OSError, ValueError):
            before = None
        result = check_file(source_str)
        if not result.accepted:
            raise AttachmentError(result.reason or f"Le fichier « {name} » est refusé.")
        assert result.format is not None and result.size is not None
        with self.database.reading() as conn:
            self._refuse_if_full(conn, dossier_id, slot_id, max_files, slot_title)

        # 4) Copy to a locked temporary file, hashing on the way.
        temp, temp_fd, sha256 = self._copy(source_str, name, before, result.size)
        try:
            return self._record(
                dossier_id,
                slot_id,
                temp,
                sha256,
                name=name,
                fmt=result.format,
                size=result.size,
                pages=result.pages,
                notes=result.warnings,
                max_files=max_files,
                slot_title=slot_title,
            )
        finally:
            with contextlib.suppress(OSError):
                os.unlink(temp)  # already moved into place, or not needed (known content)
            if temp_fd is not None:
                os.close(temp_fd)  # drops the lock

    def _copy_error(self, name: str, exc: OSError) -> StoreError:
        if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
            return DiskFull(self.pieces_dir)
        return AttachmentError(
            f"Le fichier « {name} » n'a pas pu être copié dans « {self.pieces_dir} » "
            f"({exc.strerror or exc}) : libérez de la place sur le disque ou vérifiez les droits "
            "de ce dossier."
        )

    def _copy(
        self, source: str, name: str, before: os.stat_result | None, size: int
    ) -> tuple[Path, int | None, str]:
        """Copy `source` to a new temporary file of `pieces/` (0600, fsynced); return its
        path, its still open and locked descriptor (None where files cannot be locked: the
        caller closes it) and the sha256 of its bytes. The copy is refused if the file
        changed since it was checked."""
        changed = AttachmentError(
            f"Le fichier « {name} » a été modifié pendant qu'il était joint : attendez la fin "
            "de son enregistrement puis joignez-le à nouveau."
        )
        unreadable = AttachmentError(
            f"Le fichier « {name} » ne peut pas être lu : vérifiez que vous avez le droit de "
            "l'ouvrir."
        )
        try:
            src_fd = os.open(source, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
        except OSError as exc:
            raise unreadable from exc
        try:
            try:
                opened = os.fstat(src_fd)
            except OSError as exc:
                raise unreadable from exc
            if before is None or not stat.S_ISREG(opened.st_mode) or not _same_file(before, opened):
                raise changed
            try:
                _make_private_dir(self.pieces_dir)
                # mkstemp creates the file owner-only (FILE_MODE), whatever the umask.
                temp_fd, temp_name = tempfile.mkstemp(prefix=TEMP_PREFIX, dir=self.pieces_dir)
            except OSError as exc:
                raise self._copy_error(name, exc) from exc
            temp = Path(temp_name)
            try:
                if fcntl is not None:
                    with contextlib.suppress(OSError):
                        fcntl.flock(temp_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                digest = hashlib.sha256()
                copied = 0
                with (
                    open(src_fd, "rb", closefd=False) as src,
                    open(temp_fd, "wb", closefd=False) as dst,
                ):
                    while True:
                        try:
                            chunk = src.read(_CHUNK)
                        except OSError as exc:
                            raise unreadable from exc
                        if not chunk:
                            break
                        copied += len(chunk)
                        if copied > size:
                            raise changed
                        digest.update(chunk)
                        dst.write(chunk)
                    dst.flush()
                    os.fsync(temp_fd)
                try:
                    after = os.fstat(src_fd)
                except OSError as exc:
                    raise unreadable from exc
                if copied != size or not _same_file(opened, after):
                    raise changed
            except BaseException as exc:
                os.close(temp_fd)
                with contextlib.suppress(OSError):
                    os.unlink(temp)
                if isinstance(exc, OSError):
                    raise self._copy_error(name, exc) from exc
                raise
            if fcntl is None:  # pragma: no cover - Windows cannot rename an open file
                os.close(temp_fd)
                return temp, None, digest.hexdigest()
        finally:
            os.close(src_fd)
        # Kept open (and locked) until the caller has moved or deleted it, so a cleanup
        # never takes it for a leftover.
        return temp, temp_fd, digest.hexdigest()

    def _record(
        self,
        dossier_id: int,
        slot_id: str,
        temp: Path,
        sha256: str,
        *,
        name: str,
        fmt: str,
        size: int,
        pages: int | None,
        notes: tuple[str, ...],
        max_files: int,
        slot_title: str,
    ) -> Attachment:
        """5) One transaction: move the copy into place if its content is new, insert the
        blob (if new) and the attachment rows. A blob file created here is deleted again if
        the transaction fails."""
        created: Path | None = None
        try:
            with self.database.transaction() as db:
                conn = db.conn
                self._require_editable(conn, dossier_id)
                self._refuse_if_full(conn, dossier_id, slot_id, max_files, slot_title)
                duplicate = conn.execute(
                    "SELECT 1 FROM attachments WHERE dossier_id = ? AND slot_id = ? AND sha256 = ?",
                    (dossier_id, slot_id, sha256),
                ).fetchone()
                if duplicate:
                    raise AttachmentError(
                        f"Le fichier « {name} » est déjà joint à « {slot_title} »."
                    )
                now = self.database.now_iso()
                blob = conn.execute(
                    "SELECT stored_name FROM blobs WHERE sha256 = ?", (sha256,)
                ).fetchone()
                stored_name = blob[0] if blob else _stored_name(sha256, fmt)
                final = self.pieces_dir / stored_name
                try:
                    in_place = final.is_file() and os.stat(final).st_size == size
                except OSError:
                    in_place = False
                if not in_place:
                    # New content (or a copy that disappeared): move the temporary copy in.
                    try:
                        _make_private_dir(final.parent)
                        os.replace(temp, final)
                    except OSError as exc:
                        raise self._copy_error(name, exc) from exc
                    if blob is None:
                        created = final
                    _fsync_dir(final.parent)
                    _fsync_dir(self.pieces_dir)
                if blob is None:
                    conn.execute(
                        "INSERT INTO blobs (sha256, size, format, pages, stored_name, created_at)"
                        " VALUES (?, ?, ?, ?, ?, ?)",
                        (sha256, size, fmt, pages, stored_name, now),
                    )
                (position,) = conn.execute(
                    "SELECT coalesce(max(position), 0) + 1 FROM attachments "
                    "WHERE dossier_id = ? AND slot_id = ?",
                    (dossier_id, slot_id),
                ).fetchone()
                cursor = conn.execute(
                    "INSERT INTO attachments (dossier_id, slot_id, sha256, original_name, "
                    "warnings, added_at, position) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (
                        dossier_id,
                        slot_id,
                        sha256,
                        name,
                        json.dumps(list(notes), ensure_ascii=False),
                        now,
                        position,
                    ),
                )
                attachment_id = inserted_id(cursor)
                row = conn.execute(
                    f"SELECT {_COLUMNS} {_FROM} WHERE a.id = ?", (attachment_id,)
                ).fetchone()
        except BaseException:
            if created is not None:
                with contextlib.suppress(OSError):
                    os.unlink(created)
            raise
        return self._attachment(row)

    # ---------------------------------------------------------------- remove / cleanup

    def remove(self, attachment_id: int) -> None:
        """« SUPPRIMER »: drop one attachment from its slot, then delete its stored copy if
        nothing else refers to it. NotEditable if the dossier is filed."""
        with self.database.transaction() as db:
            conn = db.conn
            row = conn.execute(
                "SELECT dossier_id FROM attachments WHERE id = ?", (attachment_id,)
            ).fetchone()
            if row is None:
                raise AttachmentError(
                    f"La pièce jointe n° {attachment_id} est introuvable : elle a peut-être déjà "
                    "été supprimée, actualisez la liste."
                )
            self._require_editable(conn, row[0])
            conn.execute("DELETE FROM attachments WHERE id = ?", (attachment_id,))
        cleanup_quietly(self.database)

    def cleanup(self) -> int:
        """Delete unreferenced blobs and orphan or leftover files of `pieces/`; return how
        many files were removed."""
        return cleanup(self.database)


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
    except (StoreError, OSError, sqlite3.Error) as exc:
        log.warning("attachment cleanup failed: %s", exc)
        return 0
