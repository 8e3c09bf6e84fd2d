"""Demo dossiers for trainings, demos and snapshots (`anef-tui demo`).

The people are invented; « GUIDE Malade » is the persona of the official user guide.
No medical information, ever: the procedure forbids giving it to the préfecture.
"""

from __future__ import annotations

from anef_tui.store.dossiers import DossierStore

_GUIDE_STEP1 = {
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
    "telephone": "01 02 03 04 05",
}

_DIALLO_STEP2 = {
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

_NGUYEN_STEP1 = {
    **_GUIDE_STEP1,
    "nom_naissance": "NGUYEN",
    "prenoms": ["Thi Lan"],
    "sexe": "Féminin",
    "date_naissance": "14/02/1975",
    "pays_naissance": "Viet Nam",
    "lieu_naissance": "Hanoï",
    "nationalite": "Vietnamienne",
    "adresse": "3 rue de l'Œuvre",
    "numero_voie": "3",
    "voie": "rue de l'Œuvre",
    "code_postal": "13002",
    "ville": "Marseille",
    "code_insee": "13202",
    "email": "lan.nguyen@exemple.fr",
    "telephone": "04 91 00 00 00",
}

_MOTIF = {
    "situation_familiale": "Célibataire",
    "enfants_charge": "Non",
    "attestation_polygamie": True,
    "attestation_sanctions": True,
}


def _name(values: dict) -> str:
    return f"{values['nom_naissance']} {values['prenoms'][0]}"


def fill_demo(store: DossierStore) -> int:
    """Add the demo dossiers that are not there yet; return how many were added."""
    existing = {row.applicant_name for row in store.list()}
    added = 0

    def new(name: str, procedure: str, steps: list[tuple[str, dict]], current: str) -> int:
        nonlocal added
        dossier_id = store.create(procedure, applicant_name=name)
        for step_id, values in steps:
            store.save_step(dossier_id, step_id, values, next_step=current, applicant_name=name)
        added += 1
        return dossier_id

    if (name := _name(_GUIDE_STEP1)) not in existing:
        new(name, "renouvellement", [("informations_personnelles", _GUIDE_STEP1)], "motif_sejour")
    if (name := _name(_DIALLO_STEP2)) not in existing:
        new(
            name,
            "premiere_demande",
            [("situation", {"situation": _PREMIERE_SITUATION}), ("informations_personnelles", _DIALLO_STEP2)],
            "motif_sejour",
        )
    if (name := _name(_NGUYEN_STEP1)) not in existing:
        new(
            name,
            "renouvellement",
            [("informations_personnelles", _NGUYEN_STEP1), ("motif_sejour", _MOTIF)],
            "justificatifs",
        )
    if "BENALI Zoé" not in existing:
        store.create("premiere_demande", applicant_name="BENALI Zoé")
        added += 1
    return added


_PREMIERE_SITUATION = (
    "Je suis un ressortissant étranger résidant habituellement en France et mon état de "
    "santé nécessite une prise en charge médicale exceptionnelle"
)
