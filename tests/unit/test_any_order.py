"""Issue 22, item 1: notifications in any order the administration sends them.

The dossier's state is derived from its open notifications (a complément open *and* a
certificate to send *and* a prolongation running), each with its own deadline; the guide's
own sequence (seed 000: filed on 04/10/2023, « Demande de complément » on 05/10, the blank
medical certificate form on 06/10, the attestation de prolongation on 08/11, the decision on
14/11) is followed here through the store.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from anef_tui.domain.status import DossierStatus
from anef_tui.store.deadlines import DeadlineIndex
from anef_tui.store.dossiers import DossierStore
from anef_tui.store.followup import FollowUpStore
from tests.store_helpers import mark_filed

S = DossierStatus

COMPLEMENT_DATA = {
    "invalid": [
        {"slot_id": "justificatif_nationalite", "title": "Justificatif de nationalité",
         "file_name": "234.PNG", "observations": "Copie illisible."}
    ],
    "missing": [],
}
PROLONGATION_DATA = {"valid_from": "2023-11-08", "valid_until": "2024-02-07"}


class Clock:
    def __init__(self, day: date) -> None:
        self.now = datetime(day.year, day.month, day.day, 10, 0)

    def __call__(self) -> datetime:
        return self.now

    def set(self, day: date) -> None:
        self.now = datetime(day.year, day.month, day.day, 10, 0)


@pytest.fixture
def clock():
    return Clock(date(2023, 10, 4))


@pytest.fixture
def store(tmp_path, clock, store_base, store_key):
    s = DossierStore(tmp_path / "donnees", clock=clock, base=store_base,
                     key=store_key)
    yield s
    s.close()


@pytest.fixture
def follow(store):
    return FollowUpStore(store)


def filed(store: DossierStore, name: str = "GUIDE Malade") -> int:
    dossier_id = store.create("renouvellement", applicant_name=name)
    mark_filed(store, dossier_id, numero_demande="5901202310040000310",
               filed_at="2023-10-04T10:00:00")
    return dossier_id


def states(store: DossierStore, dossier_id: int) -> list[DossierStatus]:
    return list(store.get(dossier_id).summary.states)


def due(store: DossierStore, dossier_id: int, today: date) -> list[tuple[date | None, str]]:
    return [(d.date, d.code) for d in DeadlineIndex(store).of_dossier(dossier_id, today)]


def test_the_guides_sequence_complement_then_certificate_the_next_day(store, follow, clock):
    """Seed 000 l. 1148-1167 (« 05/10/2023 Demande de complément »), l. 1451 (the
    certificate form on 06/10/2023), l. 1481-1482, 1821 (the attestation 08/11/2023 to
    07/02/2024): each is recorded on the day it came, none is refused, the states are
    listed together and every deadline is kept."""
    dossier_id = filed(store)
    clock.set(date(2023, 10, 5))
    follow.add_notification(dossier_id, "complement", received_on=date(2023, 10, 5),
                            read_on=date(2023, 10, 5), data=COMPLEMENT_DATA)
    assert states(store, dossier_id) == [S.COMPLEMENT_DEMANDE]

    clock.set(date(2023, 10, 6))
    certificate = follow.add_notification(dossier_id, "certificat_medical",
                                          received_on=date(2023, 10, 6), data={})
    assert states(store, dossier_id) == [S.COMPLEMENT_DEMANDE, S.CERTIFICAT_MEDICAL]
    summary = store.get(dossier_id).summary
    assert summary.status is S.COMPLEMENT_DEMANDE  # the first one, kept for sorting
    assert (summary.next_deadline, summary.next_deadline_label) == (
        "2023-11-04", "Répondre au complément")
    assert due(store, dossier_id, date(2023, 10, 6)) == [
        (date(2023, 11, 4), "repondre_complement"),
        (date(2023, 11, 6), "envoyer_certificat"),
    ]

    clock.set(date(2023, 11, 8))
    follow.add_notification(dossier_id, "prolongation", received_on=date(2023, 11, 8),
                            read_on=date(2023, 11, 8), data=PROLONGATION_DATA)
    assert states(store, dossier_id) == [
        S.COMPLEMENT_DEMANDE, S.CERTIFICAT_MEDICAL, S.INSTRUCTION_PROLONGEE]
    assert due(store, dossier_id, date(2023, 11, 8)) == [
        (date(2023, 11, 4), "repondre_complement"),
        (date(2023, 11, 6), "envoyer_certificat"),
        (date(2024, 2, 7), "fin_prolongation"),
    ]
    # Each state finds the dossier in the search (« Mes dossiers »).
    for word in ("compl", "certif", "prolong"):
        assert [s.id for s in store.list(word)] == [dossier_id], word

    # The envelope sent: the certificate is no longer to send, the rest stays.
    follow.update_certificate_checklist(certificate, {"enveloppe_envoyee": "2023-11-08"})
    assert states(store, dossier_id) == [S.COMPLEMENT_DEMANDE, S.INSTRUCTION_PROLONGEE]
    assert [c for _d, c in due(store, dossier_id, date(2023, 11, 8))] == [
        "repondre_complement", "fin_prolongation"]

    # « A decision ends everything open. »
    clock.set(date(2023, 11, 14))
    follow.add_notification(dossier_id, "decision", received_on=date(2023, 11, 14),
                            data={"favorable": True, "decided_on": "2023-11-14"})
    assert states(store, dossier_id) == [S.DECISION_FAVORABLE]
    assert "repondre_complement" not in [c for _d, c in due(store, dossier_id, clock().date())]
    assert "fin_prolongation" not in [c for _d, c in due(store, dossier_id, clock().date())]


def test_a_certificate_then_a_complement_is_the_same_dossier(store, follow, clock):
    """The same notifications recorded in the other order give the same states."""
    a, b = filed(store, "A Un"), filed(store, "B Deux")
    clock.set(date(2023, 10, 6))
    follow.add_notification(a, "complement", received_on=date(2023, 10, 5), data=COMPLEMENT_DATA)
    follow.add_notification(a, "certificat_medical", received_on=date(2023, 10, 6), data={})
    follow.add_notification(b, "certificat_medical", received_on=date(2023, 10, 6), data={})
    follow.add_notification(b, "complement", received_on=date(2023, 10, 5), data=COMPLEMENT_DATA)
    assert states(store, a) == states(store, b) == [S.COMPLEMENT_DEMANDE, S.CERTIFICAT_MEDICAL]


def test_answering_the_complement_leaves_the_certificate_to_send(store, follow, clock, tmp_path):
    from PIL import Image

    dossier_id = filed(store)
    clock.set(date(2023, 10, 6))
    nid = follow.add_notification(dossier_id, "complement", received_on=date(2023, 10, 5),
                                  data=COMPLEMENT_DATA)
    follow.add_notification(dossier_id, "certificat_medical", received_on=date(2023, 10, 6),
                            data={})
    scan = tmp_path / "passeport.png"
    Image.new("RGB", (1240, 1754), (235, 235, 235)).save(scan)
    follow.attach_complement_file(nid, "justificatif_nationalite", scan)
    follow.send_complement_answer(
        nid, {"invalid": {"justificatif_nationalite": {"choice": "mettre_a_jour"}}},
        date(2023, 10, 6))
    assert states(store, dossier_id) == [S.CERTIFICAT_MEDICAL]
    # Nothing open any more once the envelope is sent: what was sent is said.
    [certificate] = [n for n in follow.list_notifications(dossier_id)
                     if n.kind == "certificat_medical"]
    follow.update_certificate_checklist(certificate.id, {"enveloppe_envoyee": "2023-10-06"})
    assert states(store, dossier_id) == [S.COMPLEMENT_ENVOYE, S.CERTIFICAT_ENVOYE]


def test_a_closed_dossier_takes_no_more_notifications(store, follow, clock):
    dossier_id = filed(store)
    clock.set(date(2023, 10, 6))
    follow.add_notification(dossier_id, "complement", received_on=date(2023, 10, 5),
                            data=COMPLEMENT_DATA)
    follow.record_closure(dossier_id)
    assert states(store, dossier_id) == [S.CLOTUREE]
    with pytest.raises(ValueError, match="Clôturée"):
        follow.add_notification(dossier_id, "certificat_medical",
                                received_on=date(2023, 10, 6), data={})
    assert states(store, dossier_id) == [S.CLOTUREE]


def test_migration_13_derives_the_states_of_an_existing_base(tmp_path):
    """A base of version 12 where a complément came after an attestation de prolongation
    (allowed then: the state was the latest one's, « Complément demandé »): opened, the
    dossier is in both states, and « prolong » finds it."""
    import json

    from sqlite_utils import Database

    from anef_tui.paths import DB_NAME
    from anef_tui.store import driver
    from anef_tui.store.db import SCHEMA_VERSION, migrate, user_version

    data_dir = tmp_path / "donnees"
    data_dir.mkdir()

    conn = driver.connect(str(data_dir / DB_NAME), isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    bare = Database(conn, execute_plugins=False)
    migrate(bare, target=12)
    conn.execute(
        "INSERT INTO dossiers (id, procedure, status, applicant_name, search_key, created_at, "
        "updated_at, numero_demande, filed_at) VALUES (1, 'renouvellement', "
        "'complement_demande', 'GUIDE Malade', 'guide malade', '2023-10-04T10:00:00', "
        "'2023-11-10T10:00:00', '5901202310040000310', '2023-10-04T10:00:00')")
    conn.execute("INSERT INTO answers (dossier_id, data, drafts) VALUES (1, '{}', '{}')")
    conn.execute(
        "INSERT INTO notifications (dossier_id, kind, title, received_on, data, created_at) "
        "VALUES (1, 'prolongation', 'Notification de prolongation de l''instruction', "
        "'2023-11-08', ?, '2023-11-08T10:00:00')", (json.dumps(PROLONGATION_DATA),))
    conn.execute(
        "INSERT INTO notifications (dossier_id, kind, title, received_on, data, created_at) "
        "VALUES (1, 'complement', 'Demande de complément', '2023-11-10', ?, "
        "'2023-11-10T10:00:00')", (json.dumps(COMPLEMENT_DATA),))
    conn.close()
    with DossierStore(data_dir, clock=lambda: datetime(2023, 11, 10, 12, 0)) as store:
        assert user_version(store.db) == SCHEMA_VERSION
        assert states(store, 1) == [S.COMPLEMENT_DEMANDE, S.INSTRUCTION_PROLONGEE]
        assert [s.id for s in store.list("prolong")] == [1]
        assert [s.id for s in store.list("compl")] == [1]
        (check,) = store.db.conn.execute("PRAGMA integrity_check").fetchone()
        assert check == "ok"


# --- issue 22, item 2: every OFII and decision step the guide names -------------------------


def test_the_ofii_doctors_request_gives_fifteen_days(store, follow, clock):
    """« il faut qu'elles soient envoyées dans un délai de quinze jours au médecin de l'OFII »
    (seed 000 l. 1900): the request's date starts 15 days, the information sent ends them;
    overdue, it stays due."""
    dossier_id = filed(store)
    clock.set(date(2023, 11, 20))
    nid = follow.add_notification(dossier_id, "certificat_medical",
                                  received_on=date(2023, 10, 6), data={})
    follow.update_certificate_checklist(nid, {"enveloppe_envoyee": "2023-10-20",
                                              "demande_informations_ofii": "2023-11-02"})
    assert due(store, dossier_id, date(2023, 11, 20)) == [(date(2023, 11, 17), "informations_ofii")]
    summary = store.get(dossier_id).summary
    assert (summary.next_deadline, summary.next_deadline_label) == (
        "2023-11-17", "Répondre au médecin de l'OFII")
    assert states(store, dossier_id) == [S.CERTIFICAT_ENVOYE]
    follow.update_certificate_checklist(nid, {"informations_envoyees": "2023-11-10"})
    assert due(store, dossier_id, date(2023, 11, 20)) == []


def test_the_two_convocations_are_two_dates(store, follow, clock):
    """The OFII doctor's convocation (l. 1904) and the collège de médecins' (l. 1912): each
    its own appointment, no longer due once its day has passed."""
    dossier_id = filed(store)
    clock.set(date(2023, 11, 20))
    nid = follow.add_notification(dossier_id, "certificat_medical",
                                  received_on=date(2023, 10, 6), data={})
    follow.update_certificate_checklist(nid, {"enveloppe_envoyee": "2023-10-20",
                                              "convocation_ofii": "2023-11-28",
                                              "convocation_college": "2023-12-12"})
    assert due(store, dossier_id, date(2023, 11, 20)) == [
        (date(2023, 11, 28), "convocation_ofii"), (date(2023, 12, 12), "convocation_college")]
    assert due(store, dossier_id, date(2023, 12, 1)) == [(date(2023, 12, 12), "convocation_college")]
    [labels] = [[d.label for d in DeadlineIndex(store).of_dossier(dossier_id, date(2023, 11, 20))]]
    assert labels == ["Convocation du médecin de l'OFII", "Convocation du collège de médecins"]


def test_after_a_favourable_decision_the_timbre_and_the_card_stay_to_do(store, follow, clock):
    """Seed 000 l. 1662, 1709: the 225 € timbre électronique bought beforehand and the card
    collected when the administration gives the rendez-vous. No deadline in the guide: tasks
    without a date until done; the rendez-vous gives the card its date."""
    dossier_id = filed(store)
    clock.set(date(2023, 11, 14))
    nid = follow.add_notification(dossier_id, "decision", received_on=date(2023, 11, 14),
                                  data={"favorable": True, "decided_on": "2023-11-14"})
    assert due(store, dossier_id, date(2023, 11, 14)) == [
        (None, "timbre_fiscal"), (None, "retrait_titre")]
    summary = store.get(dossier_id).summary
    assert (summary.next_deadline, summary.next_deadline_label) == (
        None, "Acheter le timbre fiscal (225 €)")
    clock.set(date(2023, 11, 20))
    follow.update_certificate_checklist(nid, {"timbre_achete": "2023-11-20"})
    follow.update_certificate_checklist(nid, {"rendez_vous_retrait": "2024-01-30"})
    assert due(store, dossier_id, date(2023, 11, 20)) == [(date(2024, 1, 30), "retrait_titre")]
    assert store.get(dossier_id).summary.next_deadline == "2024-01-30"
    # Past the rendez-vous and not marked collected: still to do, overdue.
    assert due(store, dossier_id, date(2024, 2, 5)) == [(date(2024, 1, 30), "retrait_titre")]
    clock.set(date(2024, 1, 30))
    follow.update_certificate_checklist(nid, {"titre_retire": "2024-01-30"})
    assert due(store, dossier_id, date(2024, 1, 30)) == []
    assert states(store, dossier_id) == [S.DECISION_FAVORABLE]


def test_an_unfavourable_decision_asks_nothing(store, follow, clock):
    dossier_id = filed(store)
    clock.set(date(2023, 11, 14))
    nid = follow.add_notification(dossier_id, "decision", received_on=date(2023, 11, 14),
                                  data={"favorable": False, "decided_on": "2023-11-14"})
    assert due(store, dossier_id, date(2023, 11, 14)) == []
    from anef_tui.domain.notification_kinds import kinds

    assert kinds()["decision"].checklist_for(follow.get(nid).data) == []


def test_the_filing_confirmation_of_the_anef_is_kept_with_the_dossier(store, follow, tmp_path):
    """« L'utilisateur peut télécharger la confirmation de dépôt » (seed 000 l. 1010): the
    PDF the ANEF issues is kept with the filed dossier like a prolongation's attestation."""
    from anef_tui.store.attachments import AttachmentStore
    from anef_tui.store.dossiers import NotEditable

    pdf = tmp_path / "confirmation-depot.pdf"
    from fpdf import FPDF

    document = FPDF()
    document.add_page()
    document.output(str(pdf))
    draft = store.create("renouvellement", applicant_name="BROUILLON Un")
    with pytest.raises(NotEditable, match="une fois la demande déposée"):
        follow.attach_filing_document(draft, pdf)
    dossier_id = filed(store)
    kept = follow.attach_filing_document(dossier_id, pdf)
    assert kept.slot_id == "officiel:depot" and kept.original_name == "confirmation-depot.pdf"
    assert [a.id for a in follow.filing_document_files(dossier_id)] == [kept.id]
    assert [a.slot_id for a in AttachmentStore(store).list(dossier_id)] == ["officiel:depot"]
    follow.remove_filing_document(dossier_id, kept.id)
    assert follow.filing_document_files(dossier_id) == []
