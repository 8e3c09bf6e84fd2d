"""Issue 24 item 1: consent before data, expiry blocks editing (not reading), renewal and
withdrawal — at the store, with its injectable clock."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from anef_tui.domain import consent as c
from anef_tui.domain.consent import ConsentTerms
from anef_tui.store.attachments import AttachmentStore
from anef_tui.store.consents import ConsentRequired, ConsentStore
from anef_tui.store.dossiers import DossierStore
from anef_tui.store.errors import StoreError
from anef_tui.store.followup import FollowUpStore
from tests.consent_helpers import no_default_consent  # noqa: F401 - fixture

pytestmark = pytest.mark.usefixtures("no_default_consent")

START = datetime(2026, 12, 6, 9, 0)


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def store(tmp_path, clock, store_base, store_key):
    with DossierStore(tmp_path / "d", clock=clock, base=store_base,
                     key=store_key) as s:
        yield s


def test_create_records_the_consent_with_its_demarche(store):
    dossier = store.create("premiere_demande", applicant_name="A B",
                           consent=ConsentTerms("oral", 3))
    consent = ConsentStore(store.database).current(dossier)
    assert consent is not None
    assert (consent.procedure, consent.manner, consent.months) == ("premiere_demande", "oral", 3)
    assert consent.given_at == START
    assert consent.valid_until == datetime(2027, 3, 6, 9, 0)
    assert consent.withdrawn_at is None and consent.mandate_sha256 is None
    store.save_step(dossier, "x", {"a": "b"}, next_step=None)


def test_one_day_and_month_ends():
    assert c.valid_until(START, 0) == START + timedelta(days=1)
    assert c.valid_until(datetime(2026, 1, 31, 8), 1) == datetime(2026, 2, 28, 8)
    assert c.valid_until(datetime(2026, 12, 6), 12) == datetime(2027, 12, 6)
    assert c.parse_months("1 jour") == 0 and c.parse_months("6") == 6
    assert c.parse_months("12 mois") == 12
    assert c.parse_months("13") is None and c.parse_months("0") is None


def test_the_maximum_is_refused_beyond(store):
    with pytest.raises(StoreError, match="12 mois"):
        store.create("premiere_demande", consent=ConsentTerms("oral", 13))
    with pytest.raises(StoreError, match="Manière"):
        store.create("premiere_demande", consent=ConsentTerms("telepathie", 1))
    assert store.list() == []


def test_a_dossier_without_consent_is_read_only(store):
    dossier = store.create("renouvellement", applicant_name="Sans Consentement")
    with pytest.raises(ConsentRequired, match="Consentement à recueillir"):
        store.save_step(dossier, "x", {"a": "b"}, next_step=None)
    with pytest.raises(ConsentRequired):
        store.save_draft(dossier, "x", {"a": "b"})
    assert store.get(dossier).summary.applicant_name == "Sans Consentement"


def test_expiry_refuses_every_write_and_keeps_reads(store, clock, tmp_path):
    from PIL import Image

    dossier = store.create("renouvellement", applicant_name="Expire Bientot",
                           consent=ConsentTerms("formulaire_signe", 1))
    store.save_step(dossier, "x", {"a": "b"}, next_step=None)
    scan = tmp_path / "scan.png"
    Image.new("RGB", (40, 40), "white").save(scan)
    files = AttachmentStore(store)
    kept = files.attach(dossier, "passeport", scan, max_files=3, slot_title="Passeport")
    clock.now = datetime(2027, 1, 6, 9, 0)  # one month later: ended
    message = "a expiré le 06/01/2027"
    with pytest.raises(ConsentRequired, match=message):
        store.save_step(dossier, "x", {"a": "c"}, next_step=None)
    with pytest.raises(ConsentRequired, match="renouvelez le consentement"):
        store.save_draft(dossier, "y", {"a": "c"})
    with pytest.raises(ConsentRequired):
        store.save_profile(dossier, "titre_actuel", {}, applicant_name=None)
    with pytest.raises(ConsentRequired):
        files.attach(dossier, "passeport", scan, max_files=3, slot_title="Passeport")
    with pytest.raises(ConsentRequired):
        files.remove(kept.id)
    with pytest.raises(ConsentRequired):
        store.file_dossier(dossier, filed_at=clock.now)
    # Reading stays possible.
    record = store.get(dossier)
    assert record.answers["x"] == {"a": "b"}
    assert [a.id for a in files.list(dossier)] == [kept.id]
    assert files.read_bytes(kept)
    # Renewal opens it again.
    renewed = ConsentStore(store.database).renew(dossier, ConsentTerms("oral", 0))
    assert renewed.valid_until == clock.now + timedelta(days=1)
    store.save_step(dossier, "x", {"a": "c"}, next_step=None)
    assert len(ConsentStore(store.database).history(dossier)) == 2


def test_follow_up_writes_refused_reads_allowed(tmp_path, clock):
    from tests.store_helpers import mark_filed

    with DossierStore(tmp_path / "f", clock=clock) as store:
        dossier = store.create("renouvellement", consent=ConsentTerms("oral", 1))
        mark_filed(store, dossier, numero_demande="ANEF-1", filed_at="2026-10-01T10:00:00")
        follow = FollowUpStore(store)
        today = clock.now.date()
        nid = follow.add_notification(dossier, "certificat_medical", received_on=today,
                                      data={"registered_on": "4/10/2026"})
        clock.now = datetime(2027, 2, 1, 9, 0)
        with pytest.raises(ConsentRequired):
            follow.add_notification(dossier, "certificat_medical", received_on=date(2027, 2, 1),
                                    data={"registered_on": "4/10/2026"})
        with pytest.raises(ConsentRequired):
            follow.mark_read(nid, date(2027, 2, 1))
        with pytest.raises(ConsentRequired):
            follow.update_certificate_checklist(nid, {"certificat_rempli_signe": "2027-02-01"})
        with pytest.raises(ConsentRequired):
            store.set_official_numero(dossier, "1234567890123456789")
        assert len(follow.list_notifications(dossier)) == 1
        follow.open_deadlines(dossier, clock.now.date())


def test_withdrawal_blocks_then_renewal(store, clock):
    dossier = store.create("premiere_demande", consent=ConsentTerms("oral", 12))
    consents = ConsentStore(store.database)
    consents.withdraw(dossier)
    with pytest.raises(ConsentRequired, match="retiré le 06/12/2026"):
        store.save_step(dossier, "x", {"a": "b"}, next_step=None)
    with pytest.raises(StoreError, match="pas de consentement en cours"):
        consents.withdraw(dossier)
    consents.renew(dossier, ConsentTerms("formulaire_signe", 6))
    store.save_step(dossier, "x", {"a": "b"}, next_step=None)
    history = consents.history(dossier)
    assert [h.withdrawn_at is not None for h in history] == [True, False]


def test_abandon_stays_possible_without_consent(store):
    dossier = store.create("premiere_demande", applicant_name="Effacer Moi")
    store.abandon(dossier)
    assert store.list() == []


def test_alerts_name_ending_expired_withdrawn_and_missing(store, clock):
    fine = store.create("premiere_demande", consent=ConsentTerms("oral", 12))
    ending = store.create("premiere_demande", consent=ConsentTerms("oral", 0))
    expired = store.create("premiere_demande", consent=ConsentTerms("oral", 1))
    withdrawn = store.create("premiere_demande", consent=ConsentTerms("oral", 12))
    missing = store.create("premiere_demande")
    consents = ConsentStore(store.database)
    consents.withdraw(withdrawn)
    clock.now = START + timedelta(days=35)
    consents.renew(ending, ConsentTerms("oral", 0))
    alerts = consents.alerts([fine, ending, expired, withdrawn, missing])
    assert {k: a.standing for k, a in alerts.items()} == {
        ending: c.ENDING, expired: c.EXPIRED, withdrawn: c.WITHDRAWN, missing: c.MISSING,
    }


def test_mandate_hash_is_kept_once(store):
    dossier = store.create("premiere_demande", consent=ConsentTerms("oral", 12))
    consents = ConsentStore(store.database)
    current = consents.current(dossier)
    assert current is not None
    consents.set_mandate(current.id, "a" * 64)
    consents.set_mandate(current.id, "b" * 64)
    assert consents.get(current.id).mandate_sha256 == "a" * 64
