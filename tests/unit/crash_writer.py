"""Writer process for test_crash.py: saves a step and a draft forever, reporting commits.

Usage: python crash_writer.py DATA_DIR

Prints "start N" once the store is open (N = the counter already saved), then, after each
save_step has returned (committed), the new counter value on its own line, flushed.
"""

from __future__ import annotations

import sys
from pathlib import Path

from anef_tui.domain.consent import ConsentTerms
from anef_tui.store.database import Database
from anef_tui.store.dossiers import DossierStore

# Issue 24: the consent tests/conftest.py gives the tests' dossiers by default.
Database.default_consent = ConsentTerms("formulaire_signe", 12)

STEP = "compteur"
PAD = "x" * 3000  # makes each commit span WAL pages, so kills can land mid-write


def main() -> None:
    store = DossierStore(Path(sys.argv[1]))
    summaries = store.list()
    if summaries:
        dossier_id = summaries[0].id
    else:
        dossier_id = store.create("renouvellement", applicant_name="Test Crash")
    counter = store.get(dossier_id).answers.get(STEP, {}).get("n", 0)
    print(f"start {counter}", flush=True)
    while True:
        counter += 1
        store.save_draft(dossier_id, STEP, {"n": counter, "pad": PAD})
        store.save_step(dossier_id, STEP, {"n": counter, "pad": PAD}, next_step=f"etape-{counter}")
        print(counter, flush=True)


if __name__ == "__main__":
    main()
