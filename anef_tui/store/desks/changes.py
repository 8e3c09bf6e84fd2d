"""The change feed's interface: what a listener is told, and how an engine provides it.

A feed calls its listeners from its own thread (a front end hands the call over to its own:
the TUI posts a Textual message). `Change.dossier_id` names the dossier when the engine knows
it (PostgreSQL's NOTIFY payload); None means « something changed » (SQLite knows only that):
the listener refreshes what it shows.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from anef_tui.store.database import Database
    from anef_tui.store.desks.presence import PresenceStore


@dataclass(frozen=True)
class Change:
    """Another desk committed something (`dossier_id` None: which, the engine cannot say),
    or a desk holding a dossier open went away (`presence`: its process is gone)."""

    dossier_id: int | None = None
    presence: bool = False


Listener = Callable[[Change], None]


class ChangeFeed(Protocol):
    """What every engine's feed offers. `subscribe` starts it on first use (nothing runs
    for a base nobody watches) and returns the call that unsubscribes; `close` stops it
    (idempotent; listeners are not called after it returns)."""

    def subscribe(self, listener: Listener) -> Callable[[], None]: ...

    def close(self) -> None: ...


class ThreadFeed:
    """What both engines' feeds share: their listeners, the daemon thread started by the
    first `subscribe` (nothing runs for a base nobody watches), `close`, and `_tell`, which
    calls the listeners from that thread. Each engine's feed writes `_run`."""

    #: The thread's name, and the seconds between two looks (each feed sets its own).
    THREAD_NAME = "anef-desks"
    PERIOD = 1.0

    def __init__(self, database: Database, presence: PresenceStore, *,
                 period: float | None = None) -> None:
        self.database = database
        self.presence = presence
        self.period = period or self.PERIOD
        self._listeners: list[Listener] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        with self._lock:
            self._listeners.append(listener)
            if self._thread is None and not self._stop.is_set():
                self._thread = threading.Thread(
                    target=self._run, name=self.THREAD_NAME, daemon=True
                )
                self._thread.start()

        def unsubscribe() -> None:
            with self._lock, contextlib.suppress(ValueError):
                self._listeners.remove(listener)

        return unsubscribe

    def close(self) -> None:
        self._stop.set()
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout=10)

    def _tell(self, change: Change) -> None:
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            if self._stop.is_set():
                return
            with contextlib.suppress(Exception):  # a listener's fault is not the feed's
                listener(change)

    def _run(self) -> None:
        raise NotImplementedError
