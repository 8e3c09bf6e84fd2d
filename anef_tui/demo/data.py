"""The demo's people and their answers: invented, except « GUIDE Malade », the persona of
the official user guide (born 03/10/2000 in Mexico, Mexicaine, 20 rue Nationale 59000 Lille).
No medical information, ever: the procedure forbids giving it to the préfecture.

Every value is already in the form the app's validation gives it (tests/unit/test_demo.py
checks it). Used by demo/builder.py (the named dossiers) and demo/bulk.py (`--count N`).
"""

from __future__ import annotations

# The first dossiers: drafts and filings (GUIDE, NGUYEN, DIALLO, OKAFOR).

GUIDE_PROFILE = {
    "n_etranger": "5903007229",
    "n_titre": "9999999999",
    "date_debut_validite": "05/10/2022",
    "date_fin_validite": "04/10/2023",
    "nom_naissance": "GUIDE",
    "nom_usage": "",
    "prenoms": ["Malade"],
    "sexe": "Masculin",
    "date_naissance": "03/10/2000",
    "pays_naissance": "Mexique",
    "lieu_naissance": "Mexico",
    "nationalite": "Mexicaine",
    "adresse": "20 rue Nationale",
    "numero_voie": "20",
    "voie": "rue Nationale",
    "complement": "",
    "code_postal": "59000",
    "ville": "Lille",
    "pays": "France",
    "code_insee": "59350",
    "email": "guideem@yopmail.com",
    "email_confirmation": "guideem@yopmail.com",
}
ETAT_CIVIL = (
    "nom_naissance", "nom_usage", "prenoms", "sexe", "date_naissance", "pays_naissance",
    "lieu_naissance", "nationalite",
)
ADDRESS = (
    "adresse", "numero_voie", "voie", "complement", "code_postal", "ville", "pays", "code_insee",
)


def personal_step(profile: dict, telephone: str) -> dict:
    """The « Informations personnelles » step of a renewal, from its « Mon titre actuel »
    profile."""
    values = {k: profile[k] for k in (*ETAT_CIVIL, *ADDRESS)}
    values["email"] = profile["email"]
    values["telephone"] = telephone
    return values


MOTIF = {
    "situation_familiale": "Célibataire",
    "enfants_charge": "Non",
    "attestation_polygamie": True,
    "attestation_sanctions": True,
}

NGUYEN_PROFILE = {
    **GUIDE_PROFILE,
    "n_etranger": "1302004518",
    "n_titre": "1302004518",
    "date_debut_validite": "12/01/2026",
    "date_fin_validite": "11/01/2027",
    "nom_naissance": "NGUYEN",
    "prenoms": ["Thi Lan"],
    "sexe": "Féminin",
    "date_naissance": "14/02/1975",
    "pays_naissance": "Viêt Nam",
    "lieu_naissance": "Hanoï",
    "nationalite": "Vietnamienne",
    "adresse": "3 rue de l'Œuvre",
    "numero_voie": "3",
    "voie": "rue de l'Œuvre",
    "code_postal": "13002",
    "ville": "Marseille",
    "code_insee": "13202",
    "email": "lan.nguyen@exemple.fr",
    "email_confirmation": "lan.nguyen@exemple.fr",
}

DIALLO_STEP2 = {
    "nom_naissance": "DIALLO",
    "nom_usage": "",
    "prenoms": ["Aminata", "Fatou"],
    "sexe": "Féminin",
    "date_naissance": "1987",
    "pays_naissance": "Guinée",
    "lieu_naissance": "Conakry",
    "nationalites": ["Guinéenne"],
    "adresse": "8 place de la République",
    "numero_voie": "8",
    "voie": "place de la République",
    "complement": "Bâtiment B",
    "code_postal": "69001",
    "ville": "Lyon",
    "pays": "France",
    "code_insee": "69381",
    "email": "aminata.diallo@exemple.fr",
    "telephone": "06 12 34 56 78",
}

PREMIERE_SITUATION = (
    "Je suis un ressortissant étranger résidant habituellement en France et mon état de "
    "santé nécessite une prise en charge médicale exceptionnelle"
)
PREMIERE_PROFIL = {"choix": "attaches_familiales_france"}

OKAFOR_NAME = "OKAFOR Chinedu"
OKAFOR_COMPTE = {
    "email": "chinedu.okafor@exemple.fr",
    "email_confirmation": "chinedu.okafor@exemple.fr",
}
OKAFOR_STEP2 = {
    "nom_naissance": "OKAFOR",
    "nom_usage": "",
    "prenoms": ["Chinedu", "Emeka"],
    "sexe": "Masculin",
    "date_naissance": "1990",  # only the year is known, as the site allows
    "pays_naissance": "Nigeria",
    "lieu_naissance": "Enugu",
    "nationalites": ["Nigériane"],
    "adresse": "45 boulevard Voltaire",
    "numero_voie": "45",
    "voie": "boulevard Voltaire",
    "complement": "",
    "code_postal": "75011",
    "ville": "Paris",
    "pays": "France",
    "code_insee": "75111",
    "email": OKAFOR_COMPTE["email"],
    "telephone": "07 61 23 45 67",
}
OKAFOR_MOTIF = {
    "date_entree": "12/03/2019",
    "situation_familiale": "Marié(e)",
    "date_union": "14/08/2016",
    "pays_union": "Nigeria",
    "enfants_charge": "Oui",
    "enfants_conjoint": "Non",
    "attestation_polygamie": True,
    "attestation_sanctions": True,
}
OKAFOR_EPHOTO = "2345678901234567890123"
# Required document slot of the first application -> demo scan attached to it.
OKAFOR_SCANS = (
    ("justificatif_nationalite", "passeport.png"),
    ("justificatif_identite", "acte-naissance.png"),
    ("justificatif_domicile", "facture-electricite.png"),
    ("justificatif_residence", "recepisse.png"),
)

RENEWAL_PRELIMINARIES = [
    ("pour_qui", {"choix": "moi_meme"}),
    ("situation_actuelle", {"choix": "renouvellement_titre"}),
    ("preambule", {}),
]

# One dossier per state of the instruction after the dépôt.

SILVA_NAME = "SILVA Mariana"
SILVA_PROFILE = {
    **GUIDE_PROFILE,
    "n_etranger": "3101204587",
    "n_titre": "3101204587",
    "date_debut_validite": "15/12/2025",
    "date_fin_validite": "14/12/2026",
    "nom_naissance": "SILVA",
    "prenoms": ["Mariana"],
    "sexe": "Féminin",
    "date_naissance": "21/07/1982",
    "pays_naissance": "Brésil",
    "lieu_naissance": "Recife",
    "nationalite": "Brésilienne",
    "adresse": "12 rue des Lois",
    "numero_voie": "12",
    "voie": "rue des Lois",
    "code_postal": "31000",
    "ville": "Toulouse",
    "code_insee": "31555",
    "email": "mariana.silva@exemple.fr",
    "email_confirmation": "mariana.silva@exemple.fr",
}
HAMIDI_NAME = "HAMIDI Karim"
HAMIDI_PROFILE = {
    **GUIDE_PROFILE,
    "n_etranger": "3302107764",
    "n_titre": "3302107764",
    "date_debut_validite": "02/01/2026",
    "date_fin_validite": "01/01/2027",
    "nom_naissance": "HAMIDI",
    "prenoms": ["Karim"],
    "sexe": "Masculin",
    "date_naissance": "09/11/1978",
    "pays_naissance": "Maroc",
    "lieu_naissance": "Casablanca",
    "nationalite": "Marocaine",
    "adresse": "7 cours Victor Hugo",
    "numero_voie": "7",
    "voie": "cours Victor Hugo",
    "code_postal": "33000",
    "ville": "Bordeaux",
    "code_insee": "33063",
    "email": "karim.hamidi@exemple.fr",
    "email_confirmation": "karim.hamidi@exemple.fr",
}
POPESCU_NAME = "POPESCU Elena"
POPESCU_PROFILE = {
    **GUIDE_PROFILE,
    "n_etranger": "4401109823",
    "n_titre": "4401109823",
    "date_debut_validite": "20/11/2025",
    "date_fin_validite": "19/11/2026",
    "nom_naissance": "POPESCU",
    "prenoms": ["Elena"],
    "sexe": "Féminin",
    "date_naissance": "30/04/1969",
    "pays_naissance": "Moldova, République de",
    "lieu_naissance": "Chisinau",
    "nationalite": "Moldave",
    "adresse": "5 quai de la Fosse",
    "numero_voie": "5",
    "voie": "quai de la Fosse",
    "code_postal": "44000",
    "ville": "Nantes",
    "code_insee": "44109",
    "email": "elena.popescu@exemple.fr",
    "email_confirmation": "elena.popescu@exemple.fr",
}
TRAORE_NAME = "TRAORÉ Moussa"
TRAORE_COMPTE = {
    "email": "moussa.traore@exemple.fr",
    "email_confirmation": "moussa.traore@exemple.fr",
}
TRAORE_STEP2 = {
    "nom_naissance": "TRAORÉ",
    "nom_usage": "",
    "prenoms": ["Moussa"],
    "sexe": "Masculin",
    "date_naissance": "1984",
    "pays_naissance": "Mali",
    "lieu_naissance": "Bamako",
    "nationalites": ["Malienne"],
    "adresse": "18 rue de Paris",
    "numero_voie": "18",
    "voie": "rue de Paris",
    "complement": "",
    "code_postal": "93100",
    "ville": "Montreuil",
    "pays": "France",
    "code_insee": "93048",
    "email": TRAORE_COMPTE["email"],
    "telephone": "06 45 67 89 01",
}
TRAORE_MOTIF = {
    "date_entree": "03/09/2017",
    "situation_familiale": "Célibataire",
    "enfants_charge": "Non",
    "attestation_polygamie": True,
    "attestation_sanctions": True,
}
TRAORE_EPHOTO = "3456789012345678901234"
KOUASSI_NAME = "KOUASSI Awa"
KOUASSI_COMPTE = {
    "email": "awa.kouassi@exemple.fr",
    "email_confirmation": "awa.kouassi@exemple.fr",
}
KOUASSI_STEP2 = {
    **TRAORE_STEP2,
    "nom_naissance": "KOUASSI",
    "prenoms": ["Awa"],
    "sexe": "Féminin",
    "date_naissance": "1991",
    "pays_naissance": "Côte d'Ivoire",
    "lieu_naissance": "Abidjan",
    "nationalites": ["Ivoirienne"],
    "adresse": "7 rue Nationale",
    "numero_voie": "7",
    "voie": "rue Nationale",
    "code_postal": "59800",
    "ville": "Lille",
    "code_insee": "59350",
    "email": KOUASSI_COMPTE["email"],
    "telephone": "06 56 78 90 12",
}
KOUASSI_MOTIF = {**TRAORE_MOTIF, "date_entree": "14/02/2019"}
KOUASSI_EPHOTO = "7890123456789012345678"
RENEWAL_SCANS = (
    ("justificatif_domicile", "facture-electricite.png"),
    ("justificatif_residence", "recepisse.png"),
)

# `--count N` (demo/bulk.py): names and postcodes drawn at random.

SURNAMES = (
    "MARTIN", "DUPONT", "NGUYEN", "DIALLO", "TRAORÉ", "BENALI", "OKAFOR", "SILVA", "HAMIDI",
    "POPESCU", "KOUASSI", "LEFÈVRE", "GARCÍA", "ÖZTÜRK", "MÜLLER", "NOËL", "CÔTÉ", "BÉRANGER",
    "DA COSTA", "N'DIAYE", "EL AMRANI", "KOWALSKI", "IVANOVĂ", "MENDES", "SANTOS", "ÇELIK",
    "YILMAZ", "BAPTISTE", "HÉBERT", "FAYE", "CAMARA", "DEMBÉLÉ", "ZHANG", "PHAM", "RAKOTO",
    "ANDRIAMANANA", "BOUCHARD", "LAMBERT", "GÓMEZ", "ŞAHIN",
)
GIVEN_NAMES = (
    "Élodie", "Zoé", "Amélie", "Aminata", "Moussa", "Chinedu", "Mariana", "Karim", "Elena",
    "Awa", "Thi Lan", "Jérôme", "Léa", "Noé", "Inès", "Raphaël", "Chloé", "Anaïs", "João",
    "Ünal", "Björn", "Fatoumata", "Ibrahima", "Mehdi", "Yasmine", "Oumar", "Maëlle", "Hélène",
    "François", "Sévérine", "Ángel", "Dragoș", "Łucja", "Ngozi", "Kofi", "Aïcha",
)
POSTCODES = ("59000", "75011", "13001", "69003", "33000", "31000", "44000", "67000", "06000")
