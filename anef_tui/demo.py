"""Demo dossiers for trainings, demos and snapshots (`anef-tui demo`).

The people are invented; « GUIDE Malade » is the persona of the official user guide (born
03/10/2000 in Mexico, Mexicaine, 20 rue Nationale 59000 Lille). No medical information,
ever: the procedure forbids giving it to the préfecture.

Dossiers, in creation order (snapshots and tests rely on it): GUIDE Malade (renewal, filed),
NGUYEN Thi Lan (renewal, draft), DIALLO Aminata (first application, draft), BENALI Zoé (first
application, empty), OKAFOR Chinedu (first application, filed), then one dossier per state of
the instruction (store/followup.py), with dates relative to the store's clock so that their
deadlines are near: SILVA Mariana (renewal, « Demande de complément » not read yet), HAMIDI
Karim (renewal, certificat médical à envoyer, checklist half done), POPESCU Elena (renewal,
instruction prolongée for 3 months), TRAORÉ Moussa (first application, décision favorable).
Every saved value is already in the form the app's validation gives it
(tests/unit/test_demo.py checks it). Only dates and ticks for the follow-up: nothing medical.
"""

from __future__ import annotations

import tempfile
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from anef_tui.store.dossiers import DossierStore

if TYPE_CHECKING:
    from anef_tui.store.attachments import AttachmentStore

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
_PREMIERE_PROFIL = {"choix": "Car j'ai des attaches familiales en France"}

_OKAFOR_NAME = "OKAFOR Chinedu"
_OKAFOR_COMPTE = {
    "email": "chinedu.okafor@exemple.fr",
    "email_confirmation": "chinedu.okafor@exemple.fr",
}
_OKAFOR_STEP2 = {
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
    "email": _OKAFOR_COMPTE["email"],
    "telephone": "07 61 23 45 67",
}
_OKAFOR_MOTIF = {
    "date_entree": "12/03/2019",
    "situation_familiale": "Marié(e)",
    "date_union": "14/08/2016",
    "pays_union": "Nigeria",
    "enfants_charge": "Oui",
    "enfants_conjoint": "Non",
    "attestation_polygamie": True,
    "attestation_sanctions": True,
}
_OKAFOR_EPHOTO = "2345678901234567890123"
# Required document slot of the first application -> demo scan attached to it.
_OKAFOR_SCANS = (
    ("justificatif_nationalite", "passeport.png"),
    ("justificatif_identite", "acte-naissance.png"),
    ("justificatif_domicile", "facture-electricite.png"),
    ("justificatif_residence", "recepisse.png"),
)

_RENEWAL_PRELIMINARIES = [
    ("pour_qui", {"choix": "Moi-même (à partir de 16 ans)"}),
    ("situation_actuelle", {"choix": "Je sollicite le renouvellement de ce titre"}),
    ("preambule", {}),
]


def _demo_scans(folder: Path) -> dict[str, Path]:
    """Small, valid scans (A4 at 150 ppp) made on the fly for the demo attachments."""
    from PIL import Image, ImageDraw

    scans = {}
    for name, text in (
        ("facture-electricite.png", "Facture d'électricité — document de démonstration"),
        ("recepisse.png", "Récépissé — document de démonstration"),
        ("passeport.png", "Passeport — document de démonstration"),
        ("acte-naissance.png", "Extrait d'acte de naissance — document de démonstration"),
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
        store.save_step(dossier_id, "profil", dict(_PREMIERE_PROFIL), next_step=None)
        store.save_step(dossier_id, "situation", {"situation": _PREMIERE_SITUATION},
                        next_step=None)
        store.save_step(dossier_id, "informations_personnelles", _DIALLO_STEP2,
                        next_step="motif_sejour", applicant_name="DIALLO Aminata")
        added += 1

    if "BENALI Zoé" not in existing:
        store.create("premiere_demande", applicant_name="BENALI Zoé")
        added += 1

    if _OKAFOR_NAME not in existing:
        _add_okafor(store, AttachmentStore(store))
        added += 1

    # The instruction after the dépôt: one dossier per state, created after OKAFOR.
    for name, add in (
        (_SILVA_NAME, _add_silva),
        (_HAMIDI_NAME, _add_hamidi),
        (_POPESCU_NAME, _add_popescu),
        (_TRAORE_NAME, _add_traore),
        (_KOUASSI_NAME, _add_kouassi),
    ):
        if name not in existing:
            add(store, AttachmentStore(store))
            added += 1
    return added


def _add_okafor(store: DossierStore, attachments: AttachmentStore) -> None:
    """A first application filed the day before: account, every step, the 4 required
    documents, the dépôt."""
    from anef_tui.domain.catalogue import load_procedure

    procedure = load_procedure("premiere_demande")
    dossier_id = store.create("premiere_demande", applicant_name=_OKAFOR_NAME)
    store.save_profile(dossier_id, "compte", dict(_OKAFOR_COMPTE), applicant_name=_OKAFOR_NAME)
    store.save_step(dossier_id, "profil", dict(_PREMIERE_PROFIL), next_step=None)
    store.save_step(dossier_id, "situation", {"situation": _PREMIERE_SITUATION}, next_step=None)
    store.save_step(dossier_id, "informations_personnelles", _OKAFOR_STEP2, next_step=None,
                    applicant_name=_OKAFOR_NAME)
    store.save_step(dossier_id, "motif_sejour", _OKAFOR_MOTIF, next_step=None)
    store.save_step(
        dossier_id, "justificatifs",
        {"ephoto": _OKAFOR_EPHOTO},
        next_step=None,
    )
    with tempfile.TemporaryDirectory() as tmp:
        scans = _demo_scans(Path(tmp))
        for slot_id, name in _OKAFOR_SCANS:
            slot = procedure.slot(slot_id)
            attachments.attach(dossier_id, slot_id, scans[name], max_files=slot.max_files,
                               slot_title=slot.title)
    store.save_step(dossier_id, "depot", {"observations": ""}, next_step="confirmation")
    store.file_dossier(dossier_id, filed_at=store.now() - timedelta(days=1),
                       current_step="confirmation")


# --------------------------------------------------------------------------------------
# The instruction after the dépôt (store/followup.py): dates only, relative to the clock.

_SILVA_NAME = "SILVA Mariana"
_SILVA_PROFILE = {
    **_GUIDE_PROFILE,
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
_HAMIDI_NAME = "HAMIDI Karim"
_HAMIDI_PROFILE = {
    **_GUIDE_PROFILE,
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
_POPESCU_NAME = "POPESCU Elena"
_POPESCU_PROFILE = {
    **_GUIDE_PROFILE,
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
_TRAORE_NAME = "TRAORÉ Moussa"
_TRAORE_COMPTE = {
    "email": "moussa.traore@exemple.fr",
    "email_confirmation": "moussa.traore@exemple.fr",
}
_TRAORE_STEP2 = {
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
    "email": _TRAORE_COMPTE["email"],
    "telephone": "06 45 67 89 01",
}
_TRAORE_MOTIF = {
    "date_entree": "03/09/2017",
    "situation_familiale": "Célibataire",
    "enfants_charge": "Non",
    "attestation_polygamie": True,
    "attestation_sanctions": True,
}
_TRAORE_EPHOTO = "3456789012345678901234"
_KOUASSI_NAME = "KOUASSI Awa"
_KOUASSI_COMPTE = {
    "email": "awa.kouassi@exemple.fr",
    "email_confirmation": "awa.kouassi@exemple.fr",
}
_KOUASSI_STEP2 = {
    **_TRAORE_STEP2,
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
    "email": _KOUASSI_COMPTE["email"],
    "telephone": "06 56 78 90 12",
}
_KOUASSI_MOTIF = {**_TRAORE_MOTIF, "date_entree": "14/02/2019"}
_KOUASSI_EPHOTO = "7890123456789012345678"
_RENEWAL_SCANS = (
    ("justificatif_domicile", "facture-electricite.png"),
    ("justificatif_residence", "recepisse.png"),
)


def _days_ago(store: DossierStore, days: int) -> date:
    return (store.now() - timedelta(days=days)).date()


def _attach_scans(
    store: DossierStore, attachments: AttachmentStore, procedure_id: str, dossier_id: int,
    slots: tuple[tuple[str, str], ...],
) -> None:
    from anef_tui.domain.catalogue import load_procedure

    procedure = load_procedure(procedure_id)
    with tempfile.TemporaryDirectory() as tmp:
        scans = _demo_scans(Path(tmp))
        for slot_id, name in slots:
            slot = procedure.slot(slot_id)
            attachments.attach(dossier_id, slot_id, scans[name], max_files=slot.max_files,
                               slot_title=slot.title)


def _add_filed_renewal(
    store: DossierStore, attachments: AttachmentStore, name: str, profile: dict,
    telephone: str, ephoto: str, filed_days_ago: int,
    slots: tuple[tuple[str, str], ...] = _RENEWAL_SCANS,
) -> int:
    """A renewal filed `filed_days_ago` days ago, built like GUIDE Malade's."""
    dossier_id = store.create("renouvellement", applicant_name=name)
    store.save_profile(dossier_id, "titre_actuel", profile, applicant_name=name)
    for step_id, values in _RENEWAL_PRELIMINARIES:
        store.save_step(dossier_id, step_id, values, next_step=None)
    store.save_step(dossier_id, "informations_personnelles", _step1(profile, telephone),
                    next_step=None)
    store.save_step(dossier_id, "motif_sejour", _MOTIF, next_step=None)
    store.save_step(dossier_id, "justificatifs",
                    {"ephoto": ephoto, "ephoto_confirmation": ephoto}, next_step=None)
    _attach_scans(store, attachments, "renouvellement", dossier_id, slots)
    store.save_step(dossier_id, "depot", {"observations": ""}, next_step="confirmation")
    store.file_dossier(dossier_id, filed_at=store.now() - timedelta(days=filed_days_ago),
                       current_step="confirmation")
    return dossier_id


def _certificate(store: DossierStore, dossier_id: int, *, days_ago: int, checklist: dict) -> None:
    """The blank medical certificate made available `days_ago` days ago, read that day."""
    from anef_tui.store.followup import FollowUpStore

    followup = FollowUpStore(store)
    filed_on = date.fromisoformat(store.get(dossier_id).summary.filed_at[:10])
    nid = followup.add_notification(
        dossier_id, "certificat_medical", received_on=_days_ago(store, days_ago),
        data={"registered_on": filed_on.strftime("%d/%m/%Y")},
    )
    followup.mark_read(nid, _days_ago(store, days_ago))
    if checklist:
        followup.update_certificate_checklist(nid, checklist)


def _add_silva(store: DossierStore, attachments: AttachmentStore) -> None:
    """Renewal with a « Demande de complément » received 2 days ago, not opened yet: one
    document not valid, one missing; the 30 days start when it is read."""
    from anef_tui.store.followup import FollowUpStore

    dossier_id = _add_filed_renewal(
        store, attachments, _SILVA_NAME, _SILVA_PROFILE, "05 61 00 00 00",
        "4567890123456789012345", 30,
        slots=(("justificatif_nationalite", "passeport.png"), *_RENEWAL_SCANS),
    )
    FollowUpStore(store).add_notification(
        dossier_id, "complement", received_on=_days_ago(store, 2),
        data={
            "invalid": [{
                "slot_id": "justificatif_nationalite",
                "title": "Justificatif de nationalité",
                "file_name": "passeport.png",
                "observations": "Veuillez fournir une copie lisible de votre passeport.",
            }],
            "missing": [{
                "slot_id": "justificatif_identite",
                "title": "Justificatif d'identité",
                "observations": "Veuillez joindre un extrait d'acte de naissance avec "
                                "filiation.",
            }],
        },
    )


def _add_hamidi(store: DossierStore, attachments: AttachmentStore) -> None:
    """Renewal whose blank medical certificate came 20 days ago: certificate and consent
    signed, the envelope not sent yet (about 10 days left)."""
    dossier_id = _add_filed_renewal(
        store, attachments, _HAMIDI_NAME, _HAMIDI_PROFILE, "05 56 00 00 00",
        "5678901234567890123456", 35,
    )
    signed = _days_ago(store, 8).isoformat()
    _certificate(store, dossier_id, days_ago=20,
                 checklist={"certificat_rempli_signe": signed, "consentement_signe": signed})


def _add_popescu(store: DossierStore, attachments: AttachmentStore) -> None:
    """Renewal past the certificate (sent), with an attestation de prolongation d'instruction
    of 3 months received 14 days ago (with the demo clock: 08/11/2026 – 07/02/2027)."""
    from anef_tui.domain.deadlines import add_days, add_months
    from anef_tui.store.followup import FollowUpStore

    dossier_id = _add_filed_renewal(
        store, attachments, _POPESCU_NAME, _POPESCU_PROFILE, "02 40 00 00 00",
        "6789012345678901234567", 60,
    )
    _certificate(store, dossier_id, days_ago=40, checklist={
        "certificat_rempli_signe": _days_ago(store, 30).isoformat(),
        "consentement_signe": _days_ago(store, 30).isoformat(),
        "enveloppe_envoyee": _days_ago(store, 29).isoformat(),
    })
    followup = FollowUpStore(store)
    start = _days_ago(store, 14)
    nid = followup.add_notification(
        dossier_id, "prolongation", received_on=start,
        data={"valid_from": start.isoformat(),
              "valid_until": add_days(add_months(start, 3), -1).isoformat()},
    )
    followup.mark_read(nid, start)


def _add_filed_first_application(
    store: DossierStore, attachments: AttachmentStore, name: str, compte: dict, step2: dict,
    motif: dict, ephoto: str, filed_days_ago: int,
) -> int:
    """A first application filed `filed_days_ago` days ago, built like OKAFOR's."""
    dossier_id = store.create("premiere_demande", applicant_name=name)
    store.save_profile(dossier_id, "compte", dict(compte), applicant_name=name)
    store.save_step(dossier_id, "profil", dict(_PREMIERE_PROFIL), next_step=None)
    store.save_step(dossier_id, "situation", {"situation": _PREMIERE_SITUATION}, next_step=None)
    store.save_step(dossier_id, "informations_personnelles", step2, next_step=None,
                    applicant_name=name)
    store.save_step(dossier_id, "motif_sejour", motif, next_step=None)
    store.save_step(dossier_id, "justificatifs",
                    {"ephoto": ephoto}, next_step=None)
    _attach_scans(store, attachments, "premiere_demande", dossier_id, _OKAFOR_SCANS)
    store.save_step(dossier_id, "depot", {"observations": ""}, next_step="confirmation")
    store.file_dossier(dossier_id, filed_at=store.now() - timedelta(days=filed_days_ago),
                       current_step="confirmation")
    return dossier_id


def _add_kouassi(store: DossierStore, attachments: AttachmentStore) -> None:
    """First application filed 12 days ago; the e-mail asking for another « Justificatif
    d'identité » came 3 days ago (15 days from receipt): « Reprendre ma demande »."""
    from anef_tui.store.followup import FollowUpStore

    dossier_id = _add_filed_first_application(
        store, attachments, _KOUASSI_NAME, _KOUASSI_COMPTE, _KOUASSI_STEP2, _KOUASSI_MOTIF,
        _KOUASSI_EPHOTO, 12,
    )
    FollowUpStore(store).add_notification(
        dossier_id, "complement", received_on=_days_ago(store, 3),
        data={"missing": [{
            "slot_id": "justificatif_identite",
            "title": "Justificatif d'identité",
            "observations": "veuillez joindre un autre document",
        }]},
    )


def _add_traore(store: DossierStore, attachments: AttachmentStore) -> None:
    """First application, certificate sent, favourable decision notified 3 days ago."""
    from anef_tui.store.followup import FollowUpStore

    dossier_id = _add_filed_first_application(
        store, attachments, _TRAORE_NAME, _TRAORE_COMPTE, _TRAORE_STEP2, _TRAORE_MOTIF,
        _TRAORE_EPHOTO, 90,
    )
    _certificate(store, dossier_id, days_ago=70, checklist={
        "certificat_rempli_signe": _days_ago(store, 60).isoformat(),
        "consentement_signe": _days_ago(store, 60).isoformat(),
        "enveloppe_envoyee": _days_ago(store, 58).isoformat(),
    })
    followup = FollowUpStore(store)
    nid = followup.add_notification(
        dossier_id, "decision", received_on=_days_ago(store, 3),
        data={"favorable": True, "decided_on": _days_ago(store, 4).isoformat(),
              "card_valid_from": None, "card_valid_until": None},
    )
    followup.mark_read(nid, _days_ago(store, 3))


# --------------------------------------------------------------------------------------
# Many fictitious dossiers (`anef-tui demo --count N`): trainings and measures (issue 14)

_SURNAMES = (
    "MARTIN", "DUPONT", "NGUYEN", "DIALLO", "TRAORÉ", "BENALI", "OKAFOR", "SILVA", "HAMIDI",
    "POPESCU", "KOUASSI", "LEFÈVRE", "GARCÍA", "ÖZTÜRK", "MÜLLER", "NOËL", "CÔTÉ", "BÉRANGER",
    "DA COSTA", "N'DIAYE", "EL AMRANI", "KOWALSKI", "IVANOVĂ", "MENDES", "SANTOS", "ÇELIK",
    "YILMAZ", "BAPTISTE", "HÉBERT", "FAYE", "CAMARA", "DEMBÉLÉ", "ZHANG", "PHAM", "RAKOTO",
    "ANDRIAMANANA", "BOUCHARD", "LAMBERT", "GÓMEZ", "ŞAHIN",
)
_GIVEN_NAMES = (
    "Élodie", "Zoé", "Amélie", "Aminata", "Moussa", "Chinedu", "Mariana", "Karim", "Elena",
    "Awa", "Thi Lan", "Jérôme", "Léa", "Noé", "Inès", "Raphaël", "Chloé", "Anaïs", "João",
    "Ünal", "Björn", "Fatoumata", "Ibrahima", "Mehdi", "Yasmine", "Oumar", "Maëlle", "Hélène",
    "François", "Sévérine", "Ángel", "Dragoș", "Łucja", "Ngozi", "Kofi", "Aïcha",
)
_POSTCODES = ("59000", "75011", "13001", "69003", "33000", "31000", "44000", "67000", "06000")


def fill_many(store: DossierStore, count: int, *, seed: int = 14) -> int:
    """Add `count` invented dossiers through the store API, in one transaction: names with
    accents, 40 % drafts at every step, 60 % filed and spread over every state of the
    follow-up, with deadlines near, far and overdue (dates relative to the store's clock).
    Return how many were added. Nothing medical; no file attached."""
    import random

    from anef_tui.domain.deadlines import add_days
    from anef_tui.store.followup import FollowUpStore

    if count < 0:
        raise ValueError("Le nombre de dossiers doit être positif.")
    rng = random.Random(seed)
    followup = FollowUpStore(store)
    today = store.now().date()
    steps = {
        "renouvellement": (None, "informations_personnelles", "motif_sejour", "justificatifs",
                           "depot"),
        "premiere_demande": (None, "profil", "informations_personnelles", "motif_sejour",
                             "justificatifs"),
    }

    def ago(days: int):
        return add_days(today, -days)

    with store.transaction():
        for i in range(count):
            kind = i % 10
            # A first application's complément is answered with files: « envoyé » is a renewal.
            first = rng.random() >= 0.6 and kind != 6
            procedure = "premiere_demande" if first else "renouvellement"
            name = f"{rng.choice(_SURNAMES)} {rng.choice(_GIVEN_NAMES)}"
            n_etranger = f"{rng.randrange(10**9, 10**10)}"
            source = "titre_actuel" if procedure == "renouvellement" else "informations_personnelles"
            answers = {source: {"code_postal": rng.choice(_POSTCODES), "n_etranger": n_etranger}}
            dossier_id = store.create(
                procedure, applicant_name=name, answers=answers,
                current_step=rng.choice(steps[procedure]),
            )
            if kind < 4:
                continue  # a draft
            filed_days = rng.randrange(20, 200)
            store.file_dossier(dossier_id, filed_at=datetime_at(ago(filed_days)),
                               current_step="confirmation")
            received = ago(rng.randrange(0, min(filed_days, 60)))
            if kind == 4:
                continue  # « Déposée », nothing received yet
            if kind in (5, 6):
                data = {"invalid": [{"slot_id": "justificatif_domicile",
                                     "title": "Justificatif de domicile",
                                     "observations": "Document illisible."}]}
                read = received if rng.random() < 0.7 else None
                nid = followup.add_notification(dossier_id, "complement", received_on=received,
                                                data=data, read_on=read)
                if kind == 6:
                    followup.send_complement_answer(
                        nid, {"invalid": {"justificatif_domicile": {
                            "choice": "maintenir", "reason": "Le document est lisible."}}},
                        received,
                    )
            elif kind == 7:
                checklist = {}
                if rng.random() < 0.3:
                    checklist["convocation_ofii"] = add_days(today, rng.randrange(-10, 30)
                                                             ).isoformat()
                nid = followup.add_notification(
                    dossier_id, "certificat_medical", received_on=received,
                    data={"registered_on": received.strftime("%d/%m/%Y")},
                )
                if checklist:
                    followup.update_certificate_checklist(nid, checklist)
            elif kind == 8:
                start = ago(rng.randrange(0, 100))
                followup.add_notification(
                    dossier_id, "prolongation", received_on=start, read_on=start,
                    data={"valid_from": start.isoformat(),
                          "valid_until": add_days(start, 90).isoformat()},
                )
            else:
                favorable = (i // 10) % 3 != 0
                followup.add_notification(
                    dossier_id, "decision", received_on=received,
                    data={"favorable": favorable, "decided_on": received.isoformat(),
                          "card_valid_from": None, "card_valid_until": None},
                )
                if (i // 10) % 6 == 3:  # some unfavourable decisions closed
                    followup.record_closure(dossier_id)
    return count


def datetime_at(day: date):
    from datetime import datetime, time

    return datetime.combine(day, time(10, 0))
