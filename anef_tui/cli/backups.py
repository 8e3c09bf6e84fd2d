"""`anef-tui sauvegardes`: list the backups, restore one, confirm the restored base.

What it does is in `anef_tui/store/backups/`; this module only speaks to the user (French).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from anef_tui.display import display_path

if TYPE_CHECKING:
    from anef_tui.vault.keys import VaultKey


def add_backups_parser(sub) -> None:
    p_backups = sub.add_parser(
        "sauvegardes", help="lister les sauvegardes de la base, ou en restaurer une"
    )
    p_backups.add_argument(
        "--restaurer", metavar="NOM",
        help="remettre cette sauvegarde en place (la base actuelle est d'abord sauvegardée ; "
        "fermez d'abord toutes les fenêtres d'anef-tui)",
    )
    p_backups.add_argument(
        "--confirmer", action="store_true",
        help="la base restaurée est la bonne : les copies gardées depuis la première "
        "restauration suivent de nouveau la règle habituelle",
    )


def cmd_backups(data_dir: Path, restore: str | None, confirm: bool = False,
                key: VaultKey | None = None) -> int:
    """`key`: the unlocked vault of an encrypted folder (the caller asks the passphrase)."""
    from anef_tui.store.backups import (
        CONFIRM_COMMAND,
        KEEP_OTHER,
        backups_dir,
        confirm_restore,
        count_dossiers,
        list_backups,
        read_pending,
        restore_backup,
    )

    if restore and confirm:
        print(
            "anef-tui : erreur : --restaurer et --confirmer ne vont pas ensemble : restaurez "
            "d'abord, vérifiez vos dossiers, puis confirmez.",
            file=sys.stderr,
        )
        return 2
    if restore:
        done = restore_backup(data_dir, restore, key=key)
        print(f"Sauvegarde « {done.backup.name} » restaurée dans {display_path(data_dir)}.")
        if done.previous is not None:
            kept = " (gardée jusqu'à votre confirmation)" if done.previous_kept else ""
            print(f"L'ancienne base est gardée dans « {display_path(done.previous)} »{kept}.")
        print("Ouvrez anef-tui pour vérifier vos dossiers. Si ce n'est pas la bonne "
              "sauvegarde, restaurez-en une autre de la même façon.")
        if done.before_restorations is not None:
            print(f"La base d'avant vos restaurations reste dans « {done.before_restorations.name} » "
                  "jusqu'à votre confirmation : vous pouvez toujours la restaurer.")
        print(f"Quand la base est la bonne : {CONFIRM_COMMAND}")
        return 0
    if confirm:
        confirmed = confirm_restore(data_dir)
        if confirmed is None:
            print("Aucune restauration n'attend de confirmation : rien n'a changé.")
            return 0
        print("Base restaurée confirmée. Les copies gardées depuis la première restauration "
              f"suivent de nouveau la règle habituelle (les {KEEP_OTHER} plus récentes de chaque "
              f"sorte sont gardées) : {len(confirmed.deleted)} copie(s) supprimée(s).")
        return 0
    backups = list_backups(data_dir)
    if not backups:
        print(f"Aucune sauvegarde dans {display_path(backups_dir(data_dir))}.")
        return 0
    pending = read_pending(backups_dir(data_dir))
    print(f"Sauvegardes dans {display_path(backups_dir(data_dir))} (la plus récente d'abord) :")
    for b in backups:
        count = count_dossiers(b.path, key)
        dossiers = "illisible" if count is None else f"{count} dossier(s)"
        size = f"{b.size / 1024:.0f} Ko".replace(".", ",")
        label = b.reason_label
        if pending is not None and pending.protects(b.name, b.kind):
            label += ", gardée jusqu'à confirmation"
        print(f"  {b.name}  {b.taken_at:%d/%m/%Y %H:%M:%S}  {size:>8}  {dossiers:<14}  {label}")
    print("Pour en restaurer une : anef-tui sauvegardes --restaurer NOM")
    if pending is not None:
        print("Une restauration attend votre confirmation. Quand la base restaurée est la "
              f"bonne : {CONFIRM_COMMAND}")
    return 0


