"""`--base postgresql://…` and $ANEF_TUI_BASE (issue 25): the commands work on the
structure's base on a server; the data folder keeps no base of its own."""

from __future__ import annotations

import json

import pytest

from anef_tui.cli import main
from anef_tui.paths import DB_NAME
from anef_tui.store import base_choice
from tests.french import assert_french


def test_demo_then_liste_on_the_server_named_by_option_or_environment(
        tmp_path, capsys, monkeypatch, postgres_server):
    url = postgres_server.fresh_database()
    desk = tmp_path / "poste"
    # `demo` attaches scans, which a server's base keeps sealed with the structure's key:
    # without it (the accounts bring it) the dossiers are made here by the store.
    from anef_tui.store.dossiers import DossierStore

    base_choice.choose(url)
    try:
        with DossierStore(desk) as store:  # the base the command line chose
            store.create("renouvellement", applicant_name="GUIDE Malade")
            store.create("premiere_demande", applicant_name="BENALI Zoé")
    finally:
        base_choice.choose(None)
    assert main(["--data-dir", str(desk), "--base", url, "liste"]) == 0
    assert "BENALI Zoé" in capsys.readouterr().out
    monkeypatch.setenv(base_choice.ENV_BASE, url)
    other_desk = tmp_path / "autre-poste"  # another desk sees the same dossiers
    assert main(["--data-dir", str(other_desk), "liste", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {r["applicant"] for r in rows} == {"GUIDE Malade", "BENALI Zoé"}
    assert not (desk / DB_NAME).exists() and not (other_desk / DB_NAME).exists()
    assert base_choice.chosen() is None  # nothing left for the next command of the process


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
