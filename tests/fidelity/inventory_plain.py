"""What of the inventory the plain mode (`anef-tui texte`) says otherwise, or not yet
(issue 22 item 5).

The plain mode speaks the same places as the full-screen app, one after the other, each
under its heading (« Étape 3 sur 5 : Justificatifs. »); it says a field's label as a
question (« Question : Nom de naissance », no « * : », the « Obligatoire. » line saying the
star). Every inventory entry of a place is checked in that place's part of the transcript, in
order, except:

- `PLAIN_FORM`: the screen's controls, which the plain mode offers in its own words (its
  commands, its « Que voulez-vous faire ? » menus, « Tapez le chemin d'un fichier… »);
- `PLAIN_MISSING`: the site's strings the plain mode does not say today. Added by the words
  helper (issue 22 item 4), who then deletes them from here.

Keys are (place, text); an entry that occurs more than once in a place gives the occurrence
(1 for the first), else every occurrence is meant.
"""

from __future__ import annotations

from tests.fidelity.inventory import ALL_FILES, INVENTORY, NAV
from tests.fidelity.inventory_notifications import LINK, RETOUR

COMMANDS = ("a button of the screen: the plain mode's commands (:precedent, :abandonner, "
            ":quitter, Entrée to go on; :aide lists them)")
PLACES = ("R:informations_personnelles", "R:motif_sejour", "R:justificatifs",
          "P:informations_personnelles", "P:motif_sejour", "P:justificatifs")

PLAIN_FORM: dict[tuple, str] = {
    **{(where, text): COMMANDS for where, text, *_ in INVENTORY if where in PLACES and text in NAV},
    ("R:preambule", "Abandonner la demande"): COMMANDS,
    ("R:preambule", "Quitter et revenir plus tard"): COMMANDS,
    ("P:situation", "Abandonner la demande"): COMMANDS,
    ("P:situation", "Enregistrer et poursuivre"): COMMANDS,
    ("R:depot", "< Revenir à l'étape précédente"): "the dépôt's menu: « 2. Modifier une étape »",
    ("R:depot", "Abandonner la demande"): COMMANDS,
    ("P:depot", "< Revenir à l'étape précédente"): "the dépôt's menu: « 2. Modifier une étape »",
    ("P:depot", "Abandonner la demande"): COMMANDS,
    **{(place, "Joindre un document"): "« Tapez le chemin d'un fichier à joindre… »"
       for place in ("R:justificatifs", "P:justificatifs")},
    ("P:informations_personnelles", "+ Ajouter un prénom"):
        "« Plusieurs réponses possibles : séparez-les par des virgules. »",
    ("P:informations_personnelles", "+ Ajouter une nationalité"):
        "« Plusieurs réponses possibles : séparez-les par des virgules. »",
    ("P:informations_personnelles", "Jour : Mois : Année * :"):
        "the date's three boxes: « Format attendu : JJ/MM/AAAA, ou MM/AAAA, ou AAAA. »",
    ("P:situation+after", "Modifier ma situation"): "a button: « :precedent » goes back to it",
    ("P:confirmation", "J'ouvre ma confirmation de dépôt de demande (PDF)"):
        "the confirmation's menu: « 1. Enregistrer les PDF »",
    **{(place, RETOUR): "the plain mode comes back to « Mes notifications » by itself"
       for place in ("R:notification.complement", "R:notification.certificat_medical",
                     "R:notification.prolongation", "R:notification.decision")},
    **{(place, "Joindre un document"): "« Chemin d'un fichier à joindre… »"
       for place in ("R:notification.complement", "R:notification.complement+maj")},
    ("R:notification.complement", "Valider et envoyer"):
        "the answer is sent at the end of its questions (or said « pas complète »)",
}

# Added by the words helper (issue 22 item 4).
PLAIN_MISSING: dict[tuple, str] = {
    ("R:preambule", "Télécharger la liste des pièces justificatives."):
        "the site's link; the plain mode offers the list only on the dépôt's menu",
    ("P:situation+after", "TÉLÉCHARGER LA LISTE DES PIÈCES JUSTIFICATIVES."):
        "the site's link; the plain mode offers the list only on the dépôt's menu",
    ("P:justificatifs", "TÉLÉCHARGER LA LISTE DES PIÈCES JUSTIFICATIVES."):
        "the site's link; the plain mode offers the list only on the dépôt's menu",
    **{(place, "LIENS PERSONNELS ET FAMILIAUX"): "the group heading, and its « * » line, unsaid"
       for place in ("R:motif_sejour", "P:motif_sejour")},
    **{(place, ALL_FILES, 1): "the « * » line under « LIENS PERSONNELS ET FAMILIAUX »"
       for place in ("R:motif_sejour", "P:motif_sejour")},
    **{(place, "INFORMATIONS PERSONNELLES"): "the group heading, and its « * » line, unsaid"
       for place in ("R:justificatifs", "P:justificatifs")},
    **{(place, ALL_FILES, 1): "the « * » line under « INFORMATIONS PERSONNELLES »"
       for place in ("R:justificatifs", "P:justificatifs")},
    ("R:confirmation", "Le dépôt de votre demande est confirmé."):
        "the step's heading (« 5. Confirmation », seed 000 l. 410), unsaid",
    ("P:compte", "Compléter les renseignements suivants pour accéder à vos services."):
        "the account screen's heading, unsaid",
    ("P:compte", ALL_FILES): "unsaid on « Mon compte »",
    ("P:confirmation", "Votre demande a bien été transmise."): "the confirmation's first line",
    ("R:notifications", "SEJOUR"): "the list's « SEJOUR » (the notification's domain), unsaid",
    **{(place, LINK + "VOIR LE DOCUMENT"): "the link to the document filed: only its name "
                                             "is said"
       for place in ("R:notification.complement", "R:notification.complement+maj")},
}

#: Places the plain mode does not show as the site does, for the words helper (issue 22
#: item 4): none of their entries is looked for.
PLAIN_MISSING_PLACES: dict[str, str] = {
    "P:reprise": "« Reprendre ma demande » is asked inside the e-mail (« Reprendre ma demande "
                 ": joignez les documents demandés. », then each document asked for): étape "
                 "4's texts, its other documents and « Déposer les compléments » are unsaid",
}
