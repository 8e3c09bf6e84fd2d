"""FollowUpStore: notifications and the states they bring, complément answers, the
certificate checklist, deadlines written to the dossier list."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from PIL import Image

from anef_tui.domain.status import DossierStatus, TransitionError
from anef_tui.store.attachments import AttachmentStore
from anef_tui.store.db import StoreError, user_version
from anef_tui.store.dossiers import DossierStore, NotEditable
from anef_tui.store.followup import (
    LABEL_CERTIFICATE,
    LABEL_COMPLEMENT,
    LABEL_CONVOCATION,
    LABEL_PROLONGATION,
    NOTIFICATION_TITLES,
    FollowUpStore,
    complement_slot_id,
    official_document_title,
)
from tests.store_helpers import mark_filed

NOW = datetime(2026, 11, 22, 10, 30, 0)
TODAY = NOW.date()

COMPLEMENT_DATA = {
    "invalid": [
        {
            "slot_id": "justificatif_nationalite",
            "title": "Justificatif de nationalité",
            "file_name": "234.PNG",
            "observations": "Veuillez fournir une copie lisible de votre passeport.",
        }
    ],
    "missing": [
        {
            "slot_id": "justificatif_identite",
            "title": "Justificatif d'identité",
            "observations": "Veuillez joindre un autre document.",
        }
    ],
}


@pytest.fixture
def store(tmp_path, store_base, store_key):
    s = DossierStore(tmp_path / "donnees", clock=lambda: NOW, base=store_base,
                     key=store_key)
    yield s
    s.close()


@pytest.fixture
def follow(store):
    return FollowUpStore(store)


def filed(store: DossierStore, procedure: str = "renouvellement", name: str = "TEST Un") -> int:
    dossier_id = store.create(procedure, applicant_name=name)
    mark_filed(store, dossier_id, numero_demande=f"ANEF-{name}", filed_at="2026-10-01T10:00:00")
    return dossier_id


def scan(path: Path, shade: int = 235) -> Path:
    image = Image.new("RGB", (1240, 1754), (shade, shade, shade))
    image.paste((20, 20, 20), (50, 50, 1190, 120))
    image.save(path, "PNG")
    return path


def status(store: DossierStore, dossier_id: int) -> DossierStatus:
    return store.get(dossier_id).status


def summary(store: DossierStore, dossier_id: int):
    return store.get(dossier_id).summary


# --- schema ---------------------------------------------------------------------------------


def test_migration_4_tables(store):
    assert user_version(store.db) >= 4
    assert {"notifications", "complement_answers"} <= set(store.db.table_names())
    assert set(store.db.engine.column_names(store.db.conn, "notifications")) == {
        "id",
        "dossier_id",
        "kind",
        "title",
        "domain",
        "received_on",
        "read_on",
        "data",
        "created_at",
    }
    assert set(store.db.engine.column_names(store.db.conn, "complement_answers")) == {
        "notification_id",
        "data",
        "sent_on",
    }


# --- notifications and states ---------------------------------------------------------------


def test_complement_moves_to_complement_demande(store, follow):
    dossier_id = filed(store)
    nid = follow.add_notification(
        dossier_id, "complement", received_on=date(2026, 11, 20), data=COMPLEMENT_DATA
    )
    assert status(store, dossier_id) is DossierStatus.COMPLEMENT_DEMANDE
    [n] = follow.list_notifications(dossier_id)
    assert n.id == nid and n.kind == "complement" and n.domain == "SEJOUR"
    assert n.title == "Demande de complément"
    assert n.received_on == date(2026, 11, 20) and n.read_on is None and n.read_label == "non lue"
    assert n.data["invalid"][0]["observations"].startswith("Veuillez fournir")
    assert n.deadline is None  # renewal, unread: the 30 days have not started
    events = store.events(dossier_id)
    assert [e for e in events if e["kind"] == "notification"][0]["detail"] == "complement"
    assert any(e["kind"] == "status_changed" for e in events)


def test_certificate_moves_to_certificat_medical(store, follow):
    dossier_id = filed(store)
    nid = follow.add_notification(
        dossier_id,
        "certificat_medical",
        received_on=date(2026, 10, 31),
        data={"registered_on": "4/10/2026"},
    )
    assert status(store, dossier_id) is DossierStatus.CERTIFICAT_MEDICAL
    n = follow.get(nid)
    assert n.title == NOTIFICATION_TITLES["certificat_medical"]
    assert n.data["registered_on"] == "04/10/2026"
    assert n.data["checklist"] == {
        "certificat_rempli_signe": None,
        "consentement_signe": None,
        "enveloppe_envoyee": None,
        "demande_informations_ofii": None,
        "informations_envoyees": None,
        "convocation_ofii": None,
        "convocation_college": None,
    }
    assert n.deadline == date(2026, 11, 30)
    assert summary(store, dossier_id).next_deadline == "2026-11-30"
    assert summary(store, dossier_id).next_deadline_label == LABEL_CERTIFICATE


def test_certificate_for_asylum_seeker_runs_three_months(store, follow):
    dossier_id = filed(store)
    nid = follow.add_notification(
        dossier_id,
        "certificat_medical",
        received_on=date(2026, 10, 31),
        data={"asylum_applied_on": "2026-08-31"},
    )
    assert follow.get(nid).deadline == date(2026, 11, 30)


def test_prolongation_moves_to_instruction_prolongee(store, follow):
    dossier_id = filed(store)
    follow.add_notification(
        dossier_id,
        "prolongation",
        received_on=date(2026, 11, 8),
        data={"valid_from": "2026-11-08", "valid_until": "2027-02-07"},
    )
    assert status(store, dossier_id) is DossierStatus.INSTRUCTION_PROLONGEE
    deadline = follow.next_deadline(dossier_id, TODAY)
    assert (deadline.code, deadline.label) == ("fin_prolongation", LABEL_PROLONGATION)
    assert summary(store, dossier_id).next_deadline == "2027-02-07"
    assert summary(store, dossier_id).next_deadline_label == "Fin de la prolongation"
    [n] = follow.list_notifications(dossier_id)
    assert n.deadline_label == "Fin de l'attestation de prolongation"


@pytest.mark.parametrize(
    ("favorable", "expected"),
    [(True, DossierStatus.DECISION_FAVORABLE), (False, DossierStatus.DECISION_DEFAVORABLE)],
)
def test_decision_moves_to_its_state_and_clears_the_deadline(store, follow, favorable, expected):
    dossier_id = filed(store)
    follow.add_notification(
        dossier_id,
        "prolongation",
        received_on=date(2026, 11, 8),
        data={"valid_from": "2026-11-08", "valid_until": "2027-02-07"},
    )
    follow.add_notification(
        dossier_id,
        "decision",
        received_on=date(2026, 11, 14),
        data={
            "favorable": favorable,
            "decided_on": "2026-11-14",
            "card_valid_from": None,
            "card_valid_until": None,
        },
    )
    assert status(store, dossier_id) is expected
    # The prolongation's end is no longer due; a favourable decision leaves its own tasks,
    # which the guide gives no date (issue 22): the timbre fiscal, the card to collect.
    tasks = [(d.date, d.code) for d in follow.open_deadlines(dossier_id, TODAY)]
    assert tasks == ([(None, "timbre_fiscal"), (None, "retrait_titre")] if favorable else [])
    assert summary(store, dossier_id).next_deadline is None
    assert summary(store, dossier_id).next_deadline_label == (
        "Acheter le timbre fiscal (225 €)" if favorable else None)


def test_notification_refused_on_a_draft(store, follow):
    dossier_id = store.create("renouvellement", applicant_name="BROUILLON Un")
    with pytest.raises(StoreError, match="Déposez d'abord la demande"):
        follow.add_notification(dossier_id, "complement", received_on=TODAY, data=COMPLEMENT_DATA)
    assert follow.list_notifications(dossier_id) == []


def test_a_notification_while_a_complement_is_open_is_recorded(store, follow):
    """Issue 22: it was refused (« Un dossier « Complément demandé » ne peut pas passer à
    l'état « Instruction prolongée » »); the dossier is now in both states, each with its
    deadline."""
    dossier_id = filed(store)
    follow.add_notification(dossier_id, "complement", received_on=TODAY, data=COMPLEMENT_DATA,
                            read_on=TODAY)
    follow.add_notification(
        dossier_id,
        "prolongation",
        received_on=TODAY,
        data={"valid_from": "2026-11-22", "valid_until": "2027-02-21"},
    )
    assert len(follow.list_notifications(dossier_id)) == 2
    assert summary(store, dossier_id).states == (
        DossierStatus.COMPLEMENT_DEMANDE, DossierStatus.INSTRUCTION_PROLONGEE)
    assert [d.code for d in follow.open_deadlines(dossier_id, TODAY)] == [
        "repondre_complement", "fin_prolongation"]


@pytest.mark.parametrize(
    ("kind", "data", "message"),
    [
        ("complement", {"invalid": [], "missing": []}, "au moins un document"),
        ("complement", {"invalid": [{"slot_id": "x"}]}, "nom du document"),
        ("complement", {"motif": "x", "invalid": []}, "inconnu"),
        ("prolongation", {"valid_from": "2026-11-08"}, "Fin de validité"),
        ("prolongation", {"valid_from": "2026-11-08", "valid_until": "2026-11-01"}, "précède"),
        ("decision", {"decided_on": "2026-11-14"}, "favorable"),
        ("certificat_medical", {"registered_on": "2026-10-04"}, "JJ/MM/AAAA"),
        ("certificat_medical", {"checklist": {"diagnostic": "2026-11-01"}}, "inconnu"),
        ("ordonnance", {}, "Type de notification inconnu"),
    ],
)
def test_bad_notification_data_is_refused(store, follow, kind, data, message):
    dossier_id = filed(store)
    with pytest.raises(ValueError, match=message):
        follow.add_notification(dossier_id, kind, received_on=TODAY, data=data)
    assert status(store, dossier_id) is DossierStatus.DEPOSEE


def test_received_in_the_future_is_refused(store, follow):
    dossier_id = filed(store)
    with pytest.raises(ValueError, match="futur"):
        follow.add_notification(
            dossier_id, "complement", received_on=date(2026, 11, 23), data=COMPLEMENT_DATA
        )


def test_list_newest_first_and_only_unread(store, follow):
    a = filed(store, name="A")
    b = filed(store, name="B")
    n1 = follow.add_notification(a, "certificat_medical", received_on=date(2026, 10, 31), data={})
    n2 = follow.add_notification(
        a,
        "prolongation",
        received_on=date(2026, 11, 8),
        data={"valid_from": "2026-11-08", "valid_until": "2027-02-07"},
    )
    n3 = follow.add_notification(
        b, "complement", received_on=date(2026, 11, 1), data=COMPLEMENT_DATA
    )
    follow.mark_read(n2, date(2026, 11, 8))
    assert [n.id for n in follow.list_notifications(a)] == [n2, n1]
    assert [n.id for n in follow.list_notifications()] == [n2, n3, n1]
    assert [n.id for n in follow.list_notifications(only_unread=True)] == [n3, n1]
    assert follow.get(n2).read_label == "lue"


# --- reading starts the delay -----------------------------------------------------------------


def test_first_reading_starts_the_renewal_30_days(store, follow):
    dossier_id = filed(store)
    nid = follow.add_notification(
        dossier_id, "complement", received_on=date(2026, 11, 1), data=COMPLEMENT_DATA
    )
    assert summary(store, dossier_id).next_deadline is None
    assert follow.mark_read(nid, date(2026, 11, 3)) == date(2026, 11, 3)
    assert follow.get(nid).deadline == date(2026, 12, 3)
    assert summary(store, dossier_id).next_deadline == "2026-12-03"
    assert summary(store, dossier_id).next_deadline_label == LABEL_COMPLEMENT
    # Opening it again later changes nothing: the first reading counts.
    assert follow.mark_read(nid, date(2026, 11, 20)) == date(2026, 11, 3)
    assert follow.get(nid).read_on == date(2026, 11, 3)
    assert follow.get(nid).deadline == date(2026, 12, 3)
    assert [e["kind"] for e in store.events(dossier_id)].count("notification_read") == 1


def test_read_before_receipt_or_in_the_future_is_refused(store, follow):
    dossier_id = filed(store)
    nid = follow.add_notification(
        dossier_id, "complement", received_on=date(2026, 11, 10), data=COMPLEMENT_DATA
    )
    with pytest.raises(ValueError, match="précéder"):
        follow.mark_read(nid, date(2026, 11, 9))
    with pytest.raises(ValueError, match="futur"):
        follow.mark_read(nid, date(2026, 11, 30))
    assert follow.get(nid).read_on is None


def test_first_application_complement_runs_15_days_from_receipt(store, follow):
    dossier_id = filed(store, "premiere_demande")
    nid = follow.add_notification(
        dossier_id,
        "complement",
        received_on=date(2026, 11, 20),
        data={
            "missing": [
                {
                    "slot_id": "JUSTIFICATIF_IDENTITE",
                    "title": "JUSTIFICATIF_IDENTITE",
                    "observations": "veuillez joindre un autre document",
                }
            ]
        },
    )
    assert follow.get(nid).deadline == date(2026, 12, 5)  # unread, still running
    assert summary(store, dossier_id).next_deadline == "2026-12-05"
    follow.mark_read(nid, date(2026, 11, 22))
    assert follow.get(nid).deadline == date(2026, 12, 5)


# --- complément answer ------------------------------------------------------------------------


@pytest.fixture
def complement(store, follow):
    dossier_id = filed(store)
    nid = follow.add_notification(
        dossier_id, "complement", received_on=date(2026, 11, 20), data=COMPLEMENT_DATA
    )
    follow.mark_read(nid, date(2026, 11, 21))
    return dossier_id, nid


def test_send_without_any_answer_lists_every_problem(follow, complement):
    _dossier_id, nid = complement
    with pytest.raises(ValueError) as info:
        follow.send_complement_answer(nid, {}, date(2026, 11, 22))
    assert str(info.value).split("\n") == [
        "Justificatif de nationalité : choisissez « Maintenir le Document » ou « Mettre à "
        "jour le Document ».",
        "Justificatif d'identité : joignez au moins un document (document manquant).",
    ]


def test_maintain_without_reason_is_refused(follow, complement):
    _dossier_id, nid = complement
    answers = {"invalid": {"justificatif_nationalite": {"choice": "maintenir", "reason": "  "}}}
    with pytest.raises(ValueError, match="préciser les raisons du maintien"):
        follow.send_complement_answer(nid, answers, date(2026, 11, 22))


def test_update_without_file_is_refused(follow, complement):
    _dossier_id, nid = complement
    answers = {"invalid": {"justificatif_nationalite": {"choice": "mettre_a_jour"}}}
    with pytest.raises(ValueError) as info:
        follow.send_complement_answer(nid, answers, date(2026, 11, 22))
    assert str(info.value).split("\n") == [
        "Justificatif de nationalité : joignez au moins un fichier pour mettre à jour le document.",
        "Justificatif d'identité : joignez au moins un document (document manquant).",
    ]


def test_unknown_document_or_choice_is_refused(follow, complement):
    _dossier_id, nid = complement
    with pytest.raises(ValueError, match="n'est pas un document non valide"):
        follow.save_complement_answer(nid, {"invalid": {"avis": {"choice": "maintenir"}}})
    with pytest.raises(ValueError, match="choix inconnu"):
        follow.save_complement_answer(
            nid, {"invalid": {"justificatif_nationalite": {"choice": "ignorer"}}}
        )


def test_draft_answer_is_kept(follow, complement):
    _dossier_id, nid = complement
    assert follow.get_complement_answer(nid) is None
    follow.save_complement_answer(
        nid, {"invalid": {"justificatif_nationalite": {"choice": "maintenir"}}}
    )
    answer = follow.get_complement_answer(nid)
    assert answer is not None and answer["sent_on"] is None
    assert answer["notification_id"] == nid
    assert answer["data"]["invalid"]["justificatif_nationalite"] == {
        "choice": "maintenir",
        "reason": "",
        "message": "",
    }


def test_plain_attachment_store_still_refuses_a_filed_dossier(store, complement, tmp_path):
    dossier_id, nid = complement
    with pytest.raises(NotEditable):
        AttachmentStore(store).attach(
            dossier_id,
            complement_slot_id(nid, "justificatif_identite"),
            scan(tmp_path / "a.png"),
            max_files=3,
            slot_title="Justificatif d'identité",
        )


def test_send_success_with_files_under_the_complement_slots(store, follow, complement, tmp_path):
    dossier_id, nid = complement
    updated = follow.attach_complement_file(
        nid, "justificatif_nationalite", scan(tmp_path / "passeport.png", 200)
    )
    added = follow.attach_complement_file(  # the full complement slot id works too
        nid, complement_slot_id(nid, "justificatif_identite"), scan(tmp_path / "acte.png", 210)
    )
    assert updated.slot_id == f"complement:{nid}:justificatif_nationalite"
    assert added.slot_id == complement_slot_id(nid, "justificatif_identite")
    counts = AttachmentStore(store).counts(dossier_id)
    assert counts[complement_slot_id(nid, "justificatif_nationalite")] == 1
    assert [f.id for f in follow.complement_files(nid)] == [added.id, updated.id]
    # A document the complément does not ask for cannot take files.
    with pytest.raises(ValueError, match="n'est pas un document demandé"):
        follow.attach_complement_file(nid, "justificatif_domicile", tmp_path / "acte.png")

    answers = {
        "invalid": {
            "justificatif_nationalite": {"choice": "mettre_a_jour", "message": "Copie en couleur."}
        },
        "missing": {"justificatif_identite": {"attached": True}},
    }
    follow.send_complement_answer(nid, answers, date(2026, 11, 22))
    assert status(store, dossier_id) is DossierStatus.COMPLEMENT_ENVOYE
    answer = follow.get_complement_answer(nid)
    assert answer["sent_on"] == "2026-11-22"
    assert answer["data"]["invalid"]["justificatif_nationalite"]["choice"] == "mettre_a_jour"
    assert answer["data"]["missing"]["justificatif_identite"] == {"attached": True}
    assert follow.get(nid).done_on == date(2026, 11, 22)
    assert any(e["kind"] == "complement_sent" for e in store.events(dossier_id))
    # Answered: no deadline any more, nothing can change.
    assert summary(store, dossier_id).next_deadline is None
    with pytest.raises(StoreError, match="a été envoyée"):
        follow.save_complement_answer(nid, answers)
    with pytest.raises(StoreError, match="a été envoyée"):
        follow.send_complement_answer(nid, answers, date(2026, 11, 22))
    with pytest.raises(NotEditable):
        follow.attach_complement_file(nid, "justificatif_identite", scan(tmp_path / "b.png", 180))
    with pytest.raises(NotEditable):
        follow.remove_complement_file(nid, added.id)


def test_maintain_with_reason_and_remove_a_file(store, follow, complement, tmp_path):
    dossier_id, nid = complement
    first = follow.attach_complement_file(nid, "justificatif_identite", scan(tmp_path / "a.png"))
    follow.remove_complement_file(nid, first.id)
    assert follow.complement_files(nid) == []
    follow.attach_complement_file(nid, "justificatif_identite", scan(tmp_path / "b.png", 150))
    answers = {
        "invalid": {
            "justificatif_nationalite": {
                "choice": "maintenir",
                "reason": "La copie comporte 2 pages",
            }
        },
    }
    assert follow.complement_problems(nid, answers) == []
    follow.send_complement_answer(nid, answers, date(2026, 11, 22))
    assert status(store, dossier_id) is DossierStatus.COMPLEMENT_ENVOYE


def test_sending_an_unread_complement_marks_it_read(store, follow, tmp_path):
    dossier_id = filed(store)
    nid = follow.add_notification(
        dossier_id,
        "complement",
        received_on=date(2026, 11, 20),
        data={"missing": COMPLEMENT_DATA["missing"]},
    )
    follow.attach_complement_file(nid, "justificatif_identite", scan(tmp_path / "a.png"))
    follow.send_complement_answer(nid, {}, date(2026, 11, 21))
    assert follow.get(nid).read_on == date(2026, 11, 21)


# --- certificate checklist --------------------------------------------------------------------


def test_certificate_checklist(store, follow):
    dossier_id = filed(store)
    nid = follow.add_notification(
        dossier_id, "certificat_medical", received_on=date(2026, 10, 31), data={}
    )
    merged = follow.update_certificate_checklist(
        nid, {"certificat_rempli_signe": "2026-11-10", "consentement_signe": "2026-11-10"}
    )
    assert merged["certificat_rempli_signe"] == "2026-11-10"
    assert merged["enveloppe_envoyee"] is None
    assert summary(store, dossier_id).next_deadline == "2026-11-30"
    # A convocation ahead is a deadline too; the envelope sent closes the certificate's.
    follow.update_certificate_checklist(
        nid, {"enveloppe_envoyee": "2026-11-12", "convocation_ofii": "2026-12-15"}
    )
    n = follow.get(nid)
    assert n.done_on == date(2026, 11, 12)
    assert n.data["checklist"]["certificat_rempli_signe"] == "2026-11-10"  # merged, kept
    deadline = follow.next_deadline(dossier_id, TODAY)
    assert (deadline.date, deadline.code, deadline.label) == (
        date(2026, 12, 15), "convocation_ofii", LABEL_CONVOCATION)
    # Clearing an item.
    follow.update_certificate_checklist(nid, {"convocation_ofii": None})
    assert follow.next_deadline(dossier_id, TODAY) is None
    assert summary(store, dossier_id).next_deadline is None


def test_the_state_follows_the_envelope_sent(store, follow):
    """Issue 21: the envelope's date recorded, the dossier is no longer « Certificat médical
    à envoyer » but « Certificat médical envoyé » (as a complément answered is « envoyé »);
    the date cleared, it is again to send. The other items change nothing."""
    dossier_id = filed(store)
    nid = follow.add_notification(
        dossier_id, "certificat_medical", received_on=date(2026, 10, 31), data={}
    )
    assert status(store, dossier_id) is DossierStatus.CERTIFICAT_MEDICAL
    follow.update_certificate_checklist(nid, {"certificat_rempli_signe": "2026-11-10"})
    assert status(store, dossier_id) is DossierStatus.CERTIFICAT_MEDICAL
    follow.update_certificate_checklist(nid, {"enveloppe_envoyee": "2026-11-12"})
    assert status(store, dossier_id) is DossierStatus.CERTIFICAT_ENVOYE
    assert status(store, dossier_id).label == "Certificat médical envoyé"
    assert [s.id for s in store.list("envoyé")] == [dossier_id]
    follow.update_certificate_checklist(nid, {"convocation_ofii": "2026-12-15"})
    assert status(store, dossier_id) is DossierStatus.CERTIFICAT_ENVOYE
    follow.update_certificate_checklist(nid, {"enveloppe_envoyee": None})
    assert status(store, dossier_id) is DossierStatus.CERTIFICAT_MEDICAL
    follow.update_certificate_checklist(nid, {"enveloppe_envoyee": "2026-11-12"})
    # What comes next (a prolongation) is recorded as before: the state is then the
    # prolongation's; the envelope's date cleared again, the certificate is again to send
    # beside it (issue 22: the states are derived from what is open).
    follow.add_notification(dossier_id, "prolongation", received_on=date(2026, 11, 20),
                            data={"valid_from": "2026-11-20", "valid_until": "2027-02-19"})
    assert summary(store, dossier_id).states == (DossierStatus.INSTRUCTION_PROLONGEE,)
    follow.update_certificate_checklist(nid, {"enveloppe_envoyee": None})
    assert summary(store, dossier_id).states == (
        DossierStatus.CERTIFICAT_MEDICAL, DossierStatus.INSTRUCTION_PROLONGEE)
    changes = [e["detail"] for e in store.events(dossier_id) if e["kind"] == "status_changed"]
    assert changes[0:5] == [
        "deposee -> certificat_medical : certificat_medical",
        "certificat_medical -> certificat_envoye : certificat_medical",
        "certificat_envoye -> certificat_medical : certificat_medical",
        "certificat_medical -> certificat_envoye : certificat_medical",
        "certificat_envoye -> instruction_prolongee : prolongation",
    ]


@pytest.mark.parametrize(
    ("items", "message"),
    [
        ({"traitement": "2026-11-10"}, "inconnu"),
        ({"enveloppe_envoyee": "10/11/2026"}, "date invalide"),
        ({"enveloppe_envoyee": "2026-11-30"}, "futur"),
        ({"enveloppe_envoyee": "2026-10-01"}, "précéder"),
    ],
)
def test_certificate_checklist_refusals(store, follow, items, message):
    dossier_id = filed(store)
    nid = follow.add_notification(
        dossier_id, "certificat_medical", received_on=date(2026, 10, 31), data={}
    )
    with pytest.raises(ValueError, match=message):
        follow.update_certificate_checklist(nid, items)
    assert follow.get(nid).data["checklist"]["enveloppe_envoyee"] is None


def test_checklist_only_on_a_certificate_notification(store, follow):
    dossier_id = filed(store)
    nid = follow.add_notification(dossier_id, "complement", received_on=TODAY, data=COMPLEMENT_DATA)
    with pytest.raises(ValueError, match="certificat médical"):
        follow.update_certificate_checklist(nid, {"enveloppe_envoyee": "2026-11-22"})


# --- deadlines across dossiers ----------------------------------------------------------------


def test_next_deadline_and_upcoming_ordering_with_overdue(store, follow):
    overdue = filed(store, name="RETARD")  # certificate: 1 month from 01/10 -> 01/11, overdue
    soon = filed(store, "premiere_demande", name="BIENTOT")  # complément: 15 days from 20/11
    later = filed(store, name="PLUS TARD")  # prolongation until 07/02/2027
    decided = filed(store, name="DECIDE")
    follow.add_notification(overdue, "certificat_medical", received_on=date(2026, 10, 1), data={})
    follow.add_notification(
        soon,
        "complement",
        received_on=date(2026, 11, 20),
        data={"missing": COMPLEMENT_DATA["missing"]},
    )
    follow.add_notification(
        later,
        "prolongation",
        received_on=date(2026, 11, 8),
        data={"valid_from": "2026-11-08", "valid_until": "2027-02-07"},
    )
    follow.add_notification(
        decided,
        "decision",
        received_on=date(2026, 11, 14),
        data={"favorable": True, "decided_on": "2026-11-14"},
    )
    # A certificate after the prolongation: the soonest of the two is next.
    follow.add_notification(later, "certificat_medical", received_on=date(2026, 11, 21), data={})

    upcoming = follow.upcoming_deadlines(TODAY)
    assert [(d.dossier_id, d.date, d.code, d.label) for d in upcoming] == [
        (overdue, date(2026, 11, 1), "envoyer_certificat", LABEL_CERTIFICATE),
        (soon, date(2026, 12, 5), "repondre_complement", LABEL_COMPLEMENT),
        (later, date(2026, 12, 21), "envoyer_certificat", LABEL_CERTIFICATE),
        (later, date(2027, 2, 7), "fin_prolongation", LABEL_PROLONGATION),
        # A favourable decision's tasks have no date: last (issue 22).
        (decided, None, "timbre_fiscal", "Acheter le timbre fiscal (225 €)"),
        (decided, None, "retrait_titre", "Retirer le titre en préfecture"),
    ]
    assert upcoming[0].days_left(TODAY) == -21
    assert upcoming[0].describe(TODAY) == "en retard de 21 jours"
    assert upcoming[-1].describe(TODAY) == "sans date"
    assert follow.next_deadline(later, TODAY).date == date(2026, 12, 21)
    assert follow.next_deadline(decided, TODAY).code == "timbre_fiscal"
    # The list shows the same, soonest (overdue) first.
    names = [row.applicant_name for row in store.list()][:3]
    assert names == ["RETARD", "BIENTOT", "PLUS TARD"]


def test_refresh_deadline_writes_the_summary(store, follow):
    dossier_id = filed(store)
    follow.add_notification(
        dossier_id, "certificat_medical", received_on=date(2026, 11, 1), data={}
    )
    store.set_deadline(dossier_id, None, None)
    deadline = follow.refresh_deadline(dossier_id, TODAY)
    assert deadline.date == date(2026, 12, 1)
    row = summary(store, dossier_id)
    assert (row.next_deadline, row.next_deadline_label) == ("2026-12-01", LABEL_CERTIFICATE)


# --- first application: « Reprendre ma demande » / « Déposer les compléments » ---------------


@pytest.fixture
def first_complement(store, follow):
    dossier_id = filed(store, "premiere_demande", name="PREMIERE Une")
    nid = follow.add_notification(
        dossier_id,
        "complement",
        received_on=date(2026, 11, 20),
        data={
            "invalid": [
                {"slot_id": "justificatif_domicile", "title": "Justificatif de domicile",
                 "file_name": "facture.png", "observations": "Facture de plus de 6 mois."}
            ],
            "missing": [
                {"slot_id": "justificatif_identite", "title": "Justificatif d'identité",
                 "observations": "veuillez joindre un autre document"}
            ],
        },
    )
    return dossier_id, nid


def test_first_application_complement_resumes_the_application(follow, first_complement):
    _dossier_id, nid = first_complement
    notification = follow.get(nid)
    assert notification.procedure == "premiere_demande"
    assert notification.resumes_application
    # No keep-or-replace choice: every listed document needs another file.
    with pytest.raises(ValueError) as info:
        follow.send_complement_answer(nid, {}, date(2026, 11, 22))
    assert str(info.value).split("\n") == [
        "Justificatif de domicile : joignez un autre document (« Joindre un document »).",
        "Justificatif d'identité : joignez au moins un document (document manquant).",
    ]


def test_renewal_complement_does_not_resume_the_application(follow, complement):
    _dossier_id, nid = complement
    assert follow.get(nid).procedure == "renouvellement"
    assert not follow.get(nid).resumes_application


def test_deposer_les_complements(store, follow, first_complement, tmp_path):
    dossier_id, nid = first_complement
    follow.attach_complement_file(nid, "justificatif_domicile", scan(tmp_path / "q.png", 200))
    follow.attach_complement_file(nid, "justificatif_identite", scan(tmp_path / "a.png", 190))
    assert follow.complement_problems(nid, {}) == []
    follow.send_complement_answer(nid, {}, date(2026, 11, 22))
    assert status(store, dossier_id) is DossierStatus.COMPLEMENT_ENVOYE
    answer = follow.get_complement_answer(nid)
    assert answer["data"]["invalid"]["justificatif_domicile"]["choice"] == "mettre_a_jour"
    assert answer["data"]["missing"]["justificatif_identite"] == {"attached": True}
    # The files filed with the application are untouched.
    assert AttachmentStore(store).list(dossier_id, "justificatif_domicile") == []


# --- official documents of a prolongation or a decision ---------------------------------------


def test_official_documents_of_prolongation_and_decision(store, follow, tmp_path):
    dossier_id = filed(store)
    prolongation = follow.add_notification(
        dossier_id, "prolongation", received_on=date(2026, 11, 8),
        data={"valid_from": "2026-11-08", "valid_until": "2027-02-07"},
    )
    attestation = follow.attach_official_file(prolongation, scan(tmp_path / "attestation.png"))
    assert attestation.slot_id == f"officiel:{prolongation}"
    assert official_document_title("prolongation", {}) == (
        "Attestation de prolongation d'instruction"
    )
    assert [f.id for f in follow.official_files(prolongation)] == [attestation.id]
    # Checked like any attachment: a text file is not a scan.
    bad = tmp_path / "notes.pdf"
    bad.write_text("pas un PDF")
    from anef_tui.store.attachments import AttachmentError

    with pytest.raises(AttachmentError):
        follow.attach_official_file(prolongation, bad)
    # The dossier itself stays read-only.
    with pytest.raises(NotEditable):
        AttachmentStore(store).attach(
            dossier_id, "justificatif_domicile", scan(tmp_path / "x.png", 100),
            max_files=3, slot_title="Justificatif de domicile",
        )
    decision = follow.add_notification(
        dossier_id, "decision", received_on=date(2026, 11, 20),
        data={"favorable": True, "decided_on": "2026-11-19"},
    )
    # Still possible after the decision: the document is a record, not an answer.
    kept = follow.attach_official_file(decision, scan(tmp_path / "decision.png", 120))
    assert [f.id for f in follow.official_files(decision)] == [kept.id]
    assert official_document_title("decision", follow.get(decision).data) == (
        "Attestation de décision favorable"
    )
    assert official_document_title("decision", {"favorable": False}) == (
        "Décision de la préfecture"
    )
    follow.remove_official_file(prolongation, attestation.id)
    assert follow.official_files(prolongation) == []
    with pytest.raises(AttachmentError):
        follow.remove_official_file(prolongation, kept.id)  # another notification's file


def test_official_document_refused_for_other_notifications(store, follow, tmp_path):
    dossier_id = filed(store)
    nid = follow.add_notification(
        dossier_id, "complement", received_on=date(2026, 11, 20), data=COMPLEMENT_DATA
    )
    with pytest.raises(ValueError, match="prolongation et une décision"):
        follow.attach_official_file(nid, scan(tmp_path / "a.png"))


def test_official_document_limit(store, follow, tmp_path):
    dossier_id = filed(store)
    nid = follow.add_notification(
        dossier_id, "prolongation", received_on=date(2026, 11, 8),
        data={"valid_from": "2026-11-08", "valid_until": "2027-02-07"},
    )
    for shade in (10, 20, 30):
        follow.attach_official_file(nid, scan(tmp_path / f"p{shade}.png", shade))
    from anef_tui.store.attachments import AttachmentError

    with pytest.raises(AttachmentError, match="3"):
        follow.attach_official_file(nid, scan(tmp_path / "p40.png", 40))


def test_prolongation_warnings_fifteen_days_before_the_end(store, follow):
    dossier_id = filed(store)
    follow.add_notification(
        dossier_id, "prolongation", received_on=date(2026, 9, 1),
        data={"valid_from": "2026-09-01", "valid_until": "2026-12-07"},
    )
    assert follow.prolongation_warnings(date(2026, 11, 21)) == []  # 16 days left
    [warning] = follow.prolongation_warnings(date(2026, 11, 22))  # 15 days left
    assert (warning.date, warning.dossier_id) == (date(2026, 12, 7), dossier_id)
    assert follow.prolongation_warnings(date(2026, 12, 20))  # ended: still warned
    # A newer attestation replaces the old one: no warning any more.
    follow.add_notification(
        dossier_id, "prolongation", received_on=date(2026, 11, 22),
        data={"valid_from": "2026-12-08", "valid_until": "2027-03-07"},
    )
    assert follow.prolongation_warnings(date(2026, 11, 22)) == []
    # Nor once the decision is known.
    other = filed(store, name="TEST Deux")
    follow.add_notification(
        other, "prolongation", received_on=date(2026, 9, 1),
        data={"valid_from": "2026-09-01", "valid_until": "2026-11-30"},
    )
    assert [w.dossier_id for w in follow.prolongation_warnings(date(2026, 11, 22))] == [other]
    follow.add_notification(
        other, "decision", received_on=date(2026, 11, 22),
        data={"favorable": False, "decided_on": "2026-11-21"},
    )
    assert follow.prolongation_warnings(date(2026, 11, 22)) == []


def test_record_closure(store, follow):
    dossier_id = filed(store)
    follow.add_notification(
        dossier_id, "complement", received_on=date(2026, 10, 1), data=COMPLEMENT_DATA
    )
    follow.record_closure(dossier_id)
    assert status(store, dossier_id) is DossierStatus.CLOTUREE
    assert summary(store, dossier_id).next_deadline is None
    assert follow.upcoming_deadlines(TODAY) == []
    assert any(
        e["kind"] == "status_changed" and "cloturee" in e["detail"]
        for e in store.events(dossier_id)
    )
    with pytest.raises(TransitionError):
        follow.record_closure(dossier_id)  # already closed
    draft = store.create("renouvellement", applicant_name="TEST Brouillon")
    with pytest.raises(TransitionError):
        follow.record_closure(draft)


def test_notification_already_read_on_the_site_starts_its_deadline_then(store, follow):
    """Copied from the ANEF where it shows « Lu le 10/11/2026 »: the 30 days run from then,
    not from the day it is opened here."""
    dossier_id = filed(store)
    nid = follow.add_notification(
        dossier_id, "complement", received_on=date(2026, 11, 9), data=COMPLEMENT_DATA,
        read_on=date(2026, 11, 10),
    )
    notification = follow.get(nid)
    assert notification.read_on == date(2026, 11, 10)
    assert notification.deadline == date(2026, 12, 10)
    assert summary(store, dossier_id).next_deadline == "2026-12-10"
    assert follow.mark_read(nid, TODAY) == date(2026, 11, 10)  # opening here changes nothing
    kinds = [e["kind"] for e in store.events(dossier_id)]
    assert "notification_read" in kinds
    with pytest.raises(ValueError, match="précéder la réception"):
        follow.add_notification(
            filed(store, name="TEST Deux"), "complement", received_on=date(2026, 11, 9),
            data=COMPLEMENT_DATA, read_on=date(2026, 11, 8),
        )
    with pytest.raises(ValueError, match="futur"):
        follow.add_notification(
            filed(store, name="TEST Trois"), "complement", received_on=date(2026, 11, 9),
            data=COMPLEMENT_DATA, read_on=date(2026, 11, 30),
        )
