"""The database encrypted with SQLCipher (`sqlcipher3`, SQLCipher 4 built in, FTS5 included).

- `connect(path, raw_key)`: a `sqlcipher3` connection keyed with `PRAGMA key = "x'…'"` (a
  raw 256-bit key: no passphrase derivation inside SQLCipher, the vault did it once) and
  SQLCipher 4's defaults (AES-256-CBC per 4 KiB page, HMAC-SHA512 per page, random salt
  in the first 16 bytes). A wrong key is `WrongDatabaseKey`, a plain SQLite file
  `NotEncryptedDatabase`, never « file is not a database ». `sqlite_utils.Database(conn)`
  takes the connection as it is.
- SQLCipher writes its own log lines on descriptor 2 (« ERROR CORE sqlcipher_page_cipher:
  hmac check failed… », the terminal Textual draws on): `silence_logs` turns them off for
  the process (`PRAGMA cipher_log_level = NONE` and `PRAGMA cipher_log = off`), before the
  first key is tried.
- `database_key(key)`: the raw key given to SQLCipher, HKDF of the data key (the files'
  keys are other HKDF outputs of it: one purpose per key).
- The vault id is kept in the database (table `vault`, one row): `open_database` refuses a
  key of another vault (`KeyFileSwapped`), and when the key does not open the base at all,
  looks at the headers of encrypted files of the same folder (`witnesses`) to say whether
  the key file came from another folder.
- `encrypt_copy`: the verified encrypted copy of a plain SQLite base (ATTACH … KEY,
  `sqlcipher_export`), for the conversion of folders made before encryption.

`sqlcipher3`'s exceptions are its own classes, not `sqlite3.Error`: `translate` words them.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import quote

from anef_tui.oserrors import reason
from anef_tui.store import driver
from anef_tui.store.errors import StoreError, translate_error
from anef_tui.vault.errors import (
    ConversionFailed,
    DamagedEncryptedDatabase,
    EncryptionUnavailable,
    KeyFileSwapped,
    NotEncryptedDatabase,
    VaultError,
    VaultWriteError,
    WrongDatabaseKey,
)
from anef_tui.vault.keys import VaultKey, check_same_vault
from anef_tui.vault.writing import FILE_MODE, commit, fsync_folder, private_temp

_DB_INFO = b"anef-tui base 1\x00"


def _sqlcipher() -> Any:
    """sqlcipher3's DB-API module, through the store's one driver (`store.driver`)."""
    try:
        return driver.dbapi()
    except ImportError as exc:  # pragma: no cover - a broken installation
        raise EncryptionUnavailable("la bibliothèque sqlcipher3 manque") from exc


def silence_logs() -> None:
    """Turn SQLCipher's log lines off for this process (once; they are process-wide)."""
    driver.silence_logs()


@functools.lru_cache(maxsize=8)
def database_key(key: VaultKey) -> bytes:
    """The raw 32-byte key SQLCipher gets for this vault's database."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                info=_DB_INFO + key.vault_id_bytes).derive(key.data_key)


def _key_pragma(raw_key: bytes) -> str:
    if len(raw_key) != 32:
        raise ValueError("a raw SQLCipher key has 32 bytes")
    return f"x'{raw_key.hex()}'"


def _create_private(path: Path) -> None:
    """An empty 0600 file where SQLite will make a new base (its -wal and -shm take the
    base's rights), so the base is owner-only whatever the umask."""
    with contextlib.suppress(FileExistsError):
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0),
                     FILE_MODE)
        os.close(fd)


def _is_plain_sqlite(path: Path) -> bool:
    """Whether `path` opens as a plain SQLite base (read-only, through SQLite)."""
    sqlcipher = _sqlcipher()
    uri = f"file:{quote(os.fspath(path))}?mode=ro"
    try:
        probe = driver.connect(uri, uri=True)
    except sqlcipher.Error:
        return False
    try:
        probe.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return True
    except sqlcipher.Error:
        return False
    finally:
        probe.close()


def translate(exc: BaseException, path: Path) -> StoreError:
    """A sqlcipher3 (or OS) error in French: a page that does not authenticate is
    DamagedEncryptedDatabase; the rest as the store words SQLite's errors."""
    if isinstance(exc, StoreError):
        return exc
    name = getattr(exc, "sqlite_errorname", "") or ""
    if name.startswith("SQLITE_CORRUPT") or "malformed" in str(exc).lower():
        return DamagedEncryptedDatabase(path)
    return translate_error(exc, path)


def connect(path: Path, raw_key: bytes, **options: Any) -> Any:
    """A `sqlcipher3` connection to the encrypted base at `path` (created, 0600, if
    missing), checked by a first read. WrongDatabaseKey if the key does not open it,
    NotEncryptedDatabase for a plain SQLite file; other failures worded by `translate`.
    `options` go to `sqlcipher3.connect` (timeout, check_same_thread, isolation_level…)."""
    sqlcipher = _sqlcipher()
    silence_logs()
    path = Path(path)
    pragma = _key_pragma(raw_key)
    try:
        if not os.path.lexists(path):
            _create_private(path)
        conn = driver.connect(os.fspath(path), **options)
    except (OSError, sqlcipher.Error) as exc:
        raise translate(exc, path) from exc
    _key_connection(conn, pragma, path)
    return conn


def connect_keyed(target: str | os.PathLike[str], key: VaultKey, path: Path,
                  **options: Any) -> Any:
    """A connection to `target` (a path, or a read-only `file:` URI of the base at `path`,
    with `uri=True`) through the store's driver, keyed with the vault's raw key and checked
    by a first read (`apply_key`). Never creates the file."""
    _sqlcipher()
    try:
        conn = driver.connect(target, **options)
    except _sqlcipher().Error as exc:
        raise translate(exc, Path(path)) from exc
    apply_key(conn, key, path)
    return conn


def apply_key(conn: Any, key: VaultKey, path: Path) -> None:
    """Key the fresh connection `conn` to the base at `path` (a file or a read-only URI's
    file) with the vault's raw key and check it by a first read: WrongDatabaseKey,
    NotEncryptedDatabase, or `translate`'s words (the connection closed)."""
    _key_connection(conn, _key_pragma(database_key(key)), Path(path))


def _key_connection(conn: Any, pragma: str, path: Path) -> None:
    sqlcipher = _sqlcipher()
    try:
        conn.execute(f'PRAGMA key = "{pragma}"')
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher.Error as exc:
        conn.close()
        if (getattr(exc, "sqlite_errorname", "") or "").startswith("SQLITE_NOTADB"):
            if _is_plain_sqlite(path):
                raise NotEncryptedDatabase(path) from exc
            raise WrongDatabaseKey(path) from exc
        raise translate(exc, path) from exc


def check_fts5(conn: Any) -> None:
    """EncryptionUnavailable unless FTS5 (the store's search) works on this connection."""
    sqlcipher = _sqlcipher()
    try:
        conn.execute("CREATE VIRTUAL TABLE temp.anef_fts5_probe USING fts5(mot)")
        try:
            conn.execute("INSERT INTO temp.anef_fts5_probe VALUES ('recherche')")
            found = conn.execute(
                "SELECT count(*) FROM temp.anef_fts5_probe WHERE anef_fts5_probe MATCH 'rech*'"
            ).fetchone()[0]
        finally:
            conn.execute("DROP TABLE temp.anef_fts5_probe")
    except sqlcipher.Error as exc:
        raise EncryptionUnavailable("la recherche plein texte FTS5 manque") from exc
    if found != 1:
        raise EncryptionUnavailable("la recherche plein texte FTS5 ne répond pas")


_STAMP_TABLE = (
    "CREATE TABLE IF NOT EXISTS vault "
    "(id INTEGER PRIMARY KEY CHECK (id = 1), vault_id TEXT NOT NULL)"
)


def stamp_vault(conn: Any, vault_id: str) -> None:
    """Record in the base which vault it belongs to (table `vault`, one row)."""
    with conn:
        conn.execute(_STAMP_TABLE)
        conn.execute("INSERT OR REPLACE INTO vault (id, vault_id) VALUES (1, ?)", (vault_id,))


def stamped_vault(conn: Any) -> str | None:
    """The vault id the base records, or None if it records none yet."""
    found = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'vault'"
    ).fetchone()
    if found is None:
        return None
    row = conn.execute("SELECT vault_id FROM vault WHERE id = 1").fetchone()
    return row[0] if row else None


def foreign_witness(key: VaultKey, witnesses: Iterable[Path]) -> bool:
    from anef_tui.vault.files import vault_of

    for witness in witnesses:
        try:
            if vault_of(witness) != key.vault_id:
                return True
        except VaultError:
            continue  # a damaged or plain file proves nothing either way
    return False


def open_database(path: Path, key: VaultKey, witnesses: Iterable[Path] = (),
                  **options: Any) -> Any:
    """The vault's base, opened and checked to be this vault's.

    KeyFileSwapped if the base records another vault, or if the key does not open it and
    an encrypted file among `witnesses` (the folder's attachments, documents, backups)
    names another vault: the key file came from another data folder. A base that records
    no vault yet (just made) is stamped with this one."""
    sqlcipher = _sqlcipher()
    try:
        conn = connect(path, database_key(key), **options)
    except WrongDatabaseKey:
        if foreign_witness(key, witnesses):
            raise KeyFileSwapped(Path(path).parent) from None
        raise
    try:
        found = stamped_vault(conn)
        if found is None:
            stamp_vault(conn, key.vault_id)
        else:
            check_same_vault(key, found, Path(path).parent)
    except BaseException as exc:
        conn.close()
        if isinstance(exc, sqlcipher.Error):
            raise translate(exc, path) from exc
        raise
    return conn


def table_counts(conn: Any) -> dict[str, int]:
    """Rows of every table (FTS shadow tables included), by name."""
    names = [row[0] for row in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'"
        " ORDER BY name"
    )]
    return {name: conn.execute(f'SELECT count(*) FROM "{name.replace(chr(34), chr(34) * 2)}"')
            .fetchone()[0] for name in names}


def encrypt_copy(plain: Path, target: Path, key: VaultKey) -> dict[str, int]:
    """Write at `target` (never over an existing file) an encrypted copy of the plain base
    `plain`, stamped with the vault, and verify it: opened with the key, the same rows in
    every table, the same user_version, SQLCipher's integrity check passed. The original is
    only read. Returns the rows counted per table. ConversionFailed (the copy removed) if
    anything differs or fails."""
    sqlcipher = _sqlcipher()
    silence_logs()
    plain, target = Path(plain), Path(target)
    if os.path.lexists(target):
        raise VaultWriteError(target, FileExistsError(errno.EEXIST, "", os.fspath(target)))
    try:
        fd, temp = private_temp(target.parent)
        os.close(fd)
    except OSError as exc:
        raise VaultWriteError(target, exc) from exc
    try:
        counts = _export(sqlcipher, plain, temp, key)
        commit(temp, target, replace=False)
    except BaseException as exc:
        for leftover in (temp, Path(f"{temp}-journal"), Path(f"{temp}-wal"), Path(f"{temp}-shm")):
            with contextlib.suppress(OSError):
                os.unlink(leftover)
        if isinstance(exc, ConversionFailed | KeyboardInterrupt | SystemExit):
            raise
        if isinstance(exc, FileExistsError):
            raise VaultWriteError(target, exc) from exc
        if isinstance(exc, OSError):
            raise ConversionFailed(plain, reason(exc)) from exc
        if isinstance(exc, sqlcipher.Error | VaultError):
            raise ConversionFailed(plain, "la base d'origine ou la copie est illisible") from exc
        raise
    fsync_folder(target.parent)
    return counts


def _export(sqlcipher: Any, plain: Path, temp: Path, key: VaultKey) -> dict[str, int]:
    raw_key = database_key(key)
    source = driver.connect(f"file:{quote(os.fspath(plain))}?mode=ro", uri=True)
    try:
        version = source.execute("PRAGMA user_version").fetchone()[0]
        source.execute("ATTACH DATABASE ? AS encrypted KEY ?",
                       (os.fspath(temp), _key_pragma(raw_key)))
        # A new temporary file: no journal and no sync per statement (each table's copy
        # was its own synced transaction, ~0.7 s for an empty base); synced once below.
        source.execute("PRAGMA encrypted.journal_mode = OFF").fetchall()
        source.execute("PRAGMA encrypted.synchronous = OFF")
        source.execute("SELECT sqlcipher_export('encrypted')").fetchall()
        source.execute(f"PRAGMA encrypted.user_version = {int(version)}")
        source.execute("DETACH DATABASE encrypted")
    finally:
        source.close()
    copy = connect(temp, raw_key)
    try:
        stamp_vault(copy, key.vault_id)
    finally:
        copy.close()
    counts = verify_copy(plain, temp, key)
    _sync_file(temp)  # no connection to it is open any more
    return counts


def _sync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def verify_copy(plain: Path, copy: Path, key: VaultKey) -> dict[str, int]:
    """Check that the encrypted `copy` holds what the plain base `plain` holds: the same
    rows in every table (the vault's stamp aside), the same user_version, every page's
    HMAC. The rows counted per table; ConversionFailed otherwise (the caller removes the
    copy, as `encrypt_copy` does). Call it again just before removing the plain base."""
    sqlcipher = _sqlcipher()
    try:
        source = driver.connect(f"file:{quote(os.fspath(plain))}?mode=ro", uri=True)
        try:
            expected = table_counts(source)
            version = source.execute("PRAGMA user_version").fetchone()[0]
        finally:
            source.close()
        conn = connect(copy, database_key(key))
        try:
            found = table_counts(conn)
            found.pop("vault", None)
            if found != expected:
                raise ConversionFailed(plain, "le nombre de lignes diffère")
            if conn.execute("PRAGMA user_version").fetchone()[0] != version:
                raise ConversionFailed(plain, "la version du schéma diffère")
            if conn.execute("PRAGMA cipher_integrity_check").fetchall():
                raise ConversionFailed(plain, "une page ne se vérifie pas")
        finally:
            conn.close()
    except (sqlcipher.Error, VaultError) as exc:
        if isinstance(exc, ConversionFailed):
            raise
        raise ConversionFailed(plain, "la base d'origine ou la copie est illisible") from exc
    return expected
