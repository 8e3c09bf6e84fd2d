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

Here: AttachmentStore (attach, list, remove). Its pieces: the row and the error
(store/attachment_rows.py), the checked copy (store/attachment_copy.py), the cleanup of
`pieces/` (store/attachment_cleanup.py).
"""

from __future__ import annotations

import builtins
import contextlib
import json
import os
from collections.abc import Callable
from pathlib import Path

from anef_tui.controls import visible
from anef_tui.display import display_name
from anef_tui.files.checks import CheckResult, check_bytes, check_file, slot_limit_message
from anef_tui.files.memory import MemoryFile
from anef_tui.paths import ATTACHMENTS_DIR
from anef_tui.store import driver, server_files
from anef_tui.store.attachment_cleanup import cleanup, cleanup_quietly
from anef_tui.store.attachment_copy import (  # noqa: F401 - re-exported
    DIR_MODE,
    FILE_MODE,
    copy_checked,
    copy_error,
    copy_memory,
    fsync_dir,
    make_private_dir,
    stored_name,
)
from anef_tui.store.attachment_rows import (
    _COLUMNS,
    _FROM,
    Attachment,
    AttachmentError,
    attachment_from_row,
)
from anef_tui.store.connection import inserted_id
from anef_tui.store.database import Database, HasDatabase, database_of
from anef_tui.store.housekeeping import (  # noqa: F401 - re-exported
    STALE_TEMP_SECONDS,
    TEMP_PREFIX,
    temp_in_use,
)
from anef_tui.store.journal.chain import append
from anef_tui.store.records import require_editable

#: Kept under its old name (tests and callers).
_temp_in_use = temp_in_use


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
        editable: Callable[[driver.Connection, int], None] = require_editable,
    ) -> None:
        self.store = store
        self.database = database_of(store)
        self._require_editable = editable
        self.pieces_dir = self.database.data_dir / ATTACHMENTS_DIR
        self.in_base = not self.database.db.engine.in_data_folder  # see `server_files`

    def _writable(self, conn: driver.Connection, dossier_id: int) -> None:
        """`editable` (the dossier or the notification takes files), then the dossier's
        consent (issue 24): ConsentRequired once it expired or was withdrawn."""
        from anef_tui.store.consents import require_consent

        self._require_editable(conn, dossier_id)
        require_consent(conn, dossier_id, self.database.local_now())

    # ---------------------------------------------------------------- reads

    def _attachment(self, row: tuple) -> Attachment:
        return attachment_from_row(row, self.pieces_dir)

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
    def _slot_count(conn: driver.Connection, dossier_id: int, slot_id: str) -> int:
        (count,) = conn.execute(
            "SELECT count(*) FROM attachments WHERE dossier_id = ? AND slot_id = ?",
            (dossier_id, slot_id),
        ).fetchone()
        return int(count)

    def _refuse_if_full(
        self, conn: driver.Connection, dossier_id: int, slot_id: str, max_files: int, title: str
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
        source: str | os.PathLike | MemoryFile,
        *,
        max_files: int,
        slot_title: str,
    ) -> Attachment:
        """Check `source`, copy it into `pieces/` (once per content) and add it to the slot.
        `source` is a path, or a file made in memory (a conversion: never written in plain
        anywhere). In an encrypted data folder (`database.key`) the copy is encrypted; its
        name stays the plaintext's sha256.

        Raise NotEditable for a filed dossier, NotFound for an unknown one, AttachmentError
        (French) for a refused file, a full slot, the same file already in the slot, or a
        copy that failed. The original file is never modified.
        """
        if not slot_id:
            raise ValueError("L'identifiant de l'emplacement est obligatoire.")
        if max_files < 1:
            raise ValueError(f"Nombre maximal de fichiers invalide : {max_files}.")
        key = self.database.key
        if isinstance(source, MemoryFile):
            return self._attach_memory(dossier_id, slot_id, source, max_files=max_files,
                                       slot_title=slot_title)
        source_str = os.fspath(source)
        name = visible(display_name(source_str), multiline=False)

        # 1) An editable dossier (checked again, with the slot limit, when recording).
        with self.database.reading() as conn:
            self._writable(conn, dossier_id)
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
        temp, temp_fd, sha256 = copy_checked(
            self.pieces_dir, source_str, name, before, result.size, key
        )
        return self._recorded(dossier_id, slot_id, temp, temp_fd, sha256, name, result,
                              max_files=max_files, slot_title=slot_title)

    def _attach_memory(self, dossier_id: int, slot_id: str, source: MemoryFile, *,
                       max_files: int, slot_title: str) -> Attachment:
        """`attach` of a file made in memory: checked from its bytes, copied (encrypted in
        an encrypted folder) straight into `pieces/`."""
        name = visible(display_name(source.name), multiline=False)
        with self.database.reading() as conn:
            self._writable(conn, dossier_id)
        result = check_bytes(source.data, source.name)
        if not result.accepted:
            raise AttachmentError(result.reason or f"Le fichier « {name} » est refusé.")
        with self.database.reading() as conn:
            self._refuse_if_full(conn, dossier_id, slot_id, max_files, slot_title)
        temp, temp_fd, sha256 = copy_memory(self.pieces_dir, source.data, name,
                                            self.database.key)
        return self._recorded(dossier_id, slot_id, temp, temp_fd, sha256, name, result,
                              max_files=max_files, slot_title=slot_title)

    def _recorded(self, dossier_id: int, slot_id: str, temp: Path, temp_fd: int | None,
                  sha256: str, name: str, result: CheckResult, *, max_files: int,
                  slot_title: str) -> Attachment:
        assert result.format is not None and result.size is not None
        # On a server, the sealed content travels before the write lock (`server_files`).
        ahead = self.in_base and server_files.send_ahead(self.database, temp, (
            sha256, result.size, result.format, result.pages,
            stored_name(sha256, result.format), self.database.now_iso()))
        try:
            return self._record(dossier_id, slot_id, temp, sha256, name=name,
                                fmt=result.format, size=result.size, pages=result.pages,
                                notes=result.warnings, max_files=max_files,
                                slot_title=slot_title)
        except BaseException:
            if ahead:  # refused or failed: the blob sent ahead goes, unless attached since
                server_files.forget_unused(self.database, sha256)
            raise
        finally:
            with contextlib.suppress(OSError):
                os.unlink(temp)  # already moved into place, or not needed (known content)
            if temp_fd is not None:
                os.close(temp_fd)  # drops the lock

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
        the transaction fails. A server's base keeps it (sealed: `server_files`)."""
        created: Path | None = None
        try:
            with self.database.transaction() as db:
                conn = db.conn
                self._writable(conn, dossier_id)
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
                stored = blob[0] if blob else stored_name(sha256, fmt)
                final = self.pieces_dir / stored
                in_place = self.in_base or self._in_place(final, size)
                if not in_place:
                    # New content (or a copy that disappeared): move the temporary copy in.
                    try:
                        make_private_dir(final.parent)
                        os.replace(temp, final)
                    except OSError as exc:
                        raise copy_error(self.pieces_dir, name, exc) from exc
                    if blob is None:
                        created = final
                    fsync_dir(final.parent)
                    fsync_dir(self.pieces_dir)
                if blob is None:
                    conn.execute(
                        "INSERT INTO blobs (sha256, size, format, pages, stored_name, created_at)"
                        " VALUES (?, ?, ?, ?, ?, ?)",
                        (sha256, size, fmt, pages, stored, now),
                    )
                if self.in_base:  # the temporary copy is sealed with the structure's key
                    server_files.keep_copy(conn, sha256, temp, name, self)
                (position,) = conn.execute(
                    "SELECT coalesce(max(position), 0) + 1 FROM attachments "
                    "WHERE dossier_id = ? AND slot_id = ?",
                    (dossier_id, slot_id),
                ).fetchone()
                cursor = conn.execute(
                    "INSERT INTO attachments (dossier_id, slot_id, sha256, original_name, "
                    "warnings, added_at, position) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
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
                append(conn, self.database, "file_attached", dossier_id,
                       {"slot": slot_id, "size": size, "format": fmt, "sha256": sha256}, at=now)
                row = conn.execute(
                    f"SELECT {_COLUMNS} {_FROM} WHERE a.id = ?", (attachment_id,)
                ).fetchone()
        except BaseException:
            if created is not None:
                with contextlib.suppress(OSError):
                    os.unlink(created)
            raise
        return self._attachment(row)

    def _in_place(self, final: Path, size: int) -> bool:
        """Whether the stored copy of a known content is there, whole, and in the form this
        folder keeps (encrypted with its vault, or plain). A plain copy of a folder made
        before encryption is replaced by an encrypted one; a copy of another vault is
        refused (ForeignFile), never overwritten."""
        key = self.database.key
        try:
            if not final.is_file():
                return False
            on_disk = os.stat(final).st_size
        except OSError:
            return False
        if key is None:
            return on_disk == size
        from anef_tui.vault.errors import ForeignFile
        from anef_tui.vault.files import encrypted_size, is_encrypted, vault_of

        if not is_encrypted(final):
            return False
        if vault_of(final) != key.vault_id:
            raise ForeignFile(final)
        return on_disk == encrypted_size(size)

    # ---------------------------------------------------------------- read

    def read_bytes(self, attachment: Attachment) -> bytes:
        """The content of a stored copy, decrypted in an encrypted folder (checked whole:
        DamagedFile, ForeignFile…, French). AttachmentError if it has disappeared."""
        if self.in_base:
            return server_files.read(self.database, attachment.sha256, attachment.original_name)
        path = self.path_of(attachment)
        key = self.database.key
        if key is None:
            try:
                return path.read_bytes()
            except OSError as exc:
                raise copy_error(self.pieces_dir, attachment.original_name, exc) from exc
        from anef_tui.vault.files import decrypt_bytes

        return decrypt_bytes(path, key)

    # ---------------------------------------------------------------- remove / cleanup

    def remove(self, attachment_id: int) -> None:
        """« SUPPRIMER »: drop one attachment from its slot, then delete its stored copy if
        nothing else refers to it. NotEditable if the dossier is filed."""
        with self.database.transaction() as db:
            conn = db.conn
            row = conn.execute(
                "SELECT dossier_id, slot_id, sha256 FROM attachments WHERE id = ?",
                (attachment_id,),
            ).fetchone()
            if row is None:
                raise AttachmentError(
                    f"La pièce jointe n° {attachment_id} est introuvable : elle a peut-être déjà "
                    "été supprimée, actualisez la liste."
                )
            self._writable(conn, row[0])
            conn.execute("DELETE FROM attachments WHERE id = ?", (attachment_id,))
            append(conn, self.database, "file_removed", row[0],
                   {"slot": row[1], "sha256": row[2]})
        cleanup_quietly(self.database)

    def cleanup(self) -> int:
        """Delete unreferenced blobs and orphan or leftover files of `pieces/`; return how
        many files were removed."""
        return cleanup(self.database)
