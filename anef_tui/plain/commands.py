"""The commands of the plain mode: words starting with « : », never taken for an answer.

An answer that must start with « : » is typed with two (« ::texte » gives « :texte »).
"""

from __future__ import annotations

from dataclasses import dataclass

#: command -> (what it does). The first word is the one `:aide` names; others are synonyms.
COMMANDS: dict[str, str] = {
    "aide": "la liste des commandes",
    "ou": "où vous êtes : étape, section, question",
    "repeter": "répéter la question",
    "retour": "revenir à la question précédente",
    "aller": "aller à une étape ou à une question : « :aller 3 » (étape 3), « :aller 2.4 » "
             "(étape 2, question 4), « :aller motif » (un mot de son titre)",
    "reste": "les questions obligatoires encore sans réponse",
    "vide": "effacer la réponse actuelle (champ facultatif)",
    "quitter": "Quitter et revenir plus tard (tout est enregistré)",
    "abandonner": "abandonner ce dossier (avec confirmation ; pas un dossier déposé)",
    "motdepasse": "aide au choix du mot de passe ANEF (rien n'est enregistré)",
    "consentement": "renouveler le consentement de la personne (quand il a expiré, a été "
                    "retiré ou manque, le dossier ne peut plus être modifié)",
    "journal": "le journal du dossier ouvert : qui a fait quoi, quand (« exporter » l'écrit "
               "dans le dossier des exports)",
    "donnees": "le PDF « Ce que anef-tui sait de vous » du dossier ouvert, à remettre à la "
               "personne (exporté)",
    "liste": "enregistrer en PDF la liste des pièces justificatives du dossier ouvert (le "
             "lien « Télécharger la liste des pièces justificatives » du site)",
}

_SYNONYMS: dict[str, str] = {
    "où": "ou",
    "?": "aide",
    "h": "aide",
    "répéter": "repeter",
    "r": "repeter",
    "precedent": "retour",
    "précédent": "retour",
    "restant": "reste",
    "effacer": "vide",
    "q": "quitter",
    "fin": "quitter",
    "va": "aller",
    "données": "donnees",
}


@dataclass(frozen=True)
class Command:
    name: str  # a key of COMMANDS, or the unknown word as typed
    known: bool
    arg: str = ""  # what follows the command's word (« :aller 2.4 » : « 2.4 »)


def parse(line: str) -> Command | str:
    """A Command for « :mot », else the answer itself (« ::x » is the answer « :x »)."""
    text = line.strip()
    if text.startswith("::"):
        return text[1:]
    if not text.startswith(":"):
        return line
    word, _, arg = text[1:].strip().partition(" ")
    word = _SYNONYMS.get(word.lower(), word.lower())
    return Command(word, word in COMMANDS, arg.strip())


def help_lines() -> list[str]:
    lines = ["Commandes (tapez-les seules sur la ligne) :"]
    lines += [f":{name} : {what}." for name, what in COMMANDS.items()]
    lines += [
        "Une réponse vide garde la valeur actuelle.",
        "Les choix se donnent par leur numéro ou par leur texte.",
        "Pour une réponse qui commence par « : », tapez-en deux.",
        "La fin de l'entrée (Ctrl+D) enregistre et quitte.",
    ]
    return lines
