"""The one SQLite library of anef_tui: every connection is made here, through `sqlcipher3`.

Plain folders and encrypted ones alike: two SQLite libraries in one process (the stdlib's
`sqlite3` and `sqlcipher3`) do not share their table of POSIX locks per inode, so closing a
connection of one drops the locks the other holds on the same file — and the next process
to close deletes the -wal we write into (issue 19). Without a key, SQLCipher is SQLite.

`connect(target, key=…)`: a connection, keyed when the folder is encrypted (the raw key
derived from the vault's data key, checked by a first read: `WrongDatabaseKey`,
`NotEncryptedDatabase`, never « file is not a database »). SQLCipher's log lines on
descriptor 2 are silenced before the first connection.

`Error`, `OperationalError`, `Connection`, `Cursor`… are sqlcipher3's classes (they are NOT
the stdlib's `sqlite3.Error`): catch `driver.Error`. They are looked up on first use, so
that importing the store loads no SQLite library before the first connection (mypy sees
the stdlib's, whose interface is the same).
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlite3 import (
        Connection,
        Cursor,
        DatabaseError,
        Error,
        IntegrityError,
        OperationalError,
        ProgrammingError,
    )

    from anef_tui.vault.keys import VaultKey

__all__ = [
    "Connection",
    "Cursor",
    "DatabaseError",
    "Error",
    "IntegrityError",
    "OperationalError",
    "ProgrammingError",
    "connect",
    "dbapi",
    "silence_logs",
]

_LAZY = frozenset({"Connection", "Cursor", "DatabaseError", "Error", "IntegrityError",
                   "OperationalError", "ProgrammingError"})
_silenced = False
_silence_lock = threading.Lock()


def dbapi() -> Any:
    """The `sqlcipher3.dbapi2` module (imported on first use)."""
    try:
        from sqlcipher3 import dbapi2
    except ImportError as exc:  # pragma: no cover - a broken installation
        from anef_tui.vault.errors import EncryptionUnavailable

        raise EncryptionUnavailable("la bibliothèque sqlcipher3 manque") from exc
    return dbapi2


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(dbapi(), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def silence_logs() -> None:
    """Turn SQLCipher's log lines off for this process (once; they are process-wide)."""
    global _silenced
    if _silenced:
        return
    with _silence_lock:
        if _silenced:
            return
        probe = dbapi().connect(":memory:")
        try:
            probe.execute("PRAGMA cipher_log_level = NONE").fetchall()
            probe.execute("PRAGMA cipher_log = off").fetchall()
        finally:
            probe.close()
        _silenced = True


def connect(target: str | os.PathLike[str], *, key: VaultKey | None = None,
            path: str | os.PathLike[str] | None = None, **options: Any) -> Connection:
    """A connection to `target` (a path, or a `file:` URI with `uri=True`); `options` go to
    `sqlcipher3.connect` (timeout, isolation_level, check_same_thread…).

    With `key` (an encrypted folder), the connection is keyed and checked by a first read;
    `path` names the file in the messages when `target` is a URI. Without, a plain base."""
    module = dbapi()
    silence_logs()
    conn = module.connect(os.fspath(target), **options)
    if key is not None:
        from anef_tui.vault.database import apply_key

        apply_key(conn, key, Path(path if path is not None else target))
    return conn
