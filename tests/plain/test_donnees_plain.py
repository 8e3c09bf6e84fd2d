"""« Ce que anef-tui sait de vous » in the plain mode (issue 24 item 3): « donnees N » on
« Mes dossiers », « :donnees » inside a dossier; the path said, the PDF in exports/, the
journal notes it as the plain mode's; an unknown number said in French."""

from __future__ import annotations

from anef_tui.store.dossiers import DossierStore
from anef_tui.store.journal import dossier_entries
from tests.conftest import frozen_clock
from tests.french import assert_french
from tests.plain.helpers import plain
from tests.plain.test_journal_plain import folder_with_dossier


def test_donnees_n_and_colon_donnees_make_and_export_it(tmp_path):
    data = folder_with_dossier(tmp_path)
    said = plain(data, ["donnees 99", "donnees 1", "1", ":donnees", ":quitter", ":quitter"])
    assert "Aucun dossier n° 99." in said
    line = ("PDF « Ce que anef-tui sait de vous » exporté, à remettre à la personne : "
            f"{data / 'exports' / 'donnees-0001-DUPONT-Marie.pdf'}")
    assert said.count(line) == 2, said[-2000:]
    assert_french(line)
    assert (data / "exports" / "donnees-0001-DUPONT-Marie.pdf").is_file()
    with DossierStore(data, clock=frozen_clock) as store:
        made = [e for e in dossier_entries(store.database, 1)
                if e.details.get("document") == "donnees"]
    assert [e.action for e in made] == ["pdf_made", "pdf_exported"] * 2
    assert {e.front_end for e in made} == {"texte"}
