"""Every write of the store leaves exactly one journal entry of its action, for its dossier,
by its actor, in its own transaction: a write that fails leaves none (issue 24)."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from anef_tui.domain.consent import ConsentTerms
from anef_tui.store.attachments import AttachmentStore
from anef_tui.store.consents import ConsentStore
from anef_tui.store.dossiers import DossierStore
from anef_tui.store.errors import StoreError
from anef_tui.store.followup import FollowUpStore
from anef_tui.store.journal import Actor, verify
from anef_tui.store.journal.actor import PLAIN
from anef_tui.store.journal.documents import record_pdf
from tests.unit.test_followup import COMPLEMENT_DATA, filed, scan

NOW = datetime(2026, 11, 22, 10, 30, 0)
ACTOR = Actor("Samir Aidant", PLAIN)


@pytest.fixture
def store(tmp_path, store_base, store_key):
    s = DossierStore(tmp_path / "donnees", clock=lambda: NOW, base=store_base,
                     key=store_key)
    s.database.actor = ACTOR
    yield s
    s.close()


def entries(store) -> list[tuple[int | None, dict]]:
    with store.database.reading() as conn:
        return [(r[0], json.loads(r[1])) for r in conn.execute(
            "SELECT dossier_id, content FROM journal ORDER BY seq")]


def new_entries(store, before: int) -> list[tuple[int | None, dict]]:
    return entries(store)[before:]


def only(store, before: int, action: str, dossier_id: int) -> dict:
    added = new_entries(store, before)
    assert [(d, c["action"]) for d, c in added] == [(dossier_id, action)]
    content = added[0][1]
    assert (content["aidant"], content["interface"]) == ("Samir Aidant", "texte")
    assert verify(store.database) == []
    return content["details"]


def test_dossier_created_then_its_consent(store):
    dossier_id = store.create("renouvellement", applicant_name="NOM Prénom",
                              consent=ConsentTerms("oral", 3))
    added = entries(store)
    assert [(d, c["action"], c["details"]) for d, c in added] == [
        (dossier_id, "dossier_created", {"procedure": "renouvellement"}),
        (dossier_id, "consent_given", {"manner": "oral", "months": 3}),
    ]
    assert verify(store.database) == []


def test_consent_renewed_and_withdrawn(store):
    dossier_id = store.create("renouvellement")
    consents = ConsentStore(store.database)
    n = len(entries(store))
    consents.renew(dossier_id, ConsentTerms("formulaire_signe", 0))
    assert only(store, n, "consent_renewed", dossier_id) == {
        "manner": "formulaire_signe", "months": 0}
    consents.withdraw(dossier_id)
    assert only(store, n + 1, "consent_withdrawn", dossier_id) == {}
    with pytest.raises(StoreError):  # none in force: refused, and nothing journalled
        consents.withdraw(dossier_id)
    assert len(entries(store)) == n + 2


def test_step_saved_and_profile_saved(store):
    dossier_id = store.create("renouvellement")
    n = len(entries(store))
    store.save_step(dossier_id, "etat_civil", {"nom": "SECRET"}, next_step=None)
    assert only(store, n, "step_saved", dossier_id) == {"step": "etat_civil"}
    n += 1
    store.save_profile(dossier_id, "titre_actuel", {"x": "SECRET"}, applicant_name=None)
    assert only(store, n, "profile_saved", dossier_id) == {"step": "titre_actuel"}
    assert "SECRET" not in json.dumps(entries(store))


def test_a_draft_is_not_an_action(store):
    dossier_id = store.create("renouvellement")
    n = len(entries(store))
    store.save_draft(dossier_id, "etat_civil", {"nom": "SECRET"})
    assert new_entries(store, n) == []


def test_a_failed_write_leaves_no_entry(store):
    dossier_id = store.create("renouvellement")
    n = len(entries(store))
    with pytest.raises(Exception):  # noqa: B017 - any failure: none may leave an entry
        store.save_step(dossier_id, "etat_civil", {"nom": "X"}, next_step=None,
                        expected_version=999)
    with pytest.raises(RuntimeError), store.transaction():
        store.save_step(dossier_id, "etat_civil", {"nom": "X"}, next_step=None)
        raise RuntimeError("rolled back")
    assert new_entries(store, n) == []


def test_file_attached_and_removed(store, tmp_path):
    dossier_id = store.create("renouvellement")
    attachments = AttachmentStore(store)
    n = len(entries(store))
    added = attachments.attach(dossier_id, "passeport", scan(tmp_path / "mon-passeport.png"),
                               max_files=3, slot_title="Passeport")
    details = only(store, n, "file_attached", dossier_id)
    assert details == {"slot": "passeport", "size": added.size, "format": added.format,
                       "sha256": added.sha256}
    n += 1
    attachments.remove(added.id)
    assert only(store, n, "file_removed", dossier_id) == {"slot": "passeport",
                                                         "sha256": added.sha256}
    assert "mon-passeport" not in json.dumps(entries(store))


def test_a_refused_file_leaves_no_entry(store, tmp_path):
    dossier_id = store.create("renouvellement")
    attachments = AttachmentStore(store)
    path = scan(tmp_path / "a.png")
    attachments.attach(dossier_id, "passeport", path, max_files=3, slot_title="Passeport")
    n = len(entries(store))
    with pytest.raises(Exception):  # noqa: B017 - the same file twice in a slot
        attachments.attach(dossier_id, "passeport", path, max_files=3, slot_title="Passeport")
    assert new_entries(store, n) == []


def test_filed(store):
    from anef_tui.domain.catalogue import load_procedure

    dossier_id = store.create("premiere_demande")
    procedure = load_procedure("premiere_demande")
    step = next(s for s in procedure.steps if any(f.id == "code_postal" for f in s.fields()))
    store.save_step(dossier_id, step.id, {"code_postal": "59000"}, next_step=None)
    n = len(entries(store))
    store.file_dossier(dossier_id, filed_at=NOW)
    assert only(store, n, "filed", dossier_id) == {"from": "brouillon", "to": "deposee"}


def test_notification_recorded_and_complement_sent(store, tmp_path):
    follow = FollowUpStore(store)
    dossier_id = filed(store)
    n = len(entries(store))
    nid = follow.add_notification(dossier_id, "complement", received_on=date(2026, 11, 20),
                                  data=COMPLEMENT_DATA)
    added = [c["action"] for _d, c in new_entries(store, n)]
    assert added.count("notification_recorded") == 1
    assert set(added) <= {"notification_recorded", "status_changed"}
    follow.mark_read(nid, date(2026, 11, 21))
    follow.attach_complement_file(nid, "justificatif_nationalite", scan(tmp_path / "p.png"))
    follow.attach_complement_file(nid, "justificatif_identite", scan(tmp_path / "a.png", 200))
    n = len(entries(store))
    follow.send_complement_answer(nid, {
        "invalid": {"justificatif_nationalite": {"choice": "mettre_a_jour", "message": "m"}},
        "missing": {"justificatif_identite": {"attached": True}},
    }, date(2026, 11, 22))
    added = [c["action"] for _d, c in new_entries(store, n)]
    assert added.count("complement_sent") == 1
    assert verify(store.database) == []


def test_pdf_made_and_exported(store):
    dossier_id = store.create("renouvellement")
    n = len(entries(store))
    record_pdf(store.database, dossier_id, "liste", b"%PDF-1.4", exported=False)
    assert only(store, n, "pdf_made", dossier_id)["document"] == "liste"
    n += 1
    record_pdf(store.database, dossier_id, "liste", b"%PDF-1.4", exported=True)
    assert [c["action"] for _d, c in new_entries(store, n)] == ["pdf_made", "pdf_exported"]


def test_a_store_opened_by_a_tool_writes_an_unknown_actor(tmp_path):
    with DossierStore(tmp_path / "d") as store:
        store.create("renouvellement")
        content = entries(store)[0][1]
    assert (content["aidant"], content["interface"]) == ("", "inconnu")
