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


def test_donnees_in_the_follow_up(tmp_path):
    """« :donnees » in « Mes Notifications » reached from « Mes dossiers » (« notifications
    N »), and « donnees N » at the question of « Échéances »: the full screen's Ctrl+G
    there."""
    from tests.conftest import fill_demo_folder

    data = tmp_path / "donnees"
    fill_demo_folder(data)
    with DossierStore(data, clock=frozen_clock) as store:
        silva = next(d.id for d in store.list() if d.applicant_name.startswith("SILVA"))
        hamidi = next(d.id for d in store.list() if d.applicant_name.startswith("HAMIDI"))
    said = plain(data, [f"notifications {silva}", ":donnees", "", "echeances",
                        f"donnees {hamidi}", ":quitter"])
    for dossier in (silva, hamidi):
        path = next((data / "exports").glob(f"donnees-{dossier:04d}-*.pdf"))
        line = ("PDF « Ce que anef-tui sait de vous » exporté, à remettre à la personne : "
                f"{path}")
        assert said.count(line) == 1, said[-3000:]
    assert "sans effet ici" not in said and "Aucun" not in said
