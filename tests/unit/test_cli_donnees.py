"""`anef-tui donnees N` as a user types it (the real command, in a process of its own):
the PDF « Ce que anef-tui sait de vous » exported, its path on stdout, the journal naming
the worker; refused in French without a name, for an unknown number; French --help."""

from __future__ import annotations

from anef_tui.store.dossiers import DossierStore
from anef_tui.store.journal import dossier_entries
from tests.french import assert_french
from tests.unit.test_cli_journal import anef_tui, folder


def test_donnees_exports_it_and_says_where(tmp_path):
    data = folder(tmp_path)
    refused = anef_tui(data, "donnees", "2")
    assert refused.returncode == 1 and "--aidant NOM" in refused.stderr
    unknown = anef_tui(data, "--aidant", "Claire", "donnees", "9")
    assert unknown.returncode == 1 and "aucun dossier n° 9" in unknown.stderr
    assert not (data / "exports").exists()
    done = anef_tui(data, "--aidant", "Claire Martin", "donnees", "2")
    assert done.returncode == 0, done.stderr
    path = data / "exports" / "donnees-0002-DEUX.pdf"
    assert done.stdout.strip() == str(path)
    assert path.read_bytes().startswith(b"%PDF")
    with DossierStore(data) as store:
        made = [e for e in dossier_entries(store.database, 2)
                if e.details.get("document") == "donnees"]
    assert [(e.action, e.worker, e.front_end) for e in made] == [
        ("pdf_made", "Claire Martin", "ligne_de_commande"),
        ("pdf_exported", "Claire Martin", "ligne_de_commande")]


def test_donnees_help_is_french(tmp_path):
    done = anef_tui(tmp_path, "donnees", "--help")
    assert done.returncode == 0
    assert "tout ce que anef-tui garde sur elle" in " ".join(done.stdout.split())
    assert_french(done.stdout)
