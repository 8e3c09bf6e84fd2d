"""The workers' accounts from the command line and the plain mode (issue 25), as a user or
a script types them: the real command in a process of its own, its input not a terminal.
`base initialiser`, `comptes` (list, ajouter, desactiver, phrase), the login every command
asks on a base with accounts, and the plain mode's login through a pipe."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.cheap_kdf import CHEAP_CLI
from tests.french import assert_french
from tests.unit.test_cli_journal import anef_tui
from tests.vault_helpers import plain_folder

CLAIRE = "le chat dort sur le toit"
MARC_INITIAL = "pomme verte sous la pluie"
MARC_OWN = "correct cheval pile agrafe"


def phrase_file(folder: Path, name: str, phrase: str) -> str:
    path = folder / name
    path.write_text(phrase + "\n", encoding="utf-8")
    path.chmod(0o600)
    return str(path)


def run(data: Path, *args: str, stdin: int | None = subprocess.DEVNULL,
        **kwargs) -> subprocess.CompletedProcess:
    return anef_tui(data, *args, stdin=stdin, **kwargs)


def structure(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A plain folder whose base has a référent « claire » and an aidant « marc »."""
    data = plain_folder(tmp_path / "donnees")
    files = {"claire": phrase_file(tmp_path, "claire", CLAIRE),
             "marc0": phrase_file(tmp_path, "marc0", MARC_INITIAL),
             "marc": phrase_file(tmp_path, "marc", MARC_OWN)}
    done = run(data, "base", "initialiser", "--compte", "claire", "--nom", "Claire Référente",
               "--phrase-compte", files["claire"])
    assert done.returncode == 0, done.stderr
    assert "Premier référent créé : Claire Référente (claire)" in done.stdout
    done = run(data, "comptes", "--compte", "claire", "--phrase-compte", files["claire"],
               "ajouter", "marc", "--nom", "Marc Aidant", "--phrase-nouvelle", files["marc0"])
    assert done.returncode == 0, done.stderr
    return data, files


def test_help_is_french():
    for args in (["comptes", "--help"], ["base", "initialiser", "--help"],
                 ["comptes", "ajouter", "--help"]):
        done = run(Path("/nonexistent"), *args)
        assert done.returncode == 0, done.stderr
        assert "usage" not in done.stdout.lower() and "--compte" in done.stdout
    assert "premier référent" in run(Path("/x"), "base", "--help").stdout


def test_a_base_with_accounts_asks_a_login_before_any_data(tmp_path):
    data, files = structure(tmp_path)
    done = run(data, "liste")
    assert done.returncode == 1 and done.stdout == ""
    assert "Cette base a des comptes : connectez-vous" in done.stderr
    assert_french(done.stderr.removeprefix("anef-tui : ").strip())
    done = run(data, "--compte", "claire", "--phrase-compte", files["claire"], "liste")
    assert done.returncode == 0, done.stderr
    assert "Connecté : Claire Référente (claire, référent)." in done.stderr
    again = run(data, "base", "initialiser", "--compte", "autre", "--phrase-compte",
                files["marc"])
    assert again.returncode == 1 and "déjà des comptes" in again.stderr


def test_a_wrong_phrase_and_an_unknown_name_are_refused_alike(tmp_path):
    data, files = structure(tmp_path)
    wrong = run(data, "--compte", "claire", "--phrase-compte", files["marc"], "liste")
    unknown = run(data, "--compte", "personne", "--phrase-compte", files["claire"], "liste")
    assert wrong.returncode == unknown.returncode == 1
    assert wrong.stderr == unknown.stderr
    assert "Nom ou phrase secrète incorrect" in wrong.stderr


def test_an_aidant_changes_the_given_phrase_and_can_do_no_referent_operation(tmp_path):
    data, files = structure(tmp_path)
    as_marc = ["--compte", "marc", "--phrase-compte", files["marc0"]]
    must = run(data, *as_marc, "liste")
    assert must.returncode == 1 and "changez-la" in must.stderr
    changed = run(data, "comptes", *as_marc, "phrase", "--phrase-nouvelle", files["marc"])
    assert changed.returncode == 0, changed.stderr
    as_marc = ["--compte", "marc", "--phrase-compte", files["marc"]]
    for action in (["desactiver", "claire"], ["journal"],
                   ["ajouter", "lea", "--phrase-nouvelle", files["marc0"]],
                   ["phrase", "claire", "--phrase-nouvelle", files["marc0"]]):
        refused = run(data, "comptes", *as_marc, *action)
        assert refused.returncode == 1, action
        assert "Seul un référent de la structure peut" in refused.stderr
    listed = run(data, "comptes", *as_marc)
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.splitlines() == [
        "claire — Claire Référente — référent — actif",
        "marc — Marc Aidant — aidant — actif",
    ]


def test_the_journal_names_the_worker_and_a_disabled_account_is_refused(tmp_path):
    data, files = structure(tmp_path)
    run(data, "comptes", "--compte", "marc", "--phrase-compte", files["marc0"], "phrase",
        "--phrase-nouvelle", files["marc"])
    as_marc = ["--compte", "marc", "--phrase-compte", files["marc"]]
    done = run(data, *as_marc, "demo", "--nombre", "1")
    assert done.returncode == 0, done.stderr
    as_claire = ["--compte", "claire", "--phrase-compte", files["claire"]]
    journal = run(data, *as_claire, "journal", "1")
    assert "— marc (ligne de commande) — Dossier créé" in journal.stdout, journal.stdout
    off = run(data, "comptes", *as_claire, "desactiver", "marc")
    assert off.returncode == 0, off.stderr
    refused = run(data, *as_marc, "liste")
    assert refused.returncode == 1 and "désactivé par un référent" in refused.stderr
    assert "marc (ligne de commande) — Dossier créé" in run(
        data, *as_claire, "journal", "1").stdout  # its entries stay
    listed = run(data, "comptes", *as_claire).stdout
    assert "marc — Marc Aidant — aidant — désactivé le" in listed
    lines = run(data, "comptes", *as_claire, "journal").stdout.splitlines()
    assert [" — ".join(line.split(" — ")[2:]) for line in lines] == [
        "Compte ajouté — compte : claire ; rôle : referent",
        "Compte ajouté — compte : marc ; rôle : aidant",
        "Phrase secrète du compte changée — compte : marc",
        "Compte désactivé — compte : marc",
    ]
    assert "claire (ligne de commande)" in lines[-1]


def test_the_plain_mode_logs_in_through_a_pipe(tmp_path):
    data, files = structure(tmp_path)
    lines = "\n".join(["personne", CLAIRE, "claire", CLAIRE, "aidant", ""]) + "\n"
    done = subprocess.run(
        [*_command(), "--data-dir", str(data), "texte"], input=lines, capture_output=True,
        text=True, timeout=60, env=_env())
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "Nom de compte : " in out and "Phrase secrète : " in out
    assert "Nom ou phrase secrète incorrect" in out  # the first try, an unknown name
    assert "Connecté : Claire Référente (claire, référent)." in out
    assert "le journal note le compte connecté (claire)" in out
    assert out.index("Connecté") < out.index("Mes dossiers")  # nothing before the login


def _command() -> list[str]:
    """The command as `run` starts it (argon2id at its cheapest, tests/cheap_kdf.py)."""
    import sys

    return [sys.executable, CHEAP_CLI]


def _env() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items() if k != "ANEF_TUI_AIDANT"}
