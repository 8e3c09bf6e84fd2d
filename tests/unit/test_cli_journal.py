"""`anef-tui journal N [--verifier]` as a user types it (the real command, in a process of
its own), and the worker's name on the command line (issue 24)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from anef_tui.store.dossiers import DossierStore
from tests.cheap_kdf import CHEAP_CLI
from tests.french import assert_french
from tests.vault_helpers import plain_folder

ROOT = Path(__file__).resolve().parents[2]


def anef_tui(data: Path, *args: str, env: dict | None = None,
             stdin: int | None = None) -> subprocess.CompletedProcess:
    """The real command (no worker's name unless `env` gives one); `stdin=DEVNULL`: its
    input not a terminal, as from a script or a pipe. argon2id at its cheapest
    (tests/cheap_kdf.py): the derivations' cost is not what these tests check."""
    command = [sys.executable, CHEAP_CLI]
    environment = {k: v for k, v in os.environ.items() if k != "ANEF_TUI_AIDANT"}
    environment.update(env or {})
    return subprocess.run([*command, "--data-dir", str(data), *args], capture_output=True,
                          stdin=stdin, text=True, timeout=60, cwd=ROOT, env=environment)


def folder(tmp_path: Path) -> Path:
    data = plain_folder(tmp_path / "donnees")
    with DossierStore(data) as store:
        for name in ("UN", "DEUX"):
            dossier_id = store.create("renouvellement", applicant_name=name)
            store.save_step(dossier_id, "etat_civil", {"x": 1}, next_step=None)
    return data


def test_an_intact_journal_is_said_so(tmp_path):
    data = folder(tmp_path)
    done = anef_tui(data, "journal", "1", "--verifier")
    assert done.returncode == 0, done.stderr
    assert "Dossier créé" in done.stdout and "Étape enregistrée" in done.stdout
    assert done.stdout.splitlines()[-1] == "Journal intact : 6 entrées vérifiées."  # 2 × (créé, consentement, étape)


def test_a_tampered_journal_is_caught(tmp_path):
    data = folder(tmp_path)
    with DossierStore(data) as store:  # as an adversary holding the key would
        conn = store.database.db.conn
        conn.execute("DROP TRIGGER journal_no_delete")
        conn.execute("DELETE FROM journal WHERE seq = 2")
    done = anef_tui(data, "journal", "--verifier")
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert lines[0] == "Journal altéré : 1 problème(s) sur 5 entrées lues."
    assert lines[1] == ("- Entrée n° 3 : l'entrée n° 2 manque (retirée du journal).")
    for line in lines:
        assert_french(line)


def test_help_is_french():
    done = anef_tui(Path("/nonexistent"), "journal", "--help")
    assert done.returncode == 0
    assert "vérifier tout le journal" in done.stdout and "usage" not in done.stdout.lower()


def test_a_writing_command_without_a_name_is_refused(tmp_path):
    data = folder(tmp_path)
    done = anef_tui(data, "pdf", "1", "--document", "liste")
    assert done.returncode == 1
    assert "--aidant NOM" in done.stderr and "ANEF_TUI_AIDANT" in done.stderr
    assert not (data / "documents").exists()
    done = anef_tui(data, "pdf", "1", "--document", "liste", env={"ANEF_TUI_AIDANT": "Léa"})
    assert done.returncode == 0, done.stderr
    done = anef_tui(data, "journal", "1")
    assert "Léa (ligne de commande) — PDF préparé — document : liste" in done.stdout


def test_the_last_entries_removed_are_caught_by_the_anchor(tmp_path):
    """journal2 item 1: the chain alone ends earlier; the head kept beside the base names
    the entries removed at the end."""
    data = folder(tmp_path)
    first = anef_tui(data, "journal", "--verifier")
    assert first.returncode == 0, first.stdout + first.stderr
    with DossierStore(data) as store:  # as an adversary holding the key would
        conn = store.database.db.conn
        conn.execute("DROP TRIGGER journal_no_delete")
        conn.execute("DELETE FROM journal WHERE seq >= 5")
    done = anef_tui(data, "journal", "--verifier")
    assert done.returncode == 1, done.stdout
    lines = done.stdout.splitlines()
    assert lines[0] == "Journal altéré : 1 problème(s) sur 4 entrées lues."
    assert lines[1] == ("- Le journal s'arrête à l'entrée n° 4, mais le repère « journal-tete » "
                        "connaît l'entrée n° 6 : les entrées n° 5 à 6 ont été retirées à la "
                        "fin du journal.")
    for line in lines:
        assert_french(line)
