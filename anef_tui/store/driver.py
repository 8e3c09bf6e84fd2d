"""The one SQLite library of anef_tui: every connection is made here, through `sqlcipher3`.

Plain folders and encrypted ones alike: two SQLite libraries in one process (the stdlib's
`sqlite3` and `sqlcipher3`) do not share their table of POSIX locks per inode, so closing a
connection of one drops the locks the other holds on the same file — and the next process
to close deletes the -wal we write into (issue 19). Without a key, SQLCipher is SQLite.

`connect(target)`: a connection (SQLCipher's log lines on descriptor 2 silenced before the
first). An encrypted folder's connections are this one keyed by the vault
(`vault.database.connect_keyed`; the store calls `sqlite_file.connect_to`, which picks):
this module imports nothing of anef_tui, so that the vault and the store's errors can
stand on it without an import circle.

`Error`, `OperationalError`, `Connection`, `Cursor`… are sqlcipher3's classes (they are NOT
the stdlib's `sqlite3.Error`): catch `driver.Error`. They are looked up on first use, so
that importing the store loads no SQLite library before the first connection (mypy sees
the stdlib's, whose interface is the same).
"""

from __future__ import annotations

import os
import threading
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
    from sqlcipher3 import dbapi2  # ImportError: worded by the vault (EncryptionUnavailable)

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


def connect(target: str | os.PathLike[str], **options: Any) -> Connection:
    """A connection to `target` (a path, or a `file:` URI with `uri=True`); `options` go to
    `sqlcipher3.connect` (timeout, isolation_level, check_same_thread…). Not keyed."""
    module = dbapi()
    silence_logs()
    return module.connect(os.fspath(target), **options)
