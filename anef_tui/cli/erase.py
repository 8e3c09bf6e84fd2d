"""`anef-tui effacer N [--oui]` and `anef-tui effacer --echus [--oui]` (issue 24): erase a
person, or every person past the retention period. At a terminal the command lists what
will go and asks for « EFFACER »; `--oui` is for scripts; without a terminal and without
`--oui` it refuses and erases nothing."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from anef_tui.cli.common import fail, open_store

if TYPE_CHECKING:
    from anef_tui.store.journal.actor import Actor
    from anef_tui.vault.keys import VaultKey

NO_TERMINAL = ("pas de terminal pour confirmer l'effacement : relancez la commande à un "
               "terminal, ou ajoutez --oui (scripts).")
NO_NAME = ("l'effacement est noté dans le journal : donnez votre nom avec --aidant NOM (ou "
           "$ANEF_TUI_AIDANT).")


def _confirmed(yes: bool) -> bool | None:
    """True when confirmed; False when refused; None without a way to ask."""
    if yes:
        return True
    if not sys.stdin.isatty():
        return None
    from anef_tui.store.erasure.words import CONFIRM_WORD

    try:
        typed = input(f"Pour confirmer, tapez {CONFIRM_WORD} (autre chose : rien n'est "
                      "effacé) : ")
    except EOFError:
        return False
    return typed.strip() == CONFIRM_WORD


def cmd_erase(data_dir: Path, dossier_id: int | None, past: bool, yes: bool,
              key: VaultKey | None, actor: Actor | None) -> int:
    from anef_tui.store import erasure
    from anef_tui.store.erasure import retention, words

    if (dossier_id is None) == (not past):
        return fail("donnez le numéro d'un dossier (« anef-tui liste » les donne), ou "
                    "--echus pour les personnes dont la durée de conservation est passée.", 2)
    if not yes and not sys.stdin.isatty():
        return fail(NO_TERMINAL, 2)
    out = sys.stdout  # shows every control as a glyph (cli.main)
    store = open_store(data_dir, key)
    try:
        if actor is not None:
            store.database.actor = actor
        if dossier_id is not None:
            seen = erasure.preview(store, dossier_id)
            families = [seen.dossiers]
            for line in words.preview_lines(seen):
                out.write(line + "\n")
        else:
            from anef_tui.accounts.settings import retention_months

            months = retention_months(store)  # the base's once it has accounts
            due = retention.due(store, months)
            if not due:
                out.write(f"Aucune personne à effacer : rien n'a dépassé la durée de "
                          f"conservation ({months} mois).\n")
                return 0
            out.write(f"{words.alert_text(len(due), months).capitalize()} :\n")
            for item in due:
                out.write(f"- {words.due_line(item)}\n")
            families = [item.dossiers for item in due]
        if actor is None:
            return fail(NO_NAME, 2)
        sys.stdout.flush()
        answer = _confirmed(yes)
        if answer is None:
            return fail(NO_TERMINAL, 2)
        if not answer:
            out.write("Rien n'a été effacé.\n")
            return 1
        for family in families:
            done = erasure.erase_person(store, family[0])
            out.write(words.done_message(done) + "\n")
        return 0
    finally:
        store.close()
