"""Issue 14: deadlines kept, search by index, streams, `demo --count`, migration 6."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest

from anef_tui.cli import main
from anef_tui.demo import fill_many
from anef_tui.store import driver
from anef_tui.store.db import SCHEMA_VERSION, migrate, user_version
from anef_tui.store.deadlines import DeadlineIndex, backfill
from anef_tui.store.dossiers import DossierStore
from anef_tui.store.followup import FollowUpStore
from tests.vault_helpers import plain_folder

NOW = datetime(2026, 11, 22, 10, 0)
TODAY = NOW.date()


@pytest.fixture
def store(tmp_path):
    with DossierStore(tmp_path / "data", clock=lambda: NOW) as s:
        yield s


@pytest.fixture
def many(store):
    fill_many(store, 200, seed=3)
    return store


def kept(store, today=TODAY, page=None):
    index = DeadlineIndex(store)
    if page is None:
        return [(d.date, d.code, d.label, d.dossier_id, d.notification_id) for d in index.page(
            today, limit=10_000)]
    found, after = [], None
    while True:
        rows = index.page(today, after=after, limit=page)
        found += [(d.date, d.code, d.label, d.dossier_id, d.notification_id) for d in rows]
        if len(rows) < page:
            return found
        after = rows[-1].key


def computed(store, today=TODAY):
    return [(d.date, d.code, d.label, d.dossier_id, d.notification_id)
            for d in FollowUpStore(store).upcoming_deadlines(today)]


def test_kept_deadlines_are_the_computed_ones_in_the_same_order(many):
    expected = computed(many)
    assert len(expected) > 50
    assert kept(many) == expected
    assert kept(many, page=7) == expected  # keyset pages, no row lost or repeated
    assert DeadlineIndex(many).count(TODAY) == len(expected)
    later = TODAY + timedelta(days=20)  # past convocations drop out by the query alone
    assert kept(many, later) == computed(many, later)
    assert DeadlineIndex(many).count(later) == len(computed(many, later))


def test_every_write_path_keeps_them(many):
    follow = FollowUpStore(many)
    prolonged = next(r for r in many.list() if r.status.value == "instruction_prolongee")
    follow.add_notification(
        prolonged.id, "decision", received_on=TODAY,
        data={"favorable": True, "decided_on": TODAY.isoformat(),
              "card_valid_from": None, "card_valid_until": None},
    )
    asked = next(r for r in many.list() if r.status.value == "complement_demande")
    follow.record_closure(asked.id)
    assert not [k for k in kept(many) if k[2] in (prolonged.id, asked.id)]
    assert kept(many) == computed(many)
    # Rebuilt from the notifications (migration 6), the same again.
    many.db.conn.execute("DELETE FROM deadlines")
    backfill(many.db.conn)
    assert kept(many) == computed(many)


def test_prolongation_alerts_read_by_date(many):
    index = DeadlineIndex(many)
    for day in (TODAY, TODAY + timedelta(days=40)):
        expected = [(w.dossier_id, w.date) for w in FollowUpStore(many).prolongation_warnings(day)]
        shown, total = index.prolongation_alerts(day, limit=3)
        assert total == len(expected)
        assert [(w.dossier_id, w.date) for w in shown] == expected[:3]
        assert all(w.applicant_name for w in shown)


def test_roll_over_moves_a_past_convocation_off_the_list(store):
    follow = FollowUpStore(store)
    dossier_id = store.create("renouvellement", applicant_name="CÔTÉ Noé",
                              answers={"titre_actuel": {"code_postal": "59000"}})
    store.file_dossier(dossier_id, filed_at=NOW - timedelta(days=30))
    nid = follow.add_notification(dossier_id, "certificat_medical",
                                  received_on=TODAY - timedelta(days=5))
    follow.update_certificate_checklist(
        nid, {"convocation_ofii": (TODAY + timedelta(days=2)).isoformat()})
    [deadline] = DeadlineIndex(store).of_dossier(dossier_id, TODAY)[:1]
    assert deadline.code == "convocation_ofii"
    assert store.get(dossier_id).summary.next_deadline_label == deadline.label
    updated = store.get(dossier_id).summary.updated_at
    index = DeadlineIndex(store)
    assert index.roll_over(TODAY) == 0
    later = TODAY + timedelta(days=3)
    assert index.roll_over(later) == 1
    summary = store.get(dossier_id).summary
    [deadline] = DeadlineIndex(store).of_dossier(dossier_id, later)
    assert deadline.code == "envoyer_certificat"
    assert summary.next_deadline_label == deadline.label
    assert summary.updated_at == updated  # not a change made by the user
    assert index.roll_over(later) == 0


def test_search_is_by_word_prefix_from_the_index(store):
    dupont = store.create("renouvellement", applicant_name="Élodie DUPONT")
    store.create("premiere_demande", applicant_name="Marc Lapont")
    assert [s.id for s in store.list("dup")] == [dupont]
    assert [s.id for s in store.list("ÉLO du")] == [dupont]
    assert store.list("pont dup") == []  # a word must begin with what is typed
    assert store.list("\U0010ffff") == [] and store.list("%") == []
    store.save_step(dupont, "x", {}, next_step=None, applicant_name="Élodie MARTIN")
    assert store.list("dupont") == []  # the former name is gone from the index
    assert store.db.conn.execute(
        "SELECT count(*) FROM search_words WHERE word = 'dupont'").fetchone()[0] == 0
    plan = " ".join(str(r) for r in store.db.conn.execute(
        "EXPLAIN QUERY PLAN SELECT dossier_id FROM search_words WHERE word >= 'a' AND word < 'b'"))
    assert "search_words_by_word" in plan


def test_count_stops_at_the_cap(many):
    assert many.count() == 200
    assert many.count(cap=50) == 50
    assert many.count("renouvellement", cap=10_000) == len(many.list("renouvellement"))


def test_listing_and_sequence_come_from_indexes(many):
    conn = many.db.conn
    from anef_tui.store.db import LISTING_ORDER
    from anef_tui.store.dossiers import _MAX_SEQUENCE_SQL

    plan = " ".join(str(r) for r in conn.execute(
        f"EXPLAIN QUERY PLAN SELECT id FROM dossiers ORDER BY {LISTING_ORDER} LIMIT 100"))
    assert "dossiers_listing" in plan and "TEMP B-TREE" not in plan
    plan = " ".join(str(r) for r in conn.execute(f"EXPLAIN QUERY PLAN {_MAX_SEQUENCE_SQL}"))
    assert "dossiers_by_local_sequence" in plan
    numbers = sorted(int(r.numero_demande[12:]) for r in many.list() if r.numero_demande)
    assert numbers == list(range(1, len(numbers) + 1))  # unique, consecutive
    rows = many.list()
    assert rows == sorted(rows, key=lambda r: (r.next_deadline is None, r.next_deadline or "",
                                               "".join(chr(0x10FFFF - ord(c)) for c in
                                                       r.updated_at), -r.id))
    assert many.list(limit=10, offset=5) == rows[5:15]


def test_demo_count_fills_every_state(many):
    states = {r.status.value for r in many.list()}
    assert states >= {"brouillon", "deposee", "complement_demande", "complement_envoye",
                      "certificat_medical", "instruction_prolongee", "decision_favorable",
                      "decision_defavorable", "cloturee"}
    drafts = sum(r.status.value == "brouillon" for r in many.list())
    assert drafts == 80
    days = [d[0] for d in kept(many) if d[0] is not None]  # undated tasks aside
    assert min(days) < TODAY <= max(days)  # overdue and to come
    assert any(not name.isascii() for name in (r.applicant_name for r in many.list()))


def test_cli_demo_count_and_streamed_json(tmp_path, capsys):
    data = str(tmp_path / "d")
    assert main(["--data-dir", data, "demo", "--count", "30"]) == 0
    assert "30 dossier(s) fictif(s)" in capsys.readouterr().out
    assert main(["--data-dir", data, "demo", "--count", "0"]) == 2
    assert "--count" in capsys.readouterr().err
    assert main(["--data-dir", data, "list", "--json"]) == 0
    out = capsys.readouterr().out
    with DossierStore(tmp_path / "d") as s:
        rows = s.list()
    payload = json.loads(out)
    assert [p["id"] for p in payload] == [r.id for r in rows]
    assert out == json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def test_cli_json_of_an_empty_base(tmp_path, capsys):
    assert main(["--data-dir", str(plain_folder(tmp_path / "e")), "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_migration_6_indexes_an_existing_version_5_base(tmp_path):
    path = tmp_path / "data"
    with DossierStore(path, clock=lambda: NOW) as s:
        fill_many(s, 40, seed=5)
        expected = computed(s)
        conn = s.db.conn
        for name in ("search_words", "deadlines"):
            conn.execute(f"DROP TABLE {name}")
        conn.execute("DROP INDEX dossiers_listing")
        conn.execute("DROP INDEX dossiers_by_sequence")
        conn.execute("DROP INDEX dossiers_by_local_sequence")  # and migration 7's column
        conn.execute("ALTER TABLE dossiers DROP COLUMN local_sequence")
        conn.execute("DROP INDEX dossiers_documents_due")  # and migration 10's column
        conn.execute("ALTER TABLE dossiers DROP COLUMN documents_due")
        conn.execute("DROP INDEX dossiers_by_status")  # migration 12's
        conn.execute("DROP TABLE dossier_states")  # and migration 13's
        conn.execute("ALTER TABLE dossiers DROP COLUMN states")
        conn.execute("DROP TABLE consents")  # migration 14's (consents)
        conn.execute("DROP TABLE journal")  # migration 15's (its triggers go with it)
        conn.execute("DROP TABLE journal_erasures")
        conn.execute("DROP TABLE dossier_imports")  # migration 16's (bundles)
        conn.execute("DROP TABLE erasures_pending")  # migration 17's
        conn.execute("DROP TABLE workers")  # migration 18's (accounts)
        conn.execute("DROP TABLE structure")
        conn.execute("DROP TABLE presence")  # migration 19's (desks)
        conn.execute("PRAGMA user_version = 5")
    with DossierStore(path, clock=lambda: NOW) as s:
        assert user_version(s.db) == SCHEMA_VERSION == 19
        assert kept(s) == expected  # codes included (migration 11 after 6)
        name = s.list()[0].applicant_name
        assert s.list(name.split()[0][:3])
        assert migrate(s.db) == 0
        assert isinstance(s.db.conn, driver.Connection)


def alerted(store):
    shown, total = DeadlineIndex(store).prolongation_alerts(TODAY, limit=1000)
    assert total == len(shown)
    return [(w.date, w.code, w.label, w.dossier_id, w.notification_id) for w in shown]


def test_migration_11_gives_every_kept_deadline_its_code(tmp_path):
    """A version-10 base (deadlines named by their label only) gets each row's code from the
    data, recomputed from the notifications; the alerts and counts read the codes."""
    path = tmp_path / "data"
    with DossierStore(path, clock=lambda: NOW) as s:
        fill_many(s, 40, seed=5)
        expected = computed(s)
        alerts = alerted(s)
        conn = s.db.conn
        conn.execute("DROP INDEX deadlines_by_code")
        conn.execute("ALTER TABLE deadlines DROP COLUMN code")
        conn.execute("CREATE INDEX deadlines_by_label ON deadlines(label, date)")
        conn.execute("DROP INDEX dossiers_by_status")  # migration 12's
        conn.execute("DROP TABLE dossier_states")  # and migration 13's
        conn.execute("ALTER TABLE dossiers DROP COLUMN states")
        conn.execute("DROP TABLE consents")  # migration 14's (consents)
        conn.execute("DROP TABLE journal")  # migration 15's (its triggers go with it)
        conn.execute("DROP TABLE journal_erasures")
        conn.execute("DROP TABLE dossier_imports")  # migration 16's (bundles)
        conn.execute("DROP TABLE erasures_pending")  # migration 17's
        conn.execute("DROP TABLE workers")  # migration 18's (accounts)
        conn.execute("DROP TABLE structure")
        conn.execute("DROP TABLE presence")  # migration 19's (desks)
        conn.execute("PRAGMA user_version = 10")
    with DossierStore(path, clock=lambda: NOW) as s:
        assert user_version(s.db) == SCHEMA_VERSION == 19
        assert kept(s) == expected
        assert {code for _, code, *_ in expected} >= {"envoyer_certificat", "fin_prolongation"}
        assert alerted(s) == alerts
        assert alerts
        assert DeadlineIndex(s).count(TODAY) == len(expected)
        assert migrate(s.db) == 0
