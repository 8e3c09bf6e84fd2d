"""What « Mes dossiers » says when it has no dossier yet, and where a validated step is
kept: this computer, the structure's server (issue 25), or the computer that serves
anef-tui to a browser (issue 26)."""

from __future__ import annotations

EMPTY_TEXT = (
    "Aucun dossier pour l'instant.\n\n"
    "Appuyez sur Ctrl+N pour créer un dossier : un renouvellement de titre de séjour "
    "ou une première demande.\n"
    "Chaque étape validée est enregistrée sur cet ordinateur : vous pourrez quitter "
    "et reprendre plus tard.\n\n"
    "F1 affiche les touches, Ctrl+P la liste des commandes."
)
#: On a structure's server (issue 25) a step is not kept on this computer.
SAVED_HERE = "enregistrée sur cet ordinateur"
SAVED_ON_SERVER = "enregistrée dans la base de la structure, sur son serveur"
#: Served to a browser (issue 26), a folder's base is on the computer that serves anef-tui.
SAVED_BY_THE_SERVER = "enregistrée sur l'ordinateur qui sert anef-tui"


def empty_text(on_server: bool) -> str:
    """What « Mes dossiers » says with no dossier yet: where a validated step is kept."""
    from anef_tui.ui.served import served

    if on_server:
        return EMPTY_TEXT.replace(SAVED_HERE, SAVED_ON_SERVER)
    return EMPTY_TEXT.replace(SAVED_HERE, SAVED_BY_THE_SERVER) if served() else EMPTY_TEXT
