"""One open data directory: the SQLite connection, its lock, the clock, transactions.

`DossierStore` opens it (`store.database`); the attachment, follow-up and deadline stores
share it instead of reaching into the DossierStore's private helpers.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from anef_tui.paths import DB_NAME, DataDirError, ensure_data_dir
from anef_tui.store import base_choice, driver
from anef_tui.store.backups import daily_backup_if_due
from anef_tui.store.connection import Db, write_transaction
from anef_tui.store.db import open_database_checking_later
from anef_tui.store.errors import StoreError, guard
from anef_tui.store.housekeeping import DataDirLock, sweep_temporaries
from anef_tui.store.journal.actor import Actor
from anef_tui.store.sqlite_file import DeferredCheck, _connect
from anef_tui.vault.errors import KeyFileMissing, VaultLocked
from anef_tui.vault.keyfile import key_file_path

if TYPE_CHECKING:
    from anef_tui.domain.consent import ConsentTerms
    from anef_tui.vault.keys import VaultKey


class Chosen:
    """The base the command line chose (`store/base_choice.py`): the default of `base`."""


CHOSEN = Chosen()


def has_key_file(data_dir: Path) -> bool:
    """Whether the folder is encrypted (it holds `coffre.cle`; `lstat` only)."""
    return os.path.lexists(key_file_path(data_dir))


class Database:
    """The connection of one data directory, thread-safe (one lock around it).

    Opening takes the data directory's lock (a restore in progress refuses), opens and
    migrates the base, sweeps leftovers of interrupted work and makes today's backup.
    """

    #: The consent `DossierStore.create` records when its caller gives none (issue 24):
    #: None in the application (a dossier created without one is read-only until a consent
    #: is recorded); the test suite's conftest sets one so that the tests that create
    #: dossiers through the store keep working.
    default_consent: ConsentTerms | None = None

    def __init__(
        self,
        data_dir: Path,
        *,
        clock: Callable[[], datetime] = datetime.now,
        key: VaultKey | None = None,
        base: str | None | Chosen = CHOSEN,
    ):
        if isinstance(base, Chosen):
            base = base_choice.chosen()
        if base is not None:
            self._open_server(Path(data_dir), base, clock, key)
            return
        if key is None and has_key_file(Path(data_dir)):
            raise VaultLocked(Path(data_dir))
        if key is not None and not has_key_file(Path(data_dir)):
            raise KeyFileMissing(key_file_path(Path(data_dir)))
        try:
            ensure_data_dir(Path(data_dir))
        except DataDirError as exc:
            raise StoreError(str(exc)) from exc
        self.data_dir = Path(data_dir)
        self.path = self.data_dir / DB_NAME
        self._clock = clock
        #: The unlocked vault of an encrypted folder (issue 23), None for a plain one: the
        #: base, the attachments and every file the app keeps are sealed with it.
        self.key = key
        #: The structure's base on a PostgreSQL server (`_open_server`), not this folder's.
        self.on_server = False
        #: Who acts and from which front end (issue 24): set by the front end once it knows
        #: the worker's name; every journal entry reads it. Unknown until then.
        self.actor = Actor()
        self.lock = threading.RLock()
        #: Held by the daily backup of a large base (its own connection, in the check's
        #: thread): `close` waits for it, and none starts once closed.
        self._aside = threading.Lock()
        self._closed = False
        self._anchored = False  # the journal's anchor written at close (once)
        #: Why today's automatic backup could not be made (French), or None: for the UI to
        #: show once; the base itself is fine.
        self.backup_warning: str | None = None
        try:
            self._dir_lock: DataDirLock | None = DataDirLock(self.data_dir)
        except BlockingIOError as exc:
            raise StoreError(
                "Une sauvegarde est en cours de restauration sur ces données : attendez la fin "
                "puis relancez anef-tui."
            ) from exc
        except OSError:
            self._dir_lock = None  # a filesystem without locks: restore is documented
        try:
            self.db: Db
            self._integrity: DeferredCheck | None
            self.db, self._integrity = open_database_checking_later(
                self.path, backups_dir=self.data_dir / "sauvegardes", now=self._naive_now,
                # Never back up a base before it is known to be sound: a damaged copy would
                # push a good one out of the few kept.
                then=self._daily_backup_aside, key=key,
            )
        except BaseException:
            self._release_dir_lock()
            raise
        sweep_temporaries(self.data_dir)
        if self._integrity is None:
            self._daily_backup()

    def _open_server(self, data_dir: Path, base: str, clock: Callable[[], datetime],
                     key: VaultKey | None) -> None:
        """The structure's base on a PostgreSQL server (issue 25): the data folder keeps
        the desk's preferences, exports and crash reports; no lock, backup, integrity
        check or anchor there (they are SQLite's: the server's administrator backs up)."""
        from anef_tui.store.db import open_server_database

        try:
            ensure_data_dir(data_dir)
        except DataDirError as exc:
            raise StoreError(str(exc)) from exc
        self.data_dir = data_dir
        self.path = data_dir / DB_NAME
        self._clock = clock
        #: On a server, the structure's key: files are sealed with it before they leave.
        self.key = key
        self.on_server = True
        self.actor = Actor()
        self.lock = threading.RLock()
        self._aside = threading.Lock()
        self._closed = False
        self._anchored = False
        self.backup_warning = None
        self._dir_lock = None
        self._integrity = None
        self.db = open_server_database(base)

    def logged_in(self, structure_key: VaultKey) -> None:
        """A worker's login unsealed the structure's key (issue 25). On a server's base the
        files are sealed with it before they leave the desk; a data folder's files are
        sealed with its vault's key (or not at all), which this leaves as it is."""
        if self.on_server:
            self.key = structure_key

    def start_check(self) -> None:
        """The first screen is painted: a large base's deferred integrity check may run
        (it would start anyway a moment later, or at the first write)."""
        check = self._integrity
        if check is not None:
            check.start()

    def _daily_backup_aside(self) -> None:
        """Today's backup of a large base, in the check's thread (lower priority), on a
        connection of its own: the shared one stays free for the interface (copying 120 MB
        held its lock ~0.3 s, so a search typed meanwhile froze)."""
        try:
            with self._aside:
                if self._closed:
                    return
                with guard(self.path):
                    conn = _connect(self.path, self.key)
                try:
                    daily_backup_if_due(Db(conn), self.data_dir, now=self._naive_now(),
                                        key=self.key)
                finally:
                    conn.close()
        except StoreError as exc:
            self.backup_warning = (
                f"La sauvegarde automatique du jour n'a pas pu être faite : {exc}"
            )

    def local_now(self) -> datetime:
        """The clock's now as local time without time zone (what the base stores)."""
        return self._naive_now()

    def _naive_now(self) -> datetime:
        moment = self._clock()
        return moment.astimezone().replace(tzinfo=None) if moment.tzinfo else moment

    def _daily_backup(self) -> None:
        try:
            with self.lock:
                daily_backup_if_due(self.db, self.data_dir, now=self._naive_now(),
                                    key=self.key)
        except StoreError as exc:
            self.backup_warning = (
                f"La sauvegarde automatique du jour n'a pas pu être faite : {exc}"
            )

    def _release_dir_lock(self) -> None:
        if self._dir_lock is not None:
            self._dir_lock.release()
            self._dir_lock = None

    def close(self) -> None:
        with self._aside:
            self._closed = True
        with self.lock:
            if (self._integrity is None and not self._anchored
                    and self.db.engine.in_data_folder):
                # The journal's head kept beside the base (`store/journal/anchor.py`).
                from anef_tui.store.journal.anchor import save_anchor

                self._anchored = True
                save_anchor(self)
            with contextlib.suppress(driver.Error):
                if self._integrity is None:  # known sound (a damaged base is not touched)
                    # The engine's housekeeping (SQLite: the -wal checkpointed and emptied).
                    self.db.engine.at_close(self.db.conn)
                self.db.close()
            self._release_dir_lock()

    def wait_for_check(self, *, start: bool = True) -> None:
        """Block until the start-up integrity check (in a thread for a large base) has
        answered; DamagedDatabase, every time, if the base is damaged. `start=False`: wait
        without starting it (a thread that can wait for the first paint)."""
        check = self._integrity
        if check is None:
            return
        if not start:
            check.wait_done()
        check.result()  # raises DamagedDatabase
        self._integrity = None

    @property
    def known_sound(self) -> bool:
        """Whether the start-up integrity check has answered (a small base: at once)."""
        return self._integrity is None

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Db]:
        """One write transaction; nested calls join it as a savepoint. SQLite errors
        become StoreError. Nothing is written before the base is known to be sound."""
        self.wait_for_check()
        with self.lock, guard(self.path), write_transaction(self.db) as db:
            yield db

    @contextlib.contextmanager
    def reading(self) -> Iterator[driver.Connection]:
        """The connection, under the lock, for reads (SQLite errors become StoreError)."""
        with self.lock, guard(self.path):
            yield self.db.conn

    def change_stamp(self) -> tuple[int, int]:
        """Equal stamps, same data: on SQLite the rows this connection has changed so far and
        `data_version` (moved by every commit of another connection, another window); the
        engine says (`store/engine/`)."""
        with self.reading() as conn:
            return self.db.engine.change_stamp(conn)

    def now(self) -> datetime:
        """The clock (injected; frozen in tests)."""
        return self._clock()

    def now_iso(self) -> str:
        """Now as stored in the base: local time, to the second, without time zone."""
        return self._naive_now().isoformat(timespec="seconds")


class HasDatabase(Protocol):
    """What opens a Database (a DossierStore)."""

    database: Database


def database_of(owner: Database | HasDatabase) -> Database:
    """The Database itself, or the one a DossierStore opened."""
    return owner if isinstance(owner, Database) else owner.database
