"""Pilot waits until the app has *nothing left to do*, not until the process looks idle.

Textual's `wait_for_idle` (behind `pilot.pause()`, every `pilot.press()` and the snapshot
plugin) calls the app idle when the process used almost no CPU during a few milliseconds.
On a loaded machine a process that still has work queued is often simply not scheduled
for that long: the test then went on before the screen had caught up — a focus not moved
yet, a form not scrolled yet — and a different test failed in each loaded run (issue 19).

Here the app is settled when, for a few consecutive looks (each lets the event loop run
whatever is ready): no message queue and no `call_next` list of any node of any screen
holds anything, the screen shown has no layout, repaint or `call_after_refresh` callback
pending, and no worker is pending, nor running in a thread. Timers set for later (the
autosave every 3 s, a toast's expiry) are the app's own clock and are not waited for. CPU
time plays no part.
"""

from __future__ import annotations

import asyncio
from time import monotonic

import textual._wait
import textual.app
import textual.pilot
from textual._context import active_app
from textual.worker import WorkerState

#: How long one look waits, and how many quiet looks in a row make the app settled.
LOOK = 0.002
QUIET_LOOKS = 3
#: A bound, so that an app busy for ever (a bug) does not hang its test.
LIMIT = 30.0


def _pumps(app):
    yield app
    for screen in list(app.screen_stack):
        yield from screen.walk_children(with_self=True)


def _busy(app) -> bool:
    return bool(busy_with(app))


def busy_with(app) -> str:
    """What the app still has to do ("" when settled, or when it is closing: a bug report
    or an exit is under way, and nothing more will be done)."""
    if app._closing or app._closed or app._exit_renderables or not app.screen_stack:
        return ""
    for worker in list(app.workers):
        # A thread's work is invisible to the event loop; an async worker's is not (and
        # some wait for ever on a queue: the directory tree's loader).
        if worker.state is WorkerState.PENDING or (
            worker.state is WorkerState.RUNNING and worker._thread_worker
        ):
            return f"worker {worker.name!r} {worker.state.name}"
    # The screen shown: one underneath (behind it) keeps its repaint for when it returns.
    screen = app.screen
    if (
        screen._layout_required
        or screen._repaint_required
        or screen._dirty_widgets
        or screen._callbacks
    ):
        return f"screen {screen!r} to lay out or repaint"
    for pump in _pumps(app):
        if pump._next_callbacks or not pump._message_queue.empty():
            return f"messages of {pump!r}"
    return ""


async def wait_until_settled(min_sleep: float = 0.0, max_sleep: float = 1.0) -> None:
    """Drop-in for `textual._wait.wait_for_idle`: see the module docstring. `max_sleep` is
    ignored (Textual's default gave up after 1 s, busy or not); LIMIT bounds the wait."""
    try:
        app = active_app.get()
    except LookupError:
        app = None
    if app is None:
        await asyncio.sleep(max(min_sleep, LOOK))
        return
    start = monotonic()
    quiet = 0
    while monotonic() - start < LIMIT:
        await asyncio.sleep(LOOK)
        if _busy(app):
            quiet = 0
            continue
        quiet += 1
        if quiet >= QUIET_LOOKS and monotonic() - start >= min_sleep:
            return
    # Busy for LIMIT seconds: go on, as Textual's own wait does after its bound; the test's
    # assertions then say what is wrong (raising here, inside the app, broke the next tests
    # of the same worker).


def install() -> None:
    """Every module that imported Textual's wait uses this one instead."""
    for module in (textual._wait, textual.app, textual.pilot):
        module.wait_for_idle = wait_until_settled  # type: ignore[attr-defined]
