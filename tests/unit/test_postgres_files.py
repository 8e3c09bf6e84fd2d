"""Attached files on a structure's PostgreSQL base (issue 25): kept in the base
(`file_contents`), sealed on the desk with the structure's key, read by another desk with
the same key; never sent without the key; deleted with their last attachment."""

from __future__ import annotations

from datetime import datetime

import pytest

from anef_tui.store.attachments import AttachmentStore
from anef_tui.store.dossiers import DossierStore
from anef_tui.store.server_files import NoStructureKey
from tests.french import assert_french
from tests.unit.test_attachments import write_pdf
from tests.vault_helpers import make_vault

NOW = datetime(2026, 11, 22, 10, 30)
MARKER = b"MARQUEUR-DU-SCAN-0123456789"


@pytest.fixture
def key(tmp_path):
    return make_vault(tmp_path / "cle").key  # until the accounts bring the structure's key


@pytest.fixture
def url(postgres_server) -> str:
    return postgres_server.fresh_database()


def _scan(tmp_path):
    path = write_pdf(tmp_path / "passeport.pdf", pages=1)
    path.write_bytes(path.read_bytes() + b"\n%" + MARKER + b"\n")  # a comment: still a PDF
    return path


def _rows(store: DossierStore) -> list[bytes]:
    with store.database.reading() as conn:
        return [bytes(r[0]) for r in conn.execute("SELECT sealed FROM file_contents")]


def test_a_scan_is_sealed_in_the_base_and_read_back_by_another_desk(tmp_path, url, key):
    scan = _scan(tmp_path)
    with DossierStore(tmp_path / "poste", clock=lambda: NOW, base=url, key=key) as desk:
        dossier = desk.create("renouvellement", applicant_name="A B")
        added = AttachmentStore(desk).attach(dossier, "passeport", scan, max_files=3,
                                             slot_title="Passeport")
        (sealed,) = _rows(desk)
        assert MARKER not in sealed  # the administrator reads sealed bytes only
    with DossierStore(tmp_path / "autre", clock=lambda: NOW, base=url, key=key) as other:
        attachments = AttachmentStore(other)
        (listed,) = attachments.list(dossier)
        assert attachments.read_bytes(listed) == scan.read_bytes()
        attachments.remove(listed.id)
        assert _rows(other) == []  # gone with its last attachment
    assert listed.id == added.id
    for desk_folder in (tmp_path / "poste", tmp_path / "autre"):
        pieces = desk_folder / "pieces"
        assert not pieces.exists() or not any(p.is_file() for p in pieces.rglob("*"))


def test_without_the_structures_key_nothing_is_sent(tmp_path, url):
    with DossierStore(tmp_path / "poste", clock=lambda: NOW, base=url) as desk:
        dossier = desk.create("renouvellement", applicant_name="A B")
        with pytest.raises(NoStructureKey) as caught:
            AttachmentStore(desk).attach(dossier, "passeport", _scan(tmp_path), max_files=3,
                                         slot_title="Passeport")
        assert_french(str(caught.value))
        assert _rows(desk) == [] and AttachmentStore(desk).list(dossier) == []


def test_erasing_a_person_on_the_server_deletes_the_rows_and_the_sealed_files(
        tmp_path, url, key):
    from anef_tui.store import erasure
    from anef_tui.store.journal import verify
    from anef_tui.store.journal.erasure import PERSON_ERASED

    with DossierStore(tmp_path / "poste", clock=lambda: NOW, base=url, key=key) as desk:
        erased = desk.create("renouvellement", applicant_name="Effacée Personne")
        kept = desk.create("renouvellement", applicant_name="Gardée Personne")
        AttachmentStore(desk).attach(erased, "passeport", _scan(tmp_path), max_files=3,
                                     slot_title="Passeport")
        done = erasure.erase_person(desk, erased)
        assert done.dossiers == (erased,) and done.compacted
        conn = desk.db.conn
        assert _rows(desk) == []
        for table in ("dossiers", "answers", "attachments", "blobs", "search_words",
                      "consents", "erasures_pending"):
            where = "id" if table == "dossiers" else "dossier_id"
            if table in ("blobs", "erasures_pending"):
                assert conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0
            else:
                assert conn.execute(f"SELECT count(*) FROM {table} WHERE {where} = ?",
                                    (erased,)).fetchone()[0] == 0, table
        last = conn.execute("SELECT dossier_id, content FROM journal ORDER BY seq DESC"
                            ).fetchone()
        assert last[0] is None and PERSON_ERASED in last[1]
        assert verify(desk.database) == []
        assert [d.id for d in desk.list()] == [kept]


def test_a_bundle_is_neither_made_from_nor_brought_into_a_server_base(tmp_path, url, key):
    """The palette's « Exporter le dossier » / « Importer un dossier » and the commands
    reach these functions: refused in French, nothing written."""
    from anef_tui.bundle import export_dossier, import_bundle, open_bundle
    from anef_tui.bundle.errors import BundleOnServer
    from tests.vault_helpers import CHEAP

    with DossierStore(tmp_path / "bureau", clock=lambda: NOW) as local:
        exported = export_dossier(local.database,
                                  local.create("renouvellement", applicant_name="A B"),
                                  params=CHEAP)
    opened = open_bundle(exported.path, exported.phrase)
    with DossierStore(tmp_path / "poste", clock=lambda: NOW, base=url, key=key) as desk:
        dossier = desk.create("renouvellement", applicant_name="C D")
        with pytest.raises(BundleOnServer) as made:
            export_dossier(desk.database, dossier, params=CHEAP)
        with pytest.raises(BundleOnServer) as brought:
            import_bundle(desk.database, opened)
        assert [s.id for s in desk.list()] == [dossier]
    assert str(made.value) == str(brought.value)
    assert_french(str(made.value))
    assert not (tmp_path / "poste" / "exports").exists()


def test_a_pdf_made_on_a_server_base_is_kept_sealed_there_and_goes_with_its_dossier(
        tmp_path, url, key):
    from anef_tui.store.exports import keep_document
    from anef_tui.store.server_files import kept_document

    data = b"%PDF-1.4\n" + MARKER + b"\n%%EOF\n"
    with DossierStore(tmp_path / "poste", clock=lambda: NOW, base=url, key=key) as desk:
        dossier = desk.create("renouvellement", applicant_name="Awa Traoré")
        opened = keep_document(desk.data_dir, f"recapitulatif-{dossier:04d}-Awa-Traore.pdf",
                               data, key, desk.database)
        assert opened.read_bytes() == data  # the export the user asked for
        assert opened.parent.name == "exports"
        assert not (tmp_path / "poste" / "documents").exists()  # nothing kept on the desk
        with desk.database.reading() as conn:
            (sealed,) = conn.execute("SELECT sealed FROM kept_documents").fetchone()
        assert MARKER not in bytes(sealed)
    with DossierStore(tmp_path / "autre", clock=lambda: NOW, base=url, key=key) as other:
        assert kept_document(other.database, f"recapitulatif-{dossier:04d}.pdf") == data
        other.abandon(dossier)
        with other.database.reading() as conn:
            assert conn.execute("SELECT count(*) FROM kept_documents").fetchone() == (0,)


def test_a_scan_travels_to_the_server_before_the_write_lock(tmp_path, url, key):
    """Found by bench/desks.py: with twenty desks, each 2 MB scan sent inside the base's
    write transaction held every other desk's saves until StoreBusy. The blob and its
    sealed content go first, in statements of their own, no write lock held: another desk
    writes meanwhile; if that fills the slot, the attach is refused under the lock and
    what it sent ahead is taken back."""
    import psycopg

    from anef_tui.store.attachments import AttachmentError

    first, second, third = (_scan(tmp_path / n) for n in ("a", "b", "c")
                            if (tmp_path / n).mkdir() is None)
    second.write_bytes(second.read_bytes() + b"\n% deux\n")
    third.write_bytes(third.read_bytes() + b"\n% trois\n")
    held_while_sending = []
    meanwhile = []
    with DossierStore(tmp_path / "poste", clock=lambda: NOW, base=url, key=key) as desk, \
            DossierStore(tmp_path / "autre", clock=lambda: NOW, base=url, key=key) as other, \
            psycopg.connect(url, autocommit=True) as watcher:
        conn = desk.database.db.conn
        execute = conn.execute

        def watched(sql, params=()):  # the real statement, after a look at the locks
            if sql.startswith("INSERT INTO file_contents"):
                held_while_sending.append(watcher.execute(
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
                    "AND granted").fetchone()[0])
                for dossier_id in meanwhile:  # a colleague fills the slot meanwhile
                    AttachmentStore(other).attach(dossier_id, "passeport", third,
                                                  max_files=1, slot_title="Passeport")
            return execute(sql, params)

        conn.execute = watched
        dossier = desk.create("renouvellement", applicant_name="A B")
        AttachmentStore(desk).attach(dossier, "passeport", first, max_files=1,
                                     slot_title="Passeport")
        assert held_while_sending == [0]
        meanwhile.append(desk.create("renouvellement", applicant_name="C D"))
        with pytest.raises(AttachmentError):  # full, found under the lock
            AttachmentStore(desk).attach(meanwhile[0], "passeport", second, max_files=1,
                                         slot_title="Passeport")
        assert held_while_sending == [0, 0]
        assert len(_rows(desk)) == 2  # the first and the colleague's; the refused went
        (listed,) = AttachmentStore(desk).list(dossier)
        assert AttachmentStore(desk).read_bytes(listed) == first.read_bytes()
        (theirs,) = AttachmentStore(desk).list(meanwhile[0])
        assert AttachmentStore(desk).read_bytes(theirs) == third.read_bytes()
