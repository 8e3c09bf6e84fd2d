"""The store under faults: a busy base, two windows on one dossier, a damaged or foreign
file, a full disk, backups and their restoration, leftovers, privacy whatever the umask."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
import textwrap
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from anef_tui.documents.recapitulatif import recapitulatif_pdf
from anef_tui.domain.catalogue import load_procedure
from anef_tui.domain.status import DossierStatus
from anef_tui.paths import ATTACHMENTS_DIR, DB_NAME
from anef_tui.preferences import save_preference
from anef_tui.store import db as db_module
from anef_tui.store import driver
from anef_tui.store.attachments import TEMP_PREFIX, AttachmentStore
from anef_tui.store.backups import (
    KEEP_DAILY,
    count_dossiers,
    list_backups,
    restore_backup,
)
from anef_tui.store.db import (
    SCHEMA_VERSION,
    ConflictError,
    DamagedDatabase,
    DiskFull,
    DossierGone,
    StoreBusy,
    StoreError,
    migrate,
    translate_error,
)
from anef_tui.store.dossiers import FILED_MESSAGE, DossierStore, NotEditable, NotFound
from tests.store_helpers import mark_filed
from tests.unit.test_attachments import write_pdf
from tests.unit.test_documents import pdf_text, renewal

NOW = datetime(2026, 11, 22, 10, 30, 0)
ROOT = Path(__file__).resolve().parents[2]


class Clock:
    def __init__(self, start: datetime = NOW) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


def mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "donnees"


@pytest.fixture
def store(data: Path):
    s = DossierStore(data, clock=Clock())
    yield s
    s.close()


# --- errors ------------------------------------------------------------------------------------


def test_error_classes_are_store_errors_with_french_messages():
    for cls in (StoreBusy, ConflictError, DossierGone, DiskFull):
        assert issubclass(cls, StoreError)
        assert "\n" not in str(cls())
    assert str(ConflictError()).startswith("Ce dossier a été modifié dans une autre fenêtre")
    assert "Réessayez dans un instant" in str(StoreBusy())
    assert "libérez de la place puis réessayez" in str(DiskFull("/x")).lower()
    assert NotFound is DossierGone
    assert "anef-tui sauvegardes --restaurer NOM" in str(DamagedDatabase("/x/anef-tui.db"))


@pytest.mark.parametrize(
    ("exc", "cls"),
    [
        (driver.OperationalError("database is locked"), StoreBusy),
        (driver.OperationalError("database or disk is full"), DiskFull),
        (driver.DatabaseError("database disk image is malformed"), DamagedDatabase),
        (driver.DatabaseError("file is not a database"), DamagedDatabase),
        (OSError(errno.ENOSPC, "No space left on device"), DiskFull),
    ],
)
def test_translate_error_maps_faults_to_their_class(exc, cls):
    assert type(translate_error(exc, "/d/anef-tui.db")) is cls


def test_disk_i_o_error_says_what_to_check():
    error = translate_error(driver.OperationalError("disk I/O error"), "/d/anef-tui.db")
    assert type(error) is StoreError
    assert "plein" in str(error)


def test_a_full_disk_while_saving_is_reported_and_nothing_is_half_written(store):
    dossier = store.create("renouvellement", applicant_name="Awa")
    store.save_step(dossier, "motif_sejour", {"a": "b"}, next_step=None)
    before = store.get(dossier)
    pages = store.db.conn.execute("PRAGMA page_count").fetchone()[0]
    store.db.conn.execute(f"PRAGMA max_page_count = {pages}")  # SQLITE_FULL from now on
    with pytest.raises(DiskFull, match="Le disque est plein"):
        store.save_draft(dossier, "motif_sejour", {"a": "x" * 200_000})
    store.db.conn.execute("PRAGMA max_page_count = 1073741823")
    assert store.get(dossier) == before


def test_enospc_while_copying_an_attachment_is_disk_full(store, tmp_path, monkeypatch):
    dossier = store.create("renouvellement")
    source = write_pdf(tmp_path / "passeport.pdf")
    real_fsync = os.fsync

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(DiskFull):
        AttachmentStore(store).attach(
            dossier, "passeport", source, max_files=3, slot_title="Passeport"
        )
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert AttachmentStore(store).list(dossier) == []
    assert not [p for p in (store.data_dir / ATTACHMENTS_DIR).rglob("*") if p.is_file()]


# --- busy --------------------------------------------------------------------------------------

HOLDER = textwrap.dedent(
    """
    import sqlite3, sys
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    print("pret", flush=True)
    sys.stdin.readline()
    conn.execute("ROLLBACK")
    """
)


def test_a_base_locked_by_another_process_is_retried_then_reported(store):
    dossier = store.create("renouvellement", applicant_name="Awa")
    version = store.version(dossier)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(store.path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "pret"
        with pytest.raises(StoreBusy, match="Réessayez dans un instant"):
            store.save_draft(dossier, "motif_sejour", {"a": "b"})
        assert store.get(dossier).drafts == {}  # reads still work, nothing written
    finally:
        holder.communicate("fin\n", timeout=10)
    assert store.save_draft(dossier, "motif_sejour", {"a": "b"}) > version  # « Réessayer »
    assert store.get(dossier).drafts == {"motif_sejour": {"a": "b"}}


# --- two windows -------------------------------------------------------------------------------


def test_every_write_to_a_dossier_raises_its_version(store, tmp_path):
    dossier = store.create("renouvellement")
    seen = [store.version(dossier)]

    def bumped() -> None:
        seen.append(store.version(dossier))
        assert seen[-1] > seen[-2]

    assert store.save_draft(dossier, "s", {"a": 1}) == store.version(dossier)
    bumped()
    store.save_step(dossier, "s", {"a": 2}, next_step=None)
    bumped()
    store.save_profile(dossier, "titre_actuel", {"nom": "X"}, applicant_name="X")
    bumped()
    store.set_deadline(dossier, "2026-12-01", "Échéance")
    bumped()
    attached = AttachmentStore(store).attach(
        dossier, "passeport", write_pdf(tmp_path / "p.pdf"), max_files=3, slot_title="Passeport"
    )
    bumped()
    AttachmentStore(store).remove(attached.id)
    bumped()
    assert store.get(dossier).version == seen[-1]


def test_a_stale_save_is_refused_and_the_user_chooses(data, store_base):
    # Two windows, or two desks of one structure on a server (fixture `engine`).
    with DossierStore(data, clock=Clock(), base=store_base) as first, \
            DossierStore(data, clock=Clock(), base=store_base) as second:
        dossier = first.create("renouvellement")
        old = first.get(dossier).version  # window 1 opens the step
        newer = second.save_step(
            dossier, "motif_sejour", {"motif": "fenetre 2"}, next_step=None,
            expected_version=second.get(dossier).version,
        )
        with pytest.raises(ConflictError) as info:
            first.save_step(
                dossier, "motif_sejour", {"motif": "fenetre 1"}, next_step=None,
                expected_version=old,
            )
        assert info.value.current_version == newer
        assert first.get(dossier).answers["motif_sejour"] == {"motif": "fenetre 2"}
        # A draft with the stale version does not overwrite silently either.
        with pytest.raises(ConflictError):
            first.save_draft(dossier, "motif_sejour", {"motif": "fenetre 1"}, expected_version=old)
        assert first.get(dossier).drafts == {}
        # « Reprendre la version enregistrée »: get() gives it, with its version.
        reloaded = first.get(dossier)
        assert reloaded.version == newer
        # « Garder ma saisie »: saved without expected_version (or with the new one).
        kept = first.save_step(
            dossier, "motif_sejour", {"motif": "fenetre 1"}, next_step=None,
            expected_version=reloaded.version,
        )
        assert kept > newer
        assert second.get(dossier).answers["motif_sejour"] == {"motif": "fenetre 1"}
        first.save_step(dossier, "motif_sejour", {"motif": "force"}, next_step=None)
        assert second.get(dossier).answers["motif_sejour"] == {"motif": "force"}


def test_a_dossier_abandoned_in_another_window_is_reported(data, store_base):
    # Two windows, or two desks of one structure on a server (fixture `engine`).
    with DossierStore(data, clock=Clock(), base=store_base) as first, \
            DossierStore(data, clock=Clock(), base=store_base) as second:
        dossier = first.create("renouvellement")
        version = first.version(dossier)
        second.abandon(dossier)
        for write in (
            lambda: first.save_step(dossier, "s", {}, next_step=None, expected_version=version),
            lambda: first.save_draft(dossier, "s", {"a": 1}),
            lambda: first.save_profile(dossier, "titre_actuel", {}, applicant_name=None),
            lambda: first.set_status(dossier, DossierStatus.DEPOSEE),
            lambda: first.abandon(dossier),
            lambda: first.get(dossier),
            lambda: first.version(dossier),
        ):
            with pytest.raises(DossierGone, match="abandonné dans une autre fenêtre"):
                write()


def test_a_dossier_filed_in_another_window_is_read_only_with_a_way_out(data, store_base):
    # Two windows, or two desks of one structure on a server (fixture `engine`).
    with DossierStore(data, clock=Clock(), base=store_base) as first, \
            DossierStore(data, clock=Clock(), base=store_base) as second:
        dossier = first.create("renouvellement")
        version = first.version(dossier)
        mark_filed(second, dossier, numero_demande="5901202310040000310", filed_at="2023-10-04T10:00:00")
        with pytest.raises(NotEditable) as info:
            first.save_draft(dossier, "s", {"a": 1}, expected_version=version)
        assert str(info.value) == FILED_MESSAGE
        assert "Mes dossiers" in FILED_MESSAGE


# --- damaged, foreign, empty, symlinked --------------------------------------------------------


def _filled(data: Path) -> Path:
    with DossierStore(data, clock=Clock()) as s:
        for i in range(60):
            s.create("renouvellement", applicant_name=f"Personne {i}",
                     answers={"x": {"y": "z" * 400}})
    return data / DB_NAME


def test_a_damaged_page_is_found_at_start_and_nothing_is_written(data):
    db_file = _filled(data)
    content = bytearray(db_file.read_bytes())
    page_size = int.from_bytes(content[16:18], "big")
    assert len(content) >= 6 * page_size
    content[2 * page_size:3 * page_size] = bytes([0xA5]) * page_size  # page 3
    db_file.write_bytes(bytes(content))
    with pytest.raises(DamagedDatabase, match="illisible ou corrompue"):
        DossierStore(data)
    assert db_file.read_bytes() == bytes(content)


@pytest.mark.parametrize("content", [b"", b"Ceci est une lettre, pas une base.\n" * 100])
def test_an_empty_or_foreign_file_is_never_taken_for_a_new_base(data, content):
    data.mkdir(parents=True)
    db_file = data / DB_NAME
    db_file.write_bytes(content)
    with pytest.raises(DamagedDatabase) as info:
        DossierStore(data)
    assert str(db_file) in str(info.value)
    assert db_file.read_bytes() == content
    assert not Path(f"{db_file}-wal").exists()


def test_only_a_missing_file_makes_a_new_base_and_no_leftover(data):
    with DossierStore(data) as s:
        assert s.list() == []
    names = {p.name for p in data.iterdir()}
    assert not [n for n in names if n.startswith(db_module.NEW_BASE_PREFIX)]


def test_a_symlinked_base_is_refused_and_never_chmod_ed(data, tmp_path):
    target = _filled(tmp_path / "ailleurs")
    os.chmod(target, 0o644)
    data.mkdir()
    (data / DB_NAME).symlink_to(target)
    with pytest.raises(StoreError, match="lien symbolique"):
        DossierStore(data)
    assert mode(target) == 0o644


def test_secure_delete_is_on(store):
    assert store.db.conn.execute("PRAGMA secure_delete").fetchone()[0] == 1


# --- backups -----------------------------------------------------------------------------------


def test_a_base_is_backed_up_before_a_migration(data):
    data.mkdir()
    conn = driver.connect(data / DB_NAME, isolation_level=None)
    migrate(db_module.Db(conn), target=SCHEMA_VERSION - 1)
    conn.execute(
        "INSERT INTO dossiers (procedure, created_at, updated_at) "
        "VALUES ('renouvellement', 'x', 'x')"
    )
    conn.close()
    with DossierStore(data, clock=Clock()) as s:
        assert s.get(1).version == 0
    before = [b for b in list_backups(data) if b.reason.startswith("avant-migration")]
    assert [b.reason for b in before] == [f"avant-migration-{SCHEMA_VERSION}"]
    assert count_dossiers(before[0].path) == 1
    assert mode(before[0].path) == 0o600
    assert mode(data / "sauvegardes") == 0o700
    probe = driver.connect(before[0].path)
    assert probe.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION - 1
    probe.close()


def test_one_backup_a_day_and_only_the_newest_kept(data):
    clock = Clock()
    for day in range(KEEP_DAILY + 3):
        for hour in (0, 5):  # a second start the same day makes no new backup
            clock.now = NOW + timedelta(days=day, hours=hour)
            DossierStore(data, clock=clock).close()
    daily = [b for b in list_backups(data) if b.reason == ""]
    assert len(daily) == KEEP_DAILY
    assert daily[0].taken_at == NOW + timedelta(days=KEEP_DAILY + 2)


def test_restore_keeps_the_current_base_and_is_refused_while_the_app_is_open(data):
    clock = Clock()
    with DossierStore(data, clock=clock) as s:
        s.create("renouvellement", applicant_name="Avant")
    clock.now += timedelta(days=1)
    with DossierStore(data, clock=clock) as s:  # today's backup holds « Avant »
        s.create("renouvellement", applicant_name="Apres")
        name = list_backups(data)[0].name
        with pytest.raises(StoreBusy, match="fermez toutes ses fenêtres"):
            restore_backup(data, name, now=clock.now)
    with pytest.raises(StoreError, match="Aucune sauvegarde ne s'appelle"):
        restore_backup(data, "../" + DB_NAME)
    done = restore_backup(data, name, now=clock.now + timedelta(minutes=1))
    with DossierStore(data, clock=clock) as s:
        assert [d.applicant_name for d in s.list()] == ["Avant"]
    assert done.previous is not None and count_dossiers(done.previous) == 2


def test_a_damaged_base_can_be_replaced_by_a_backup_and_is_kept_aside(data):
    clock = Clock()
    with DossierStore(data, clock=clock) as s:
        s.create("renouvellement", applicant_name="Awa")
    name = list_backups(data)[0].name
    db_file = data / DB_NAME
    db_file.write_bytes(b"abime" * 1000)
    with pytest.raises(DamagedDatabase):
        DossierStore(data, clock=clock)
    done = restore_backup(data, name, now=clock.now + timedelta(minutes=1))
    assert done.previous.read_bytes() == b"abime" * 1000
    assert "endommagee" in done.previous.name
    with DossierStore(data, clock=clock) as s:
        assert s.count() == 0  # the backup was taken at start, before « Awa »


def test_cli_lists_and_restores_backups(data, capsys):
    from anef_tui.cli import main

    with DossierStore(data, clock=Clock()) as s:
        s.create("renouvellement")
    assert main(["--data-dir", str(data), "sauvegardes"]) == 0
    out = capsys.readouterr().out
    name = list_backups(data)[0].name
    assert name in out and "0 dossier(s)" in out and "quotidienne" in out
    assert main(["--data-dir", str(data), "sauvegardes", "--restaurer", name]) == 0
    assert "restaurée" in capsys.readouterr().out
    assert main(["--data-dir", str(data), "sauvegardes", "--restaurer", "nope.db"]) == 1
    assert "Aucune sauvegarde" in capsys.readouterr().err


# --- leftovers and privacy ---------------------------------------------------------------------


def test_orphan_temporary_copies_are_removed_at_start_but_not_one_in_use(data):
    import fcntl

    DossierStore(data).close()
    pieces = data / ATTACHMENTS_DIR
    orphan = pieces / f"{TEMP_PREFIX}tue-pendant-la-copie"
    orphan.write_bytes(b"copie interrompue")
    busy = pieces / f"{TEMP_PREFIX}en-cours"
    fd = os.open(busy, os.O_WRONLY | os.O_CREAT, 0o600)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        DossierStore(data).close()
        assert not orphan.exists()
        assert busy.exists()
    finally:
        os.close(fd)


def test_abandon_deletes_the_dossier_pdfs_and_only_them(store):
    keep = store.create("renouvellement", applicant_name="Garde")
    gone = store.create("renouvellement", applicant_name="Part")
    documents = store.data_dir / "documents"
    documents.mkdir()
    mine = [
        f"recapitulatif-{gone:04d}-Part.pdf", f"liste-{gone:04d}.pdf",
        f"confirmation-{gone:04d}-Part.tmp",
    ]
    others = [f"recapitulatif-{keep:04d}-Garde.pdf", f"liste-{gone}0.pdf", "notes.pdf"]
    for name in mine + others:
        (documents / name).write_bytes(b"%PDF")
    store.abandon(gone)
    assert sorted(p.name for p in documents.iterdir()) == sorted(others)


def test_a_missing_stored_copy_is_shown_missing_in_the_recapitulatif(store, tmp_path):
    record = renewal(store, filed=False)
    attachments = AttachmentStore(store)
    attached = attachments.attach(
        record.id, "passeport", write_pdf(tmp_path / "passeport.pdf"), max_files=3,
        slot_title="Passeport",
    )
    assert attached.missing is False
    os.unlink(attached.stored_path)
    listed = attachments.list(record.id)
    assert [a.missing for a in listed] == [True]
    text = pdf_text(
        recapitulatif_pdf(load_procedure("renouvellement"), store.get(record.id), listed,
                          prepared_on=date(2026, 11, 22))
    )
    assert "passeport.pdf" in text and "(fichier manquant)" in text


UMASK_SCRIPT = textwrap.dedent(
    """
    import os, sys
    from datetime import datetime
    os.umask(0)
    data = sys.argv[1]
    from anef_tui.cli import main
    assert main(["--data-dir", data, "demo"]) == 0
    assert main(["--data-dir", data, "pdf", "1", "--kind", "liste"]) == 0
    from pathlib import Path
    from anef_tui.preferences import save_preference
    save_preference(Path(data), "last_folder", "/tmp")
    """
)


def test_everything_created_is_owner_only_under_umask_000(tmp_path):
    data = tmp_path / "parent" / "donnees"
    subprocess.run(
        [sys.executable, "-c", UMASK_SCRIPT, str(data)], check=True, cwd=ROOT,
        capture_output=True,
    )
    assert mode(tmp_path / "parent") == 0o700
    seen = set()
    for path in [data, *data.rglob("*")]:
        seen.add(path.name)
        expected = 0o700 if path.is_dir() else 0o600
        assert mode(path) == expected, path
    assert {"pieces", "documents", "sauvegardes", DB_NAME, "preferences.json"} <= seen


def test_store_and_preferences_are_owner_only_even_in_process_under_umask_000(data):
    previous = os.umask(0)
    try:
        with DossierStore(data, clock=Clock()) as s:
            s.create("renouvellement")
            save_preference(data, "last_folder", "/tmp")
            modes = {path: (mode(path), path.is_dir()) for path in [data, *data.rglob("*")]}
    finally:
        os.umask(previous)
    assert {p.name for p in modes} >= {DB_NAME, f"{DB_NAME}-wal", "sauvegardes", "pieces"}
    for path, (found, is_dir) in modes.items():
        assert found == (0o700 if is_dir else 0o600), path


def test_a_large_base_is_checked_in_a_thread_and_nothing_is_written_before(data, monkeypatch):
    """Issue 14: above DEFERRED_CHECK_BYTES an up-to-date base opens at once and is checked in
    a thread; a damaged one then refuses every write (DamagedDatabase), and its bytes stay."""
    import anef_tui.store.db as db_module

    db_file = _filled(data)
    content = bytearray(db_file.read_bytes())
    page_size = int.from_bytes(content[16:18], "big")
    content[2 * page_size:3 * page_size] = bytes([0xA5]) * page_size  # page 3
    db_file.write_bytes(bytes(content))
    monkeypatch.setattr(db_module, "DEFERRED_CHECK_BYTES", 0)
    store = DossierStore(data)  # opens: the check runs aside
    with pytest.raises(DamagedDatabase, match="illisible ou corrompue"):
        store.create("renouvellement", applicant_name="NOUVEAU Dossier")
    with pytest.raises(DamagedDatabase):  # and again: never written
        store.database.wait_for_check()
    store.close()
    assert db_file.read_bytes() == bytes(content)


def test_a_large_sound_base_checked_in_a_thread_takes_writes(data, monkeypatch):
    import anef_tui.store.db as db_module

    _filled(data)
    monkeypatch.setattr(db_module, "DEFERRED_CHECK_BYTES", 0)
    with DossierStore(data) as store:
        dossier_id = store.create("renouvellement", applicant_name="NOUVEAU Dossier")
        assert store.get(dossier_id).summary.applicant_name == "NOUVEAU Dossier"


def test_the_change_stamp_tells_own_writes_from_the_others_and_ignores_reads(data, store_base):
    """What « Mes dossiers » compares (and the desks' feed): reading changes nothing; this
    window's write moves the first number only; another window's (another desk's) commit
    moves the second only — on both engines."""
    with DossierStore(data, clock=Clock(), base=store_base) as first, \
            DossierStore(data, clock=Clock(), base=store_base) as second:
        before = first.database.change_stamp()
        first.list()
        first.count("dup")
        assert first.database.change_stamp() == before
        dossier = first.create("renouvellement", applicant_name="A B")
        own = first.database.change_stamp()
        assert own[0] > before[0] and own[1] == before[1]
        second.save_draft(dossier, "identite", {"nom": "X"})
        other = first.database.change_stamp()
        assert other[0] == own[0] and other[1] != own[1]
