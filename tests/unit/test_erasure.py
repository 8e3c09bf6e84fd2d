"""Issue 24 item 5: « Effacer cette personne » at the store — every table emptied of the
person (and of the renewal made from their dossier), files shared with another person kept,
files overwritten and removed, PDFs and exports gone, the journal tombstoned, no marker left
in the raw base (plain folder), in the decrypted base (encrypted folder), in any backup
restored by the app's own restore, nor under the data folder or TMPDIR."""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

import pytest

from anef_tui.store import erasure
from anef_tui.store.attachments import AttachmentStore
from anef_tui.store.dossiers import DossierStore
from anef_tui.store.errors import DossierGone
from anef_tui.store.journal import verify
from anef_tui.store.journal.erasure import PERSON_ERASED
from tests.erasure_helpers import NOW, build, dump, raw_scan, restored_dumps
from tests.vault_helpers import make_vault

TABLES_BY_DOSSIER = ("answers", "attachments", "notifications", "deadlines", "search_words",
                     "dossier_states", "consents", "events")


@pytest.fixture
def tmp(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "tmpdir"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def _file_bytes(data_dir: Path, key, dossier: int) -> dict[str, bytes]:
    with DossierStore(data_dir, clock=lambda: NOW, key=key) as store:
        files = AttachmentStore(store)
        return {a.slot_id: files.read_bytes(a) for a in files.list(dossier)}


def _erase(data_dir: Path, key, dossier: int) -> erasure.Erased:
    with DossierStore(data_dir, clock=lambda: NOW, key=key) as store:
        return erasure.erase_person(store, dossier)


def test_preview_counts_what_will_go(tmp_path, tmp):
    desk = build(tmp_path / "d", tmp_path / "src")
    with DossierStore(desk.data_dir, clock=lambda: NOW) as store:
        seen = erasure.preview(store, desk.renewal)
    assert seen.dossiers == (desk.erased, desk.renewal)
    assert seen.files == 2 and seen.notifications == 1 and seen.steps >= 2
    assert seen.backups == 1 and seen.unreadable_backups == 0
    assert seen.names[0] == desk.gone["NOM"]


def test_every_table_is_emptied_and_the_other_person_kept(tmp_path, tmp):
    desk = build(tmp_path / "d", tmp_path / "src")
    before = _file_bytes(desk.data_dir, None, desk.other)
    done = _erase(desk.data_dir, None, desk.erased)
    assert done.dossiers == (desk.erased, desk.renewal)
    assert done.backups == 1 and done.compacted and done.removed_files >= 4
    with DossierStore(desk.data_dir, clock=lambda: NOW) as store:
        conn = store.db.conn
        ids = (desk.erased, desk.renewal)
        assert conn.execute("SELECT count(*) FROM dossiers WHERE id IN (?, ?)", ids
                            ).fetchone()[0] == 0
        for table in TABLES_BY_DOSSIER:
            assert conn.execute(f"SELECT count(*) FROM {table} WHERE dossier_id IN (?, ?)",
                                ids).fetchone()[0] == 0, table
        assert conn.execute("SELECT count(*) FROM complement_answers").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM erasures_pending").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM journal WHERE dossier_id IN (?, ?)", ids
                            ).fetchone()[0] == 0
        last = conn.execute("SELECT dossier_id, content FROM journal ORDER BY seq DESC"
                            ).fetchone()
        assert last[0] is None and PERSON_ERASED in last[1]
        assert verify(store.database) == []
        assert [d.id for d in store.list()] == [desk.other]
        # the file both persons had is kept, the erased person's own file is gone
        blobs = {r[0] for r in conn.execute("SELECT sha256 FROM blobs")}
        assert hashlib.sha256(desk.shared_bytes).hexdigest() in blobs and len(blobs) == 2
        assert conn.execute("PRAGMA freelist_count").fetchone()[0] == 0
    assert _file_bytes(desk.data_dir, None, desk.other) == before
    pieces = [p for p in (desk.data_dir / "pieces").rglob("*") if p.is_file()]
    assert len(pieces) == 2
    with pytest.raises(DossierGone):
        _erase(desk.data_dir, None, desk.erased)


def test_no_marker_left_in_a_plain_folder_raw_bytes_nor_its_backups(tmp_path, tmp):
    desk = build(tmp_path / "d", tmp_path / "src")
    assert set(raw_scan([desk.data_dir], desk.gone)) == set(desk.gone)  # the scan sees
    _erase(desk.data_dir, None, desk.erased)
    assert raw_scan([desk.data_dir, tmp], desk.gone) == {}
    assert set(raw_scan([desk.data_dir], desk.kept)) == set(desk.kept)
    dumps = restored_dumps(desk.data_dir, tmp_path / "essai", None)
    assert len(dumps) == 2  # the day's first (empty base) and the one made after
    for text in dumps:
        assert not [m for m in desk.gone.values() if m in text]
    assert all(m in dumps[0] for m in (desk.kept["AUTRENOM"], desk.kept["AUTREREPONSE"]))


def test_no_marker_left_in_an_encrypted_folder_decrypted(tmp_path, tmp):
    data_dir = tmp_path / "d"
    key = make_vault(data_dir).key
    desk = build(data_dir, tmp_path / "src", key=key)
    base = dump(data_dir / "anef-tui.db", key)
    assert all(m in base for m in (desk.gone["NOM"], desk.gone["REPONSE"], desk.gone["NOTIF"]))
    exports = sorted(p.name for p in (data_dir / "exports").iterdir())
    assert len(exports) == 3
    before = _file_bytes(data_dir, key, desk.other)
    _erase(data_dir, key, desk.erased)
    base = dump(data_dir / "anef-tui.db", key)
    assert not [m for m in desk.gone.values() if m in base]
    assert desk.kept["AUTRENOM"] in base
    assert list((data_dir / "exports").iterdir()) == []
    assert raw_scan([data_dir, tmp], desk.gone) == {}
    dumps = restored_dumps(data_dir, tmp_path / "essai", key)
    for text in dumps:
        assert not [m for m in desk.gone.values() if m in text]
    assert desk.kept["AUTRENOM"] in dumps[0]
    assert _file_bytes(data_dir, key, desk.other) == before


def test_retention_lists_the_persons_past_the_period_by_the_stores_clock(tmp_path, tmp):
    from datetime import datetime

    from anef_tui.domain.status import DossierStatus
    from anef_tui.store.erasure import retention

    moment = [datetime(2024, 1, 10, 9, 0)]
    data = tmp_path / "d"
    with DossierStore(data, clock=lambda: moment[0]) as store:
        decided = store.create("renouvellement", applicant_name="Décidé Ancien")
        with store.transaction() as db:
            db.conn.execute("UPDATE dossiers SET status = ? WHERE id = ?",
                            (DossierStatus.DECISION_FAVORABLE.value, decided))
        draft = store.create("renouvellement", applicant_name="Brouillon Oublié")
        parent = store.create("renouvellement", applicant_name="Parent Renouvelé")
        moment[0] = datetime(2025, 11, 1, 9, 0)
        store.create_renewal_from(parent)  # a renewal under way: the person is kept
        recent = store.create("renouvellement", applicant_name="Récent")
        assert retention.retention_months(data) == retention.DEFAULT_MONTHS == 24
        moment[0] = datetime(2026, 1, 10, 9, 0)
        assert retention.due(store, 24) == []  # exactly 24 months: not yet past
        moment[0] = datetime(2026, 1, 10, 9, 1)
        found = retention.due(store, 24)
        assert [d.dossiers for d in found] == [(decided,), (draft,)]
        assert found[0].names == ("Décidé Ancien",)
        assert [d.dossiers for d in retention.due(store, 2)][-1] == (recent,)
    assert retention.save_retention_months(data, "36 mois") == 36
    assert retention.retention_months(data) == 36
    with pytest.raises(ValueError, match="entre 1 et 120"):
        retention.parse_months("jamais")


def test_the_persons_donnees_pdf_and_bundle_go_with_them(tmp_path, tmp):
    """What issue 24's other items export for the person — « Ce que anef-tui sait de vous »
    (kept in documents/ and exported) and the encrypted bundle handed over — is shredded by
    the erasure; the other person's stay."""
    from datetime import datetime

    from anef_tui.bundle.collect import export_dossier
    from anef_tui.documents.donnees import issue_donnees
    from tests.vault_helpers import CHEAP

    desk = build(tmp_path / "d", tmp_path / "src")
    with DossierStore(desk.data_dir, clock=lambda: NOW) as store:
        theirs = [issue_donnees(store, desk.erased, now=datetime(2026, 11, 22, 10, 30)),
                  export_dossier(store.database, desk.erased, params=CHEAP).path]
        kept = [issue_donnees(store, desk.other, now=datetime(2026, 11, 22, 10, 30)),
                export_dossier(store.database, desk.other, params=CHEAP).path]
    made = list((desk.data_dir / "documents").iterdir())
    assert all(p.exists() for p in theirs + kept) and made
    _erase(desk.data_dir, None, desk.erased)
    assert [p for p in theirs if p.exists()] == []
    assert all(p.exists() for p in kept)
    assert not [p for p in (desk.data_dir / "documents").iterdir()
                if f"-{desk.erased:04d}" in p.name]
