"""The change feed's interface: what a listener is told, and how an engine provides it.

A feed calls its listeners from its own thread (a front end hands the call over to its own:
the TUI posts a Textual message). `Change.dossier_id` names the dossier when the engine knows
it (PostgreSQL's NOTIFY payload); None means « something changed » (SQLite knows only that):
the listener refreshes what it shows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol


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
