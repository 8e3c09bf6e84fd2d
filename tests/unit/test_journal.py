"""The journal (issue 24): append-only by the database's triggers, chained by hash, checked
again by the verifier — here also as an adversary holding the key, who drops the triggers
and rewrites rows; tombstoned only for an erased person."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest

from anef_tui.store.dossiers import DossierStore
from anef_tui.store.errors import StoreError
from anef_tui.store.journal import (
    Actor,
    dossier_entries,
    export_journal,
    tombstone_dossier,
    verify,
)
from anef_tui.store.journal.actor import APPLICATION
from anef_tui.store.journal.chain import append, canonical, sha256_text
from anef_tui.store.journal.vocabulary import action_codes, action_label


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 12, 6, 9, 0, 0)

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now


@pytest.fixture
def store(tmp_path, store_base, store_key):
    s = DossierStore(tmp_path / "donnees", clock=Clock(), base=store_base,
                     key=store_key)
    s.database.actor = Actor("Claire Aidante", APPLICATION)
    yield s
    s.close()


#: What creating a dossier journals: « Dossier créé », then the consent recorded with it.
CREATED = ["dossier_created", "consent_given"]


def three_dossiers(store) -> list[int]:
    """Three dossiers (six entries: drafts are not journalled)."""
    ids = [store.create("renouvellement", applicant_name=f"PERSONNE {n}") for n in range(3)]
    for dossier_id in ids:
        store.save_draft(dossier_id, "etat_civil", {"nom": "X"})
    return ids


def rows(store) -> list[tuple]:
    with store.database.reading() as conn:
        return conn.execute("SELECT seq, at, dossier_id, content FROM journal ORDER BY seq"
                            ).fetchall()


def as_adversary(store, *statements: tuple) -> None:
    """What someone holding the key can do: drop the triggers, then write what they like."""
    conn = store.database.db.conn
    if store.db.engine.name == "postgresql":
        conn.execute("ALTER TABLE journal DISABLE TRIGGER USER")
        conn.execute("ALTER TABLE journal_erasures DISABLE TRIGGER USER")
    for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'journal%'"
    ).fetchall() if store.db.engine.name == "sqlite" else ():
        conn.execute(f"DROP TRIGGER {name}")
    for statement in statements:
        conn.execute(*statement)


# --- the vocabulary ----------------------------------------------------------------------


def test_every_action_the_issue_names_has_a_code_and_french_words():
    wanted = {"dossier_created", "step_saved", "file_attached", "file_removed", "filed",
              "pdf_made", "pdf_exported", "notification_recorded", "complement_sent",
              "consent_given", "consent_renewed", "consent_withdrawn", "dossier_exported",
              "dossier_imported", "person_erased", "journal_exported"}
    assert wanted <= action_codes()
    for code in action_codes():
        assert action_label(code) != code and action_label(code)[0].isupper()


def test_an_unknown_action_is_refused(store):
    with store.database.transaction() as db, pytest.raises(ValueError):
        append(db.conn, store.database, "dossier_burnt", None)


# --- the triggers ------------------------------------------------------------------------


def test_an_entry_cannot_be_deleted_nor_changed(store):
    three_dossiers(store)
    for statement in ("DELETE FROM journal WHERE seq = 2",
                      "UPDATE journal SET content = '{}' WHERE seq = 2",
                      "UPDATE journal SET at = '2020-01-01T00:00:00' WHERE seq = 2",
                      "UPDATE journal SET content = NULL, dossier_id = NULL WHERE seq = 2"):
        with pytest.raises(StoreError), store.database.transaction() as db:
            db.conn.execute(statement)
    assert len(rows(store)) == 3 * len(CREATED) and verify(store.database) == []


def test_an_entry_can_only_follow_the_last_one(store):
    three_dossiers(store)
    for seq in (1, 6, 8, 100):  # taken, taken, a gap, a gap: only 7 may come next
        with pytest.raises(StoreError), store.database.transaction() as db:
            db.conn.execute(
                "INSERT INTO journal (seq, at, dossier_id, content, content_hash, chain_hash) "
                "VALUES (?, 'x', NULL, '{}', 'h', 'c')", (seq,))
    assert len(rows(store)) == 3 * len(CREATED)


def test_an_erasure_cannot_be_undone(store):
    ids = three_dossiers(store)
    tombstone_dossier(store.database, ids[0])
    for statement in ("DELETE FROM journal_erasures",
                      "UPDATE journal_erasures SET dossier_id = 99"):
        with pytest.raises(StoreError), store.database.transaction() as db:
            db.conn.execute(statement)


# --- the chain and the verifier ----------------------------------------------------------


def test_an_untouched_journal_is_intact(store):
    three_dossiers(store)
    assert verify(store.database) == []


def test_an_altered_content_is_named(store):
    three_dossiers(store)
    forged = canonical({"action": "dossier_created", "aidant": "Quelqu'un d'autre",
                        "interface": "application", "details": {}})
    as_adversary(store, ("UPDATE journal SET content = ? WHERE seq = 2", (forged,)))
    problems = verify(store.database)
    assert len(problems) == 1 and problems[0].startswith("Entrée n° 2 ")
    assert "modifié" in problems[0]


def test_an_altered_content_with_its_hash_is_named_by_the_chain(store):
    three_dossiers(store)
    forged = canonical({"action": "dossier_created", "aidant": "X",
                        "interface": "application", "details": {}})
    as_adversary(store, ("UPDATE journal SET content = ?, content_hash = ? WHERE seq = 2",
                         (forged, sha256_text(forged))))
    problems = verify(store.database)
    assert problems and problems[0].startswith("Entrée n° 2 ") and "chaînage" in problems[0]


def test_a_removed_entry_is_named(store):
    three_dossiers(store)
    as_adversary(store, ("DELETE FROM journal WHERE seq = 2",))
    problems = verify(store.database)
    assert problems and "Entrée n° 3 : l'entrée n° 2 manque" in problems[0]


def test_a_removed_and_renumbered_entry_breaks_the_chain(store):
    three_dossiers(store)
    as_adversary(store, ("DELETE FROM journal WHERE seq = 2",),
                 ("UPDATE journal SET seq = 2 WHERE seq = 3",))
    problems = verify(store.database)
    assert problems and problems[0].startswith("Entrée n° 2 ") and "chaînage" in problems[0]


def test_an_inserted_entry_is_named(store):
    three_dossiers(store)
    forged = canonical({"action": "step_saved", "aidant": "X", "interface": "application",
                        "details": {}})
    as_adversary(store, ("UPDATE journal SET seq = seq + 10 WHERE seq >= 2",),
                 ("UPDATE journal SET seq = seq - 9 WHERE seq >= 12",),
                 ("INSERT INTO journal VALUES (2, '2026-12-06T09:30:00', 1, ?, ?, ?)",
                  (forged, sha256_text(forged), "0" * 64)))
    problems = verify(store.database)
    assert any(p.startswith("Entrée n° 2 ") for p in problems)
    assert any(p.startswith("Entrée n° 3 ") for p in problems)  # the next one no longer chains


def test_a_tombstone_without_its_erasure_is_named(store):
    three_dossiers(store)
    as_adversary(store, ("UPDATE journal SET content = NULL, dossier_id = NULL WHERE seq = 2",))
    problems = verify(store.database)
    assert len(problems) == 1 and problems[0].startswith("Entrée n° 2 ")
    assert "effacée sans effacement" in problems[0]


# --- the tombstone -----------------------------------------------------------------------


def test_tombstone_keeps_one_pseudonymous_line_and_the_chain(store):
    ids = three_dossiers(store)
    store.save_step(ids[1], "etat_civil", {"nom": "Y"}, next_step=None)
    reference = tombstone_dossier(store.database, ids[1])
    assert dossier_entries(store.database, ids[1]) == []
    left = rows(store)
    emptied = [r for r in left if r[3] is None]
    assert len(emptied) == len(CREATED) + 1 and all(r[2] is None for r in emptied)
    last = json.loads(left[-1][3])
    assert left[-1][2] is None and last["action"] == "person_erased"
    assert last["details"] == {"reference": reference} and len(reference) == 12
    text = " ".join(str(r) for r in left)
    assert "PERSONNE 1" not in text
    assert verify(store.database) == []


def test_tombstone_inside_an_erasure_rolled_back_leaves_everything(store):
    ids = three_dossiers(store)
    before = rows(store)
    with pytest.raises(RuntimeError), store.database.transaction():
        tombstone_dossier(store.database, ids[0])
        raise RuntimeError("l'effacement échoue plus loin")
    assert rows(store) == before


# --- reading -----------------------------------------------------------------------------


def test_entries_read_in_words(store):
    dossier_id = store.create("renouvellement", applicant_name="DUPONT Marie")
    store.save_step(dossier_id, "etat_civil", {"nom": "DUPONT"}, next_step=None)
    entries = dossier_entries(store.database, dossier_id)
    assert [e.label for e in entries] == [
        "Dossier créé", "Consentement recueilli", "Étape enregistrée"]
    line = entries[2].line()
    assert line.startswith("06/12/2026 09:0")
    assert "Claire Aidante (application) — Étape enregistrée — étape : etat_civil" in line
    assert "DUPONT" not in " ".join(e.line() for e in entries)


def test_export_writes_a_text_file_and_says_so_in_the_journal(store):
    dossier_id = store.create("renouvellement", applicant_name="DUPONT Marie")
    path = export_journal(store.database, dossier_id)
    assert path.parent == store.data_dir / "exports"
    text = path.read_text(encoding="utf-8")
    assert "Journal du dossier n° 1" in text and "Dossier créé" in text
    assert "DUPONT" not in text
    assert dossier_entries(store.database, dossier_id)[-1].action == "journal_exported"
