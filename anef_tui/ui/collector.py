"""Python's cycle collector, set for a Textual app.

Each screen change builds and drops thousands of objects (widgets, their styles, the lines
drawn), many of them in reference cycles. With Python's default thresholds (700, 10, 10)
the full collection, which walks every live object of the process, came every few step
changes: measured on 40 step changes of a filed dossier, 1,000 quick collections and 8 full
ones, a quarter of the CPU time. With the thresholds below the same garbage is collected in
fewer, larger passes: 25 % less CPU for the same walk, 20 to 30 MB more memory at the most
(README « Mesures »). The tests run the app through `make_app` and so with the same
collector as a person's desk.
"""

from __future__ import annotations

import gc

#: Allocations before a young collection, and young (then middle) collections before the
#: next older one.
THRESHOLDS = (20_000, 20, 100)


def tune() -> None:
    """Set the thresholds for this process (idempotent)."""
    gc.set_threshold(*THRESHOLDS)
