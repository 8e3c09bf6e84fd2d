"""DossierStore: CRUD, search, ordering, drafts vs answers, audit trail, safety."""

from __future__ import annotations

import os
import random
import stat
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from anef_tui.domain.status import DossierStatus, TransitionError
from anef_tui.paths import ATTACHMENTS_DIR, DB_NAME
from anef_tui.store.db import DamagedDatabase, StoreError
from anef_tui.store.dossiers import FILED_MESSAGE, DossierStore, NotEditable, NotFound
from tests.store_helpers import mark_filed


class FakeClock:
    """A clock that moves one minute forward at each reading."""

    def __init__(self, start: datetime = datetime(2025, 3, 1, 9, 0, 0)):
        self.now = start

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def store(tmp_path, clock, store_base, store_key):
    s = DossierStore(tmp_path / "data", clock=clock, base=store_base,
                     key=store_key)
    yield s
    s.close()


@pytest.fixture
def sqlite_store(tmp_path, clock):
    """A store on SQLite only: for what is SQLite's own (its pragmas)."""
    s = DossierStore(tmp_path / "data", clock=clock)
    yield s
    s.close()


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


# ------------------------------------------------------------------ create / get / list


def test_create_then_get_returns_a_draft(store, clock):
    dossier_id = store.create(
        "renouvellement",
        applicant_name="Amina Diallo",
        answers={"identite": {"nom": "Diallo"}},
        current_step="adresse",
    )
    record = store.get(dossier_id)
    assert record.id == dossier_id
    assert record.summary.procedure == "renouvellement"
    assert record.summary.procedure_label == "Renouvellement"
    assert record.status is DossierStatus.BROUILLON
    assert record.summary.applicant_name == "Amina Diallo"
    assert record.summary.current_step == "adresse"
    assert record.summary.updated_at == clock.now.isoformat(timespec="seconds")
    assert record.summary.numero_demande is None
    assert record.summary.filed_at is None
    assert record.summary.next_deadline is None
    assert record.answers == {"identite": {"nom": "Diallo"}}
    assert record.drafts == {}
    assert record.parent_id is None
    assert store.count() == 1


def test_create_with_parent_and_unknown_parent(store):
    parent = store.create("premiere_demande", applicant_name="A")
    child = store.create("renouvellement", applicant_name="A", parent_id=parent)
    assert store.get(child).parent_id == parent
    with pytest.raises(NotFound):
        store.create("renouvellement", parent_id=999)
    assert store.count() == 2


def test_create_rejects_unknown_procedure(store):
    with pytest.raises(ValueError):
        store.create("naturalisation")
    assert store.count() == 0


def test_get_unknown_dossier_raises_not_found_in_french(store):
    with pytest.raises(NotFound, match="Le dossier n° 42 est introuvable"):
        store.get(42)
    assert issubclass(NotFound, StoreError)


def test_data_survives_reopening(tmp_path):
    data_dir = tmp_path / "data"
    with DossierStore(data_dir) as first:
        dossier_id = first.create("renouvellement", applicant_name="Ünal Öztürk")
        first.save_step(
            dossier_id, "identite", {"nom": "Öztürk", "enfants": 2}, next_step="adresse"
        )
    with DossierStore(data_dir) as second:
        record = second.get(dossier_id)
        assert record.answers == {"identite": {"nom": "Öztürk", "enfants": 2}}
        assert record.summary.current_step == "adresse"
        assert second.list("ozturk")[0].id == dossier_id


def test_json_is_stored_readable_and_sorted(store):
    dossier_id = store.create("renouvellement")
    store.save_step(dossier_id, "identite", {"prenom": "Zoé", "nom": "Éluard"}, next_step=None)
    (data,) = store.db.conn.execute(
        "SELECT data FROM answers WHERE dossier_id = ?", (dossier_id,)
    ).fetchone()
    assert data == '{"identite": {"nom": "Éluard", "prenom": "Zoé"}}'


@pytest.mark.parametrize("query", ["elodie", "GUIDE", "guidé elo", "  Élodie   guide ", "renouv"])
def test_search_is_accent_and_case_insensitive(store, query):
    wanted = store.create("renouvellement", applicant_name="Élodie GUIDÉ")
    store.create("premiere_demande", applicant_name="Marc Dupont")
    assert [s.id for s in store.list(query)] == [wanted]


def test_search_requires_every_word_and_escapes_like_wildcards(store):
    store.create("renouvellement", applicant_name="Élodie GUIDÉ")
    dupont = store.create("premiere_demande", applicant_name="Marc Dupont")
    assert store.list("elodie dupont") == []
    assert [s.id for s in store.list("premiere")] == [dupont]
    assert store.list("%") == []
    assert store.list("_") == []
    assert len(store.list("")) == 2
    assert len(store.list("   ")) == 2


def test_search_finds_numbers_and_follows_name_changes(store):
    dossier_id = store.create("renouvellement")
    store.save_step(
        dossier_id,
        "titre_actuel",
        {"n_etranger": "7501234567"},
        next_step="adresse",
        applicant_name="Léa Martin",
    )
    assert [s.id for s in store.list("7501234567")] == [dossier_id]
    assert [s.id for s in store.list("lea")] == [dossier_id]
    store.save_step(dossier_id, "adresse", {"ville": "Paris"}, next_step=None)
    assert [s.id for s in store.list("martin")] == [dossier_id]  # name kept when not given
    store.save_step(
        dossier_id,
        "titre_actuel",
        {"n_etranger": "7501234567"},
        next_step=None,
        applicant_name="Léa Bernard",
    )
    assert store.list("martin") == []
    assert [s.id for s in store.list("bernard")] == [dossier_id]
    mark_filed(store, dossier_id, numero_demande="ANEF-2025-000123", filed_at="2025-03-04")
    assert [s.id for s in store.list("anef-2025-000123")] == [dossier_id]
    # Personal data never in the search of another dossier.
    other = store.create("renouvellement", applicant_name="Paul")
    assert [s.id for s in store.list("paul")] == [other]


def test_list_orders_by_deadline_then_last_update(store):
    a = store.create("renouvellement", applicant_name="A")
    b = store.create("renouvellement", applicant_name="B")
    c = store.create("renouvellement", applicant_name="C")
    d = store.create("renouvellement", applicant_name="D")
    e = store.create("renouvellement", applicant_name="E")
    # No deadline: most recently updated first.
    assert [s.id for s in store.list()] == [e, d, c, b, a]
    store.set_deadline(c, "2025-06-01", "Envoyer le complément")
    store.set_deadline(a, "2025-05-01", "Rendez-vous")
    store.save_draft(b, "identite", {"nom": "B"})  # b becomes the latest update
    listed = store.list()
    assert [s.id for s in listed] == [a, c, b, e, d]
    assert listed[0].next_deadline == "2025-05-01"
    assert listed[0].next_deadline_label == "Rendez-vous"
    store.set_deadline(a, None, None)
    assert [s.id for s in store.list()] == [c, a, b, e, d]
    assert store.get(a).summary.next_deadline_label is None


def test_set_deadline_rejects_bad_dates_and_unknown_dossiers(store):
    dossier_id = store.create("renouvellement")
    with pytest.raises(ValueError):
        store.set_deadline(dossier_id, "01/05/2025", "x")
    with pytest.raises(NotFound):
        store.set_deadline(999, "2025-05-01", "x")


def test_ties_on_update_time_are_broken_by_newest_id(tmp_path):
    fixed = datetime(2025, 1, 1, 12, 0, 0)
    with DossierStore(tmp_path / "data", clock=lambda: fixed) as s:
        ids = [s.create("renouvellement") for _ in range(3)]
        assert [x.id for x in s.list()] == ids[::-1]


# ------------------------------------------------------------------ steps and drafts


def test_draft_is_kept_apart_and_dropped_when_the_step_is_saved(store):
    dossier_id = store.create("renouvellement", current_step="identite")
    store.save_draft(dossier_id, "identite", {"nom": "Dup"})
    store.save_draft(dossier_id, "adresse", {"ville": "Ly"})
    record = store.get(dossier_id)
    assert record.answers == {}
    assert record.drafts == {"identite": {"nom": "Dup"}, "adresse": {"ville": "Ly"}}
    assert record.summary.current_step == "identite"  # a draft doesn't move the cursor

    store.save_step(dossier_id, "identite", {"nom": "Dupont"}, next_step="adresse")
    record = store.get(dossier_id)
    assert record.answers == {"identite": {"nom": "Dupont"}}
    assert record.drafts == {"adresse": {"ville": "Ly"}}

    # Saving a new draft on a validated step leaves the validated answers alone.
    store.save_draft(dossier_id, "identite", {"nom": "Dupond"})
    record = store.get(dossier_id)
    assert record.answers == {"identite": {"nom": "Dupont"}}
    assert record.drafts["identite"] == {"nom": "Dupond"}


def test_current_step_resumes_where_the_user_stopped(tmp_path):
    data_dir = tmp_path / "data"
    with DossierStore(data_dir) as s:
        dossier_id = s.create("premiere_demande", current_step="identite")
        s.save_step(dossier_id, "identite", {"nom": "X"}, next_step="adresse")
        s.save_step(dossier_id, "adresse", {"ville": "Lyon"}, next_step="sante")
        # next_step=None (e.g. editing an earlier step) leaves the cursor alone.
        s.save_step(dossier_id, "identite", {"nom": "Y"}, next_step=None)
    with DossierStore(data_dir) as s:
        record = s.get(dossier_id)
        assert record.summary.current_step == "sante"
        assert record.answers == {"identite": {"nom": "Y"}, "adresse": {"ville": "Lyon"}}


def test_a_failed_write_changes_nothing(store):
    dossier_id = store.create("renouvellement", applicant_name="A")
    before = store.get(dossier_id)
    events_before = store.events(dossier_id)
    with pytest.raises(TypeError):
        store.save_step(
            dossier_id, "identite", {"quand": object()}, next_step="adresse", applicant_name="B"
        )
    assert store.get(dossier_id) == before
    assert store.events(dossier_id) == events_before


def test_store_transaction_groups_writes_and_rolls_back_on_error(store):
    dossier_id = store.create("renouvellement")
    with pytest.raises(RuntimeError):
        with store.transaction():
            store.save_step(dossier_id, "identite", {"nom": "X"}, next_step="adresse")
            store.set_deadline(dossier_id, "2025-05-01", "RDV")
            raise RuntimeError("boom")
    record = store.get(dossier_id)
    assert record.answers == {}
    assert record.summary.next_deadline is None
    assert [e["kind"] for e in store.events(dossier_id)] == ["created"]

    with store.transaction():
        store.save_step(dossier_id, "identite", {"nom": "X"}, next_step="adresse")
        with pytest.raises(NotFound):
            store.save_step(999, "identite", {}, next_step=None)  # inner failure only
    assert store.get(dossier_id).answers == {"identite": {"nom": "X"}}


# ------------------------------------------------------------------ status, events


def test_events_trail_without_personal_data(store):
    name, numero, n_etranger = "Élodie GUIDÉ", "ANEF-2025-000777", "7509876543"
    dossier_id = store.create("renouvellement", applicant_name=name)
    store.save_draft(dossier_id, "identite", {"nom": "GUIDÉ"})
    store.save_step(
        dossier_id,
        "identite",
        {"nom": "GUIDÉ", "n_etranger": n_etranger},
        next_step="adresse",
        applicant_name=name,
    )
    mark_filed(store, dossier_id, numero_demande=numero, filed_at="2025-03-04T10:00:00")
    store.set_status(dossier_id, DossierStatus.CLOTUREE)

    other = store.create("premiere_demande", applicant_name="Marc Dupont")
    store.abandon(other)

    events = store.events(dossier_id)
    assert [e["kind"] for e in events] == ["created", "step_saved", "filed", "status_changed"]
    assert [e["detail"] for e in events] == [
        "renouvellement",
        "identite",
        "brouillon -> deposee",
        "deposee -> cloturee",
    ]
    assert all(e["dossier_id"] == dossier_id for e in events)
    assert all(datetime.fromisoformat(e["at"]) for e in events)

    abandoned = store.events(other)
    assert [e["kind"] for e in abandoned] == ["created", "abandoned"]

    everything = store.db.conn.execute("SELECT at || kind || detail FROM events").fetchall()
    for (text,) in everything:
        for secret in ("Élodie", "GUIDÉ", "guide", "Dupont", numero, n_etranger):
            assert secret.lower() not in text.lower()


def test_set_status_follows_the_procedure(store):
    """By hand, only the life of the dossier: filed, closed. The states the notifications
    give are derived from them (issue 22), never set one by one."""
    dossier_id = store.create("renouvellement")
    with pytest.raises(TransitionError, match="ne peut pas passer"):
        store.set_status(dossier_id, DossierStatus.DECISION_FAVORABLE)
    assert store.get(dossier_id).status is DossierStatus.BROUILLON
    store.set_status(dossier_id, DossierStatus.DEPOSEE)
    with pytest.raises(TransitionError, match="ne peut pas passer"):
        store.set_status(dossier_id, DossierStatus.COMPLEMENT_DEMANDE)
    store.set_status(dossier_id, DossierStatus.CLOTUREE, detail="courrier du 3 mars")
    assert store.get(dossier_id).status is DossierStatus.CLOTUREE
    with pytest.raises(TransitionError):
        store.set_status(dossier_id, DossierStatus.DEPOSEE)
    details = [e["detail"] for e in store.events(dossier_id) if e["kind"] == "status_changed"]
    assert details == [
        "brouillon -> deposee",
        "deposee -> cloturee : courrier du 3 mars",
    ]


def test_set_status_abandonnee_abandons(store):
    dossier_id = store.create("renouvellement")
    store.set_status(dossier_id, DossierStatus.ABANDONNEE)
    with pytest.raises(NotFound):
        store.get(dossier_id)


def test_a_filed_dossier_cannot_be_edited(store):
    dossier_id = store.create("renouvellement")
    store.save_step(dossier_id, "identite", {"nom": "A"}, next_step="adresse")
    store.save_draft(dossier_id, "adresse", {"ville": "L"})
    mark_filed(store, dossier_id, numero_demande="ANEF-1", filed_at="2025-03-04")
    before = store.get(dossier_id)

    with pytest.raises(NotEditable) as excinfo:
        store.save_step(dossier_id, "identite", {"nom": "B"}, next_step="fin")
    assert str(excinfo.value) == FILED_MESSAGE
    with pytest.raises(StoreError, match="^Ce dossier est déposé : il ne peut plus être modifié"):
        store.save_draft(dossier_id, "adresse", {"ville": "Lyon"})
    assert store.get(dossier_id) == before
    # Deadlines still move after filing (that's when they matter).
    store.set_deadline(dossier_id, "2025-04-01", "Complément à envoyer")
    assert store.get(dossier_id).summary.next_deadline == "2025-04-01"


def test_saving_an_unknown_dossier_raises_not_found(store):
    with pytest.raises(NotFound):
        store.save_step(7, "identite", {}, next_step=None)
    with pytest.raises(NotFound):
        store.save_draft(7, "identite", {})
    with pytest.raises(NotFound):
        store.set_status(7, DossierStatus.DEPOSEE)
    with pytest.raises(NotFound):
        store.abandon(7)


# ------------------------------------------------------------------ abandon


def test_abandon_removes_the_dossier_and_its_answers(store):
    keep = store.create("renouvellement", applicant_name="Garde")
    gone = store.create("renouvellement", applicant_name="Parti", answers={"a": {"b": 1}})
    store.save_draft(gone, "identite", {"nom": "Parti"})
    child = store.create("renouvellement", parent_id=gone)
    store.abandon(gone)

    with pytest.raises(NotFound):
        store.get(gone)
    assert {s.id for s in store.list()} == {keep, child}
    assert store.count() == 2
    (answers_left,) = store.db.conn.execute(
        "SELECT count(*) FROM answers WHERE dossier_id = ?", (gone,)
    ).fetchone()
    assert answers_left == 0
    assert store.get(child).parent_id is None
    assert store.events(gone)[-1]["kind"] == "abandoned"
    assert store.events(gone)[-1]["detail"] == "brouillon -> abandonnee"


def test_abandoning_a_filed_dossier_is_refused(store):
    dossier_id = store.create("renouvellement", answers={"identite": {"nom": "A"}})
    mark_filed(store, dossier_id, numero_demande="ANEF-1", filed_at="2025-03-04")
    with pytest.raises(StoreError, match="déposé"):
        store.abandon(dossier_id)
    with pytest.raises(StoreError, match="déposé"):
        store.set_status(dossier_id, DossierStatus.ABANDONNEE)
    record = store.get(dossier_id)
    assert record.answers == {"identite": {"nom": "A"}}
    assert "abandoned" not in [e["kind"] for e in store.events(dossier_id)]


# ------------------------------------------------------------------ sequence


def test_next_sequence_counts_numbers_with_the_prefix(store):
    assert store.next_sequence("ANEF-2025-03") == 1
    for numero in ("ANEF-2025-03-001", "ANEF-2025-03-002", "ANEF-2025-04-001"):
        dossier_id = store.create("renouvellement")
        mark_filed(store, dossier_id, numero_demande=numero, filed_at="2025-03-04")
    assert store.next_sequence("ANEF-2025-03") == 3
    assert store.next_sequence("ANEF-2025-04") == 2
    assert store.next_sequence("ANEF_2025%") == 1  # wildcards are literal


# ------------------------------------------------------------------ files and failures


def test_file_modes_are_owner_only(tmp_path):
    old_umask = os.umask(0)  # even a permissive umask must not widen the modes
    try:
        data_dir = tmp_path / "data"
        with DossierStore(data_dir) as s:
            s.create("renouvellement", applicant_name="A")
            wal = Path(f"{data_dir / DB_NAME}-wal")
            assert wal.exists()  # still open: the WAL holds the write
            assert mode(wal) == 0o600
            shm = Path(f"{data_dir / DB_NAME}-shm")
            assert mode(shm) == 0o600
            assert mode(data_dir) == 0o700
            assert mode(data_dir / ATTACHMENTS_DIR) == 0o700
            assert mode(data_dir / DB_NAME) == 0o600
    finally:
        os.umask(old_umask)


def test_an_existing_database_is_made_owner_only(tmp_path):
    data_dir = tmp_path / "data"
    DossierStore(data_dir).close()
    os.chmod(data_dir / DB_NAME, 0o644)
    os.chmod(data_dir, 0o755)
    with DossierStore(data_dir):
        assert mode(data_dir / DB_NAME) == 0o600
        assert mode(data_dir) == 0o700


def test_store_uses_wal_full_sync_and_foreign_keys(sqlite_store):
    conn = sqlite_store.db.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == 250


def test_random_bytes_instead_of_a_database_raise_store_error(tmp_path):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    db_file = data_dir / DB_NAME
    garbage = random.Random(7).randbytes(8192)
    db_file.write_bytes(garbage)
    with pytest.raises(DamagedDatabase) as excinfo:
        DossierStore(data_dir)
    message = str(excinfo.value)
    assert message.startswith(f"La base de données « {db_file} » est illisible ou corrompue")
    assert "« anef-tui sauvegardes --restaurer NOM »" in message
    assert "\n" not in message
    assert db_file.read_bytes() == garbage  # never overwritten


def test_damaged_pages_raise_store_error_at_first_use(tmp_path):
    data_dir = tmp_path / "data"
    with DossierStore(data_dir) as s:
        for i in range(50):
            s.create(
                "renouvellement", applicant_name=f"Personne {i}", answers={"x": {"y": "z" * 500}}
            )
    db_file = data_dir / DB_NAME
    content = bytearray(db_file.read_bytes())
    page_size = int.from_bytes(content[16:18], "big")
    assert len(content) > 2 * page_size
    garbage = random.Random(3).randbytes(len(content) - page_size)
    content[page_size:] = garbage  # keep the header page, trash every other page
    db_file.write_bytes(bytes(content))
    with pytest.raises(StoreError, match="illisible ou corrompue"):
        s = DossierStore(data_dir)  # opening may already notice …
        try:
            s.list()  # … or the first query does
            s.get(1)
        finally:
            s.close()


def test_data_dir_under_a_regular_file_raises_store_error(tmp_path):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="--data-dir"):
        DossierStore(blocker / "data")


def test_database_path_taken_by_a_directory_raises_store_error(tmp_path):
    data_dir = tmp_path / "data"
    (data_dir / DB_NAME).mkdir(parents=True)
    with pytest.raises(StoreError, match="--data-dir"):
        DossierStore(data_dir)


def test_two_stores_on_the_same_directory_both_write(tmp_path):
    data_dir = tmp_path / "data"
    with DossierStore(data_dir) as one, DossierStore(data_dir) as two:
        a = one.create("renouvellement", applicant_name="Un")
        b = two.create("renouvellement", applicant_name="Deux")
        one.save_step(b, "identite", {"nom": "Deux"}, next_step=None)
        assert two.get(b).answers == {"identite": {"nom": "Deux"}}
        assert {s.id for s in two.list()} == {a, b}
