"""What `base migrer` says when it refuses (French, what to do; nothing sent)."""

from __future__ import annotations

from anef_tui.store.errors import StoreError


class MoveRefused(StoreError):
    """The move cannot be made as asked: nothing was written on the server."""


def overwrite_refused() -> MoveRefused:
    return MoveRefused(
        "La base du serveur contient déjà des dossiers qui ne viennent pas de ce dossier de "
        "données (ou qui en viennent, mais il a changé depuis leur déplacement) : rien n'a "
        "été envoyé, pour ne rien écraser. Déplacez ce dossier vers une base du serveur qui "
        "n'a encore aucun dossier.")


def journal_broken(problem: str) -> MoveRefused:
    return MoveRefused(
        "Le journal de ce dossier de données ne se vérifie pas (" + problem.rstrip(".")
        + ") : rien n'a été envoyé. Voyez « anef-tui journal --verifier » sur ce poste.")


def check_failed(problems: list[str]) -> StoreError:
    return StoreError(
        "La vérification du déplacement a trouvé des différences : "
        + " ".join(problems) + " Gardez le dossier de données, et signalez-le.")
