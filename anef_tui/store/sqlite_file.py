"""The database file itself: checked read-only before use, created atomically, owner-only."""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from anef_tui.display import display_path
from anef_tui.oserrors import advice, reason
from anef_tui.store import driver
from anef_tui.store.connection import BUSY_TIMEOUT_MS, Db
from anef_tui.store.errors import (
    _DISK_FULL_ERRNOS,
    DamagedDatabase,
    DiskFull,
    StoreBusy,
    StoreError,
    guard,
    translate_error,
)
from anef_tui.store.housekeeping import NEW_BASE_PREFIX
from anef_tui.store.schema import migrate

if TYPE_CHECKING:
    from anef_tui.vault.keys import VaultKey

DB_FILE_MODE = 0o600
SQLITE_HEADER = b"SQLite format 3\x00"
#: Leftover of a new base being created (see `_create_new`), cleaned once this old (s).
STALE_NEW_BASE_SECONDS = 3600


def _unwritable(path: Path, exc: OSError) -> StoreError:
    if exc.errno in _DISK_FULL_ERRNOS:
        return DiskFull(path)
    return StoreError(
        f"La base de données « {display_path(path)} » ne peut pas être créée ou ouverte "
        f"({reason(exc)}) : {advice(exc)}, ou choisissez un autre dossier avec --data-dir."
    )


def _symlink_refused(path: Path) -> StoreError:
    return StoreError(
        f"« {display_path(path)} » est un lien symbolique : anef-tui n'ouvre pas sa base par un lien (ses "
        "droits ne peuvent pas être protégés). Remplacez le lien par le fichier lui-même, ou "
        "choisissez un autre dossier avec --data-dir."
    )


def inspect_file(path: Path) -> bool:
    """Whether a database file exists at `path` (False: missing, a new base may be made).

    Never creates nor modifies anything, and never opens the file: another connection of
    this process may hold SQLite's locks on it, and closing *any* descriptor of a file drops
    every POSIX lock the process holds on it (issue 19). Only `lstat`: raise StoreError for
    a symbolic link or something that is not a file, DamagedDatabase for an empty file (it
    is never overwritten nor taken for a new base). A file that is not an SQLite base is
    found by `probe_version` / `check_integrity`, through SQLite.
    """
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise _unwritable(path, exc) from exc
    if stat.S_ISLNK(info.st_mode):
        raise _symlink_refused(path)
    if not stat.S_ISREG(info.st_mode):
        raise StoreError(
            f"« {display_path(path)} » n'est pas un fichier de base de données : déplacez-le ou "
            "choisissez un autre dossier avec --data-dir."
        )
    if info.st_size == 0:
        raise DamagedDatabase(path, "le fichier est vide")
    return True


NOT_OURS = "ce fichier n'est pas une base de données d'anef-tui"


def connect_to(target: str | os.PathLike[str], key: VaultKey | None = None,
               path: str | os.PathLike[str] | None = None, **options: Any) -> driver.Connection:
    """The store's connections, plain or keyed: `driver.connect` for a plain folder, through
    the vault for an encrypted one (`key`): keyed and checked by a first read (a wrong key,
    or a plain base opened with a key, is the vault's French error). `path`: the file, when
    `target` is a URI."""
    if key is None:
        return driver.connect(target, **options)
    from anef_tui.vault.database import connect_keyed

    conn: driver.Connection = connect_keyed(
        target, key, Path(path if path is not None else target), **options)
    return conn


def _readonly(path: Path, key: VaultKey | None) -> driver.Connection:
    """A read-only connection to the base at `path`, keyed for an encrypted folder."""
    return connect_to(_readonly_uri(path), key, path, uri=True,
                      timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)


def probe_version(path: Path, key: VaultKey | None = None) -> int | None:
    """The base's `user_version`, read through a read-only SQLite connection (never a
    descriptor of our own: see `inspect_file`). DamagedDatabase if the file is not an
    SQLite base; None if it cannot be read now (busy, or a read-only folder)."""
    conn: driver.Connection | None = None
    try:
        conn = _readonly(path, key)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return int(conn.execute("PRAGMA user_version").fetchone()[0])
    except driver.Error as exc:
        error = translate_error(exc, path)
        if isinstance(error, DamagedDatabase):
            raise DamagedDatabase(path, NOT_OURS) from exc
        return None
    finally:
        if conn is not None:
            conn.close()


def _readonly_uri(path: Path) -> str:
    from urllib.parse import quote

    # Bytes, so that a folder whose name is not UTF-8 (a surrogate in `str`) is found.
    return f"file:{quote(os.fsencode(Path(path).absolute()))}?mode=ro"


def check_integrity(path: Path, key: VaultKey | None = None) -> None:
    """`PRAGMA integrity_check` on a read-only connection: DamagedDatabase if it fails.

    The full check, not `quick_check`: only it compares each index with its table (an
    index left with a wrong number of entries passes `quick_check`). Read-only, so that
    nothing is written to a damaged base (not even a checkpoint). An encrypted base (`key`)
    also passes `PRAGMA cipher_integrity_check` (every page's HMAC, free pages included):
    DamagedEncryptedDatabase (a DamagedDatabase) if one fails.
    """
    conn: driver.Connection | None = None
    try:
        conn = _readonly(path, key)
        rows = conn.execute("PRAGMA integrity_check(1)").fetchall()
        if key is not None and rows and rows[0][0] == "ok" and conn.execute(
            "PRAGMA cipher_integrity_check"
        ).fetchone() is not None:
            from anef_tui.vault.errors import DamagedEncryptedDatabase

            raise DamagedEncryptedDatabase(path)
    except driver.Error as exc:
        error = translate_error(exc, path)
        if isinstance(error, DamagedDatabase):
            if getattr(exc, "sqlite_errorname", "").startswith("SQLITE_NOTADB"):
                raise DamagedDatabase(path, NOT_OURS) from exc
            raise error from exc
        if isinstance(error, StoreBusy):
            raise error from exc
        # The read-only check itself is impossible (e.g. a WAL base in a read-only folder):
        # the base is opened normally and such errors are reported there.
        return
    finally:
        if conn is not None:
            conn.close()
    if not rows or rows[0][0] != "ok":
        raise DamagedDatabase(path)


#: Nice value of the thread that checks a large base: the lowest, so that it gives way to
#: the interface and its workers (with nice 5 it still took a core from F6 on 2 cores).
CHECK_NICE = 19


def lower_thread_priority() -> None:
    """Make the calling thread give way to the others (Linux: a thread has its own nice
    value). Elsewhere, or if refused, nothing changes."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), CHECK_NICE)


class DeferredCheck:
    """`check(path)` in a daemon thread of lower priority, run once the app has painted its
    first screen (`start()`), or `latest` seconds after this object is made if nobody says
    so (the CLI, plain mode), or at once when a write needs the verdict (`result()`).
    `then` runs in the same thread once the base is known to be sound (the daily backup).

    A daemon thread: a process that ends before the check (`anef-tui list`) does not wait
    for it; nothing was written meanwhile, since every write waits for `result()`.
    """

    def __init__(
        self, check: Callable[[Path], None], path: Path, *, latest: float,
        then: Callable[[], None] | None = None,
    ) -> None:
        self.path = path
        self._check = check
        self._then = then
        self._go = threading.Event()
        self._done = threading.Event()
        self._error: BaseException | None = None
        self.started = False  #: the check began (for tests and the bench)
        self._thread = threading.Thread(
            target=self._run, args=(latest,), name="anef-tui-check", daemon=True
        )
        self._thread.start()

    def start(self) -> None:
        """Run the check now (the first screen is painted)."""
        self._go.set()

    def done(self) -> bool:
        """Whether the verdict is known."""
        return self._done.is_set()

    def wait_done(self) -> None:
        """Wait for the verdict without starting the check (it starts as it would)."""
        self._done.wait()

    def result(self) -> None:
        """Start the check if it is not running, wait for its verdict; DamagedDatabase (or
        the StoreError of the check) if the base must not be written."""
        self._go.set()
        self._done.wait()
        if self._error is not None:
            raise self._error

    def _run(self, latest: float) -> None:
        self._go.wait(latest)
        self.started = True
        lower_thread_priority()
        try:
            self._check(self.path)
        except BaseException as exc:  # handed to whoever waits for the verdict
            self._error = exc
        finally:
            self._done.set()
        if self._error is None and self._then is not None:
            with contextlib.suppress(Exception):  # best effort, said by its own warning
                self._then()


def tighten_modes(path: Path) -> None:
    """Make the base and its -wal and -shm files owner-only (0600), never through a link.

    By path (`lstat`, then `chmod`), never through a descriptor: closing one would drop
    this process's SQLite locks on the base (see `inspect_file`). SQLite creates the -wal
    and -shm files with the base's own mode, so once the base is 0600 they are too; older
    ones are tightened here. The folder is the user's own (0700), so nothing can swap a
    file for a link between the two calls.
    """
    try:
        for candidate in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            try:
                info = os.lstat(candidate)
            except FileNotFoundError:
                continue
            if stat.S_ISLNK(info.st_mode):
                raise _symlink_refused(candidate)
            if stat.S_ISREG(info.st_mode) and stat.S_IMODE(info.st_mode) != DB_FILE_MODE:
                os.chmod(candidate, DB_FILE_MODE)
    except OSError as exc:
        raise _unwritable(path, exc) from exc


def witnesses(data_dir: Path, limit: int = 20) -> Iterator[Path]:
    """Encrypted files of the folder (attachments, documents), read only when the key does
    not open the base: one naming another vault shows the key file came from another
    folder (`vault.database.open_database`)."""
    for sub in ("pieces", "documents"):
        try:
            entries = sorted(os.scandir(Path(data_dir) / sub), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            if entry.is_file(follow_symlinks=False):
                yield Path(entry.path)
                limit -= 1
                if limit <= 0:
                    return


def _connect(path: Path, key: VaultKey | None = None) -> driver.Connection:
    """A read-write connection to the base at `path` with the store's pragmas. With `key`
    (an encrypted folder), opened by `vault.database.open_database`: keyed, checked to be
    this vault's (stamped if it records none yet)."""
    options: dict[str, Any] = {
        "timeout": BUSY_TIMEOUT_MS / 1000, "isolation_level": None, "check_same_thread": False,
    }
    if key is None:
        conn = driver.connect(str(path), **options)
    else:
        from anef_tui.vault.database import open_database

        conn = open_database(path, key, witnesses(path.parent), **options)
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS:d}")
        conn.execute("PRAGMA foreign_keys = ON")
        # Deleted content is overwritten with zeros, whatever SQLite's compile-time default.
        conn.execute("PRAGMA secure_delete = ON")
    except BaseException:
        conn.close()
        raise
    return conn


def _create_new(path: Path, key: VaultKey | None = None) -> None:
    """Make a new, migrated base at `path` atomically: built in a temporary file of the same
    folder (0600), then hard-linked into place, so that a file at `path` is always a
    complete base (an interrupted creation leaves no empty file there). If another process
    created the base meanwhile, theirs is kept."""
    import tempfile

    try:
        fd, temp_name = tempfile.mkstemp(prefix=NEW_BASE_PREFIX, suffix=".db", dir=path.parent)
    except OSError as exc:
        raise _unwritable(path, exc) from exc
    os.close(fd)
    temp = Path(temp_name)
    try:
        with guard(path):
            conn = _connect(temp, key)
            try:
                conn.execute("PRAGMA journal_mode = WAL").fetchone()
                conn.execute("PRAGMA synchronous = FULL")
                migrate(Db(conn))
            finally:
                conn.close()
        try:
            os.link(temp, path)
        except FileExistsError:
            pass
        except OSError as exc:
            if exc.errno in _DISK_FULL_ERRNOS:
                raise
            # No hard links on this filesystem: a rename, unless a base appeared meanwhile.
            if not os.path.lexists(path):
                os.replace(temp, path)
    except OSError as exc:
        raise _unwritable(path, exc) from exc
    finally:
        for leftover in (temp, Path(f"{temp}-wal"), Path(f"{temp}-shm")):
            with contextlib.suppress(OSError):
                os.unlink(leftover)
