"""`--base postgresql://…` and $ANEF_TUI_BASE (issue 25): the commands work on the
structure's base on a server; the data folder keeps no base of its own."""

from __future__ import annotations

import json

import pytest

from anef_tui.cli import main
from anef_tui.paths import DB_NAME
from anef_tui.store import base_choice
from tests.accounts_helpers import REFERENT, REFERENT_PHRASE, with_referent
from tests.french import assert_french
from tests.unit.test_cli_accounts import phrase_file


def _login(tmp_path) -> list[str]:
    """The référent's login on the command line (tests/accounts_helpers.py)."""
    return ["--compte", REFERENT,
            "--phrase-compte", phrase_file(tmp_path, "claire", REFERENT_PHRASE)]


def test_liste_on_the_server_named_by_option_or_environment_after_a_login(
        tmp_path, capsys, monkeypatch, postgres_server):
    url = postgres_server.fresh_database()
    desk = tmp_path / "poste"
    from anef_tui.store.dossiers import DossierStore

    with_referent(desk, base=url)  # a server's base: nobody works without an account
    with DossierStore(desk, base=url) as store:
        store.create("renouvellement", applicant_name="GUIDE Malade")
        store.create("premiere_demande", applicant_name="BENALI Zoé")
    login = _login(tmp_path)
    assert main(["--data-dir", str(desk), "--base", url, *login, "liste"]) == 0
    assert "BENALI Zoé" in capsys.readouterr().out
    monkeypatch.setenv(base_choice.ENV_BASE, url)
    other_desk = tmp_path / "autre-poste"  # another desk sees the same dossiers
    assert main(["--data-dir", str(other_desk), *login, "liste", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {r["applicant"] for r in rows} == {"GUIDE Malade", "BENALI Zoé"}
    assert not (desk / DB_NAME).exists() and not (other_desk / DB_NAME).exists()
    assert base_choice.chosen() is None  # nothing left for the next command of the process


@pytest.mark.parametrize("command", [[], ["texte"], ["liste"], ["demo"], ["journal", "1"],
                                     ["comptes"], ["effacer", "1"]])
def test_a_server_base_without_any_account_is_refused_before_any_data(
        tmp_path, capsys, postgres_server, command):
    """Issue 25: on a base shared by a structure nobody works without an account; every
    front end (the full-screen app, `texte`, the commands) says how to begin."""
    url = postgres_server.fresh_database()
    from anef_tui.store.dossiers import DossierStore

    with DossierStore(tmp_path / "remplissage", base=url) as store:
        store.create("renouvellement", applicant_name="GUIDE Malade")
    args = ["--data-dir", str(tmp_path / "d"), "--base", url, "--aidant", "Claire", *command]
    assert main(args) == 1
    captured = capsys.readouterr()
    assert "GUIDE" not in captured.out + captured.err
    assert "aucun compte" in captured.err
    assert "anef-tui --base … base initialiser" in captured.err
    assert_french(captured.err)


def test_base_initialiser_works_on_a_server_base_without_any_account(
        tmp_path, capsys, postgres_server):
    url = postgres_server.fresh_database()
    args = ["--data-dir", str(tmp_path / "d"), "--base", url, "base", "initialiser",
            *_login(tmp_path)]
    assert main(args) == 0
    assert "Premier référent créé" in capsys.readouterr().out
    assert main(["--data-dir", str(tmp_path / "d"), "--base", url, *_login(tmp_path),
                 "liste"]) == 0


def test_a_base_that_is_no_server_address_is_refused_in_french(tmp_path, capsys):
    assert main(["--data-dir", str(tmp_path / "d"), "--base", "/tmp/x.db", "liste"]) == 2
    said = capsys.readouterr().err
    assert "postgresql://" in said
    assert_french(said)


def test_backups_on_a_server_are_its_administrators(tmp_path, capsys, postgres_server):
    url = postgres_server.fresh_database()
    assert main(["--data-dir", str(tmp_path / "d"), "--base", url, "sauvegardes"]) == 1
    said = capsys.readouterr().err
    assert "pg_dump" in said
    assert_french(said)


@pytest.mark.parametrize("command", [["exporter", "1", "x.anef"], ["importer", "x.anef"]])
def test_bundles_between_desks_are_refused_on_a_server(tmp_path, capsys, postgres_server,
                                                        command):
    url = postgres_server.fresh_database()
    args = ["--data-dir", str(tmp_path / "d"), "--base", url, "--aidant", "Claire", *command]
    assert main(args) == 1
    said = capsys.readouterr().err
    assert "voient déjà le dossier" in said
    assert_french(said)


def test_demo_says_where_the_dossiers_were_added(tmp_path, capsys, store_base):
    """`anef-tui demo` on a structure's base said « ajouté(s) dans /tmp/… » (the desk's
    folder, where nothing was added): the structure's base, named, there."""
    desk = tmp_path / "poste"
    if store_base is None:
        assert main(["--data-dir", str(desk), "demo"]) == 0
    else:
        with_referent(desk, base=store_base)
        assert main(["--data-dir", str(desk), "--base", store_base, *_login(tmp_path),
                     "demo"]) == 0
    said = capsys.readouterr().out
    if store_base is None:
        assert f"dossier(s) de démonstration ajouté(s) dans {desk}." in said
    else:
        from anef_tui.store.engine.postgresql import where

        assert ("dossier(s) de démonstration ajouté(s) dans la base de la structure "
                f"(« {where(store_base)} »).") in said
        assert str(desk) not in said
    assert_french(said)
