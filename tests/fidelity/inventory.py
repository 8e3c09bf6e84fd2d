"""Inventory of the guides' strings that anef-tui shows or prints (issue 13).

Each entry: (where, text, line, note). `where` is a screen position of a procedure
(« R: » renewal, seed 000; « P: » first application, seed 002) or a PDF (« R:pdf:liste »…);
`line` is the line of the seed where the guide shows the text. Entries of one place are in
the guide's order: the test checks that the app shows them in that order too.

A run of entries (`_run`) cites one line: its first string starts on that line, the others
follow it within `seeds.RUN_REACH` lines (`test_every_cited_line_holds_its_string`). OCR slips
of the guides are corrected and noted (`note`; `seeds.OCR_SLIPS` corrects them in the seeds).
Values that depend on the dossier (names, dates, numbers) are not inventoried, only their
labels (greetings: `GREETINGS`).
"""

from __future__ import annotations

NAV = ["< Revenir à l'étape précédente", "Abandonner la demande", "Quitter et revenir plus tard",
       "Enregistrer et poursuivre >"]
ALL_FILES = "Les champs marqués d'un * sont obligatoires."
EPHOTO_HELP = (
    "Si vous disposez d'une photo et d'une signature numériques, veuillez renseigner ci-dessous "
    "le numéro ephoto figurant sur votre planche de photos d'identité. Si vous ne disposez pas "
    "encore de ephoto, vous pouvez localiser un service photo et signature numériques en "
    "suivant ce lien."
)
NATIONALITE = ["Veuillez joindre un des justificatifs suivants :", "Passeport ;",
               "ou carte nationale d'identité ;", "ou certificat de nationalité de moins de 6 mois."]
DOMICILE = [
    "Veuillez joindre un des justificatifs de domicile suivants :",
    "Une facture d'électricité, gaz, eau, internet, fixe ou mobile ;",
    "ou une copie du bail de location ;",
    "ou une copie d'une quittance de loyer ou de taxe d'habitation.",
    "Si hébergement à l'hôtel :",
    "Veuillez joindre un des justificatifs de domicile suivants :",
    "Une attestation de l'hôtelier ;", "Une copie de la facture du dernier mois.",
    "Si hébergement chez un particulier :",
    "Veuillez joindre un des justificatifs de domicile suivants :",
    "Une attestation de l'hébergeant datée et signée ;",
    "Une copie de sa Carte Nationale d'Identité ou de sa carte de séjour ;",
    "Un justificatif de domicile de l'hébergeant si l'adresse inscrite sur sa carte d'identité "
    "n'est plus à jour.",
]
RESIDENCE = [
    "Veuillez fournir tout document permettant d'apprécier la durée de votre résidence "
    "habituelle en France depuis au moins 1 an :",
    "Visa", "Récépissé de demande de titre de séjour", "Récépissé de demande d'asile",
    "Documents émanant d'une administration publique (préfecture, service social, "
    "établissement scolaire)",
    "Documents émanant d'une institution privée (relevés bancaires présentant des mouvements)",
    "Écrits personnels incontestables (courriers, attestations de proches)",
]
CONFIRMATION_BODY = [
    "vous avez déposé avec succès une demande de titre de séjour qui sera examinée par la "
    "préfecture compétente.",
    "Ce document constitue la preuve de dépôt de votre demande.",
    "Il ne constitue pas une preuve de régularité du séjour et ne permet pas l'ouverture de "
    "droits associés à un séjour régulier.",
    "Ce document n'autorise pas le franchissement des frontières de l'espace Schengen.",
    "Vous serez informé(e) de l'avancement et de la suite donnée à votre démarche par un "
    "courrier électronique vous invitant à vous connecter à votre espace personnel.",
]
CONFIRMATION_LABELS = ["VOS RÉFÉRENCES :", "Identifiant (N° étranger) :", "N° de la demande :",
                       "DATE D'ÉMISSION :", "Nom de naissance :", "Nom d'usage :", "Prénom :",
                       "Né(e) le :", "A :", "Nationalité :", "Adresse :"]
SIGNATURE = ["Cordialement,", "La Direction Générale des Etrangers en France",
             "Ce message est généré automatiquement, merci de ne pas y répondre."]
LIST_INTRO = [
    "Liste des documents justificatifs à fournir",
    "Vous devez fournir sous forme numérique tous les documents justificatifs demandés en vous "
    "assurant de leur lisibilité, ainsi que leur traduction lorsque ceux-ci sont rédigés en "
    "langue étrangère. Vous pouvez consulter la liste des traducteurs agréés en suivant ce "
    "lien : https://www.service-public.fr/particuliers/vosdroits/F12956",
    "Vous devez respecter les formats suivants : .jpg, .pdf, .png, .bmp, .tiff et ne pas "
    "dépasser 10Mo par fichier.",
]
LIST_PHOTO = [
    "Photographie d'identité récente - Numéro EPhoto",
    "Si vous disposez d'une photo et d'une signature numériques, veuillez renseigner le numéro "
    "ephoto figurant sur votre planche de photos d'identité. Si vous ne disposez pas encore de "
    "ephoto, vous pouvez localiser un service photo et signature numériques en suivant ce "
    "lien : https://permisdeconduire.ants.gouv.fr/Services-associes/"
    "Ou-faire-ma-photo-et-ma-signature-numerisee",
]
LIST_NATIONALITE = ["Justificatif de nationalité", "Veuillez joindre un des justificatifs suivants :",
                    "Passeport ;", "ou attestation consulaire ;", "ou carte d'identité ;",
                    "ou carte consulaire."]
LIST_IDENTITE_ENTREE = [
    "Justificatif d'identité", "Veuillez joindre le justificatif suivant :",
    "Extrait d'acte de naissance avec filiation ou copie intégrale de l'acte de naissance.",
    "Justificatif d'entrée régulière", "Veuillez joindre un des justificatifs suivants :",
    "Copie des pages de votre passeport comportant le visa + cachet d'entrée ;",
    "ou copie du passeport comportant uniquement le cachet d'entrée ;",
    "ou attestation de dispense de visa d'entrée ;",
    "ou déclaration sur l'honneur d'entrée régulière sur le territoire.",
]
LIST_DOMICILE_P1 = [
    "DOMICILE", "Justificatif de domicile datant de moins de 6 mois :",
    "Veuillez joindre un des justificatifs de domicile suivant :",
    "Facture d'électricité, gaz, eau, internet, fixe ou mobile ;", "ou copie du bail de location ;",
    "ou copie d'une quittance de loyer ou de taxe d'habitation.",
    "Si hébergement à l'hôtel :", "Veuillez joindre les justificatifs de domicile suivants :",
    "Une attestation de l'hôtelier ;", "Une copie de la facture du dernier mois.",
]
LIST_PAGE2 = [
    "DOMICILE (SUITE)", "Si hébergement chez un particulier :",
    "Veuillez joindre les justificatifs de domicile suivants :",
    "Attestation de l'hébergeant datée et signée,",
    "copie de sa Carte Nationale d'Identité ou de sa carte de séjour,",
    "justificatif de domicile de l'hébergeant si l'adresse inscrite sur sa carte d'identité ou "
    "sa carte de séjour n'est plus à jour.",
    "MOTIF DE SÉJOUR", "Justificatif de résidence habituelle", *RESIDENCE,
]


def _run(where: str, first_line: int, texts: list[str], note: str = "") -> list[tuple]:
    return [(where, text, first_line, note) for text in texts]


R_TITLE = "DEMANDE DE TITRE DE SÉJOUR VIE PRIVÉE ET FAMILIALE - ÉTRANGER MALADE"
P_TITLE = "PRÉ-DEMANDE DE TITRE DE SÉJOUR VIE PRIVÉE ET FAMILIALE - ÉTRANGER MALADE"

INVENTORY: list[tuple[str, str, int, str]] = [
    # --- Renewal (seed 000) ---------------------------------------------------------------
    *_run("R:titre_actuel", 20, [
        "S'identifier pour accéder à vos services.",
        "COMMENT SAVOIR SI VOUS AVEZ DÉJÀ UN COMPTE ?",
        "Première visite? Créez votre compte.",
    ], "account creation, stood in for by « Mon titre actuel » (issue 22)"),
    *_run("R:titre_actuel", 30, [
        "N° de votre visa ou de votre titre de séjour :", "Ex : 9999999999",
        "Date de début de validité :", "Date de fin de validité :",
    ], "account creation, stood in for by « Mon titre actuel »"),
    *_run("R:titre_actuel", 86, ["Adresse email * :", "Confirmation de l'adresse email * :"],
          "account creation, stood in for by « Mon titre actuel »"),
    *_run("R:pour_qui", 322, [
        "Je sollicite ou renouvelle un titre de séjour pour :", "Moi-même (à partir de 16 ans)",
        "Un mineur bénéficiaire de la protection internationale de plus de 16 ans",
        "Je continue"]),
    *_run("R:situation_actuelle", 347, [
        "Votre situation actuelle",
        "Vous êtes titulaire d'un titre de séjour en tant que « Etranger malade ». Ce titre "
        "porte la mention « VIE PRIVÉE ET FAMILIALE ».",
        "Je sollicite le renouvellement de ce titre", "JE SOLLICITE UN AUTRE TITRE DE SÉJOUR :",
        "En tant qu'étudiant", "En tant que visiteur", "En tant que passeport talent",
        "En tant que bénéficiaire de la protection internationale",
        "En tant que salarié - Hors passeport talent & hors Citoyen UE",
        "En tant que membre de famille", "Je suis en situation de vulnérabilité",
        "En tant que citoyen de l'Union Européenne",
        "En tant que ressortissant étranger né en France", "Pour motif humanitaire",
        "En tant que jeune au pair, en France", "Je commence"]),
    *_run("R:preambule", 381, [
        "Votre démarche en ligne",
        "Ce site vous permet d'effectuer une demande de titre de séjour Vie Privée et Familiale :",
        "en tant qu'étranger résidant habituellement en France et votre état de santé nécessite "
        "une prise en charge médicale exceptionnelle.",
        "Avant de commencer votre démarche, veuillez prendre connaissance des différentes étapes "
        "qui la composent.",
        "Si vous souhaitez signaler des observations à l'administration, vous pourrez le faire à "
        "l'étape Dépôt de la demande dans le champ « Observations à destination de "
        "l'administration ».",
        "DÉPOSEZ VOTRE DEMANDE EN 5 ÉTAPES",
        "1. Informations personnelles",
        "Vérifiez et complétez les informations relatives à votre identité et vos informations "
        "de contact.",
        "2. Motif de séjour",
        "Décrivez votre projet et renseignez les ressources dont vous bénéficiez.",
        "3. Justificatifs", "Joignez les documents justifiant votre situation.",
        "4. Dépôt de la demande", "Confirmez et déposez définitivement votre demande.",
        "5. Confirmation", "Le dépôt de votre demande est confirmé.",
        "Votre saisie est sauvegardée à la validation de chaque étape. Si vous quittez la "
        "télé-procédure vous pouvez la reprendre ultérieurement à la dernière étape enregistrée.",
        "Vous devez joindre :",
        "l'ensemble des documents, photographiés ou numérisés (format JPG, PNG, PDF, TIFF, BMP)",
        "l'ensemble des documents vous permettant de justifier votre situation",
        "une e-photo. Pour connaître les photographes agréés près de chez vous, vous pouvez "
        "consulter la carte de géolocalisation.",
        "Télécharger la liste des pièces justificatives.",
        "Abandonner la demande", "Quitter et revenir plus tard", "Je continue"]),
    *_run("R:informations_personnelles", 461, [
        "Je vérifie les informations personnelles que j'ai fournies", "ÉTAT CIVIL",
        "Les informations d'état civil ne sont pas modifiables. Si ces informations ne sont plus "
        "à jour, veuillez indiquer lesquelles dans le champ « Observations à destination de "
        "l'administration » à l'étape Dépôt de la demande.",
        "Nom de naissance :", "Nom d'usage (facultatif) :", "Prénom(s) :", "Sexe :",
        "Date de naissance :", "Pays de naissance :", "Lieu de naissance :", "Nationalité :",
        "ADRESSE", ALL_FILES, "Adresse * :",
        "Vous résidez outre-mer et vous ne trouvez pas votre adresse dans les suggestions "
        "d'adresse qui vous sont proposées.",
        "Numéro de voie :", "Voie :", "Complément d'adresse :", "Code postal :", "Ville * :",
        "Pays :", "Code INSEE :", "INFORMATIONS DE CONTACT", ALL_FILES,
        "Il s'agit des informations de contact utilisées pour l'ensemble des contacts avec "
        "l'administration dans le cadre de cette démarche.",
        "Email :", "Téléphone * :", *NAV]),
    *_run("R:motif_sejour", 621, [
        "Je renseigne mon motif de séjour", "MOTIF DE SÉJOUR",
        "Je demande un titre de séjour en raison de mon état de santé.",
        "LIENS PERSONNELS ET FAMILIAUX", ALL_FILES, "MA SITUATION FAMILIALE",
        "Quelle est votre situation familiale actuelle ? * :",
        "Célibataire", "Concubin(ne)", "Divorcé(e)", "Marié(e)", "Pacsé(e)",
        "ENFANTS", "Avez-vous des enfants à votre charge ? * :", "Oui", "Non",
        "ATTESTATION SUR L'HONNEUR", ALL_FILES,
        "En cochant les cases suivantes, j'atteste sur l'honneur :",
        "Ne pas vivre en France en état de polygamie, même si mon pays d'origine l'autorise. *",
        "Avoir connaissance des sanctions pénales encourues par l'auteur d'une fausse "
        "attestation. *", *NAV], "choices: lines 730-740"),
    *_run("R:motif_sejour+marie", 756, [
        "Date de début de l'union * :", "Pays de l'union * :",
        "Avez-vous des enfants à votre charge ? * :",
        "Avez-vous des enfants à la charge de votre conjoint ? * :"]),
    *_run("R:justificatifs", 807, [
        "Je joins mes documents justificatifs",
        "Vous devrez fournir sous forme numérique (.jpg, .pdf, .png, .tiff, .bmp) tous les "
        "documents justificatifs demandés en vous assurant de leur lisibilité, et ne pas "
        "dépasser une taille maximale de 10 Mo par fichier. Vous avez la possibilité de joindre "
        "3 fichiers maximum par document. Si les documents ne sont pas en français il est "
        "préférable de joindre une traduction, consulter la liste des traducteurs agréés.",
        "INFORMATIONS PERSONNELLES", ALL_FILES, "ÉTAT CIVIL", "Photographie d'identité récente",
        EPHOTO_HELP, "Numéro ephoto (22 chiffres) * :", "Confirmer le numéro ephoto",
        "Justificatif de nationalité", *NATIONALITE, "Joindre un document",
        "DOMICILIATION", "Justificatif de domicile datant de moins de 6 mois *", *DOMICILE,
        "Joindre un document", "MOTIF DE SÉJOUR", ALL_FILES,
        "Justificatif de résidence habituelle *", *RESIDENCE, "Joindre un document", *NAV,
    ], "OCR slips corrected: « oignée » (l. 856) → « signée », « Veillez » (l. 957) → "
       "« Veuillez », « internet fixe » (l. 841) → « internet, fixe » (l. 920)"),
    *_run("R:depot", 992, [
        "Je confirme le dépôt définitif de ma demande.",
        "Pour modifier une information saisie ou une pièce justificative, avant le dépôt "
        "définitif de votre demande, utilisez le bouton « Revenir à l'étape précédente ».",
        "Après le dépôt de votre demande vous ne pourrez plus la modifier.",
        "Si vous souhaitez ajouter des observations pour accompagner votre demande, un champ "
        "« Observations à destination de l'administration » est disponible en bas de page.",
        "Observations à destination de l'administration :",
        "< Revenir à l'étape précédente", "Abandonner la demande", "Quitter et revenir plus tard",
        "Déposer la demande >"], "l. 998: the OCR dropped « Observations à » (seed 002 l. 837)"),
    *_run("R:confirmation", 410, ["Le dépôt de votre demande est confirmé."],
          "the guide shows no screen here: the préambule's description of the step"),
    *_run("R:confirmation", 1056, [
        "Bonjour MALADE GUIDE,",
        "Votre demande de titre de séjour a bien été enregistrée. Elle sera instruite par les "
        "services de l'État.",
        "Vous serez informé(e) de l'état d'avancement de votre dossier et, si nécessaire, d'une "
        "demande de pièces complémentaires, par message électronique vous invitant à vous "
        "connecter à votre espace sur le site de l'administration numérique pour les étrangers "
        "en France.", *SIGNATURE], "the e-mail the site sends, quoted « Vous recevrez ce message »"),
    *_run("R:pdf:confirmation", 1020, [
        "CONFIRMATION DU DÉPÔT D'UNE DEMANDE DE RENOUVELLEMENT DE TITRE DE SÉJOUR",
        *CONFIRMATION_LABELS, *CONFIRMATION_BODY]),
    *_run("R:pdf:liste:1", 1727, [
        R_TITLE, *LIST_INTRO, "INFORMATIONS PERSONNELLES", *LIST_PHOTO, *LIST_NATIONALITE,
        "SI VOUS ÊTES TITULAIRE D'UN NUMÉRO ÉTRANGER SANS TITRE DE SÉJOUR",
        *LIST_IDENTITE_ENTREE, *LIST_DOMICILE_P1]),
    *_run("R:pdf:liste:2", 1787, [R_TITLE, "Liste des documents justificatifs à fournir",
                                  *LIST_PAGE2]),
    # --- First application (seed 002) ------------------------------------------------------
    *_run("P:compte", 60, ["Compléter les renseignements suivants pour accéder à vos services."],
          "account creation, stood in for by « Mon compte »; l. 60 describes the screenshot"),
    *_run("P:compte", 469, [ALL_FILES], "l. 60: « a note that fields marked with an asterisk "
          "are mandatory », in the site's words of every form (l. 469)"),
    *_run("P:compte", 60, ["Adresse email *", "Confirmation de l'adresse email *"],
          "the fields named by the screenshot's description (l. 60)"),
    *_run("P:profil", 195, [
        "Je n'ai pas de numéro d'étranger et je souhaite faire une première demande en ligne :",
        "Car j'ai des attaches familiales en France",
        "Car je suis citoyen de l'union européenne, de l'espace économique européen ou suisse ou "
        "membre de famille d'un citoyen de l'union européenne, de l'espace économique européen "
        "ou suisse", "Je continue"]),
    *_run("P:situation", 227, [
        "Vous sollicitez un titre de séjour pour vous même et vous n'êtes pas titulaire d'un "
        "titre de séjour ou d'un numéro étranger.",
        "Votre saisie est sauvegardée à la validation de chaque étape.",
        "Si vous quittez la télé-procédure vous pourrez la reprendre ultérieurement à la "
        "dernière étape enregistrée.",
        "Dites-nous quelle est votre situation ?",
        "Je suis membre de famille d'un citoyen français",
        "Je suis un ressortissant étranger né en France",
        "Je suis un ressortissant étranger résidant habituellement en France et mon état de "
        "santé nécessite une prise en charge médicale exceptionnelle",
        "Je suis dans une autre situation", "Abandonner la demande",
        "Enregistrer et poursuivre"]),
    *_run("P:situation+after", 251, [
        "Merci, nous avons bien pris en compte votre situation.",
        "Vous sollicitez pour la première fois un titre de séjour",
        "Vous êtes un ressortissant étranger résidant habituellement en France et votre état de "
        "santé nécessite une prise en charge médicale exceptionnelle.",
        "Modifier ma situation", "Votre démarche en ligne est à 20% terminée",
        "Plus que 15 minutes pour finir votre démarche",
        "Votre saisie est sauvegardée à la validation de chaque étape. Si vous quittez la "
        "télé-procédure vous pourrez la reprendre ultérieurement à la dernière étape enregistrée.",
        "PRÉPARER LES DOCUMENTS À FOURNIR :", "Un numéro e-photo",
        "Pour connaître les photographes agréés près de chez vous, vous pouvez consulter la "
        "carte de géolocalisation.",
        "Tous les documents justificatifs demandés selon votre situation.",
        "Les documents doivent être lisibles, en français, sous forme numérique (.jpg, .pdf, "
        ".png, .bmp, .tiff), et ne pas dépasser une taille maximale de 10 Mo par fichier.",
        "Consulter la liste des traducteurs agréés.",
        "TÉLÉCHARGER LA LISTE DES PIÈCES JUSTIFICATIVES."], "wording of l. 341-352"),
    *_run("P:informations_personnelles", 270, [
        "Maintenant, nous allons vous demander de renseigner vos informations personnelles",
        "ÉTAT CIVIL", ALL_FILES, "Nom de naissance * :", "Nom d'usage (facultatif) :",
        "Prénom(s) * :", "+ Ajouter un prénom", "Quel est votre sexe ? * :", "Masculin",
        "Féminin", "Date de naissance :", "Jour : Mois : Année * :", "Pays de naissance * :",
        "Lieu de naissance * :", "Nationalité(s) * :", "+ Ajouter une nationalité", "ADRESSE",
        "Adresse * :",
        "Vous résidez outre-mer et vous ne trouvez pas votre adresse dans les suggestions "
        "d'adresse qui vous sont proposées.",
        "Numéro de voie :", "Voie :", "Complément d'adresse :", "Code postal :", "Ville :",
        "Pays :", "Code INSEE :", "INFORMATIONS DE CONTACT", ALL_FILES,
        "Il s'agit des informations de contact utilisées pour l'ensemble des contacts avec "
        "l'administration dans le cadre de cette démarche.",
        "Email :", "Téléphone * :", "Abandonner la demande", "Quitter et revenir plus tard",
        "Enregistrer et poursuivre >"], "address details: l. 406-423"),
    *_run("P:motif_sejour", 461, [
        "Je renseigne mon motif de séjour", "MOTIF DE SÉJOUR",
        "Je demande un titre de séjour en raison de mon état de santé.",
        "LIENS PERSONNELS ET FAMILIAUX", ALL_FILES, "MA SITUATION FAMILIALE",
        "Date d'entrée en France * :", "Quelle est votre situation familiale actuelle ? * :"]),
    *_run("P:motif_sejour", 560, ["Célibataire", "Concubin(ne)", "Divorcé(e)", "Marié(e)",
                                  "Pacsé(e)"], "the choices, shown open (l. 560-564)"),
    *_run("P:motif_sejour", 479, [
        "ENFANTS", "Avez-vous des enfants à votre charge ? * :", "Oui", "Non",
        "ATTESTATION SUR L'HONNEUR", ALL_FILES,
        "En cochant les cases suivantes, j'atteste sur l'honneur :",
        "Ne pas vivre en France en état de polygamie, même si mon pays d'origine l'autorise. *",
        "Avoir connaissance des sanctions pénales encourues par l'auteur d'une fausse "
        "attestation. *", *NAV]),
    *_run("P:motif_sejour+marie", 580, ["Date de début de l'union * :", "Pays de l'union * :"]),
    *_run("P:justificatifs", 704, [
        "Maintenant, nous allons vous demander de joindre les documents justifiant votre "
        "situation", "PRÉPARER LES DOCUMENTS À FOURNIR :", "Un numéro e-photo",
        "Pour connaître les photographes agréés près de chez vous, vous pouvez consulter la "
        "carte de géolocalisation.",
        "Tous les documents justificatifs demandés selon votre situation.",
        "Les documents doivent être lisibles, en français, sous forme numérique (.jpg, .pdf, "
        ".png, .bmp, .tiff), et ne pas dépasser une taille maximale de 10 Mo par fichier.",
        "Consulter la liste des traducteurs agréés.",
        "TÉLÉCHARGER LA LISTE DES PIÈCES JUSTIFICATIVES.",
        "INFORMATIONS PERSONNELLES", ALL_FILES, "ÉTAT CIVIL", "Photographie d'identité récente",
        EPHOTO_HELP, "Numéro ephoto (22 chiffres) * :", "Justificatif de nationalité *",
        *NATIONALITE, "Justificatif d'identité *",
        "Extrait d'acte de naissance avec filiation ou copie intégrale de l'acte de naissance",
        "Justificatif d'entrée régulière", "Veuillez joindre un des justificatifs suivants :",
        "Copie des pages de votre passeport comportant le visa + cachet d'entrée ;",
        "ou une copie du passeport comportant uniquement le cachet d'entrée ;",
        "ou une attestation de dispense de visa d'entrée ;",
        "ou une déclaration sur l'honneur d'entrée sur le territoire.",
        "DOMICILIATION", "Justificatif de domicile datant de moins de 6 mois *", *DOMICILE,
        "Joindre un document", "MOTIF DE SÉJOUR", ALL_FILES,
        "Justificatif de résidence habituelle *", *RESIDENCE, "Joindre un document", *NAV,
    ], "OCR slips corrected (seeds.OCR_SLIPS): « Veillez » (l. 761, 769, 776, 800) → "
       "« Veuillez »; l. 635, an earlier screen, says « carte de répartition » (l. 709: "
       "« géolocalisation »)"),
    *_run("P:depot", 835, [
        "Pour modifier une information saisie ou une pièce justificative, utilisez le bouton "
        "« Revenir à l'étape précédente ».",
        "Après le dépôt de votre demande vous ne pourrez plus la modifier.",
        "Si vous souhaitez ajouter des observations pour accompagner votre demande, un champ "
        "« Observations à destination de l'administration » est disponible en bas de page.",
        "Observations à destination de l'administration :",
        "< Revenir à l'étape précédente", "Abandonner la demande", "Quitter et revenir plus tard",
        "Déposer la demande >"]),
    *_run("P:confirmation", 855, [
        "Votre demande a bien été transmise.", "Vous allez recevoir un accusé de réception.",
        "Vous recevrez un email vous informant de l'avancée de votre demande et si nécessaire de "
        "demande de pièces complémentaires.",
        "Si vous n'avez pas reçu d'accusé de réception, vérifiez votre boîte mail. Si vous ne "
        "l'avez pas reçu vous pouvez formuler une demande de pièces complémentaires.",
        "Vous devez obligatoirement avoir une couverture sociale. Rendez-vous sur le site "
        "suivant : ameli.fr",
        "J'ouvre ma confirmation de dépôt de demande (PDF)"], "screenshot description, l. 855"),
    *_run("P:confirmation", 902, [
        "Bonjour",
        "Votre souhait de demande de titre de séjour a bien été transmis. Après étude de votre "
        "demande, le service compétent déterminera votre éligibilité à une demande de titre de "
        "séjour et à la création d'un espace personnel usager définitif sur le site de "
        "l'administration des étrangers en France.",
        "Dans l'attente de cette validation, en cas de demande de pièces complémentaires, vous "
        "recevrez un message électronique vous indiquant les précisions nécessaires et la "
        "marche à suivre pour leur communication à l'administration.", *SIGNATURE],
        "the e-mail the site sends, quoted (the names: `GREETINGS`)"),
    *_run("P:pdf:confirmation", 861, [
        "CONFIRMATION DU DÉPÔT D'UNE PRÉ-DEMANDE", *CONFIRMATION_LABELS, *CONFIRMATION_BODY]),
    *_run("P:pdf:liste:1", 1158, [
        P_TITLE, *LIST_INTRO, "INFORMATIONS PERSONNELLES", *LIST_NATIONALITE, *LIST_PHOTO,
        *LIST_IDENTITE_ENTREE, *LIST_DOMICILE_P1]),
    *_run("P:pdf:liste:2", 1218, [P_TITLE, "Liste des documents justificatifs à fournir",
                                  *LIST_PAGE2]),
]

#: Greetings: the guide's « Bonjour <names>, » written the same way with this walk's names
#: (the line holds a greeting of the same shape, see `seeds.shape`).
GREETINGS: list[tuple[str, str, int]] = [
    ("R:confirmation", "Bonjour MALADE GUIDE,", 1056),  # NOM PRÉNOM, both in capitals
    ("P:confirmation", "Bonjour Awa NDIAYE,", 902),  # « Bonjour Malade GUIDE, »: prénom, NOM
]

#: What must NOT be shown where (the issue's « wrong » findings), with the seed line.
ABSENT: list[tuple[str, str, int, str]] = [
    ("R:justificatifs", "Justificatif d'identité", 1750, "annex only (numéro étranger sans titre)"),
    ("R:justificatifs", "Justificatif d'entrée régulière", 1754, "annex only"),
    ("R:informations_personnelles", "ATTENTION : Si l'utilisateur", 591,
     "the guide speaking about the user: anef-tui's help voice"),
    ("P:informations_personnelles", "Ville * :", 417, "« Ville : » without a star"),
    ("P:informations_personnelles", "Revenir à l'étape précédente", 314,
     "étape 2 has no « Revenir » button"),
    ("P:informations_personnelles", "Date de naissance * :", 287,
     "« Date de naissance : » then « Jour : Mois : Année * : »"),
    ("P:justificatifs", "Confirmer le numéro ephoto", 731, "not on the first application"),
    ("R:pdf:liste:1", "RÈGLES À RESPECTER", 1727, "not in the official list"),
    ("P:pdf:liste:1", "RÈGLES À RESPECTER", 1158, "not in the official list"),
]

#: Strings of the guides an offline app cannot show, and why (not silently dropped).
OFFLINE: list[tuple[str, int, str]] = [
    ("R", 18, "Account creation (N° de visa/titre, dates, e-mail, « Créer un compte », "
              "« Demande de création de compte bien enregistrée. »): the site's; « Mon titre "
              "actuel » stands in for it and shows its labels (see R:titre_actuel)."),
    ("R", 139, "E-mail confirming the address (link valid 24 heures): sent by the site."),
    ("R", 183, "« Créez votre mot de passe » and its rule: anef-tui never stores an ANEF "
               "password; F5 on the profile is a local helper for the rule."),
    ("R", 251, "Log-in « Vous avez déjà un compte », FranceConnect: the site's."),
    ("R", 288, "Espace personnel bricks: « Nouveau dossier » offers the brick "
               "« Je demande ou renouvelle un titre de séjour »."),
    ("R", 1056, "Confirmation e-mail: sent by the site; quoted on the confirmation screen."),
    ("P", 44, "Bricks, « Adresse email * » page, temporary account e-mail, password reset: "
              "the site's; « Mon compte » stands in (see P:compte)."),
    ("P", 855, "« Aidez nous à améliorer cette démarche ! Donnez votre avis… »: the site's "
               "survey link, nothing to do offline."),
    ("P", 902, "Confirmation e-mail: sent by the site; quoted on the confirmation screen."),
    ("R", 1070, "Instruction (notifications, attestations, OFII documents): out of scope here "
                "(follow-up screens, another engineer)."),
    ("R", 1721, "Annex letterhead (« Étrangers en France », DIRECTION DES ÉTRANGERS EN FRANCE, "
                "FAMI logos): not reproduced, a local PDF must not pass for the ministry's."),
    ("R", 982, "« Pour rappel, l'utilisateur a la possibilité de joindre 06 documents… »: the "
               "guide's annotation; the slot says « 0 fichier(s) sur 6 au maximum »."),
]
