"""Inventory of the guides' notification strings that anef-tui shows (issue 13, notifications).

Same format as `inventory.py`: (where, text, line, note), `where` a screen (« R: » renewal,
seed 000; « P: » first application, seed 002), `line` the seed line where the guide shows the
text, entries of one place in the guide's order. Values of the dossier (names, dates, numbers,
file names, the agent's observations) are not inventoried, only the words around them.

Places: « Mes notifications » (`notifications`) and one opened notification of each kind
(`notification.<kind>`). Links of the site cannot work offline: their words are shown marked
« [lien du site] » (`LINK`), with anef-tui's help saying where to find them.
"""

from __future__ import annotations

from tests.fidelity.inventory import DOMICILE, NATIONALITE, RESIDENCE, _run

LINK = "[lien du site] "
CLOSING = ["Cordialement,", "L'agent Instructeur", "Ministère de l'Intérieur et des Outre-Mer"]
RETOUR = "< RETOUR A TOUTES MES NOTIFICATIONS"

INVENTORY: list[tuple[str, str, int, str]] = [
    *_run("R:notifications", 1470, [
        "Vous pouvez suivre votre correspondance avec l'administration ci-dessous.",
        "L'ouverture d'une notification fait office, pour l'administration, d'accusé de "
        "réception et déclenche donc le délai dans lequel vous devez répondre à une demande de "
        "l'agent en charge de votre dossier.",
        "Filtrer mes notifications :", "Toutes les notifications"]),
    *_run("R:notifications", 1628, [
        "SEJOUR", "Notification de décision lue", "Lu le", "SEJOUR",
        "Notification de prolongation de l'instruction non lue", "SEJOUR",
        "Mise à disposition de votre formulaire vierge de certificat médical lue", "Lu le"],
        "rows: date · SEJOUR · title « lue »/« non lue » · « Lu le … » (l. 1481-1482, 1628-1630)"),
    *_run("R:notification.complement", 1187, [
        "Demande de complément", "Bonjour",
        "Je vous informe qu'après avoir pris connaissance des documents justificatifs joints à "
        "votre demande, un complément d'information est nécessaire à la poursuite de son "
        "instruction.",
        "Vous devez mettre à jour ou maintenir tous les documents justificatifs en fonction de "
        "ce qui vous est demandé par l'agent afin de pouvoir répondre. Les formats acceptés : "
        ".jpg, .png, .pdf, .tiff, .bmp. La taille maximale : 10 Mo",
        "Les documents mentionnés ci-dessous ne sont pas valides :", "Justificatif de "
        "nationalité :", LINK + "VOIR LE DOCUMENT", "Observations :", "Votre réponse * :",
        "Maintenir le Document", "Mettre à jour le Document"]),
    *_run("R:notification.complement", 1275, [
        "Veuillez préciser les raisons du maintien du document * :"],
        "OCR slip corrected: « Veillez préciser » → « Veuillez préciser »; the « Maintenir le "
        "Document » chosen (l. 1259-1293)"),
    *_run("R:notification.complement", 1211, [
        "Les documents mentionnés ci-dessous sont manquants :", "Observations :",
        "Joindre un document"]),
    *_run("R:notification.complement", 1247, [
        "Si vous n'apportez pas les compléments nécessaires dans un délai de 30 jours après "
        "avoir pris connaissance de ce message, votre demande pourra être considérée comme "
        "incomplète par l'administration qui ne sera pas en mesure de prendre une décision "
        "d'acceptation ou de refus de votre demande, et elle sera clôturée.",
        *CLOSING, "Valider et envoyer"]),
    *_run("R:notification.complement", 1290, [RETOUR]),
    *_run("R:notification.complement+maj", 1295, [
        "Justificatif de nationalité :", LINK + "VOIR LE DOCUMENT", "Observations :",
        "Votre réponse * :", "Maintenir le Document", "Mettre à jour le Document",
        "Joindre un document", "Message à l'agent :"],
        "« Mettre à jour le Document » chosen (l. 1295-1318)"),
    *_run("R:notification.certificat_medical", 1497, [
        "Mise à disposition de votre formulaire vierge de certificat médical", "Bonjour",
        "Vous avez déposé une demande de titre de séjour en raison de votre état de santé.",
        "Votre demande a été enregistrée le",
        "Je vous informe que le formulaire vierge de certificat médical vous a été mis à "
        "disposition. Vous devez le télécharger ci-après et imprimer ce formulaire vierge afin "
        "de le présenter au médecin qui vous suit habituellement ou à un médecin praticien "
        "hospitalier inscrit au tableau de l'ordre.",
        "Vous disposez d'un délai d'un mois pour envoyer votre certificat renseigné par ce "
        "médecin à l'Office Français de l'Immigration et de l'Intégration (OFII). Pour trouver "
        "le service de l'OFII auquel vous devez transmettre votre certificat médical, cliquez "
        "sur le lien suivant :",
        LINK + "Où nous trouver? - Ofii", LINK + "TÉLÉCHARGER LA NOTICE EXPLICATIVE",
        LINK + "TÉLÉCHARGER LA NOTICE ARTICLE 56 IMDAEIR",
        LINK + "TÉLÉCHARGER LE FORMULAIRE VIERGE DE CERTIFICAT MÉDICAL", *CLOSING, RETOUR,
    ], "the link « Où nous trouver? - Ofii » (l. 1507) on a line of its own"),
    *_run("R:notification.prolongation", 1481, ["Notification de prolongation de l'instruction"],
          "the guide lists it but never shows it opened: greeting, download link and closing "
          "as the three it shows (l. 1189, 1659, 1661-1663); anef-tui's help says so"),
    *_run("R:notification.prolongation", 1651, ["Bonjour"]),
    *_run("R:notification.prolongation", 1659, [LINK + "TELECHARGER LE DOCUMENT", *CLOSING]),
    *_run("R:notification.prolongation", 1814, [
        "ATTESTATION DE PROLONGATION D'INSTRUCTION",
        "La demande de titre de séjour que vous avez déposée le",
        "est toujours en cours d'instruction.",
        "Cette attestation vous est délivrée pour autoriser votre présence en France entre le",
        "Cette attestation n'est valable qu'accompagnée du titre précédemment détenu même s'il "
        "est arrivé à expiration.",
        "Ce document justifie le maintien de l'ensemble des droits ouverts en raison du titre "
        "de séjour précédemment détenu. Si ce titre permettait d'exercer une activité "
        "professionnelle, celle-ci peut se poursuivre pendant la durée de validité de cette "
        "attestation. Elle ne permet pas l'ouverture de droits nouveaux.",
        "Ce document autorise le franchissement des frontières de l'espace Schengen.",
    ], "the attestation joined (annex, l. 1814-1842), quoted under its title"),
    *_run("R:notification.prolongation", 1665, [RETOUR], "as under every notification opened"),
    *_run("R:notification.decision", 1649, [
        "Notification de décision", "Bonjour",
        "Je vous informe que votre demande en ligne de titre de séjour n°",
        "a été acceptée. Un nouveau titre de séjour est en cours de fabrication et vous sera "
        "prochainement remis.",
        "Dans l'attente de cette remise, vous trouverez en pièce jointe l'attestation de "
        "décision favorable qui vous permettra de justifier votre droit au séjour et de "
        "maintenir vos droits associés dans l'attente de la remise de votre nouveau titre en "
        "préfecture.",
        "L'administration vous recontactera pour que vous veniez retirer ce titre en "
        "préfecture, et vous précisera le montant de la taxe à acquitter.",
        LINK + "TELECHARGER LE DOCUMENT", *CLOSING]),
    *_run("R:notification.decision", 1681, [
        "ATTESTATION DE DÉCISION FAVORABLE",
        "une décision favorable a été prise à la suite de votre demande d'admission au "
        "séjour.",
        "Une carte de séjour temporaire, valable du", "portant la mention Vie privée et "
        "familiale va vous être délivré(e). Ce document est actuellement en cours de "
        "fabrication.",
        "Cette attestation n'est valable qu'accompagnée du visa de long séjour ou du titre "
        "précédemment détenu.",
        "Ce document autorise le franchissement des frontières de l'espace Schengen.",
        "Vous serez prochainement informé(e) de la réception en préfecture ou sous-préfecture "
        "de votre titre et des démarches à faire pour venir le retirer. Vous devrez à cette "
        "occasion vous acquitter de 225 € correspondant au montant des taxes que vous réglerez "
        "par timbre électronique acheté au préalable en ligne, dans un bureau de tabac ou sur "
        "les bornes installées dans certains services fiscaux.",
    ], "the attestation joined (l. 1681-1710), quoted under its title"),
    *_run("R:notification.decision", 1665, [RETOUR]),
    # --- First application (seed 002): the complément is an e-mail ---------------------------
    *_run("P:notification.complement", 932, [
        "Bonjour",
        "Après avoir pris connaissance des éléments de votre dossier",
        "nous avons besoin d'éléments complémentaires pour pouvoir l'instruire.",
        "Les précisions nécessaires portent sur :",
        "- « JUSTIFICATIF_IDENTITE » (Document manquant) : veuillez joindre un autre document",
        "Vous disposez dès réception de ce message d'un délai de 15 jours pour compléter votre "
        "dossier. Pour accéder à votre demande et compléter les informations, vous pouvez vous "
        "connecter avec le lien suivant et les identifiants de votre compte d'accès "
        "temporaire.",
        "Reprendre ma demande",
        "Passé ce délai, votre dossier pourra être considéré comme incomplet et de ce fait "
        "clôturé.",
        "Cordialement,", "La Direction Générale des Etrangers en France"]),
    # « < RETOUR A TOUTES MES NOTIFICATIONS » was cited here at l. 932: seed 002 has no such
    # link (the first application's complément is an e-mail); it is seed 000's (l. 1290).
    # --- « Reprendre ma demande » (seed 002 l. 1020-1140): étape 4 reopened for the complément.
    # Only what the app shows today. Not shown yet, added by the words helper (issue 22 item 4):
    # « TÉLÉCHARGER LA LISTE DES PIÈCES JUSTIFICATIVES. » (l. 1029), « Les champs marqués d'un
    # * sont obligatoires. » (l. 1033, 1083), « Photographie d'identité récente » and its help
    # (l. 1037-1038), the star of « Numéro ephoto (22 chiffres) * : » (l. 1040), « ✖ Supprimer
    # le numéro ephoto » (l. 1041), « ✖ SUPPRIMER JUSTIFICATIF.PNG » beside each filed file
    # (l. 1050, 1055, 1079, 1095), the star of « Justificatif d'identité * » (l. 1052),
    # « Extrait d'acte de naissance avec filiation ou copie intégrale de l'acte de naissance. »
    # (l. 1053), « Observations à destination de l'administration : » (l. 1097).
    *_run("P:reprise", 1020, [
        "Maintenant, nous allons vous demander de joindre les documents justifiant votre "
        "situation", "PRÉPARER LES DOCUMENTS À FOURNIR :", "Un numéro e-photo",
        "Pour connaître les photographes agréés près de chez vous, vous pouvez consulter la "
        "carte de géolocalisation.",
        "Tous les documents justificatifs demandés selon votre situation.",
        "Les documents doivent être lisibles, en français, sous forme numérique (.jpg, .pdf, "
        ".png, .bmp, .tiff), et ne pas dépasser une taille maximale de 10 Mo par fichier.",
        "Consulter la liste des traducteurs agréés.", "INFORMATIONS PERSONNELLES", "ÉTAT CIVIL",
        "Numéro ephoto (22 chiffres)", "Justificatif de nationalité *", *NATIONALITE,
    ], "l. 1027 writes the extensions without their dots (l. 709, the same sentence, with "
       "them); « Passport » (l. 1046) → « Passeport » (l. 1118)"),
    *_run("P:reprise", 1052, ["Justificatif d'identité"]),
    *_run("P:reprise", 1132, ["Joindre un document"], "the slot asked for takes files"),
    *_run("P:reprise", 1057, [
        "DOMICILIATION", "Justificatif de domicile datant de moins de 6 mois *", *DOMICILE,
        "MOTIF DE SÉJOUR", "Justificatif de résidence habituelle *", *RESIDENCE,
    ], "OCR slip corrected: « demande d'acte » (l. 1090) → « demande d'asile »"),
    *_run("P:reprise", 1140, ["Déposer les compléments"]),
]

#: Names in the greeting as the guide writes them: the personal space « Bonjour MALADE Guide, »
#: (l. 1189: first prénom upper case, nom capitalised), the first application's e-mail
#: « Bonjour Malade USAGER, » (seed 002 l. 932: prénom as typed, nom upper case).
GREETINGS: list[tuple[str, str, int]] = [
    ("R:notification.complement", "Bonjour MARIANA Silva,", 1189),
    ("R:notification.certificat_medical", "Bonjour MALADE Guide,", 1499),
    ("R:notification.decision", "Bonjour MALADE Guide,", 1651),
    ("P:notification.complement", "Bonjour Awa KOUASSI,", 932),
]

#: What must not be shown there (the issue's findings), with the seed line.
ABSENT: list[tuple[str, str, int, str]] = [
    ("R:notification.complement+maj", "Veuillez préciser les raisons", 1275,
     "asked only when the document is maintained"),
    ("R:notifications", "[…]", 1471, "the acknowledgement sentence is whole"),
    ("R:notifications", "Domaine", 1628, "the guide's list has no header line"),
    ("R:notification.certificat_medical", "Ce que dit la notice", 1505,
     "the notice's summary is anef-tui's, said in its voice"),
    ("R:notification.decision", "Décision du", 1653, "an invented sentence, replaced"),
    ("R:notification.prolongation", "Attestation de prolongation d'instruction valable du",
     1836, "an invented sentence, replaced by the attestation's"),
]
