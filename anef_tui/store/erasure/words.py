"""What the erasure says, in French, to every front end (the same words everywhere)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from anef_tui.store.exports import OVERWRITE_CAVEAT

if TYPE_CHECKING:
    from anef_tui.store.erasure import Erased, Preview
    from anef_tui.store.erasure.retention import Due

#: The action (verbatim on every front end).
ERASE_PERSON = "Effacer cette personne"
#: What the worker types to confirm, the second time.
CONFIRM_WORD = "EFFACER"


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count <= 1 else many}"


def dossiers_text(ids: tuple[int, ...]) -> str:
    numbers = ", ".join(f"n° {i}" for i in ids)
    return f"le dossier {numbers}" if len(ids) == 1 else f"les dossiers {numbers}"


def preview_lines(seen: Preview) -> list[str]:
    """What will be erased, counted, one line each."""
    who = next((n for n in seen.names if n), "") or "(sans nom)"
    lines = [
        f"Personne : {who}",
        f"Seront effacés définitivement : {dossiers_text(seen.dossiers)}"
        + (" (un renouvellement est lié au dossier de la même personne)"
           if len(seen.dossiers) > 1 else "") + ",",
        f"- {_plural(seen.steps, 'étape ou brouillon de réponses', 'étapes ou brouillons de réponses')},",
        f"- {_plural(seen.files, 'fichier joint', 'fichiers joints')} (sauf ceux qu'un autre "
        "dossier utilise aussi),",
        f"- {_plural(seen.notifications, 'notification', 'notifications')} et leurs réponses,",
        "- leurs PDF, exports, échéances et consentements,",
        f"- dans {_plural(seen.backups, 'sauvegarde réécrite', 'sauvegardes réécrites')} "
        "sans cette personne.",
        "Le journal ne garde qu'une ligne « Personne effacée », sans nom ni n°.",
        "Cette action ne peut pas être annulée.",
    ]
    if seen.unreadable_backups:
        count = seen.unreadable_backups
        lines.append("1 sauvegarde n'a pas pu être relue : elle ne sera pas modifiée."
                     if count == 1 else f"{count} sauvegardes n'ont pas pu être relues : "
                     "elles ne seront pas modifiées.")
    return lines


def done_message(done: Erased) -> str:
    """After the erasure: what was done."""
    text = (
        f"Personne effacée : {dossiers_text(done.dossiers)}, "
        f"{_plural(done.steps, 'étape', 'étapes')}, "
        f"{_plural(done.files, 'fichier', 'fichiers')}, "
        f"{_plural(done.notifications, 'notification', 'notifications')} ; "
        f"{_plural(done.backups, 'sauvegarde réécrite', 'sauvegardes réécrites')}. "
        + OVERWRITE_CAVEAT
    )
    if not done.compacted:
        text += (" La base n'a pas pu être compactée maintenant (une autre fenêtre l'utilise) :"
                 " elle le sera à la prochaine ouverture.")
    return text


def due_line(item: Due) -> str:
    who = next((n for n in item.names if n), "") or "(sans nom)"
    return (f"{dossiers_text(item.dossiers).capitalize()} — {who} — dernier changement le "
            f"{item.last_change:%d/%m/%Y}")


def alert_text(count: int, months: int) -> str:
    """The alerts line of « Mes dossiers »."""
    return (f"{_plural(count, 'personne', 'personnes')} à effacer (rien n'a changé depuis "
            f"{months} mois)")
