"""Versioned migrations: empty -> latest, previous schema -> latest with data kept,
idempotence, atomicity, refusal of a newer database."""

from __future__ import annotations

import json

import pytest
from sqlite_utils import Database

from anef_tui.paths import DB_NAME
from anef_tui.store import driver
from anef_tui.store import schema as schema_module
from anef_tui.store.db import (
    MIGRATIONS,
    SCHEMA_VERSION,
    StoreError,
    migrate,
    open_database,
    user_version,
)
from anef_tui.store.dossiers import DossierStore

DOSSIER_COLUMNS = {
    "id",
    "procedure",
    "status",
    "current_step",
    "applicant_name",
    "search_key",
    "created_at",
    "updated_at",
    "next_deadline",
    "next_deadline_label",
    "numero_demande",
    "filed_at",
    "parent_id",
    "version",
    "local_sequence",
    "documents_due",
    "states",
}


DEADLINE_COLUMNS = {"id", "dossier_id", "notification_id", "date", "label", "code"}

BLOB_COLUMNS = {"sha256", "size", "format", "pages", "stored_name", "created_at"}
ATTACHMENT_COLUMNS = {
    "id",
    "dossier_id",
    "slot_id",
    "sha256",
    "original_name",
    "warnings",
    "added_at",
    "position",
}


def raw_database(path) -> Database:
    """A bare connection, as open_database would make it but without migrating."""
    conn = driver.connect(str(path), isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    return Database(conn, execute_plugins=False)


def schema_dump(db: Database) -> list[tuple]:
    return db.conn.execute(
        "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"
    ).fetchall()


def test_schema_version_is_the_number_of_migrations():
    assert SCHEMA_VERSION == len(MIGRATIONS) >= 3


def test_empty_database_migrates_to_latest(tmp_path):
    db = open_database(tmp_path / DB_NAME)
    try:
        assert user_version(db) == SCHEMA_VERSION
        assert {"dossiers", "answers", "events"} <= set(db.table_names())
        assert set(db["dossiers"].columns_dict) == DOSSIER_COLUMNS
        # Migration 11: a kept deadline is picked by its code, indexed; never by its label.
        assert set(db["deadlines"].columns_dict) == DEADLINE_COLUMNS
        deadline_indexes = {ix.name: ix.columns for ix in db["deadlines"].indexes}
        assert deadline_indexes["deadlines_by_code"] == ["code", "date"]
        assert "deadlines_by_label" not in deadline_indexes
        assert set(db["answers"].columns_dict) == {"dossier_id", "data", "drafts"}
        assert set(db["events"].columns_dict) == {"id", "dossier_id", "at", "kind", "detail"}
        assert db["dossiers"].pks == ["id"]
        assert db["answers"].pks == ["dossier_id"]
        # answers cascade with their dossier; events have no foreign key on purpose.
        [fk] = db.conn.execute("PRAGMA foreign_key_list(answers)").fetchall()
        assert fk[2] == "dossiers" and fk[6] == "CASCADE"
        assert db.conn.execute("PRAGMA foreign_key_list(events)").fetchall() == []
        indexes = {ix.name for ix in db["dossiers"].indexes}
        assert {"dossiers_by_deadline", "dossiers_by_numero", "dossiers_by_parent"} <= indexes
        assert "events_by_dossier" in {ix.name for ix in db["events"].indexes}
        # Migration 3: content-addressed blobs and their per-slot references.
        assert {"blobs", "attachments"} <= set(db.table_names())
        assert set(db["blobs"].columns_dict) == BLOB_COLUMNS
        assert set(db["attachments"].columns_dict) == ATTACHMENT_COLUMNS
        assert db["blobs"].pks == ["sha256"]
        assert db["attachments"].pks == ["id"]
        fks = {
            fk[3]: (fk[2], fk[6])
            for fk in db.conn.execute("PRAGMA foreign_key_list(attachments)").fetchall()
        }
        # Attachment rows go with their dossier; a referenced blob cannot be deleted.
        assert fks == {"dossier_id": ("dossiers", "CASCADE"), "sha256": ("blobs", "NO ACTION")}
        slot_index = next(
            ix for ix in db["attachments"].indexes if ix.name == "attachments_by_slot"
        )
        assert slot_index.columns == ["dossier_id", "slot_id", "position"]
        assert "attachments_by_blob" in {ix.name for ix in db["attachments"].indexes}
    finally:
        db.close()


def test_migrations_stop_at_the_requested_version(tmp_path):
    db = raw_database(tmp_path / DB_NAME)
    try:
        assert migrate(db, target=1) == 1
        assert user_version(db) == 1
        columns = set(db["dossiers"].columns_dict)
        assert "next_deadline" not in columns
        assert "search_key" in columns
        assert migrate(db, target=2) == 1
        assert user_version(db) == 2
        assert "next_deadline" in db["dossiers"].columns_dict
        # The attachments tables only come with migration 3.
        assert not {"blobs", "attachments"} & set(db.table_names())
        assert migrate(db, target=3) == 1
        assert {"blobs", "attachments"} <= set(db.table_names())
    finally:
        db.close()


def test_version_1_database_with_rows_migrates_to_latest_keeping_data(tmp_path):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    path = data_dir / DB_NAME
    db = raw_database(path)
    migrate(db, target=1)
    conn = db.conn
    answers = {"titre_actuel": {"nom_naissance": "Guidé", "n_etranger": "7501234567"}}
    drafts = {"adresse": {"ville": "Lyo"}}
    # Version 1 folded only the name and the procedure label into search_key.
    conn.execute(
        "INSERT INTO dossiers (id, procedure, status, current_step, applicant_name, search_key,"
        " created_at, updated_at, numero_demande, filed_at, parent_id) VALUES"
        " (1, 'renouvellement', 'brouillon', 'adresse', 'Élodie GUIDÉ',"
        " 'elodie guide renouvellement', '2025-01-01T10:00:00', '2025-01-02T10:00:00',"
        " NULL, NULL, NULL)"
    )
    conn.execute(
        "INSERT INTO dossiers (id, procedure, status, current_step, applicant_name, search_key,"
        " created_at, updated_at, numero_demande, filed_at, parent_id) VALUES"
        " (2, 'premiere_demande', 'deposee', NULL, 'Marc Dupont', 'marc dupont premiere demande',"
        " '2024-12-01T10:00:00', '2024-12-05T10:00:00', 'ANEF-2024-000042', '2024-12-05', 1)"
    )
    conn.execute(
        "INSERT INTO answers (dossier_id, data, drafts) VALUES (1, ?, ?), (2, '{}', '{}')",
        (json.dumps(answers, ensure_ascii=False), json.dumps(drafts)),
    )
    conn.execute(
        "INSERT INTO events (dossier_id, at, kind, detail) VALUES"
        " (1, '2025-01-01T10:00:00', 'created', 'renouvellement'),"
        " (9, '2024-11-01T10:00:00', 'abandoned', 'brouillon -> abandonnee')"
    )
    before_events = conn.execute("SELECT * FROM events ORDER BY id").fetchall()
    db.close()

    with DossierStore(data_dir) as store:
        assert user_version(store.db) == SCHEMA_VERSION
        first = store.get(1)
        assert first.answers == answers
        assert first.drafts == drafts
        assert first.summary.applicant_name == "Élodie GUIDÉ"
        assert first.summary.current_step == "adresse"
        assert first.summary.updated_at == "2025-01-02T10:00:00"
        assert first.summary.next_deadline is None
        second = store.get(2)
        assert second.summary.numero_demande == "ANEF-2024-000042"
        assert second.summary.filed_at == "2024-12-05"
        assert second.parent_id == 1
        assert store.events(9)[0]["kind"] == "abandoned"
        assert store.db.conn.execute("SELECT * FROM events ORDER BY id").fetchall() == before_events
        # Search keys were recomputed: numbers are now searchable.
        assert [s.id for s in store.list("7501234567")] == [1]
        assert [s.id for s in store.list("anef-2024-000042")] == [2]
        assert [s.id for s in store.list("elodie guidé")] == [1]
        # A state is found by the words of its label, through its index (migration 12).
        assert [s.id for s in store.list("déposée")] == [2]
        assert [s.id for s in store.list("saisie")] == [1]
        assert store.db.conn.execute(
            "SELECT 1 FROM sqlite_master WHERE name = 'dossiers_by_status'"
        ).fetchone()
        # And the migrated rows are usable by the new schema.
        store.set_deadline(1, "2025-02-01", "Rendez-vous")
        assert store.list()[0].next_deadline == "2025-02-01"
        (check,) = store.db.conn.execute("PRAGMA integrity_check").fetchone()
        assert check == "ok"


def test_running_migrate_twice_is_a_no_op(tmp_path):
    db = open_database(tmp_path / DB_NAME)
    try:
        db.conn.execute(
            "INSERT INTO dossiers (procedure, created_at, updated_at, search_key) "
            "VALUES ('renouvellement', 'x', 'x', 'cle')"
        )
        schema = schema_dump(db)
        rows = db.conn.execute("SELECT * FROM dossiers").fetchall()
        assert migrate(db) == 0
        assert migrate(db) == 0
        assert user_version(db) == SCHEMA_VERSION
        assert schema_dump(db) == schema
        assert db.conn.execute("SELECT * FROM dossiers").fetchall() == rows
    finally:
        db.close()
    # Reopening does not migrate again either.
    db = open_database(tmp_path / DB_NAME)
    try:
        assert schema_dump(db) == schema
        assert db.conn.execute("SELECT search_key FROM dossiers").fetchall() == [("cle",)]
    finally:
        db.close()


def test_a_failing_migration_is_rolled_back_with_its_version(tmp_path, monkeypatch):
    def broken(db: Database) -> None:
        db.conn.execute("CREATE TABLE half_done (x)")
        db.conn.execute("ALTER TABLE dossiers ADD COLUMN half_done TEXT")
        raise RuntimeError("migration interrompue")

    monkeypatch.setattr(schema_module, "MIGRATIONS", [MIGRATIONS[0], broken])
    db = raw_database(tmp_path / DB_NAME)
    try:
        with pytest.raises(RuntimeError):
            migrate(db, target=2)
        assert user_version(db) == 1  # migration 1 committed, migration 2 not at all
        assert "half_done" not in db.table_names()
        assert "half_done" not in db["dossiers"].columns_dict
        assert not db.conn.in_transaction
    finally:
        db.close()
    monkeypatch.undo()
    db = open_database(tmp_path / DB_NAME)  # the real migration 2 then applies cleanly
    try:
        assert user_version(db) == SCHEMA_VERSION
        assert "next_deadline" in db["dossiers"].columns_dict
    finally:
        db.close()


def test_a_database_from_a_newer_version_is_refused(tmp_path):
    path = tmp_path / DB_NAME
    open_database(path).close()
    conn = driver.connect(str(path))
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="version plus récente"):
        open_database(path)


def test_unknown_target_version_is_rejected(tmp_path):
    db = raw_database(tmp_path / DB_NAME)
    try:
        with pytest.raises(ValueError):
            migrate(db, target=SCHEMA_VERSION + 1)
    finally:
        db.close()


def test_migration_7_opens_the_notification_kinds_and_keeps_everything(tmp_path):
    """A base at version 6 with a notification and a complément answer: after migration 7
    a kind declared only in data can be stored, nothing was deleted (no table rebuild and
    its ON DELETE CASCADE), the base is sound, and local numbers are remembered."""
    from anef_tui.store import driver
    from anef_tui.store.db import open_database
    from anef_tui.store.schema import SCHEMA_VERSION, migrate

    path = tmp_path / "anef-tui.db"
    conn = driver.connect(path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    from anef_tui.store.connection import Db

    db = Db(conn)
    migrate(db, target=6)
    conn.execute(
        "INSERT INTO dossiers(id, procedure, status, created_at, updated_at, numero_demande) "
        "VALUES (1, 'renouvellement', 'complement_demande', 'x', 'x', '5901202503040000007')"
    )
    conn.execute(
        "INSERT INTO notifications(id, dossier_id, kind, title, received_on, created_at) "
        "VALUES (1, 1, 'complement', 't', '2026-11-20', 'x')"
    )
    conn.execute("INSERT INTO complement_answers(notification_id, data) VALUES (1, '{}')")
    conn.close()

    db = open_database(path)
    conn = db.conn
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert conn.execute("SELECT count(*) FROM complement_answers").fetchone() == (1,)
    assert conn.execute("SELECT local_sequence FROM dossiers").fetchone() == (7,)
    conn.execute(
        "INSERT INTO notifications(dossier_id, kind, title, received_on, created_at) "
        "VALUES (1, 'rendez_vous', 't', '2026-11-21', 'x')"
    )
    assert conn.execute("SELECT count(*) FROM notifications").fetchone() == (2,)
    db.close()
