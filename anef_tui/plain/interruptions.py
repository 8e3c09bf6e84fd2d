"""How a plain-mode session ends when it is not by « :quitter » (issue 20): Ctrl+C, SIGTERM
(a closed terminal, a system stopping), a reader that went away (`anef-tui texte | head`).
Each ends cleanly, with a French line when it can still be written, and never in the middle
of a filing: its PDFs are made first (signals held meanwhile), and a session killed anyway
(SIGKILL, power) leaves them owed to the next start (`DossierStore.documents_owed`)."""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from types import FrameType


class Stopped(Exception):
    """SIGTERM: the session is asked to end."""


def _raise_stopped(signum: int, frame: FrameType | None) -> None:
    raise Stopped


@contextlib.contextmanager
def stopped_by_sigterm() -> Iterator[None]:
    """While inside, SIGTERM raises Stopped (main thread only; elsewhere nothing changes)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _raise_stopped)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """Ctrl+C and SIGTERM wait for the end of the block (a filing and its PDFs), then act as
    they would have: the dossier is never left filed without its PDFs by them."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []

    def hold(signum: int, frame: FrameType | None) -> None:
        received.append(signum)

    previous = {sig: signal.signal(sig, hold) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        if signal.SIGTERM in received:
            raise Stopped
        if signal.SIGINT in received:
            raise KeyboardInterrupt
