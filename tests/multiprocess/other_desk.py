"""Another desk, as a separate process, driven line by line from its stdin (issue 25):
what a colleague does on the same folder while the test's app is on screen.

Usage: python -m tests.multiprocess.other_desk DATA_DIR WORKER [BASE]
(BASE: a PostgreSQL server's base, `postgresql://…`; else the folder's SQLite base)

Prints « ready » once the store is open, then one line per command once it has returned
(committed):
* « open ID » → « opened ID »: the dossier opened at this desk (presence);
* « leave ID » → « left ID »;
* « draft ID STEP JSON » → « saved ID VERSION »: a draft of STEP written;
* « create NAME » → « created ID »: a renewal for NAME;
* « closure ID » → « closed ID »: the administration closed the request (F6 loses it);
* « abandon ID » → « abandoned ID »: the dossier abandoned (removed).
At the end of its stdin the desk closes the base as the app does (presence gone).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from anef_tui.domain.consent import ConsentTerms
from anef_tui.store.database import Database
from anef_tui.store.desks import desk_of
from anef_tui.store.dossiers import DossierStore
from anef_tui.store.journal.actor import Actor

# Issue 24: the consent tests/conftest.py gives the tests' dossiers by default.
Database.default_consent = ConsentTerms("formulaire_signe", 12)


def main() -> None:
    data_dir, worker = Path(sys.argv[1]), sys.argv[2]
    base = sys.argv[3] if len(sys.argv) > 3 else None
    store = DossierStore(data_dir, base=base) if base else DossierStore(data_dir)
    store.database.actor = Actor(worker, "application")
    desk = desk_of(store.database)
    print("ready", flush=True)
    for line in sys.stdin:
        command, _, rest = line.strip().partition(" ")
        if command == "open":
            desk.presence.enter(int(rest))
            print(f"opened {int(rest)}", flush=True)
        elif command == "leave":
            desk.presence.leave(int(rest))
            print(f"left {int(rest)}", flush=True)
        elif command == "draft":
            dossier_id, step, values = rest.split(" ", 2)
            version = store.save_draft(int(dossier_id), step, json.loads(values))
            print(f"saved {dossier_id} {version}", flush=True)
        elif command == "create":
            print(f"created {store.create('renouvellement', applicant_name=rest)}", flush=True)
        elif command == "abandon":
            store.abandon(int(rest))
            print(f"abandoned {int(rest)}", flush=True)
        elif command == "closure":
            from anef_tui.store.followup import FollowUpStore

            FollowUpStore(store).record_closure(int(rest))
            print(f"closed {int(rest)}", flush=True)
    desk.close()
    store.close()


if __name__ == "__main__":
    main()
