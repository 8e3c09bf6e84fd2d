"""What may replace the base: a backup is vetted before anything is written.

Refused, with a French sentence saying what to do, and nothing written: an empty file (SQLite
would take it for an empty base), a file that is not an SQLite base, a damaged base, an SQLite
base that is not anef-tui's (no `dossiers` table, or no schema version), and a base written by
a newer anef-tui (a schema version this one does not know).

`content_digest` sums up what a base holds (schema version, tables and rows), whatever its
layout on disk: equal digests, same content. It tells whether a restored base was changed.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

from anef_tui.store import driver
from anef_tui.store.backups.copies import open_backup
from anef_tui.store.errors import LIST_BACKUPS_COMMAND, StoreBusy, StoreError, translate_error
from anef_tui.store.schema import SCHEMA_VERSION

if TYPE_CHECKING:
    from anef_tui.vault.keys import VaultKey


def refusal(name: str, why: str, what_to_do: str | None = None) -> StoreError:
    return StoreError(
        f"La sauvegarde « {name} » ne peut pas être restaurée : {why}. Rien n'a été changé "
        "dans la base actuelle. "
        + (what_to_do or f"Choisissez-en une autre (« {LIST_BACKUPS_COMMAND} » les liste).")
    )


def vet_backup(path: Path, name: str, key: VaultKey | None = None) -> str:
    """Check that the file at `path` (backup `name`, or a copy of it) may replace the base;
    return the digest of its content. Read-only. StoreError (French) if it may not.

    With `key` (an encrypted folder): the backup must open with the key and record this
    vault (ForeignBackup otherwise); a plain backup is refused."""
    try:
        size = os.lstat(path).st_size
    except OSError as exc:
        raise translate_error(exc, path) from exc
    if size == 0:
        raise refusal(name, "le fichier est vide (0 octet), il ne contient aucun dossier")
    conn: driver.Connection | None = None
    try:
        conn = _open_vetted(path, name, key)
        rows = conn.execute("PRAGMA quick_check(1)").fetchall()
        if not rows or rows[0][0] != "ok":
            raise refusal(name, "elle est elle-même endommagée")
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        has_dossiers = conn.execute(
            "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'dossiers'"
        ).fetchone()
        if version < 1 or not has_dossiers:
            raise refusal(
                name,
                "c'est une base de données, mais pas une base d'anef-tui (pas de dossiers "
                "enregistrés par anef-tui)",
            )
        if version > SCHEMA_VERSION:
            raise refusal(
                name,
                f"elle a été faite par une version plus récente d'anef-tui (base n° {version}, "
                f"cette version lit jusqu'au n° {SCHEMA_VERSION})",
                "Mettez anef-tui à jour puis relancez la restauration, ou choisissez une "
                f"sauvegarde plus ancienne (« {LIST_BACKUPS_COMMAND} » les liste).",
            )
        return content_digest(conn)
    except driver.Error as exc:
        error = translate_error(exc, path)
        if isinstance(error, StoreBusy):
            raise error from exc
        text = str(exc).lower()
        if getattr(exc, "sqlite_errorname", "") == "SQLITE_NOTADB" or "not a database" in text:
            raise refusal(name, "ce fichier n'est pas une base de données") from exc
        raise refusal(name, "elle est elle-même endommagée ou illisible") from exc
    finally:
        if conn is not None:
            conn.close()


def _open_vetted(path: Path, name: str, key: VaultKey | None) -> driver.Connection:
    if key is None:
        return open_backup(path, None)
    from anef_tui.vault.database import stamped_vault
    from anef_tui.vault.errors import ForeignBackup, NotEncryptedDatabase, WrongDatabaseKey

    try:
        conn = open_backup(path, key)
    except NotEncryptedDatabase as exc:
        raise ForeignBackup(name, "elle n'est pas chiffrée, alors que ce dossier de données "
                            "l'est") from exc
    except WrongDatabaseKey as exc:
        raise ForeignBackup(name, "elle ne s'ouvre pas avec la clé de ce coffre (elle vient "
                            "d'un autre dossier de données, ou elle est endommagée)") from exc
    try:
        found = stamped_vault(conn)
    except BaseException:
        conn.close()
        raise
    if found != key.vault_id:
        conn.close()
        raise ForeignBackup(name, "elle vient d'un autre dossier de données (un autre coffre)")
    return conn


def content_digest(conn: driver.Connection) -> str:
    """SHA-256 of the schema version, then of each table (name, definition, rows in rowid
    order), tables by name. Reads the whole base (like the integrity check)."""
    digest = hashlib.sha256()
    digest.update(repr(conn.execute("PRAGMA user_version").fetchone()).encode())
    tables = conn.execute(
        "SELECT name, sql FROM sqlite_schema WHERE type = 'table' "
        "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name"
    ).fetchall()
    for name, sql in tables:
        digest.update(repr((name, sql)).encode())
        quoted = '"' + str(name).replace('"', '""') + '"'
        try:
            rows = conn.execute(f"SELECT * FROM {quoted} ORDER BY rowid")
        except driver.OperationalError:  # a WITHOUT ROWID table: primary key order
            rows = conn.execute(f"SELECT * FROM {quoted}")
        while batch := rows.fetchmany(1000):
            digest.update(repr(batch).encode())
    return digest.hexdigest()


def digest_of(path: Path, key: VaultKey | None = None) -> str | None:
    """The content digest of the base file at `path` (a backup), None if unreadable."""
    try:
        conn = open_backup(path, key)
    except (driver.Error, StoreError):
        return None
    try:
        return content_digest(conn)
    except driver.Error:
        return None
    finally:
        conn.close()
