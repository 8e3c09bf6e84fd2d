"""The `anef-tui` command line: version, list, demo, data-dir resolution and clear errors."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from anef_tui import __version__
from anef_tui.cli import main
from tests.vault_helpers import plain_folder


def run_cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "anef_tui.cli", *args],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=60,
    )


def test_version():
    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"anef-tui {__version__}"


def test_list_empty_then_demo_then_json(tmp_path, capsys):
    data = tmp_path / "d"
    # A new folder is never made plain behind the user's back: `liste` says what to do
    # (choose its passphrase in the interface) and creates nothing (issue 23).
    assert main(["--data-dir", str(data), "list"]) == 1
    said = capsys.readouterr()
    assert "lancez « anef-tui » dans un terminal" in said.err and not said.out
    assert not (data / "anef-tui.db").exists()
    # `demo` on a new folder makes a demonstration folder, kept plain.
    assert main(["--data-dir", str(data), "demo"]) == 0
    capsys.readouterr()
    assert main(["--data-dir", str(data), "list"]) == 0
    assert "Aucun dossier" not in capsys.readouterr().out
    capsys.readouterr()
    assert main(["--data-dir", str(data), "list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {"GUIDE Malade", "BENALI Zoé"} <= {r["applicant"] for r in rows}
    guide = next(r for r in rows if r["applicant"] == "GUIDE Malade")
    assert set(guide) >= {"id", "applicant", "procedure", "status", "step", "updated_at"}
    assert guide["procedure"] == "renouvellement"
    assert guide["status"] == "deposee"  # the seed's example, filed
    assert guide["step"] == "confirmation"
    nguyen = next(r for r in rows if r["applicant"] == "NGUYEN Thi Lan")
    assert (nguyen["status"], nguyen["step"]) == ("brouillon", "justificatifs")
    okafor = next(r for r in rows if r["applicant"] == "OKAFOR Chinedu")
    assert (okafor["status"], okafor["procedure"]) == ("deposee", "premiere_demande")
    assert okafor["step"] == "confirmation"
    # Running demo again adds nothing twice.
    assert main(["--data-dir", str(data), "demo"]) == 0
    assert "0 dossier" in capsys.readouterr().out


def test_pdf_command_writes_the_confirmation(tmp_path, capsys):
    data = tmp_path / "d"
    assert main(["--data-dir", str(data), "demo"]) == 0
    capsys.readouterr()
    out = tmp_path / "confirmation.pdf"
    assert main(["--data-dir", str(data), "pdf", "1", "-o", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    # A draft has no confirmation: one clear line, exit 1.
    assert main(["--data-dir", str(data), "pdf", "2"]) == 1
    assert "déposé" in capsys.readouterr().err


def test_data_dir_from_environment_and_owner_only(tmp_path):
    data = tmp_path / "from-env"
    result = run_cli("demo", env={"ANEF_TUI_DATA_DIR": str(data)})
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    assert stat.S_IMODE((data / "anef-tui.db").stat().st_mode) == 0o600
    assert stat.S_IMODE((data / "pieces").stat().st_mode) == 0o700


def test_option_wins_over_environment(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("ANEF_TUI_DATA_DIR", str(tmp_path / "env"))
    assert main(["--data-dir", str(tmp_path / "opt"), "demo"]) == 0
    assert (tmp_path / "opt" / "anef-tui.db").exists()
    assert not (tmp_path / "env").exists()


def test_unusable_data_dir_is_one_clear_line(tmp_path):
    blocker = tmp_path / "fichier"
    blocker.write_text("pas un dossier")
    result = run_cli("--data-dir", str(blocker / "sous-dossier"), "list")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "n'est pas utilisable" in lines[0] and "--data-dir" in lines[0]
    assert "Traceback" not in result.stderr


def test_corrupt_database_is_one_clear_line(tmp_path):
    data = tmp_path / "d"
    data.mkdir()
    (data / "anef-tui.db").write_bytes(os.urandom(8192))
    result = run_cli("--data-dir", str(data), "list")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "anef-tui.db" in result.stderr


@pytest.mark.parametrize("args", [["list", "--bogus"], ["nimportequoi"], ["check"]])
def test_usage_errors_exit_2(args):
    result = run_cli(*args)
    assert result.returncode == 2
    assert "erreur" in result.stderr


def test_default_data_dir_is_platform_user_data_dir(monkeypatch, tmp_path):
    from anef_tui.paths import resolve_data_dir

    monkeypatch.delenv("ANEF_TUI_DATA_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert resolve_data_dir(None) == Path(tmp_path / "xdg" / "anef-tui")


def test_subcommands_have_french_names_and_keep_the_old_ones(tmp_path, capsys):
    """One naming language (issue 21): « liste », « verifier », options in French; « list »,
    « check », « --count », « --kind », « --output », « --slot » still work."""
    data = str(tmp_path / "d")
    assert main(["--data-dir", data, "demo", "--nombre", "3"]) == 0
    capsys.readouterr()
    assert main(["--data-dir", data, "liste"]) == 0
    french = capsys.readouterr().out
    assert main(["--data-dir", data, "list"]) == 0
    assert capsys.readouterr().out == french
    help_text = run_cli("--help").stdout
    assert "liste" in help_text and "verifier" in help_text
    scan = tmp_path / "vide.pdf"
    scan.write_bytes(b"")
    for args in (["verifier", str(scan)], ["check", "--slot", "justificatif_identite", str(scan)],
                 ["verifier", "--piece", "justificatif_identite", str(scan)]):
        assert main(args) == 1  # an empty file is refused, whatever the names
        assert "vide" in capsys.readouterr().out


def test_the_text_list_is_in_french_and_fits_its_columns(tmp_path, capsys):
    """The README's promise: person, procedure, state, step, date, next deadline; dates in
    French, no ISO timestamp, no state cut or overflowing."""
    import re

    from anef_tui.domain.status import DossierStatus

    data = str(tmp_path / "d")
    assert main(["--data-dir", data, "demo"]) == 0
    capsys.readouterr()
    assert main(["--data-dir", data, "liste"]) == 0
    lines = capsys.readouterr().out.splitlines()
    header, rows = lines[0], lines[1:]
    # Under each dossier, its consent in words (issue 24): a line of its own.
    consents = [row for row in rows if row.strip().startswith("consentement : ")]
    assert len(consents) == len([r for r in rows if r[:5].strip().isdigit()])
    rows = [row for row in rows if row not in consents]
    for title in ("Personne", "Démarche", "État", "Étape", "Enregistré le",
                  "Prochaine échéance"):
        assert title in header
    state_column = header.index("État")
    step_column = header.index("Étape")
    labels = {s.label for s in DossierStatus}
    for row in rows:
        assert not re.search(r"\d{4}-\d\d-\d\dT", row)  # no ISO timestamp
        assert row[state_column:step_column].rstrip() in labels
        assert re.search(r"\d\d/\d\d/\d{4} \d\d:\d\d", row)
    assert any("étape 5 sur 5" in row for row in rows)
    assert any(re.search(r"\d\d/\d\d/\d{4} (Envoyer|Répondre|Fin)", row) for row in rows)


def test_pdf_of_an_unknown_dossier_speaks_the_command_lines_words(tmp_path, capsys):
    """Not « Revenez à « Mes dossiers » », which is the interface's (issue 21)."""
    data = plain_folder(tmp_path / "d")
    assert main(["--data-dir", str(data), "pdf", "999"]) == 1
    said = capsys.readouterr().err
    assert "aucun dossier n° 999" in said and "anef-tui liste" in said
    assert "Revenez" not in said
