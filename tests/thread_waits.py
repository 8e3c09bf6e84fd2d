"""Waiting, in the store's tests, for what another thread does (the desks' change feeds):
a condition looked at every 10 ms, up to a generous bound — a loaded machine schedules a
feed's thread late, a working feed answers at once. Never a timing assertion."""

from __future__ import annotations

import threading
from collections.abc import Callable

#: Seconds: generous on purpose (the answer comes at once when the code works).
BOUND = 60


def until(condition: Callable[[], bool]) -> bool:
    """Whether `condition` became true within BOUND seconds."""
    event = threading.Event()
    for _ in range(BOUND * 100):
        if condition():
            return True
        event.wait(0.01)
    return condition()
