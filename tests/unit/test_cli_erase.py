"""`anef-tui effacer N [--oui]` and `effacer --echus` as a user types them (the real
command, in a process of its own; issue 24 item 6)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from anef_tui.store.dossiers import DossierStore
from tests.french import assert_french
from tests.unit.test_cli_journal import anef_tui as run_command
from tests.vault_helpers import plain_folder

ROOT = Path(__file__).resolve().parents[2]


def anef_tui(data: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """The real command, its input not a terminal (as from a script or a pipe)."""
    return run_command(data, *args, env=env, stdin=subprocess.DEVNULL)

NAME = {"ANEF_TUI_AIDANT": "Camille Aidante"}


def folder(tmp_path: Path) -> Path:
    data = plain_folder(tmp_path / "donnees")
    with DossierStore(data) as store:
        for name in ("MARQUEUREFFACE", "AUTREPERSONNE"):
            store.create("renouvellement", applicant_name=name,
                         answers={"etat_civil": {"nom": name}})
    return data


def names(data: Path) -> list[str]:
    with DossierStore(data) as store:
        return [d.applicant_name for d in store.list()]


def test_effacer_with_oui_erases_and_says_what_was_done(tmp_path):
    data = folder(tmp_path)
    done = anef_tui(data, "effacer", "1", "--oui", env=NAME)
    assert done.returncode == 0, done.stderr
    assert "Personne : MARQUEUREFFACE" in done.stdout
    assert "Personne effacée : le dossier n° 1" in done.stdout
    for line in done.stdout.splitlines():
        assert_french(line)
    assert names(data) == ["AUTREPERSONNE"]
    journal = anef_tui(data, "journal", "--verifier")
    assert journal.returncode == 0 and "Journal intact" in journal.stdout


def test_without_a_terminal_and_without_oui_nothing_is_erased(tmp_path):
    data = folder(tmp_path)
    done = anef_tui(data, "effacer", "1", env=NAME)
    assert done.returncode == 2
    assert "pas de terminal pour confirmer" in done.stderr and "--oui" in done.stderr
    assert_french(done.stderr)
    assert sorted(names(data)) == ["AUTREPERSONNE", "MARQUEUREFFACE"]


def test_without_a_workers_name_nothing_is_erased(tmp_path):
    data = folder(tmp_path)
    done = anef_tui(data, "effacer", "1", "--oui")
    assert done.returncode == 2 and "--aidant" in done.stderr
    assert len(names(data)) == 2


def test_an_unknown_dossier_is_said(tmp_path):
    data = folder(tmp_path)
    done = anef_tui(data, "effacer", "9", "--oui", env=NAME)
    assert done.returncode == 1 and "n° 9 est introuvable" in done.stderr


def test_echus_with_nothing_past_the_period(tmp_path):
    data = folder(tmp_path)
    done = anef_tui(data, "effacer", "--echus", "--oui", env=NAME)
    assert done.returncode == 0
    assert "Aucune personne à effacer" in done.stdout and "24 mois" in done.stdout


def test_help_is_french():
    done = anef_tui(Path("/nonexistent"), "effacer", "--help")
    assert done.returncode == 0
    assert "EFFACER" in done.stdout and "--oui" in done.stdout and "--echus" in done.stdout
    assert_french(done.stdout)
