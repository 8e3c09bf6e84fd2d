"""The journal in the plain mode (issue 24): the name asked once at a terminal and kept,
« aidant » to change it, « journal N » a page at a time, « exporter », « :journal » in a
dossier; entries say « mode texte »."""

from __future__ import annotations

import io
from pathlib import Path

from anef_tui.plain.cli import run
from anef_tui.preferences import worker_name
from anef_tui.store.dossiers import DossierStore
from anef_tui.store.journal import dossier_entries
from tests.conftest import frozen_clock
from tests.french import assert_french
from tests.plain.helpers import plain
from tests.vault_helpers import plain_folder


def typed(data_dir: Path, lines: list[str], **options) -> str:
    out = io.BytesIO()
    text = "\n".join(lines) + "\n"
    code = run(data_dir, stdin=io.BytesIO(text.encode()), stdout=out, clock=frozen_clock,
               **options)
    assert code == 0
    return out.getvalue().decode("utf-8")


def folder_with_dossier(tmp_path: Path, steps: int = 0) -> Path:
    data = plain_folder(tmp_path / "donnees")
    with DossierStore(data, clock=frozen_clock) as store:
        dossier_id = store.create("renouvellement", applicant_name="DUPONT Marie")
        for n in range(steps):
            store.save_step(dossier_id, "etat_civil", {"n": n}, next_step=None)
    return data


def test_the_name_is_asked_once_and_journalled_as_the_plain_mode(tmp_path):
    data = plain_folder(tmp_path / "donnees")
    said = typed(data, ["Samir Benali", "nouveau", "1", "", "", ":quitter", ":quitter"],
                 ask_worker=True)
    assert "Votre nom (aidant), noté dans le journal des dossiers" in said
    assert "Nom de l'aidant enregistré : Samir Benali." in said
    assert worker_name(data) == "Samir Benali"
    with DossierStore(data, clock=frozen_clock) as store:
        created, consent, mandate = dossier_entries(store.database, 1)
    assert (mandate.action, mandate.details["document"]) == ("pdf_made", "mandat")
    assert (created.action, created.worker, created.front_end) == (
        "dossier_created", "Samir Benali", "texte")
    assert (consent.action, consent.worker, consent.front_end) == (
        "consent_given", "Samir Benali", "texte")
    again = typed(data, [":quitter"], ask_worker=True)
    assert "Votre nom (aidant)" not in again


def test_the_name_is_changed_with_aidant(tmp_path):
    data = plain_folder(tmp_path / "donnees")
    said = plain(data, ["aidant Claire Martin", "aidant", "Claire M.", ":quitter"])
    assert "Nom de l'aidant enregistré : Claire Martin." in said
    assert "Nom de l'aidant actuel : Claire Martin." in said
    assert worker_name(data) == "Claire M."


def test_journal_n_pages_and_exports(tmp_path):
    data = folder_with_dossier(tmp_path, steps=12)
    said = plain(data, ["journal 1", "suite", "exporter", ":quitter"])
    assert "Journal du dossier n° 1 : 14 entrées, de la plus ancienne à la plus récente." in said
    assert "1. " in said and "Dossier créé" in said and "(non renseigné) (interface non renseignée)" in said
    assert "« suite » : les 4 suivantes" in said
    assert "14. " in said
    assert "Journal exporté en clair :" in said
    assert "DUPONT" not in (data / "exports" / "journal-dossier-0001.txt").read_text()
    for line in said.splitlines():
        if "journal" in line.lower() and "DUPONT" not in line:
            assert_french(line)
    with DossierStore(data, clock=frozen_clock) as store:
        assert dossier_entries(store.database, 1)[-1].action == "journal_exported"


def test_colon_journal_inside_a_dossier(tmp_path):
    data = folder_with_dossier(tmp_path)
    said = plain(data, ["1", ":journal", "", ":quitter", ":quitter"])
    assert "Journal du dossier n° 1 : 2 entrées," in said


def test_the_journal_an_imported_dossier_brought_comes_first(tmp_path):
    """journal2 item 2: « journal N » says the source desk's part, then this desk's."""
    from anef_tui.bundle import export_dossier, import_bundle, open_bundle
    from anef_tui.store.database import Database
    from anef_tui.store.journal.imported import HEADING
    from tests.vault_helpers import CHEAP

    source = folder_with_dossier(tmp_path, steps=1)
    database = Database(source, clock=frozen_clock)
    exported = export_dossier(database, 1, params=CHEAP)
    database.close()
    other = plain_folder(tmp_path / "autre")
    database = Database(other, clock=frozen_clock)
    new_id = import_bundle(database, open_bundle(exported.path, exported.phrase))
    database.close()
    said = typed(other, [f"journal {new_id}", "", ":quitter"], worker="Paul")
    first = said.index(f"{HEADING} : 3 entrées.")
    assert said.index("1. ", first) < said.index(
        f"Journal du dossier n° {new_id} sur ce poste : 1 entrée,")
    assert "Dossier importé" in said[said.index("sur ce poste"):]
