"""`anef-tui journal N [--verifier]` and who acts on the command line (issue 24).

The worker's name of a writing command: `--aidant NOM`, else $ANEF_TUI_AIDANT, else the
folder's preference (asked once per desk by the application or the plain mode); a writing
command with no name at all is refused in French. A demonstration folder has a default.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from anef_tui.cli.common import fail, open_store

if TYPE_CHECKING:
    from anef_tui.store.journal.actor import Actor
    from anef_tui.vault.keys import VaultKey

ENV_WORKER = "ANEF_TUI_AIDANT"

def command_line_actor(data_dir: Path, given: str | None) -> Actor | None:
    """Who acts from the command line; None when no name is known at all."""
    from anef_tui.preferences import DEMO_WORKER, worker_name
    from anef_tui.store.journal.actor import COMMAND_LINE, Actor, clean_name
    from anef_tui.vault.folder import FolderKind, folder_kind

    for candidate in (given, os.environ.get(ENV_WORKER)):
        if candidate is not None and clean_name(candidate):
            return Actor(clean_name(candidate), COMMAND_LINE)
    name = worker_name(data_dir)
    if not name and folder_kind(data_dir) is FolderKind.DEMO:
        name = DEMO_WORKER
    return Actor(name, COMMAND_LINE) if name else None


def cmd_journal(data_dir: Path, dossier_id: int | None, check: bool,
                key: VaultKey | None = None) -> int:
    """Print the dossier's entries; with `check`, verify the whole chain (exit 1 with the
    problems when it is broken)."""
    from anef_tui.store.journal import dossier_entries, verify_whole
    from anef_tui.store.journal.anchor import save_anchor
    from anef_tui.store.journal.imported import HEADING, imported_entries

    if dossier_id is None and not check:
        return fail("donnez le numéro d'un dossier (« anef-tui liste » les donne), ou "
                    "--verifier pour vérifier tout le journal.", 2)
    store = open_store(data_dir, key)
    try:
        if dossier_id is not None:
            entries = dossier_entries(store.database, dossier_id)
            brought = imported_entries(store.database, dossier_id)
            if brought:
                print(f"{HEADING} : {len(brought)} entrée{'s' if len(brought) > 1 else ''}.")
                for entry in brought:
                    print(f"{entry.seq:>6}  {entry.line()}")
                print("Journal de ce poste :")
            if not entries:
                print(f"Aucune entrée dans le journal du dossier n° {dossier_id}.")
            for entry in entries:
                print(f"{entry.seq:>6}  {entry.line()}")
        if not check:
            return 0
        verdict = verify_whole(store.database)
        if verdict.intact:  # a journal found altered keeps the anchor that tells it
            save_anchor(store.database)
    finally:
        store.close()
    for note in verdict.notes:
        print(note)
    if verdict.intact:
        print(f"Journal intact : {verdict.entries} entrées vérifiées.")
        return 0
    print(f"Journal altéré : {len(verdict.problems)} problème(s) sur {verdict.entries} "
          "entrées lues.")
    for problem in verdict.problems:
        print(f"- {problem}")
    return 1
