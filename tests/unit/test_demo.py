"""The demo dossiers hold only data the app itself would accept, as the app would save it."""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

import pytest

from anef_tui.demo import fill_demo
from anef_tui.domain.catalogue import load_procedure
from anef_tui.domain.validation import validate_step
from anef_tui.store.attachments import AttachmentStore
from anef_tui.store.dossiers import DossierStore

NOW = datetime(2026, 11, 22, 10, 30, 0)
DEMO_NAMES = [
    "GUIDE Malade",
    "NGUYEN Thi Lan",
    "DIALLO Aminata",
    "BENALI Zoé",
    "OKAFOR Chinedu",
    "SILVA Mariana",
    "HAMIDI Karim",
    "POPESCU Elena",
    "TRAORÉ Moussa",
    "KOUASSI Awa",
]
def _assert_normalised(name: str, step_id: str, saved: dict, values: dict) -> None:
    """The demo holds values exactly as the app would save them."""
    for key, value in values.items():
        assert saved.get(key) == value, (name, step_id, key)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    s = DossierStore(Path(tmp_path_factory.mktemp("demo")) / "donnees", clock=lambda: NOW)
    fill_demo(s)
    yield s
    s.close()


def _records(store):
    return {row.applicant_name: store.get(row.id) for row in store.list()}


def test_creation_order_kept_and_followup_dossiers_after_okafor(store):
    rows = sorted(store.list(), key=lambda row: row.id)
    assert [row.applicant_name for row in rows] == DEMO_NAMES


def test_fill_demo_twice_adds_nothing(store):
    assert fill_demo(store) == 0


@pytest.mark.parametrize("name", DEMO_NAMES)
def test_every_saved_step_passes_validation_unchanged(store, name):
    record = _records(store)[name]
    procedure = load_procedure(record.summary.procedure)
    answers = record.answers
    today = NOW.date()
    checked = 0
    if procedure.profile is not None and procedure.profile.id in answers:
        saved = answers[procedure.profile.id]
        values, problems = validate_step(
            procedure.profile, saved, today=today, answers=answers, procedure=procedure
        )
        assert problems == [], problems
        _assert_normalised(name, procedure.profile.id, saved, values)
        checked += 1
    for prelim in procedure.preliminaries:
        if prelim.id in answers and prelim.choices:
            choice = answers[prelim.id].get("choix")
            match = prelim.choice_of(choice)
            assert match is not None and match.in_scope, choice
            assert choice == match.id  # saved by its id, as the screens save it
    for step in procedure.steps:
        if step.id not in answers:
            continue
        saved = answers[step.id]
        values, problems = validate_step(
            step, saved, today=today, answers=answers, procedure=procedure
        )
        assert problems == [], (step.id, problems)
        # Already normalised: the app would save exactly these values.
        _assert_normalised(name, step.id, saved, values)
        checked += 1
    if name != "BENALI Zoé":
        assert checked >= 1


def test_okafor_is_a_filed_first_application(store):
    record = _records(store)["OKAFOR Chinedu"]
    assert record.summary.procedure == "premiere_demande"
    assert record.summary.status.value == "deposee"
    assert record.summary.current_step == "confirmation"
    assert record.summary.numero_demande and len(record.summary.numero_demande) == 19
    assert record.summary.numero_demande[:2] == "75"
    procedure = load_procedure("premiere_demande")
    for step in procedure.steps:
        if step.fields() and step.kind != "confirmation":
            assert step.id in record.answers, step.id
    step2 = record.answers["informations_personnelles"]
    assert step2["date_naissance"] == "1990"
    assert step2["nationalites"] == ["Nigériane"]
    assert record.answers["motif_sejour"]["date_entree"] == "12/03/2019"
    assert step2["email"] == record.answers["compte"]["email"]


def test_filed_demo_dossiers_have_every_required_document(store):
    attachments = AttachmentStore(store)
    for record in _records(store).values():
        if record.summary.status.editable:
            continue
        procedure = load_procedure(record.summary.procedure)
        counts = attachments.counts(record.id)
        if procedure.id == "premiere_demande":
            missing = [s for s in procedure.required_slots() if not counts.get(s)]
            assert missing == [], (record.summary.applicant_name, missing)
        assert counts, record.summary.applicant_name


def test_okafor_confirmation_pdf(store):
    from pypdf import PdfReader

    from anef_tui.documents import make_pdf

    record = _records(store)["OKAFOR Chinedu"]
    procedure = load_procedure("premiere_demande")
    attachments = AttachmentStore(store).list(record.id)
    data = make_pdf("confirmation", procedure, record, attachments, today=NOW.date())
    reader = PdfReader(io.BytesIO(data))
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    assert "CONFIRMATION DU DÉPÔT D'UNE PRÉ-DEMANDE" in text
    # No N° étranger before the pre-demand is accepted: the label is followed by the next one.
    assert "Identifiant (N° étranger) : N° de la demande" in text
    assert record.summary.numero_demande in text
    assert "OKAFOR" in text and "NIGÉRIANE" in text
    assert "45 BOULEVARD VOLTAIRE 75011 PARIS FRANCE" in text


def test_followup_demo_dossiers_are_in_each_state_after_filing(store):
    from anef_tui.store.followup import FollowUpStore

    followup = FollowUpStore(store)
    records = _records(store)
    expected = {
        "SILVA Mariana": ("renouvellement", "complement_demande", None, None),
        "HAMIDI Karim": (
            "renouvellement", "certificat_medical", "2026-12-02",
            "Envoyer le certificat médical à l'OFII",
        ),
        "POPESCU Elena": (
            "renouvellement", "instruction_prolongee", "2027-02-07", "Fin de la prolongation",
        ),
        # A favourable decision leaves its tasks, undated (issue 22): the timbre first.
        "TRAORÉ Moussa": ("premiere_demande", "decision_favorable", None,
                          "Acheter le timbre fiscal (225 €)"),
        # 15 days from receipt (19/11), read or not.
        "KOUASSI Awa": (
            "premiere_demande", "complement_demande", "2026-12-04", "Répondre au complément",
        ),
    }
    for name, (procedure, status, deadline, label) in expected.items():
        summary = records[name].summary
        assert summary.procedure == procedure, name
        assert summary.status.value == status, name
        assert (summary.next_deadline, summary.next_deadline_label) == (deadline, label), name
        assert summary.numero_demande and len(summary.numero_demande) == 19, name

    [silva] = followup.list_notifications(records["SILVA Mariana"].id)
    assert silva.kind == "complement" and silva.read_on is None and silva.deadline is None
    assert silva.data["invalid"][0]["title"] == "Justificatif de nationalité"
    assert silva.data["invalid"][0]["observations"] == (
        "Veuillez fournir une copie lisible de votre passeport."
    )
    assert len(silva.data["missing"]) == 1

    [hamidi] = followup.list_notifications(records["HAMIDI Karim"].id)
    checklist = hamidi.data["checklist"]
    assert hamidi.read_on is not None
    assert checklist["certificat_rempli_signe"] and checklist["consentement_signe"]
    assert checklist["enveloppe_envoyee"] is None

    prolongation, _certificate = followup.list_notifications(records["POPESCU Elena"].id)
    assert prolongation.data == {"valid_from": "2026-11-08", "valid_until": "2027-02-07"}

    decision = followup.list_notifications(records["TRAORÉ Moussa"].id)[0]
    assert decision.kind == "decision" and decision.data["favorable"] is True

    [kouassi] = followup.list_notifications(records["KOUASSI Awa"].id)
    assert kouassi.resumes_application and kouassi.read_on is None
    assert [d["slot_id"] for d in kouassi.data["missing"]] == ["justificatif_identite"]


def test_followup_demo_has_nothing_medical(store):
    """Only the allowed keys: document titles and observations, dates, ticks."""
    from anef_tui.domain.notification_kinds import kinds
    from anef_tui.store.followup import FollowUpStore

    for notification in FollowUpStore(store).list_notifications():
        checklist = notification.data.get("checklist")
        if checklist is not None:  # dates only, of the kind's own items
            assert set(checklist) == {i.id for i in kinds()[notification.kind].checklist}
            assert all(v is None or len(v) == 10 for v in checklist.values())
