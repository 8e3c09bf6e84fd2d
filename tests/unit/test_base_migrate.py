"""`anef-tui base migrer --vers postgresql://…` (issue 25 item 1): a desk's folder, plain
or encrypted, moved into the structure's base on a real server — compared (answers, files
byte for byte, the journal verified there), resumed after SIGKILL at each stage, refused on
a base that holds other dossiers, the folder untouched, French words only."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from anef_tui import accounts
from anef_tui.cli import main
from anef_tui.store.attachments import AttachmentStore
from anef_tui.store.database import Database
from anef_tui.store.dossiers import DossierStore
from anef_tui.store.journal.actor import COMMAND_LINE
from tests.accounts_helpers import (
    AIDANT,
    AIDANT_INITIAL,
    AIDANT_OWN,
    REFERENT,
    REFERENT_PHRASE,
)
from tests.conftest import fill_demo_folder, fill_encrypted_demo_folder, frozen_clock
from tests.french import assert_french
from tests.vault_helpers import CHEAP, PHRASE

ROOT = Path(__file__).resolve().parents[2]
STOPS = ["lignes", "fichiers", "journal", "avant-validation", "validee"]


def _private(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    path.chmod(0o600)
    return path


class Server:
    """A fresh base on the test server, with a first référent; its structure key."""

    def __init__(self, postgres_server, tmp_path: Path) -> None:
        self.url = postgres_server.fresh_database()
        self.desk = tmp_path / "poste-serveur"
        database = Database(self.desk, base=self.url)
        try:
            session = accounts.create_first_referent(
                database, REFERENT, "Claire Référente", REFERENT_PHRASE,
                front_end=COMMAND_LINE, params=CHEAP)
        finally:
            database.close()
        self.key = session.structure_key
        self.session = session
        self.phrase_file = _private(tmp_path / "phrase-compte", REFERENT_PHRASE)

    def move_args(self, folder: Path) -> list[str]:
        return ["--data-dir", str(folder), "base", "migrer", "--vers", self.url,
                "--compte", REFERENT, "--phrase-compte", str(self.phrase_file)]

    def store(self) -> DossierStore:
        return DossierStore(self.desk, base=self.url, key=self.key)


@pytest.fixture
def server(postgres_server, tmp_path) -> Server:
    return Server(postgres_server, tmp_path)


def _state(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file of the folder with its size and time (read with no connection open)."""
    found = {}
    for root, _, names in os.walk(folder):
        for name in names:
            info = os.stat(Path(root, name))
            found[os.path.relpath(Path(root, name), folder)] = (info.st_size,
                                                                info.st_mtime_ns)
    return found


def _contents(store: DossierStore) -> dict[int, tuple]:
    """Each dossier's summary, answers and files (bytes), as a desk reads them."""
    files = AttachmentStore(store)
    seen = {}
    for summary in store.list(limit=None) if _takes_limit(store) else store.list():
        dossier = store.get(summary.id)
        attached = sorted((a.slot_id, a.original_name, files.read_bytes(a))
                          for a in files.list(summary.id))
        seen[summary.id] = (summary.procedure, summary.applicant_name, dossier.status,
                            json.dumps(dossier.answers, sort_keys=True), attached)
    return seen


def _takes_limit(store: DossierStore) -> bool:
    import inspect

    return "limit" in inspect.signature(store.list).parameters


def _journal(store: DossierStore) -> list[tuple]:
    with store.database.reading() as conn:
        return [tuple(r) for r in conn.execute(
            "SELECT at, dossier_id, content, content_hash FROM journal ORDER BY seq")]


def _plain_folder(path: Path) -> Path:
    fill_demo_folder(path)
    return path


PDF = b"%PDF-1.4 un recapitulatif\n%%EOF\n"


def _kept_pdfs(folder: Path, key=None) -> dict[str, bytes]:
    """PDFs kept in the folder's documents/ as the app keeps them (a dossier's, a
    complément's, and one whose dossier is gone): what the server must hold after."""
    from anef_tui.store.exports import keep_document

    with DossierStore(folder, clock=frozen_clock, key=key) as store, \
            store.database.reading() as conn:
        notification = int(conn.execute("SELECT min(id) FROM notifications").fetchone()[0])
    keep_document(folder, "recapitulatif-0002-BENALI-Zoe.pdf", PDF, key)
    keep_document(folder, f"complement-{notification:04d}-BENALI-Zoe.pdf", PDF + b"c", key)
    keep_document(folder, "confirmation-9999-PARTI-Dossier.pdf", PDF + b"x", key)
    return {"recapitulatif-0002.pdf": PDF, f"complement-{notification:04d}.pdf": PDF + b"c"}


def _server_pdfs(store: DossierStore) -> dict[str, bytes]:
    from anef_tui.store.server_files import kept_document

    with store.database.reading() as conn:
        names = [str(r[0]) for r in conn.execute("SELECT name FROM kept_documents")]
    return {name: kept_document(store.database, name) for name in names}


def test_a_plain_folder_is_moved_verified_and_left_untouched(server, tmp_path, capsys):
    folder = _plain_folder(tmp_path / "donnees")
    pdfs = _kept_pdfs(folder)
    with DossierStore(folder, clock=frozen_clock) as store:
        before = _contents(store)
        journal_before = _journal(store)
    assert any(files for *_, files in before.values())  # the demo has scans
    untouched = _state(folder)
    assert main(server.move_args(folder)) == 0
    said = capsys.readouterr()
    assert "Déplacement terminé et vérifié" in said.out
    assert "n'a pas été modifié" in said.out and "effacez vous-même" in said.out
    assert_french(said.out + said.err)
    assert _state(folder) == untouched
    with server.store() as store:
        assert _contents(store) == before  # ids, answers, files byte for byte
        assert _server_pdfs(store) == pdfs  # the PDFs with their dossiers
        moved = _journal(store)
    assert moved[-len(journal_before) - 1:-1] == journal_before
    assert json.loads(moved[-1][2])["action"] == "folder_moved"
    _journal_verifies_on_the_server(server, capsys, len(moved))
    # The référent reads the move among the base's entries (`comptes journal`).
    assert main(["--data-dir", str(server.desk), "--base", server.url, "--compte",
                 REFERENT, "--phrase-compte", str(server.phrase_file), "comptes",
                 "journal"]) == 0
    assert "Dossier de données d'un poste déplacé dans cette base" in capsys.readouterr().out


def _journal_verifies_on_the_server(server: Server, capsys, entries: int) -> None:
    """`anef-tui journal --verifier` on the server's base, as a desk runs it."""
    capsys.readouterr()
    assert main(["--data-dir", str(server.desk), "--base", server.url, "--compte",
                 REFERENT, "--phrase-compte", str(server.phrase_file), "journal",
                 "--verifier"]) == 0
    assert f"Journal intact : {entries}" in capsys.readouterr().out


def test_an_erased_persons_tombstones_chain_on_the_server_and_ids_are_not_given_again(
        server, tmp_path, capsys):
    from anef_tui.store.erasure import erase_person

    folder = _plain_folder(tmp_path / "donnees")
    with DossierStore(folder, clock=frozen_clock) as store:
        store.database.actor = store.database.actor.__class__("Claire", COMMAND_LINE)
        ids = sorted(s.id for s in store.list())
        erase_person(store, ids[-1])
        before = _contents(store)
        journal_before = _journal(store)
    assert any(e[2] is None for e in journal_before)  # tombstones to carry over
    assert main(server.move_args(folder)) == 0
    with server.store() as store:
        assert _contents(store) == before
        moved = _journal(store)
        store.database.actor = store.database.actor.__class__(REFERENT, COMMAND_LINE)
        new_id = store.create("renouvellement", applicant_name="NOUVEAU Serveur")
        now = len(_journal(store))
    assert moved[-len(journal_before) - 1:-1] == journal_before
    assert new_id > ids[-1]  # the erased person's number is not given again
    _journal_verifies_on_the_server(server, capsys, now)


def test_an_encrypted_folder_is_moved_with_its_phrase(server, tmp_path, capsys,
                                                      monkeypatch):
    folder = tmp_path / "chiffre"
    key = fill_encrypted_demo_folder(folder)
    pdfs = _kept_pdfs(folder, key)
    with DossierStore(folder, clock=frozen_clock, key=key) as store:
        before = _contents(store)
    monkeypatch.setenv("ANEF_TUI_PHRASE_FILE", str(_private(tmp_path / "phrase", PHRASE)))
    assert main(server.move_args(folder)) == 0
    assert_french(capsys.readouterr().err)
    with server.store() as store:
        assert _contents(store) == before
        assert _server_pdfs(store) == pdfs
    # Sealed on the server with the structure's key, not the folder's: none in plain.
    with server.store() as store, store.database.reading() as conn:
        for (sealed,) in conn.execute("SELECT sealed FROM file_contents"):
            assert not bytes(sealed).startswith((b"%PDF", b"\xff\xd8", b"\x89PNG"))


def test_run_again_after_the_move_it_checks_and_doubles_nothing(server, tmp_path, capsys):
    folder = _plain_folder(tmp_path / "donnees")
    assert main(server.move_args(folder)) == 0
    with server.store() as store:
        counts = _counts(store)
    capsys.readouterr()
    assert main(server.move_args(folder)) == 0
    assert "déjà été déplacé" in capsys.readouterr().out
    with server.store() as store:
        assert _counts(store) == counts


def _counts(store: DossierStore) -> dict[str, int]:
    with store.database.reading() as conn:
        return {t: int(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0])
                for t in ("dossiers", "answers", "attachments", "blobs", "file_contents",
                          "notifications", "events", "journal", "consents", "search_words")}


def test_refused_on_a_base_that_holds_other_dossiers(server, tmp_path, capsys):
    with server.store() as store:
        store.database.actor = store.database.actor.__class__(REFERENT, COMMAND_LINE)
        store.create("renouvellement", applicant_name="AUTRE Poste")
        counts = _counts(store)
    folder = _plain_folder(tmp_path / "donnees")
    assert main(server.move_args(folder)) == 1
    said = capsys.readouterr().err
    assert "rien n'a été envoyé" in said
    assert_french(said)
    with server.store() as store:
        assert _counts(store) == counts


def test_a_second_folder_after_a_first_is_refused(server, tmp_path, capsys):
    first = _plain_folder(tmp_path / "premier")
    assert main(server.move_args(first)) == 0
    second = _plain_folder(tmp_path / "second")
    with DossierStore(second, clock=frozen_clock) as store:  # another desk's data
        store.create("renouvellement", applicant_name="SECOND Poste")
    capsys.readouterr()
    assert main(server.move_args(second)) == 1
    said = capsys.readouterr().err
    assert "ne viennent pas de ce dossier" in said
    assert_french(said)


def test_without_a_referent_account_on_the_server_it_says_what_to_do(postgres_server,
                                                                       tmp_path, capsys):
    url = postgres_server.fresh_database()
    folder = _plain_folder(tmp_path / "donnees")
    assert main(["--data-dir", str(folder), "base", "migrer", "--vers", url]) == 1
    said = capsys.readouterr().err
    assert "base initialiser" in said
    assert_french(said)


def test_with_base_given_too_it_is_a_usage_error(server, tmp_path, capsys):
    folder = _plain_folder(tmp_path / "donnees")
    assert main(["--base", server.url, *server.move_args(folder)]) == 2
    assert_french(capsys.readouterr().err)


_KILLED = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path
    from anef_tui.cli import main
    from anef_tui.cli import base_migrate
    stop = sys.argv[1]
    def checkpoint(name):
        if name == stop:
            os.kill(os.getpid(), signal.SIGKILL)
    real = base_migrate.cmd_move
    base_migrate.cmd_move = lambda d, a, **k: real(d, a, checkpoint=checkpoint)
    sys.exit(main(sys.argv[2:]))
""")


@pytest.mark.parametrize("stop", STOPS)
def test_killed_at_each_stage_run_again_it_finishes_without_doubling(server, tmp_path,
                                                                     stop, capsys):
    folder = _plain_folder(tmp_path / "donnees")
    with DossierStore(folder, clock=frozen_clock) as store:
        before = _contents(store)
    killed = subprocess.run([sys.executable, "-c", _KILLED, stop, *server.move_args(folder)],
                            capture_output=True, text=True, cwd=ROOT)
    assert killed.returncode == -signal.SIGKILL, killed.stderr[-2000:]
    with server.store() as store:
        dossiers = _counts(store)["dossiers"]
    assert dossiers == (len(before) if stop == "validee" else 0)  # all or nothing
    assert main(server.move_args(folder)) == 0
    out = capsys.readouterr().out
    assert ("déjà été déplacé" in out) == (stop == "validee")
    with server.store() as store:
        assert _contents(store) == before
        journal = _journal(store)
    moves = [e for e in journal if e[2] and json.loads(e[2])["action"] == "folder_moved"]
    assert len(moves) == 1


def test_an_aidant_may_not_move_a_folder(server, tmp_path, capsys):
    database = Database(server.desk, base=server.url)
    try:
        accounts.add_worker(database, server.session, AIDANT, "Marc Aidant", "aidant",
                            AIDANT_INITIAL, params=CHEAP)
        own = accounts.login(database, AIDANT, AIDANT_INITIAL, front_end=COMMAND_LINE)
        accounts.change_own_passphrase(database, own, AIDANT_OWN, params=CHEAP)
    finally:
        database.close()
    folder = _plain_folder(tmp_path / "donnees")
    args = server.move_args(folder)
    args[args.index(REFERENT)] = AIDANT
    args[-1] = str(_private(tmp_path / "phrase-aidant", AIDANT_OWN))
    assert main(args) == 1
    said = capsys.readouterr().err
    assert "Seul un référent" in said
    assert_french(said)
    with server.store() as store:
        assert _counts(store)["dossiers"] == 0


def test_an_unreachable_server_is_said_in_french(tmp_path, capsys):
    folder = _plain_folder(tmp_path / "donnees")
    url = f"postgresql://anef@/base?host={tmp_path / 'pas-de-serveur'}"
    assert main(["--data-dir", str(folder), "base", "migrer", "--vers", url]) == 1
    said = capsys.readouterr().err
    assert "ne répond pas" in said
    assert_french(said)


def test_a_folder_without_a_base_is_refused(server, tmp_path, capsys):
    assert main(server.move_args(tmp_path / "vide")) == 1
    said = capsys.readouterr().err
    assert "pas de base à déplacer" in said
    assert_french(said)


@pytest.mark.parametrize("args", [["base", "migrer", "--help"], ["base", "migrer"]])
def test_help_and_a_missing_server_are_french(args, capsys):
    with pytest.raises(SystemExit) as stop:
        main(args)
    out, err = capsys.readouterr()
    assert_french(out + err)
    assert "utilisation : anef-tui base migrer" in out + err
    if stop.value.code:
        assert stop.value.code == 2 and "--vers" in err
    else:
        assert "effacez-le" in out


def test_a_damaged_file_in_the_folder_stops_the_move_before_anything_is_sent(
        server, tmp_path, capsys):
    folder = _plain_folder(tmp_path / "donnees")
    piece = next(p for p in sorted((folder / "pieces").rglob("*")) if p.is_file())
    piece.write_bytes(piece.read_bytes()[:-10] + b"0123456789")
    assert main(server.move_args(folder)) == 1
    said = capsys.readouterr().err
    assert "endommagé" in said and "rien n'a été envoyé" in said
    assert_french(said)
    with server.store() as store:
        counts = _counts(store)
    assert counts["dossiers"] == counts["file_contents"] == 0


def test_refused_while_anef_tui_has_the_folder_open(server, tmp_path, capsys):
    folder = _plain_folder(tmp_path / "donnees")
    with DossierStore(folder, clock=frozen_clock):  # a window open on this desk
        assert main(server.move_args(folder)) == 1
    said = capsys.readouterr().err
    assert "fermez-le" in said
    assert_french(said)
    with server.store() as store:
        assert _counts(store)["dossiers"] == 0
    assert main(server.move_args(folder)) == 0  # once closed


def test_a_folder_without_any_dossier_is_not_recorded_as_moved(server, tmp_path, capsys):
    empty = tmp_path / "vide"
    DossierStore(empty).close()
    assert main(server.move_args(empty)) == 1
    said = capsys.readouterr().err
    assert "rien à déplacer" in said
    assert_french(said)
    assert main(server.move_args(_plain_folder(tmp_path / "donnees"))) == 0  # still free


def _folder_with_accounts(path: Path) -> Path:
    from tests.accounts_helpers import with_referent

    folder = _plain_folder(path)
    with_referent(folder, aidant=False)  # « claire », as on the server
    return folder


def test_a_folder_with_its_own_accounts_is_moved_after_its_login(server, tmp_path, capsys):
    folder = _folder_with_accounts(tmp_path / "donnees")
    with DossierStore(folder, clock=frozen_clock) as store:
        before = _contents(store)
        journal_before = _journal(store)
    untouched = _state(folder)
    assert main(server.move_args(folder)) == 0  # the same name and phrase on both
    assert_french(capsys.readouterr().err)
    assert _state(folder) == untouched
    with server.store() as store:
        assert _contents(store) == before
        assert _journal(store)[-len(journal_before) - 1:-1] == journal_before
        with store.database.reading() as conn:  # the server keeps its own accounts
            assert conn.execute("SELECT count(*) FROM workers").fetchone()[0] == 1


def test_a_wrong_phrase_for_the_folders_account_sends_nothing_and_writes_nothing(
        server, tmp_path, capsys):
    folder = _folder_with_accounts(tmp_path / "donnees")
    untouched = _state(folder)
    wrong = _private(tmp_path / "autre-phrase", "une autre phrase bien longue")
    assert main([*server.move_args(folder), "--phrase-compte-dossier", str(wrong)]) == 1
    said = capsys.readouterr().err
    assert_french(said)
    assert _state(folder) == untouched  # no refusal counted in the folder
    with server.store() as store:
        assert _counts(store)["dossiers"] == 0
    capsys.readouterr()
    assert main([*server.move_args(folder), "--compte-dossier", "personne"]) == 1
    assert_french(capsys.readouterr().err)
