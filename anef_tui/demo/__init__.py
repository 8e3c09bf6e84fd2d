"""Demo dossiers for trainings, demos and snapshots (`anef-tui demo`).

- demo/data.py: the invented people and their answers (the data, no code but one helper);
- demo/builder.py: `fill_demo`, the named dossiers built through the store, one per state of
  the procedure and of the follow-up;
- demo/bulk.py: `fill_many`, many fictitious dossiers (`anef-tui demo --count N`).

Nothing medical, ever: the procedure forbids giving it to the préfecture.
"""

from __future__ import annotations

from anef_tui.demo.builder import fill_demo
from anef_tui.demo.bulk import datetime_at, fill_many
from anef_tui.demo.data import GUIDE_PROFILE, MOTIF, RENEWAL_PRELIMINARIES, personal_step

__all__ = ["datetime_at", "fill_demo", "fill_many"]

# The names tests and benches import (tests/ui/test_step_focus.py, bench/step.py, …).
_GUIDE_PROFILE = GUIDE_PROFILE
_MOTIF = MOTIF
_RENEWAL_PRELIMINARIES = RENEWAL_PRELIMINARIES
_step1 = personal_step
