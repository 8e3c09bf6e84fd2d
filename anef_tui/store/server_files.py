"""Files kept in a structure's base on a PostgreSQL server (issue 25): `file_contents`.

On SQLite a blob's content is a file of `pieces/` in the desk's folder; on a server, where
every desk of the structure must read it, it is a row of `file_contents` (bytea) beside its
`blobs` row (deleted with it). The content is sealed on the desk before it is sent, with
the structure's key (AES-256-GCM in the vault's file format, `vault/files.py`): the
server's administrator holds only sealed bytes. Without the key nothing is sent: the
attachment is refused in French (the key comes with the workers' accounts).
"""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from anef_tui.store.errors import StoreError

if TYPE_CHECKING:
    from anef_tui.vault.keys import VaultKey


class NoStructureKey(StoreError):
    """A file to keep on a server's base, and no structure key on this desk."""

    def __init__(self) -> None:
        super().__init__(
            "Les fichiers d'une base partagée sur un serveur sont chiffrés sur ce poste avec "
            "la clé de la structure avant d'être envoyés, et cette clé n'est pas ouverte ici : "
            "rien n'a été envoyé. Connectez-vous avec votre compte d'aidant, puis joignez le "
            "fichier à nouveau."
        )


def require_key(key: VaultKey | None) -> VaultKey:
    if key is None:
        raise NoStructureKey()
    return key


def seal(plain: bytes, key: VaultKey) -> bytes:
    """`plain` sealed with the structure's key (the vault's file format)."""
    from anef_tui.vault.files import encrypt_into

    out = io.BytesIO()
    encrypt_into(io.BytesIO(plain), out, key)
    return out.getvalue()


def unseal(sealed: bytes, key: VaultKey, name: str) -> bytes:
    """The plaintext of `sealed`, checked whole (DamagedFile, ForeignFile: French)."""
    from anef_tui.vault.files import decrypted_stream

    return b"".join(decrypted_stream(io.BytesIO(sealed), key, Path(name)))


def keep_copy(conn: Any, sha256: str, temp: Path, name: str, attachments: Any) -> None:
    """Send the temporary copy `temp` of blob `sha256` (sealed by the attachment store with
    the structure's key), unless already kept; NoStructureKey without a key."""
    require_key(attachments.database.key)
    if kept(conn, sha256):
        return
    from anef_tui.store.attachment_copy import copy_error

    try:
        sealed = temp.read_bytes()
    except OSError as exc:
        raise copy_error(attachments.pieces_dir, name, exc) from exc
    keep(conn, sha256, sealed)


def send_ahead(database: Any, temp: Path, blob: tuple) -> bool:
    """Send the blob row and the sealed temporary copy of an attach before its write
    transaction, in statements of their own: kept by their content (ON CONFLICT DO NOTHING),
    they need no write lock, and megabytes on their way to the server no longer hold every
    desk's writes (bench/desks.py: StoreBusy for the others while a 2 MB scan travelled).
    Under the lock, `_record` finds them (or, if a cleanup took them meanwhile, writes them
    again as before). `blob`: the row of `blobs` (sha256, size, format, pages, stored
    name, created at). Return whether the blob row was made here; nothing is sent without
    the key, and any failure leaves the work to the locked path, which says it in French."""
    sha256 = blob[0]
    if database.key is None:
        return False  # `keep_copy` says NoStructureKey, under the lock, as before
    try:
        sealed = temp.read_bytes()
    except OSError:
        return False
    with contextlib.suppress(StoreError), database.reading() as conn:
        if kept(conn, sha256):
            return False
        made = conn.execute(
            "INSERT INTO blobs (sha256, size, format, pages, stored_name, created_at) VALUES "
            "(?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING sha256", blob).fetchone()
        keep(conn, sha256, sealed)
        return made is not None
    return False


def forget_unused(database: Any, sha256: str) -> None:
    """A blob sent ahead for an attach that was then refused: deleted with its content
    unless an attachment uses it (another desk may have attached the same content since).
    Best effort: the attach's own error is the one the user reads."""
    with contextlib.suppress(StoreError), database.transaction() as db:
        db.conn.execute("DELETE FROM blobs WHERE sha256 = ? AND NOT EXISTS "
                        "(SELECT 1 FROM attachments a WHERE a.sha256 = ?)", (sha256, sha256))


def read(database: Any, sha256: str, name: str) -> bytes:
    """The plaintext of blob `sha256`, fetched from the base and unsealed."""
    key = require_key(database.key)
    with database.reading() as conn:
        sealed = sealed_content(conn, sha256)
    if sealed is None:
        raise StoreError(
            f"Le contenu du fichier « {name} » est introuvable dans la base : supprimez-le "
            "de la liste puis joignez-le à nouveau.")
    return unseal(sealed, key, name)


def keep(conn: Any, sha256: str, sealed: bytes) -> None:
    """Store the sealed content of blob `sha256` (once: a content already kept stays)."""
    conn.execute("INSERT INTO file_contents (sha256, sealed) VALUES (?, ?) "
                 "ON CONFLICT DO NOTHING", (sha256, sealed))


def kept(conn: Any, sha256: str) -> bool:
    return conn.execute("SELECT 1 FROM file_contents WHERE sha256 = ?",
                        (sha256,)).fetchone() is not None


def sealed_content(conn: Any, sha256: str) -> bytes | None:
    row = conn.execute("SELECT sealed FROM file_contents WHERE sha256 = ?",
                       (sha256,)).fetchone()
    return bytes(row[0]) if row else None


#: Which dossier a kept PDF belongs to, from its kept name (`exports.kept_name`): the
#: dossier's number, or for a complément's PDF its notification's.
_DOSSIER_PDF = re.compile(r"^(?:confirmation|donnees|liste|mandat|recapitulatif)-(\d+)\.pdf$")
_COMPLEMENT_PDF = re.compile(r"^complement-(\d+)\.pdf$")


def document_owner(conn: Any, name: str) -> int | None:
    """The dossier a kept PDF's name tells (its own number, or for a complément's PDF its
    notification's dossier), if the base holds it; None otherwise."""
    dossier = _DOSSIER_PDF.match(name)
    complement = _COMPLEMENT_PDF.match(name)
    if dossier:
        row = conn.execute("SELECT id FROM dossiers WHERE id = ?", (int(dossier[1]),))
    elif complement:
        row = conn.execute("SELECT dossier_id FROM notifications WHERE id = ?",
                           (int(complement[1]),))
    else:
        return None
    found = row.fetchone()
    return None if found is None else int(found[0])


def keep_document(database: Any, name: str, data: bytes) -> None:
    """Keep the PDF `data` under its kept `name` (no applicant's name in it) in the base,
    sealed with the structure's key, replacing an earlier one; it goes with its dossier.
    A name that tells no dossier is not kept (the export alone is made)."""
    key = require_key(database.key)
    dossier = _DOSSIER_PDF.match(name)
    complement = _COMPLEMENT_PDF.match(name)
    if dossier:
        owner, number = "SELECT id FROM dossiers WHERE id = ?", int(dossier[1])
    elif complement:
        owner, number = "SELECT dossier_id FROM notifications WHERE id = ?", int(complement[1])
    else:
        return
    sealed = seal(data, key)
    with database.transaction() as db:
        db.conn.execute(
            f"INSERT INTO kept_documents (name, dossier_id, sealed, kept_at) SELECT ?, ({owner}), "
            "?, ? ON CONFLICT (name) DO UPDATE SET sealed = excluded.sealed, "
            "kept_at = excluded.kept_at, dossier_id = excluded.dossier_id",
            (name, number, sealed, database.now_iso()))


def kept_document(database: Any, name: str) -> bytes | None:
    """The plaintext of the PDF kept as `name`, or None."""
    key = require_key(database.key)
    with database.reading() as conn:
        row = conn.execute("SELECT sealed FROM kept_documents WHERE name = ?",
                           (name,)).fetchone()
    return None if row is None else unseal(bytes(row[0]), key, name)
