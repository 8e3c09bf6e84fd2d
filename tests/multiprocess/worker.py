"""A desk, as a separate process, for the multi-process tests: saves through the store and
says each save once it has returned (committed).

Usage: python -m tests.multiprocess.worker DATA_DIR NAME [--new-every N] [--phrase P] [--list]

`--phrase`: the folder is encrypted: unlock its `coffre.cle` with P and open the store with
the key. `--list`: open the store, list the dossiers, close it and exit (as `anef-tui list`
does, for an encrypted folder whose CLI prompt is not wired here).

Prints « ready » once the store is open, then forever:
* « dossier ID » after creating a dossier of its own (at start, then every N saves);
* « save ID N » after `save_draft` of value N on dossier ID has returned.
Each line is flushed: a line read by the parent is a save the store acknowledged.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from anef_tui.domain.consent import ConsentTerms
from anef_tui.store.database import Database
from anef_tui.store.dossiers import DossierStore
from anef_tui.store.errors import StoreBusy

# Issue 24: the consent tests/conftest.py gives the tests' dossiers by default.
Database.default_consent = ConsentTerms("formulaire_signe", 12)

STEP = "etat-civil"
PAD = "x" * 2500  # each commit spans WAL pages, so a kill can land mid-write


def busy_retried(action, *args, **kwargs):
    """As a person would after « La base est occupée… Réessayez dans un instant. »."""
    while True:
        try:
            return action(*args, **kwargs)
        except StoreBusy:
            time.sleep(0.01)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("data_dir")
    parser.add_argument("name")
    parser.add_argument("--new-every", type=int, default=15)
    parser.add_argument("--pause", type=float, default=0.0)
    parser.add_argument("--phrase", default=None)
    parser.add_argument("--list", action="store_true")
    args = parser.parse_args()
    key = None
    if args.phrase is not None:
        from anef_tui.vault.keyfile import key_file_path
        from anef_tui.vault.keys import unlock_with_passphrase

        key = unlock_with_passphrase(key_file_path(Path(args.data_dir)), args.phrase)
    store = busy_retried(DossierStore, Path(args.data_dir), key=key)
    if args.list:
        print(f"listed {len(busy_retried(store.list))}", flush=True)
        store.close()
        return
    print("ready", flush=True)
    counter = 0
    dossier_id = 0
    while True:
        if counter % args.new_every == 0:
            dossier_id = busy_retried(
                store.create, "renouvellement", applicant_name=f"{args.name} {counter}"
            )
            print(f"dossier {dossier_id}", flush=True)
        counter += 1
        values = {"n": counter, "qui": args.name, "pad": PAD}
        busy_retried(store.save_draft, dossier_id, STEP, values)
        print(f"save {dossier_id} {counter}", flush=True)
        if args.pause:
            time.sleep(args.pause)


if __name__ == "__main__":
    main()
