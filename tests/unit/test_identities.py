"""Identities are never given twice (issue 19): a window that holds the id of a dossier or
of an attached file that was removed elsewhere is told so, and never writes into (or
removes from) someone else's dossier that now happens to exist."""

from __future__ import annotations

import pytest

from anef_tui.store import driver
from anef_tui.store.attachments import AttachmentError, AttachmentStore
from anef_tui.store.connection import Db
from anef_tui.store.dossiers import DossierStore
from anef_tui.store.errors import DossierGone
from anef_tui.store.schema import SCHEMA_VERSION, migrate
from tests.conftest import frozen_clock
from tests.unit.test_attachments import write_pdf


@pytest.fixture
def store(tmp_path, store_base, store_key):
    s = DossierStore(tmp_path / "donnees", clock=frozen_clock, base=store_base, key=store_key)
    yield s
    s.close()


def test_an_abandoned_dossiers_id_is_never_given_again(store, store_base):
    """ZORGLUB is the newest dossier; abandoned in window B, then BERNARD is created: BERNARD
    gets a new id, and window A's save for ZORGLUB is refused (DossierGone) instead of
    landing in BERNARD's dossier."""
    zorglub = store.create("renouvellement", applicant_name="ZORGLUB Alice")
    version = store.version(zorglub)
    window_b = DossierStore(store.data_dir, clock=frozen_clock, base=store_base)
    try:
        window_b.abandon(zorglub)
        bernard = window_b.create("renouvellement", applicant_name="BERNARD Paul")
    finally:
        window_b.close()
    assert bernard != zorglub
    with pytest.raises(DossierGone):
        store.save_draft(zorglub, "titre_actuel", {"n_etranger": "1234567890"},
                         expected_version=version)
    with pytest.raises(DossierGone):
        store.save_step(zorglub, "titre_actuel", {"n_etranger": "1234567890"}, next_step=None)
    record = store.get(bernard)
    assert record.summary.applicant_name == "BERNARD Paul"
    assert record.answers == {} and record.drafts == {}
    # BERNARD does not inherit ZORGLUB's history.
    with store.database.reading() as conn:
        kinds = [k for (k,) in conn.execute(
            "SELECT kind FROM events WHERE dossier_id = ? ORDER BY id", (bernard,))]
    assert kinds == ["created"]


def test_a_removed_attachments_id_is_never_given_again(store, tmp_path):
    """Window A asks to remove attachment n° X; meanwhile window B removes it and attaches
    another file, elsewhere: A's removal must not delete B's new file."""
    files = AttachmentStore(store)
    first = store.create("renouvellement", applicant_name="UN Premier")
    second = store.create("renouvellement", applicant_name="DEUX Second")
    pdf_a = write_pdf(tmp_path / "a.pdf", pages=1)
    pdf_b = write_pdf(tmp_path / "b.pdf", pages=2)
    held = files.attach(first, "identite", pdf_a, max_files=3, slot_title="Identité")
    files.remove(held.id)
    other = files.attach(second, "identite", pdf_b, max_files=3, slot_title="Identité")
    assert other.id != held.id
    with pytest.raises(AttachmentError):
        files.remove(held.id)
    assert [a.id for a in files.list(second)] == [other.id]


def test_migration_8_starts_each_sequence_above_every_id_ever_given(tmp_path):
    """A base at version 7 whose newest dossier was abandoned (only its events remain):
    after migration 8 the next dossier's id is above it, and the base is sound."""
    path = tmp_path / "anef-tui.db"
    conn = driver.connect(path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    db = Db(conn)
    migrate(db, target=7)
    conn.execute(
        "INSERT INTO dossiers(id, procedure, status, created_at, updated_at) "
        "VALUES (3, 'renouvellement', 'brouillon', 'x', 'x')"
    )
    conn.execute(
        "INSERT INTO events(dossier_id, at, kind, detail) VALUES (9, 'x', 'abandoned', '')"
    )
    migrate(db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    conn.execute(
        "INSERT INTO dossiers(procedure, status, created_at, updated_at) "
        "VALUES ('renouvellement', 'brouillon', 'x', 'x')"
    )
    assert conn.execute("SELECT max(id) FROM dossiers").fetchone()[0] == 10
    conn.execute("DELETE FROM dossiers WHERE id = 10")
    conn.execute(
        "INSERT INTO dossiers(procedure, status, created_at, updated_at) "
        "VALUES ('renouvellement', 'brouillon', 'x', 'x')"
    )
    assert conn.execute("SELECT max(id) FROM dossiers").fetchone()[0] == 11
    conn.close()


def test_versions_only_grow(store):
    """Every write raises the version; none ever lowers it (a window compares them)."""
    dossier = store.create("renouvellement", applicant_name="TEST Versions")
    seen = [store.version(dossier)]
    for value in range(5):
        store.save_draft(dossier, "titre_actuel", {"n": value})
        seen.append(store.version(dossier))
    assert seen == sorted(seen) and len(set(seen)) == len(seen)


def test_a_draft_with_nothing_new_writes_nothing(store):
    """Opening a dossier and leaving it (F9) must not move it to the top of « Mes dossiers »
    nor raise its version (issue 21): the same draft, the saved answers, or nothing typed."""
    dossier = store.create("renouvellement", applicant_name="TEST Rien")
    version = store.version(dossier)
    before = store.get(dossier).summary.updated_at
    assert store.save_draft(dossier, "titre_actuel", {"nom": "", "prenoms": [""]}) == version
    store.save_draft(dossier, "titre_actuel", {"nom": "DUPONT"})
    version = store.version(dossier)
    assert store.save_draft(dossier, "titre_actuel", {"nom": "DUPONT"}) == version
    assert store.save_draft(dossier, "titre_actuel", {"nom": "DUPONTE"}) > version
    store.save_step(dossier, "situation", {"choix": "Oui"}, next_step=None)
    version = store.version(dossier)
    assert store.save_draft(dossier, "situation", {"choix": "Oui"}) == version
    assert before <= store.get(dossier).summary.updated_at
