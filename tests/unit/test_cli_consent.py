"""`anef-tui consentement N` as a script types it (the real command, in a process of its
own, left24): the consent renewed with the file's defaults or the manner and duration
given, the mandate PDF made and its path printed, the journal naming the worker; refused in
French without a worker's name, with a manner or a duration the file does not allow (exit
2), for an unknown number (exit 1); French --help listing the file's codes."""

from __future__ import annotations

from datetime import datetime

from anef_tui.domain.consent import ConsentTerms, consent_rules
from anef_tui.store.consents import ConsentStore
from anef_tui.store.dossiers import DossierStore
from anef_tui.store.journal import dossier_entries
from tests.french import assert_french
from tests.unit.test_cli_journal import anef_tui
from tests.vault_helpers import plain_folder


def expired_folder(tmp_path):
    data = plain_folder(tmp_path / "donnees")
    with DossierStore(data, clock=lambda: datetime(2026, 9, 1, 9, 0)) as store:
        store.create("renouvellement", applicant_name="EXPIRE Awa",
                     consent=ConsentTerms("oral", 1))
    return data


def history(data):
    with DossierStore(data) as store:
        return ConsentStore(store.database).history(1)


def test_consentement_renews_it_and_prints_the_mandate(tmp_path):
    data = expired_folder(tmp_path)
    refused = anef_tui(data, "consentement", "1")
    assert refused.returncode == 2 and "--aidant NOM" in refused.stderr
    assert_french(refused.stderr)
    unknown = anef_tui(data, "--aidant", "Claire", "consentement", "9")
    assert unknown.returncode == 1 and "aucun dossier n° 9" in unknown.stderr
    for wrong in (["--maniere", "telepathie"], ["--mois", "13"], ["--mois", "0"],
                  ["--mois", "3", "--un-jour"]):
        done = anef_tui(data, "--aidant", "Claire", "consentement", "1", *wrong)
        assert done.returncode == 2, (wrong, done.stderr)
        assert_french(done.stderr)
    assert len(history(data)) == 1 and not (data / "documents").exists()

    done = anef_tui(data, "--aidant", "Claire Martin", "consentement", "1")
    assert done.returncode == 0, done.stderr
    rules = consent_rules()
    latest = history(data)[-1]
    assert (latest.manner, latest.months) == (rules.default_manner, rules.default_months)
    assert latest.mandate_sha256
    path = data / "documents" / "mandat-0001-EXPIRE-Awa.pdf"
    assert done.stdout.splitlines()[-1] == str(path)
    assert path.read_bytes().startswith(b"%PDF")
    assert done.stdout.startswith(
        f"Consentement enregistré pour le dossier n° 1 : {rules.default_months} mois")
    assert_french(done.stdout)

    done = anef_tui(data, "--aidant", "Claire Martin", "consentement", "1",
                    "--maniere", "oral", "--un-jour")
    assert done.returncode == 0, done.stderr
    latest = history(data)[-1]
    assert (latest.manner, latest.months) == ("oral", 0)
    done = anef_tui(data, "--aidant", "Claire Martin", "consentement", "1", "--mois", "3")
    assert done.returncode == 0, done.stderr
    assert history(data)[-1].months == 3
    with DossierStore(data) as store:
        renewed = [e for e in dossier_entries(store.database, 1)
                   if e.action == "consent_renewed"]
    assert [(e.worker, e.front_end) for e in renewed] == [
        ("Claire Martin", "ligne_de_commande")] * 3


def test_consentement_help_is_french_and_lists_the_files_codes(tmp_path):
    done = anef_tui(tmp_path, "consentement", "--help")
    assert done.returncode == 0
    for code in consent_rules().manners:
        assert code in done.stdout
    assert "--un-jour" in done.stdout and "--mois" in done.stdout
    assert_french(done.stdout)
