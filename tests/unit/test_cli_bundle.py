"""`anef-tui exporter N FICHIER` and `anef-tui importer FICHIER` as a user or a script types
them (the real command, in a process of its own; issue 24 items 4 and 6)."""

from __future__ import annotations

import re
from pathlib import Path

from anef_tui.bundle.sealed import new_phrase
from tests.bundle_helpers import folder_hashes
from tests.french import assert_french
from tests.unit.test_cli_journal import anef_tui, folder
from tests.vault_helpers import plain_folder

PHRASE_LINE = re.compile(r"^Phrase du paquet \(affichée une seule fois\) : ([0-9A-Z-]{39})$",
                         re.M)


def _export(tmp_path: Path) -> tuple[Path, str]:
    data = folder(tmp_path)
    bundle = tmp_path / "dossier.anef-dossier"
    done = anef_tui(data, "--aidant", "Marie", "exporter", "2", str(bundle))
    assert done.returncode == 0, done.stderr
    found = PHRASE_LINE.search(done.stdout)
    assert found, done.stdout
    assert bundle.exists() and str(bundle) in done.stdout
    return bundle, found[1]


def _phrase_file(tmp_path: Path, phrase: str, mode: int = 0o600) -> Path:
    path = tmp_path / "phrase.txt"
    path.write_text(phrase + "\n")
    path.chmod(mode)
    return path


def test_export_then_import_on_another_desk(tmp_path):
    bundle, phrase = _export(tmp_path)
    other = plain_folder(tmp_path / "autre")
    secret = _phrase_file(tmp_path, phrase)
    done = anef_tui(other, "--aidant", "Paul", "importer", str(bundle), "--phrase-fichier",
                    str(secret))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "Dossier importé : n° 1 — DEUX (Renouvellement)."
    journal = anef_tui(other, "journal", "1")
    assert "Paul (ligne de commande) — Dossier importé" in journal.stdout
    # by the environment too
    again = anef_tui(other, "--aidant", "Paul", "importer", str(bundle),
                     env={"ANEF_TUI_PHRASE_PAQUET": str(secret)})
    assert again.returncode == 0 and "n° 2" in again.stdout


def test_refusals_and_exit_codes(tmp_path):
    bundle, phrase = _export(tmp_path)
    other = plain_folder(tmp_path / "autre")
    anef_tui(other, "liste")  # the base made, as a desk in use
    before = folder_hashes(other)
    cases = []
    open_file = _phrase_file(tmp_path, phrase, 0o644)
    cases.append((anef_tui(other, "--aidant", "P", "importer", str(bundle), "--phrase-fichier",
                           str(open_file)), 1, "rendez-le privé"))
    cases.append((anef_tui(other, "--aidant", "P", "importer", str(bundle)), 2,
                  "--phrase-fichier"))
    wrong = _phrase_file(tmp_path, new_phrase())
    cases.append((anef_tui(other, "--aidant", "P", "importer", str(bundle), "--phrase-fichier",
                           str(wrong)), 1, "ne l'ouvre pas"))
    good = _phrase_file(tmp_path, phrase)
    tampered = tmp_path / "altere.anef-dossier"
    data = bytearray(bundle.read_bytes())
    data[len(data) // 2] ^= 1
    tampered.write_bytes(bytes(data))
    cases.append((anef_tui(other, "--aidant", "P", "importer", str(tampered),
                           "--phrase-fichier", str(good)), 1, "abîmé"))
    cases.append((anef_tui(other, "--aidant", "P", "exporter", "1", str(bundle)), 2,
                  "existe déjà"))
    for done, code, words in cases:
        assert done.returncode == code, (done.stdout, done.stderr)
        message = done.stderr.strip()
        assert message.startswith("anef-tui : ")
        assert_french(message)
        assert "Traceback" not in done.stderr
        if words:
            assert words in message, message
    assert folder_hashes(other) == before


def test_help_is_french():
    for command in ("exporter", "importer"):
        done = anef_tui(Path("/nonexistent"), command, "--help")
        assert done.returncode == 0
        assert "utilisation : anef-tui " + command in done.stdout
        assert "afficher cette aide" in done.stdout
    assert "phrase" in anef_tui(Path("/x"), "importer", "--help").stdout
