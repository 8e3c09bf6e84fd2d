"""What a person can do on each screen, as one table for both front ends.

Each screen of the full-screen app names its actions by these codes in its BINDINGS (the
Textual action names); the plain mode (`anef-tui texte`) offers every one of them, under the
same French label, in its menus or as a word to type (`anef_tui/plain/actions.py` says how).
`tests/plain/test_parity.py` fails when a screen gains an action this table does not list,
or when the plain mode lacks one it lists. Pure data: no Textual, no plain mode here.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Action:
    code: str  # the full-screen app's action name
    label: str  # French: what it does, as the menus of the plain mode say it
    #: Other action names of the full-screen app that do the same here (e.g. F9 « Plus
    #: tard » and Échap « Mes dossiers » on the confirmation both go back to the list).
    same_as: tuple[str, ...] = ()


def _table(*actions: tuple[str, ...]) -> dict[str, Action]:
    return {code: Action(code, label, tuple(same)) for code, label, *same in actions}


def codes(screen: str) -> set[str]:
    """Every action name of the full-screen app the screen's actions stand for."""
    return {c for a in SCREENS[screen].values() for c in (a.code, *a.same_as)}


#: screen -> its actions (code -> Action), in the order the plain mode's menus list them.
SCREENS: dict[str, dict[str, Action]] = {
    "mes_dossiers": _table(
        ("open_dossier", "Ouvrir un dossier"),
        ("new_dossier", "Nouveau dossier"),
        # « submit_search »: Entrée in the search field, part of the same search.
        ("focus_filter", "Chercher un dossier", "submit_search"),
        ("clear_filter", "Effacer la recherche"),
        ("renew_from", "Renouveler à partir d'un dossier"),
        ("notifications", "Mes Notifications d'un dossier"),
        ("deadlines", "Échéances"),
        ("abandon_dossier", "Abandonner un dossier"),
        ("renew_consent", "Renouveler le consentement"),
        ("withdraw_consent", "Retirer le consentement"),
        ("donnees", "Ce que anef-tui sait de vous (PDF pour la personne)"),
    ),
    "etape": _table(
        # « view_next »: the same keys on a filed dossier, read (the next screen).
        ("save_continue", "Enregistrer et poursuivre", "view_next"),
        ("previous", "Revenir à l'étape précédente"),
        ("quit_later", "Quitter et revenir plus tard"),
        ("abandon", "Abandonner ce dossier"),
        ("password_helper", "Aide au choix du mot de passe ANEF"),
        ("home", "Retour à Mes dossiers"),
        ("renew_consent", "Renouveler le consentement"),
        ("donnees", "Ce que anef-tui sait de vous (PDF pour la personne)"),
    ),
    "confirmation": _table(
        ("save_continue", "Enregistrer les PDF"),
        ("official_number", "Enregistrer le N° de la demande officiel"),
        ("notifications", "Mes Notifications"),
        ("record", "Enregistrer une notification reçue"),
        ("home", "Retour à Mes dossiers", "quit_later"),
        ("previous", "Relire mes réponses"),
        # The ANEF's own PDF of the filing, kept with the dossier (issue 22): in the
        # full-screen app, the slot on the confirmation (its buttons, no key of its own).
        ("filing_document", "Joindre la confirmation de dépôt délivrée par l'ANEF"),
        ("renew_consent", "Renouveler le consentement"),
        ("donnees", "Ce que anef-tui sait de vous (PDF pour la personne)"),
    ),
    "notifications": _table(
        ("open", "Ouvrir une notification"),
        ("record", "Enregistrer une notification reçue"),
        ("toggle_filter", "Toutes les notifications / non lues"),
        ("closed", "La préfecture a clôturé la demande"),
        ("close", "Retour"),
        ("donnees", "Ce que anef-tui sait de vous (PDF pour la personne)"),
    ),
    "notification": _table(
        ("send", "Valider et envoyer / Enregistrer"),
        ("resume", "Reprendre ma demande"),
        ("close", "< RETOUR A TOUTES MES NOTIFICATIONS"),
        ("donnees", "Ce que anef-tui sait de vous (PDF pour la personne)"),
    ),
    "enregistrement": _table(
        ("save", "Enregistrer la notification"),
        ("cancel", "Annuler"),
    ),
    "echeances": _table(
        ("open", "Ouvrir les notifications du dossier"),
        ("close", "Retour à Mes dossiers"),
        ("donnees", "Ce que anef-tui sait de vous (PDF pour la personne)"),
    ),
    "reprise": _table(
        ("deposit", "Déposer les compléments"),
        ("back", "Revenir"),
    ),
}


def labels(screen: str) -> list[str]:
    """The labels of a screen's actions, in order (a plain menu)."""
    return [a.label for a in SCREENS[screen].values()]


def code_of(screen: str, label: str) -> str:
    """The code of the action of `screen` labelled `label` (KeyError if none)."""
    return next(a.code for a in SCREENS[screen].values() if a.label == label)
