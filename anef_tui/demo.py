"""Demo dossiers for trainings, demos and snapshots (`anef-tui demo`).

The people are invented; « GUIDE Malade » is the persona of the official user guide (born
03/10/2000 in Mexico, Mexicaine, 20 rue Nationale 59000 Lille). No medical information,
ever: the procedure forbids giving it to the préfecture.
"""

from __future__ import annotations

import tempfile
from datetime import timedelta
from pathlib import Path

from anef_tui.store.dossiers import DossierStore

_GUIDE_PROFILE = {
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
_ETAT_CIVIL = (
    "nom_naissance", "nom_usage", "prenoms", "sexe", "date_naissance", "pays_naissance",
    "lieu_naissance", "nationalite",
)
_ADDRESS = (
    "adresse", "numero_voie", "voie", "complement", "code_postal", "ville", "pays", "code_insee",
)


def _step1(profile: dict, telephone: str) -> dict:
    values = {k: profile[k] for k in (*_ETAT_CIVIL, *_ADDRESS)}
    values["email"] = profile["email"]
    values["telephone"] = telephone
    return values


_MOTIF = {
    "situation_familiale": "Célibataire",
    "enfants_charge": "Non",
    "attestation_polygamie": True,
    "attestation_sanctions": True,
}

_NGUYEN_PROFILE = {
    **_GUIDE_PROFILE,
    "n_etranger": "1302004518",
    "n_titre": "1302004518",
    "date_debut_validite": "12/01/2026",
    "date_fin_validite": "11/01/2027",
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
    "email_confirmation": "lan.nguyen@exemple.fr",
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

_PREMIERE_SITUATION = (
    "Je suis un ressortissant étranger résidant habituellement en France et mon état de "
    "santé nécessite une prise en charge médicale exceptionnelle"
)
_RENEWAL_PRELIMINARIES = [
    ("pour_qui", {"choix": "Moi-même (à partir de 16 ans)"}),
    ("situation_actuelle", {"choix": "Je sollicite le renouvellement de ce titre"}),
    ("preambule", {}),
]


def _demo_scans(folder: Path) -> dict[str, Path]:
    """Two small, valid scans (A4 at 150 ppp) made on the fly for the demo attachments."""
    from PIL import Image, ImageDraw

    scans = {}
    for name, text in (
        ("facture-electricite.png", "Facture d'électricité — document de démonstration"),
        ("recepisse.png", "Récépissé — document de démonstration"),
    ):
        image = Image.new("RGB", (1240, 1754), "white")
        ImageDraw.Draw(image).text((100, 100), text, fill="black")
        path = folder / name
        image.save(path, "PNG")
        scans[name] = path
    return scans


def fill_demo(store: DossierStore) -> int:
    """Add the demo dossiers that are not there yet; return how many were added."""
    from anef_tui.store.attachments import AttachmentStore

    existing = {row.applicant_name for row in store.list()}
    added = 0

    if "GUIDE Malade" not in existing:
        # The seed's example, filed: profile, every step, two attachments, the dépôt.
        dossier_id = store.create("renouvellement", applicant_name="GUIDE Malade")
        store.save_profile(dossier_id, "titre_actuel", _GUIDE_PROFILE,
                           applicant_name="GUIDE Malade")
        for step_id, values in _RENEWAL_PRELIMINARIES:
            store.save_step(dossier_id, step_id, values, next_step=None)
        store.save_step(dossier_id, "informations_personnelles",
                        _step1(_GUIDE_PROFILE, "01 02 03 04 05"), next_step=None)
        store.save_step(dossier_id, "motif_sejour", _MOTIF, next_step=None)
        store.save_step(
            dossier_id, "justificatifs",
            {"ephoto": "1234567890123456789012", "ephoto_confirmation": "1234567890123456789012"},
            next_step=None,
        )
        attachments = AttachmentStore(store)
        with tempfile.TemporaryDirectory() as tmp:
            scans = _demo_scans(Path(tmp))
            slots = (
                ("justificatif_domicile", "Justificatif de domicile datant de moins de 6 mois",
                 3, "facture-electricite.png"),
                ("justificatif_residence", "Justificatif de résidence habituelle", 6,
                 "recepisse.png"),
            )
            for slot_id, title, max_files, name in slots:
                attachments.attach(dossier_id, slot_id, scans[name], max_files=max_files,
                                   slot_title=title)
        store.save_step(dossier_id, "depot", {"observations": ""}, next_step="confirmation")
        filed_at = store.now() - timedelta(days=3)
        store.file_dossier(dossier_id, filed_at=filed_at, current_step="confirmation")
        added += 1

    if "NGUYEN Thi Lan" not in existing:
        dossier_id = store.create("renouvellement", applicant_name="NGUYEN Thi Lan")
        store.save_profile(dossier_id, "titre_actuel", _NGUYEN_PROFILE,
                           applicant_name="NGUYEN Thi Lan")
        for step_id, values in _RENEWAL_PRELIMINARIES:
            store.save_step(dossier_id, step_id, values, next_step=None)
        store.save_step(dossier_id, "informations_personnelles",
                        _step1(_NGUYEN_PROFILE, "04 91 00 00 00"), next_step=None)
        store.save_step(dossier_id, "motif_sejour", _MOTIF, next_step="justificatifs")
        added += 1

    if "DIALLO Aminata" not in existing:
        dossier_id = store.create("premiere_demande", applicant_name="DIALLO Aminata")
        store.save_profile(
            dossier_id, "compte",
            {"email": _DIALLO_STEP2["email"], "email_confirmation": _DIALLO_STEP2["email"]},
            applicant_name="DIALLO Aminata",
        )
        store.save_step(dossier_id, "profil", {"choix": "Car j'ai des attaches familiales en France"},
                        next_step=None)
        store.save_step(dossier_id, "situation", {"situation": _PREMIERE_SITUATION},
                        next_step=None)
        store.save_step(dossier_id, "informations_personnelles", _DIALLO_STEP2,
                        next_step="motif_sejour", applicant_name="DIALLO Aminata")
        added += 1

    if "BENALI Zoé" not in existing:
        store.create("premiere_demande", applicant_name="BENALI Zoé")
        added += 1
    return added
