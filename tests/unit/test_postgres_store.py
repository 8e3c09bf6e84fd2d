"""The store on a real PostgreSQL server (issue 25): what is the server's own — the same
tables as SQLite, the search on an index, one writer at a time, errors in French, the
server stopped and restarted under an open store. The contract shared with SQLite runs in
the store's own test files (fixture `engine`)."""

from __future__ import annotations

import threading
from datetime import datetime

import pytest

from anef_tui.store.db import SCHEMA_VERSION, StoreBusy, StoreError, user_version
from anef_tui.store.dossiers import DossierStore
from anef_tui.store.engine import postgresql
from anef_tui.store.engine.postgresql import ServerConnection
from anef_tui.store.errors import ConflictError, ServerUnreachable
from tests.french import assert_french

NOW = datetime(2026, 11, 22, 10, 30)


@pytest.fixture
def url(postgres_server) -> str:
    return postgres_server.fresh_database()


@pytest.fixture
def server_store(tmp_path, url):
    store = DossierStore(tmp_path / "poste", clock=lambda: NOW, base=url)
    yield store
    store.close()


def _columns(store: DossierStore) -> dict[str, list[str]]:
    engine, conn = store.db.engine, store.db.conn
    # Each engine's bookkeeping, and where a server keeps the files SQLite keeps under
    # `pieces/` and `documents/` (sealed: store/server_files.py).
    own = {"anef_base", "sqlite_sequence", "file_contents", "kept_documents"}
    return {table: sorted(engine.column_names(conn, table))
            for table in engine.table_names(conn) - own}


def test_both_engines_migrate_to_the_same_tables_and_columns(tmp_path, server_store):
    with DossierStore(tmp_path / "bureau", clock=lambda: NOW) as local:
        assert user_version(local.db) == user_version(server_store.db) == SCHEMA_VERSION
        assert _columns(server_store) == _columns(local)


def test_a_word_search_reads_an_index_range_not_the_table(server_store):
    conn = server_store.db.conn
    conn.execute("INSERT INTO dossiers (procedure, created_at, updated_at) "
                 "SELECT 'renouvellement', '2026', '2026' FROM generate_series(1, 200)")
    conn.execute("INSERT INTO search_words (word, dossier_id) "
                 "SELECT 'mot' || n, 1 + n % 200 FROM generate_series(1, 20000) AS n")
    conn.execute("ANALYZE search_words")
    plan = "\n".join(row[0] for row in conn.execute(
        "EXPLAIN SELECT dossier_id FROM search_words WHERE word >= ? AND word < ?",
        ("mot123", "mot123\U0010ffff")))
    assert "search_words_by_word" in plan and "Seq Scan" not in plan, plan
    # Bytes order, as SQLite's BINARY, whatever the server's locale: the column's own
    # collation is "C" (« é » after every ASCII letter).
    assert conn.execute("SELECT collation_name FROM information_schema.columns WHERE "
                        "table_name = 'search_words' AND column_name = 'word'"
                        ).fetchone() == ("C",)
    conn.execute("INSERT INTO search_words (word, dossier_id) "
                 "VALUES ('zé', 1), ('zz', 1), ('zE', 1), ('ze', 1)")
    assert [r[0] for r in conn.execute(
        "SELECT word FROM search_words WHERE word >= 'z' ORDER BY word")
            ] == ["zE", "ze", "zz", "zé"]
    assert server_store.list("mot1234")  # the range the store itself asks for


def test_the_search_finds_word_starts_as_on_sqlite(server_store):
    first = server_store.create("renouvellement", applicant_name="Éloïse Dupont")
    server_store.create("renouvellement", applicant_name="Marc Durand")
    assert [s.id for s in server_store.list("dup elo")] == [first]
    assert len(server_store.list("du")) == 2


def test_one_writer_at_a_time_another_desk_is_told_busy(tmp_path, url, server_store,
                                                        monkeypatch):
    monkeypatch.setattr(postgresql, "LOCK_TIMEOUT_MS", 50)
    monkeypatch.setattr(postgresql, "WRITE_LOCK_WAIT_MS", 50)
    dossier = server_store.create("renouvellement", applicant_name="A B")
    with DossierStore(tmp_path / "autre", clock=lambda: NOW, base=url) as other:
        with server_store.transaction():
            with pytest.raises(StoreBusy) as caught:
                other.save_draft(dossier, "identite", {"nom": "X"})
        assert_french(str(caught.value))
        other.save_draft(dossier, "identite", {"nom": "X"})  # free again
        assert other.get(dossier).drafts == {"identite": {"nom": "X"}}


def test_a_desk_opens_the_base_while_another_desk_holds_the_write_lock(
        tmp_path, url, server_store, monkeypatch):
    """Found by bench/desks.py: twenty desks starting while others saved got StoreBusy at
    the opening (the one-row table was « made if missing » under the write lock every
    time). Opening a prepared, migrated base writes nothing and waits for no one."""
    monkeypatch.setattr(postgresql, "LOCK_TIMEOUT_MS", 50)
    dossier = server_store.create("renouvellement", applicant_name="A B")
    with server_store.transaction():  # another desk is saving
        with DossierStore(tmp_path / "autre", clock=lambda: NOW, base=url) as other:
            assert other.get(dossier).summary.applicant_name == "A B"


def _holder(url: str) -> ServerConnection:
    """Another desk's connection, in a write transaction that holds the base's lock."""
    holder = ServerConnection(url)
    holder.execute("BEGIN")
    holder.execute("SELECT pg_advisory_xact_lock(?)", (postgresql.WRITE_LOCK,))
    return holder


def test_a_save_waits_for_a_colleague_who_holds_the_write_lock_a_little_over_a_second(
        url, server_store):
    """Found by bench/desks.py (20 desks, load 15): one write in ~770 waited more than the
    1 s lock timeout for the base's one-writer lock and was refused « occupée ». The save
    waits in the server's queue up to WRITE_LOCK_WAIT_MS, then goes through."""
    dossier = server_store.create("renouvellement", applicant_name="A B")
    holder = _holder(url)
    release = threading.Timer(1.2, holder.execute, ("COMMIT",))
    release.start()
    try:
        server_store.save_draft(dossier, "identite", {"nom": "X"})
    finally:
        release.join()
        holder.close()
    assert server_store.get(dossier).drafts == {"identite": {"nom": "X"}}


def test_a_save_behind_a_lock_held_for_good_is_told_busy_in_french(url, server_store):
    dossier = server_store.create("renouvellement", applicant_name="A B")
    holder = _holder(url)  # held until the save gives up (a desk gone silent mid-write)
    try:
        with pytest.raises(StoreBusy) as caught:
            server_store.save_draft(dossier, "identite", {"nom": "X"})
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert_french(str(caught.value))
    assert "occupée" in str(caught.value)
    assert server_store.get(dossier).drafts == {}
    server_store.save_draft(dossier, "identite", {"nom": "X"})  # free again


def test_two_desks_saving_the_same_step_get_the_conflict_never_a_lost_update(
        tmp_path, url, server_store):
    dossier = server_store.create("renouvellement", applicant_name="A B")
    seen = server_store.version(dossier)
    with DossierStore(tmp_path / "autre", clock=lambda: NOW, base=url) as other:
        other.save_draft(dossier, "identite", {"nom": "Premier"}, expected_version=seen)
        with pytest.raises(ConflictError):
            server_store.save_draft(dossier, "identite", {"nom": "Second"},
                                    expected_version=seen)
    assert server_store.get(dossier).drafts == {"identite": {"nom": "Premier"}}


def test_a_statement_that_hangs_is_stopped_with_a_french_message(url):
    conn = ServerConnection(url, statement_timeout_ms=50)
    try:
        with pytest.raises(StoreError) as caught:
            conn.execute("SELECT pg_sleep(5)")
        assert "n'a pas répondu à temps" in str(caught.value)
        assert_french(str(caught.value))
        assert conn.execute("SELECT 1").fetchone() == (1,)  # the connection still serves
    finally:
        conn.close()


def test_a_server_that_cannot_be_reached_is_said_in_french(tmp_path):
    with pytest.raises(ServerUnreachable) as caught:
        DossierStore(tmp_path / "poste",
                     base=f"postgresql://anef@/base?host={tmp_path}&connect_timeout=1")
    message = str(caught.value)
    assert "ne répond pas" in message and "réessayez" in message
    assert "psycopg" not in message and "connection" not in message
    assert_french(message)


def test_the_journal_refuses_in_french_on_the_server_too(server_store):
    server_store.create("renouvellement", applicant_name="A B")
    conn = server_store.db.conn
    with pytest.raises(StoreError) as caught:
        conn.execute("DELETE FROM journal")
    assert "journal : une entrée ne peut pas être supprimée" in str(caught.value.__cause__)
    with pytest.raises(StoreError):
        conn.execute("INSERT INTO journal (seq, at, content_hash, chain_hash) "
                     "VALUES (99, 'x', 'x', 'x')")


def test_the_server_stopped_then_restarted_under_an_open_store_loses_nothing(
        tmp_path, postgres_server, url):
    """Issue 25 item 4: `pg_ctl stop -m fast` under an open store: the write fails with the
    French message, the next one after the restart succeeds, nothing is lost."""
    from anef_tui.store.journal import verify

    store = DossierStore(tmp_path / "poste", clock=lambda: NOW, base=url)
    try:
        dossier = store.create("renouvellement", applicant_name="Awa Traoré")
        store.save_step(dossier, "identite", {"nom": "Traoré"}, next_step="adresse")
        postgres_server.stop("fast")
        try:
            with pytest.raises(ServerUnreachable) as caught:
                store.save_draft(dossier, "adresse", {"ville": "Lille"})
            assert_french(str(caught.value))
            assert "ne répond pas" in str(caught.value)
            with pytest.raises(ServerUnreachable):  # still down: said again, no traceback
                store.get(dossier)
        finally:
            postgres_server.start()
        store.save_draft(dossier, "adresse", {"ville": "Lille"})  # the same action, again
        record = store.get(dossier)
        assert record.answers == {"identite": {"nom": "Traoré"}}
        assert record.drafts == {"adresse": {"ville": "Lille"}}
        assert verify(store.database) == []  # the journal whole, its chain unbroken
    finally:
        store.close()


def test_every_migration_has_its_postgresql_side():
    """A new migration (store/schema/) gets its PostgreSQL DDL (store/schema/postgresql.py)
    under the same number: both engines reach the same version."""
    from anef_tui.store.schema import MIGRATIONS
    from anef_tui.store.schema.postgresql_desks import PG_MIGRATIONS

    assert len(PG_MIGRATIONS) == len(MIGRATIONS) == SCHEMA_VERSION


def test_tls_sslmode_require_is_used_and_a_server_without_tls_is_refused(tmp_path):
    """Issue 25 item 4: `?sslmode=require` in the URL gives an encrypted connection; a
    server that offers none is refused in French (nothing sent in clear)."""
    from tests.postgres_server import running_server

    with running_server(tls=True) as server:
        name = server.fresh_database().split("@/", 1)[1].split("?")[0]
        with DossierStore(tmp_path / "poste", clock=lambda: NOW,
                          base=server.tls_url(name)) as store:
            store.create("renouvellement", applicant_name="A B")
            assert store.db.conn.execute(
                "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()").fetchone() == (True,)
        server.stop()
        server.ssl = False  # the same server, now offering no TLS
        server.start()
        with pytest.raises(ServerUnreachable) as caught:
            DossierStore(tmp_path / "autre", base=server.tls_url(name))
    assert_french(str(caught.value))


def test_the_postgresql_side_of_migrations_18_and_19_runs(tmp_path, server_store):
    """Migrations 18 (accounts) and 19 (presence) on a server's base: a worker's id comes
    back with `RETURNING id`, bytes stay bytes, presence takes ON CONFLICT."""
    from anef_tui.store.connection import inserted_id, write_transaction

    db = server_store.db
    with write_transaction(db):
        worker = inserted_id(db.conn.execute(
            "INSERT INTO workers (login, display_name, role, passphrase_hash, kdf_memory_kib, "
            "kdf_iterations, kdf_lanes, kdf_salt, key_nonce, key_sealed, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            ("claire", "Claire", "referent", "h", 1, 1, 1, b"s", b"n", b"k", "2026")))
        db.conn.execute("INSERT INTO presence (desk, dossier_id, since) VALUES (?, ?, ?) "
                        "ON CONFLICT (desk, dossier_id) DO NOTHING", ("d", 1, "2026"))
    assert worker == 1
    assert db.conn.execute("SELECT key_sealed FROM workers").fetchone() == (b"k",)
