"""Many fictitious dossiers (`anef-tui demo --count N`): trainings and measures (issue 14).

Names drawn from demo/data.py with a seeded random generator, so that the same N gives the
same dossiers.
"""

from __future__ import annotations

from datetime import date

from anef_tui.demo.data import GIVEN_NAMES, POSTCODES, SURNAMES
from anef_tui.domain.consent import ConsentTerms
from anef_tui.store.dossiers import DossierStore

DEMO_CONSENT = ConsentTerms("formulaire_signe", 12)


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
            name = f"{rng.choice(SURNAMES)} {rng.choice(GIVEN_NAMES)}"
            n_etranger = f"{rng.randrange(10**9, 10**10)}"
            source = "titre_actuel" if procedure == "renouvellement" else "informations_personnelles"
            answers = {source: {"code_postal": rng.choice(POSTCODES), "n_etranger": n_etranger}}
            dossier_id = store.create(
                procedure, applicant_name=name, answers=answers,
                current_step=rng.choice(steps[procedure]),
                consent=DEMO_CONSENT,
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
                checklist: dict[str, str | None] = {}
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
