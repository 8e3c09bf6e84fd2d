"""The site's kinds of text, and what on a screen looks like them (issue 22 items 4 and 5).

A string drawn on the site's side of a screen (not anef-tui's help « Aide anef-tui : … », not
the app's frame: tests/fidelity/drawn.py) that has the look of one of the site's kinds of
text — a button, a heading, a heading in capitals, a field's label, a choice — must be written
in the guides, unless it is the app's own and listed in `APP_OWN` with why. `site_looking`
finds them on a drawn screen; `test_nothing_site_looking_that_the_guides_lack` (in both
fidelity test modules) fails on any other.
"""

from __future__ import annotations

import re

from tests.fidelity.drawn import Block, norm


def _capitals(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters)


_HEADINGS = {"page-title", "step-heading", "section-title", "group-title", "slot-title", "summary-title"}


def _toggle_label(text: str) -> str:
    """A choice's label without the box drawn before it (« ▐●▌ », « ▐X▌ »: the bars are
    drawing, read as spaces; the mark is « ● » or « X » when chosen)."""
    return re.sub(r"^\s*[●X]?\s", "", text, count=1)


#: The site's kinds of text: name, what has that look on the screen (widgets drawn the way
#: the app draws that kind of the site's text, or text that looks it).
KINDS = {
    # « Je continue », « Enregistrer et poursuivre > », « TÉLÉCHARGER LA LISTE… »
    "bouton": lambda b: [b.text] if "Button" in b.bases else [],
    # « Je joins mes documents justificatifs », « ÉTAT CIVIL », « Justificatif de nationalité * »
    "titre": lambda b: [b.text] if b.classes & _HEADINGS else [],
    # « Nom de naissance * : », « Quelle est votre situation familiale actuelle ? * : »
    "intitulé de champ": lambda b: [b.text] if "field-label" in b.classes else [],
    # « Célibataire », « Moi-même (à partir de 16 ans) », « Ne pas vivre en France… *»
    "choix": lambda b: [_toggle_label(b.text)] if "ToggleButton" in b.bases else [],
    # « DÉPOSEZ VOTRE DEMANDE EN 5 ÉTAPES », « PRÉPARER LES DOCUMENTS À FOURNIR : » in any
    # other text drawn: each line in capitals (a heading wrapped over two lines is two pieces
    # of it). Not in what is typed (the user's) nor in the kinds above (checked whole).
    "titre en capitales": lambda b: [] if b.bases & {"Input", "TextArea", "Button",
                                                   "ToggleButton"}
    or b.classes & (_HEADINGS | {"field-label"})
    else [line for line in b.text.splitlines() if _capitals(line)],
}


def site_looking(blocks: list[Block]) -> list[tuple[str, str]]:
    """(kind, string) for each site-looking string drawn, in order, once each."""
    found: dict[tuple[str, str], None] = {}
    for b in blocks:
        for kind, look in KINDS.items():
            for text in look(b):
                text = norm(text)
                if text:
                    found[(kind, text)] = None
    return list(found)


#: The app's own strings that have a site's look: text → (a place it is drawn, why it is the
#: app's and not the site's). Matched whole.
APP_OWN: dict[str, tuple[str, str]] = {
    "Assembler des photos en un PDF": (
        "R:justificatifs", "anef-tui's tool: the photos of a document's pages made into one PDF "
        "(the site only takes files)"),
    "Récapitulatif (PDF)": ("R:confirmation", "anef-tui's own PDF of the answers"),
    "Liste des pièces (PDF)": ("R:confirmation", "anef-tui's copy of the list of documents"),
    "Enregistrer le numéro": (
        "R:confirmation", "records the N° de la demande the ANEF gives (anef-tui's record)"),
    "Retour à Mes dossiers": ("R:confirmation", "back to anef-tui's list of dossiers"),
    "Mon titre actuel": (
        "R:titre_actuel", "the name of anef-tui's stand-in for the site's account creation, as "
        "in its title bar; its « Aide anef-tui » lines say what it is"),
    "Attestation de prolongation d'instruction": (
        "R:notification.prolongation", "the slot where anef-tui keeps the official PDF received "
        "(NOTES « Official documents »)"),
    "Attestation de décision favorable": (
        "R:notification.decision", "the slot where anef-tui keeps the official PDF received"),
    "Justificatif d'identité :": (
        "R:notification.complement", "the site's heading « <document> : » of a complément "
        "(« Justificatif de nationalité : », seed 000 l. 1197), for the document this "
        "dossier's complément names"),
    # anef-tui's checklist of the medical certificate's steps (the site has no such form).
    "Ce qui est fait, et quand (dates seulement) :": (
        "R:notification.certificat_medical", "anef-tui's checklist of the certificate's steps"),
    "« Demande de communication d'informations médicales » signée — le (JJ/MM/AAAA) :": (
        "R:notification.certificat_medical", "a date of anef-tui's checklist"),
    "Certificat rempli et signé par le médecin, daté et signé par moi — le (JJ/MM/AAAA) :": (
        "R:notification.certificat_medical", "a date of anef-tui's checklist"),
    "Enveloppe « secret médical » envoyée à l'OFII — le (JJ/MM/AAAA) :": (
        "R:notification.certificat_medical", "a date of anef-tui's checklist"),
    "Si le médecin de l'OFII a besoin de plus d'informations : demande reçue — le "
    "(JJ/MM/AAAA) :": (
        "R:notification.certificat_medical", "a date of anef-tui's checklist (the OFII "
        "doctor's request, seed 000 l. 1898-1900: the guide has no form for it)"),
    "Informations demandées envoyées au médecin de l'OFII — le (JJ/MM/AAAA) :": (
        "R:notification.certificat_medical", "a date of anef-tui's checklist"),
    "Convocation du médecin de l'OFII pour un examen médical, date du rendez-vous (s'il y en "
    "a une) — le (JJ/MM/AAAA) :": (
        "R:notification.certificat_medical", "a date of anef-tui's checklist (seed 000 "
        "l. 1902-1916)"),
    "Convocation du collège de médecins pour une visite médicale, date (s'il y en a une) — "
    "le (JJ/MM/AAAA) :": (
        "R:notification.certificat_medical", "a date of anef-tui's checklist (seed 000 "
        "l. 1902-1916)"),
    # anef-tui's checklist of what follows a favourable decision (the site has no such form;
    # its « Aide anef-tui » line above says so).
    "Timbre électronique de 225 € acheté — le (JJ/MM/AAAA) :": (
        "R:notification.decision", "a date of anef-tui's checklist after the decision"),
    "Rendez-vous en préfecture ou sous-préfecture pour retirer le titre (quand "
    "l'administration vous recontacte) — le (JJ/MM/AAAA) :": (
        "R:notification.decision", "a date of anef-tui's checklist after the decision"),
    "Titre de séjour retiré en préfecture ou sous-préfecture — le (JJ/MM/AAAA) :": (
        "R:notification.decision", "a date of anef-tui's checklist after the decision"),
    "Confirmation de dépôt délivrée par l'ANEF": (
        "R:confirmation", "the slot where anef-tui keeps the ANEF's own PDF of the filing "
        "(its « Aide anef-tui » line says where to find it)"),
}

#: Site-looking strings the guides lack, drawn today, left to be reworded: text → (a place
#: it is drawn, what is wrong). Emptied by issue 22 item 4 (branch `words`): a string added
#: here is a known fault, not an allowance (mark it « Aide anef-tui : », use the seed's
#: words, or list it in APP_OWN with why).
WORDS_HELPER: dict[str, tuple[str, str]] = {}


def allowed(text: str) -> bool:
    return text in APP_OWN or text in WORDS_HELPER
