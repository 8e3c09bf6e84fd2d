"""The named demo dossiers (`anef-tui demo`), built through the store as the app would.

Dossiers, in creation order (snapshots and tests rely on it): GUIDE Malade (renewal, filed),
NGUYEN Thi Lan (renewal, draft), DIALLO Aminata (first application, draft), BENALI Zoé (first
application, empty), OKAFOR Chinedu (first application, filed), then one dossier per state of
the instruction (store/followup.py), with dates relative to the store's clock so that their
deadlines are near: SILVA Mariana (renewal, « Demande de complément » not read yet), HAMIDI
Karim (renewal, certificat médical à envoyer, checklist half done), POPESCU Elena (renewal,
instruction prolongée for 3 months), TRAORÉ Moussa (first application, décision favorable),
KOUASSI Awa (first application, a complément asked by e-mail). Their answers are in
demo/data.py. Only dates and ticks for the follow-up: nothing medical.
"""

from __future__ import annotations

import functools
import tempfile
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from anef_tui.demo.data import (
    DIALLO_STEP2,
    GUIDE_PROFILE,
    HAMIDI_NAME,
    HAMIDI_PROFILE,
    KOUASSI_COMPTE,
    KOUASSI_EPHOTO,
    KOUASSI_MOTIF,
    KOUASSI_NAME,
    KOUASSI_STEP2,
    MOTIF,
    NGUYEN_PROFILE,
    OKAFOR_COMPTE,
    OKAFOR_EPHOTO,
    OKAFOR_MOTIF,
    OKAFOR_NAME,
    OKAFOR_SCANS,
    OKAFOR_STEP2,
    POPESCU_NAME,
    POPESCU_PROFILE,
    PREMIERE_PROFIL,
    PREMIERE_SITUATION,
    RENEWAL_PRELIMINARIES,
    RENEWAL_SCANS,
    SILVA_NAME,
    SILVA_PROFILE,
    TRAORE_COMPTE,
    TRAORE_EPHOTO,
    TRAORE_MOTIF,
    TRAORE_NAME,
    TRAORE_STEP2,
    personal_step,
)
from anef_tui.domain.consent import ConsentTerms
from anef_tui.store.dossiers import DossierStore

#: The demonstration's consents (issue 24): twelve months, a signed form, given when the
#: demonstration is made (so no alert: the pictures and tests of « Mes dossiers » stay).
DEMO_CONSENT = ConsentTerms("formulaire_signe", 12)


if TYPE_CHECKING:
    from anef_tui.store.attachments import AttachmentStore


@functools.cache
def _scan_images() -> tuple[tuple[str, bytes], ...]:
    """Small, valid scans (A4 at 150 ppp) for the demo attachments, encoded once per process
    (a PNG of this size takes ~30 ms to encode; the demo attaches them to seven dossiers)."""
    import io

    from PIL import Image, ImageDraw

    scans = []
    for name, text in (
        ("facture-electricite.png", "Facture d'électricité — document de démonstration"),
        ("recepisse.png", "Récépissé — document de démonstration"),
        ("passeport.png", "Passeport — document de démonstration"),
        ("acte-naissance.png", "Extrait d'acte de naissance — document de démonstration"),
    ):
        image = Image.new("RGB", (1240, 1754), "white")
        ImageDraw.Draw(image).text((100, 100), text, fill="black")
        out = io.BytesIO()
        image.save(out, "PNG")
        scans.append((name, out.getvalue()))
    return tuple(scans)


def _demo_scans(folder: Path) -> dict[str, Path]:
    """The demo scans written as files in `folder` (attachments are copied from files)."""
    scans = {}
    for name, data in _scan_images():
        path = folder / name
        path.write_bytes(data)
        scans[name] = path
    return scans


def fill_demo(store: DossierStore) -> int:
    """Add the demo dossiers that are not there yet; return how many were added."""
    from anef_tui.store.attachments import AttachmentStore

    existing = {row.applicant_name for row in store.list()}
    added = 0

    if "GUIDE Malade" not in existing:
        # The seed's example, filed: profile, every step, two attachments, the dépôt.
        dossier_id = store.create("renouvellement", applicant_name="GUIDE Malade", consent=DEMO_CONSENT)
        store.save_profile(dossier_id, "titre_actuel", GUIDE_PROFILE,
                           applicant_name="GUIDE Malade")
        for step_id, values in RENEWAL_PRELIMINARIES:
            store.save_step(dossier_id, step_id, values, next_step=None)
        store.save_step(dossier_id, "informations_personnelles",
                        personal_step(GUIDE_PROFILE, "01 02 03 04 05"), next_step=None)
        store.save_step(dossier_id, "motif_sejour", MOTIF, next_step=None)
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
        dossier_id = store.create("renouvellement", applicant_name="NGUYEN Thi Lan", consent=DEMO_CONSENT)
        store.save_profile(dossier_id, "titre_actuel", NGUYEN_PROFILE,
                           applicant_name="NGUYEN Thi Lan")
        for step_id, values in RENEWAL_PRELIMINARIES:
            store.save_step(dossier_id, step_id, values, next_step=None)
        store.save_step(dossier_id, "informations_personnelles",
                        personal_step(NGUYEN_PROFILE, "04 91 00 00 00"), next_step=None)
        store.save_step(dossier_id, "motif_sejour", MOTIF, next_step="justificatifs")
        added += 1

    if "DIALLO Aminata" not in existing:
        dossier_id = store.create("premiere_demande", applicant_name="DIALLO Aminata", consent=DEMO_CONSENT)
        store.save_profile(
            dossier_id, "compte",
            {"email": DIALLO_STEP2["email"], "email_confirmation": DIALLO_STEP2["email"]},
            applicant_name="DIALLO Aminata",
        )
        store.save_step(dossier_id, "profil", dict(PREMIERE_PROFIL), next_step=None)
        store.save_step(dossier_id, "situation", {"situation": PREMIERE_SITUATION},
                        next_step=None)
        store.save_step(dossier_id, "informations_personnelles", DIALLO_STEP2,
                        next_step="motif_sejour", applicant_name="DIALLO Aminata")
        added += 1

    if "BENALI Zoé" not in existing:
        store.create("premiere_demande", applicant_name="BENALI Zoé", consent=DEMO_CONSENT)
        added += 1

    if OKAFOR_NAME not in existing:
        _add_okafor(store, AttachmentStore(store))
        added += 1

    # The instruction after the dépôt: one dossier per state, created after OKAFOR.
    for name, add in (
        (SILVA_NAME, _add_silva),
        (HAMIDI_NAME, _add_hamidi),
        (POPESCU_NAME, _add_popescu),
        (TRAORE_NAME, _add_traore),
        (KOUASSI_NAME, _add_kouassi),
    ):
        if name not in existing:
            add(store, AttachmentStore(store))
            added += 1
    return added


def _add_okafor(store: DossierStore, attachments: AttachmentStore) -> None:
    """A first application filed the day before: account, every step, the 4 required
    documents, the dépôt."""
    dossier_id = store.create("premiere_demande", applicant_name=OKAFOR_NAME, consent=DEMO_CONSENT)
    store.save_profile(dossier_id, "compte", dict(OKAFOR_COMPTE), applicant_name=OKAFOR_NAME)
    store.save_step(dossier_id, "profil", dict(PREMIERE_PROFIL), next_step=None)
    store.save_step(dossier_id, "situation", {"situation": PREMIERE_SITUATION}, next_step=None)
    store.save_step(dossier_id, "informations_personnelles", OKAFOR_STEP2, next_step=None,
                    applicant_name=OKAFOR_NAME)
    store.save_step(dossier_id, "motif_sejour", OKAFOR_MOTIF, next_step=None)
    store.save_step(
        dossier_id, "justificatifs",
        {"ephoto": OKAFOR_EPHOTO},
        next_step=None,
    )
    _attach_scans(store, attachments, "premiere_demande", dossier_id, OKAFOR_SCANS)
    store.save_step(dossier_id, "depot", {"observations": ""}, next_step="confirmation")
    store.file_dossier(dossier_id, filed_at=store.now() - timedelta(days=1),
                       current_step="confirmation")


# --------------------------------------------------------------------------------------
# The instruction after the dépôt (store/followup.py): dates only, relative to the clock.

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
    slots: tuple[tuple[str, str], ...] = RENEWAL_SCANS,
) -> int:
    """A renewal filed `filed_days_ago` days ago, built like GUIDE Malade's."""
    dossier_id = store.create("renouvellement", applicant_name=name, consent=DEMO_CONSENT)
    store.save_profile(dossier_id, "titre_actuel", profile, applicant_name=name)
    for step_id, values in RENEWAL_PRELIMINARIES:
        store.save_step(dossier_id, step_id, values, next_step=None)
    store.save_step(dossier_id, "informations_personnelles", personal_step(profile, telephone),
                    next_step=None)
    store.save_step(dossier_id, "motif_sejour", MOTIF, next_step=None)
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
    filed_at = store.get(dossier_id).summary.filed_at
    assert filed_at is not None  # called on filed dossiers only
    filed_on = date.fromisoformat(filed_at[:10])
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
        store, attachments, SILVA_NAME, SILVA_PROFILE, "05 61 00 00 00",
        "4567890123456789012345", 30,
        slots=(("justificatif_nationalite", "passeport.png"), *RENEWAL_SCANS),
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
        store, attachments, HAMIDI_NAME, HAMIDI_PROFILE, "05 56 00 00 00",
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
        store, attachments, POPESCU_NAME, POPESCU_PROFILE, "02 40 00 00 00",
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
    dossier_id = store.create("premiere_demande", applicant_name=name, consent=DEMO_CONSENT)
    store.save_profile(dossier_id, "compte", dict(compte), applicant_name=name)
    store.save_step(dossier_id, "profil", dict(PREMIERE_PROFIL), next_step=None)
    store.save_step(dossier_id, "situation", {"situation": PREMIERE_SITUATION}, next_step=None)
    store.save_step(dossier_id, "informations_personnelles", step2, next_step=None,
                    applicant_name=name)
    store.save_step(dossier_id, "motif_sejour", motif, next_step=None)
    store.save_step(dossier_id, "justificatifs",
                    {"ephoto": ephoto}, next_step=None)
    _attach_scans(store, attachments, "premiere_demande", dossier_id, OKAFOR_SCANS)
    store.save_step(dossier_id, "depot", {"observations": ""}, next_step="confirmation")
    store.file_dossier(dossier_id, filed_at=store.now() - timedelta(days=filed_days_ago),
                       current_step="confirmation")
    return dossier_id


def _add_kouassi(store: DossierStore, attachments: AttachmentStore) -> None:
    """First application filed 12 days ago; the e-mail asking for another « Justificatif
    d'identité » came 3 days ago (15 days from receipt): « Reprendre ma demande »."""
    from anef_tui.store.followup import FollowUpStore

    dossier_id = _add_filed_first_application(
        store, attachments, KOUASSI_NAME, KOUASSI_COMPTE, KOUASSI_STEP2, KOUASSI_MOTIF,
        KOUASSI_EPHOTO, 12,
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
        store, attachments, TRAORE_NAME, TRAORE_COMPTE, TRAORE_STEP2, TRAORE_MOTIF,
        TRAORE_EPHOTO, 90,
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
