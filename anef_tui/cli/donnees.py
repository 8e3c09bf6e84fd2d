"""`anef-tui donnees N`: « Ce que anef-tui sait de vous » (issue 24 item 3) — the PDF for
the applicant of dossier N, kept like the other PDFs (sealed in an encrypted folder),
exported to `<data>/exports` and journalled; its path on stdout. As `pdf`, a writing
command: refused in French with no worker's name at all (`--aidant`, ANEF_TUI_AIDANT)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from anef_tui.cli.common import fail, open_store

if TYPE_CHECKING:
    from pathlib import Path

    from anef_tui.store.journal.actor import Actor
    from anef_tui.vault.keys import VaultKey


def cmd_donnees(data_dir: Path, dossier_id: int, key: VaultKey | None, actor: Actor | None,
                *, now: datetime | None = None) -> int:
    from anef_tui.display import display_path
    from anef_tui.documents.donnees import issue_donnees
    from anef_tui.oserrors import advice, reason
    from anef_tui.store.errors import DossierGone, StoreError
    from anef_tui.store.journal.actor import NO_NAME_COMMAND_LINE

    with open_store(data_dir, key) as store:
        try:
            store.get(dossier_id)
        except DossierGone:
            return fail(f"aucun dossier n° {dossier_id} dans « {display_path(data_dir)} » : "
                        "« anef-tui liste » donne les numéros des dossiers.")
        if actor is None:
            return fail(NO_NAME_COMMAND_LINE)
        store.database.actor = actor
        try:
            path = issue_donnees(store, dossier_id, now=now or datetime.now())
        except OSError as exc:
            return fail(f"le PDF n'a pas pu être enregistré ({reason(exc)}) : {advice(exc)}.")
        except StoreError as exc:
            return fail(str(exc))
    print(display_path(path))
    return 0
