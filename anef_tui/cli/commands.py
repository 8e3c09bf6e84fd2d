"""`anef-tui demo` and `verifier`: the small subcommands (`procedures` is `datafiles`)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from anef_tui.cli.common import fail, open_store

if TYPE_CHECKING:
    from anef_tui.store.journal.actor import Actor
    from anef_tui.vault.keys import VaultKey


def cmd_demo(data_dir: Path, count: int | None = None, key: VaultKey | None = None,
             actor: Actor | None = None) -> int:
    from anef_tui.demo import fill_demo, fill_many

    if count is not None and not 1 <= count <= 1_000_000:
        return fail("--count attend un nombre de dossiers entre 1 et 1 000 000.", 2)
    store = open_store(data_dir, key)
    from anef_tui.preferences import DEMO_WORKER
    from anef_tui.store.journal.actor import COMMAND_LINE
    from anef_tui.store.journal.actor import Actor as _Actor

    store.database.actor = actor or _Actor(DEMO_WORKER, COMMAND_LINE)
    from anef_tui.display import display_path

    where = display_path(data_dir)
    if store.database.on_server:  # the dossiers are not in the folder (issue 25)
        place = getattr(store.db.conn, "place", "serveur PostgreSQL")
        where = f"la base de la structure (« {place} »)"
    try:
        added = fill_demo(store) if count is None else fill_many(store, count)
    finally:
        store.close()
    if count is None:
        print(f"{added} dossier(s) de démonstration ajouté(s) dans {where}.")
    else:
        print(f"{added} dossier(s) fictif(s) ajouté(s) dans {where}.")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from anef_tui.files import cli_check

    return cli_check.run(args.paths, as_json=args.json, slot=args.slot, slot_limits=None)
