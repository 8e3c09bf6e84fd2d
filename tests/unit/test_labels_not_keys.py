"""Issue 21, item 3: what the code does never hangs on a label of the data files — a date
refused is said under its own field (found by id, not by a label in the message), a slot
sits in the section its id names, a préliminaire's answer is saved by its choice's id, a
procedure's confirmation prints the rows it asks for, and the filing names the procedure's
own button."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PIL import Image

from anef_tui.documents import make_pdf
from anef_tui.domain import procedure_index as pi
from anef_tui.domain.catalogue import CatalogueError, load_procedure, parse_procedure
from anef_tui.domain.notification_form import read_form
from anef_tui.paths import assets_dir
from anef_tui.store.attachments import AttachmentStore
from anef_tui.store.dossiers import DossierStore
from tests.conftest import frozen_clock
from tests.plain.helpers import plain
from tests.store_helpers import mark_filed
from tests.unit.test_documents import pdf_text, renewal

ESSAI_DIR = Path(__file__).resolve().parents[1] / "procedures"
TODAY = date(2026, 11, 22)


@pytest.fixture
def essai(monkeypatch):
    monkeypatch.setenv(pi.ENV_PROCEDURES, str(ESSAI_DIR))
    pi.clear_caches()
    yield load_procedure("essai")
    monkeypatch.delenv(pi.ENV_PROCEDURES, raising=False)
    pi.clear_caches()


@pytest.mark.parametrize(("values", "field"), [
    ({"kind": "Notification de décision", "favorable": "Décision favorable",
      "decided_on": "21/11/2026"}, "decided_on"),  # after « Reçue le »: its message names it
    ({"kind": "Notification de prolongation de l'instruction", "valid_from": "21/11/2026",
      "valid_until": "01/11/2026"}, "valid_until"),  # names « Début de validité » too
])
def test_a_date_refused_is_said_under_its_own_field(values, field):
    result = read_form({**values, "received": "20/11/2026"}, slots=[], file_names={},
                       today=TODAY)
    assert [p.field_id for p in result.problems] == [field]


def test_a_slot_names_its_section_by_id():
    text = (assets_dir() / "procedures" / "renouvellement.toml").read_text(encoding="utf-8")
    justificatifs = load_procedure("renouvellement").step("justificatifs")
    [etat_civil] = [s for s in justificatifs.sections if s.id == "etat_civil"]
    assert [s.id for s in justificatifs.slots_in(etat_civil)] == [
        "justificatif_nationalite", "justificatif_identite", "justificatif_entree"]
    # A file that still names it by its title is told which id to give.
    old = text.replace('section = "etat_civil"', 'section = "ÉTAT CIVIL"', 1)
    with pytest.raises(CatalogueError) as caught:
        parse_procedure(old, source="ancien.toml")
    assert ("`section` nomme la section par son titre ; donnez son identifiant « etat_civil »"
            in str(caught.value))


def test_a_preliminary_answer_is_saved_by_its_choice_id():
    [pour_qui] = [p for p in load_procedure("renouvellement").preliminaries
                  if p.id == "pour_qui"]
    first = pour_qui.choices[0]
    assert first.value == first.id == "moi_meme"
    assert pour_qui.choice_of("moi_meme") is first
    assert pour_qui.choice_of(first.label) is first  # saved before choices had ids
    assert pour_qui.choice_of("autre chose") is None


def _essai_at_the_depot(data_dir: Path, tmp_path: Path) -> int:
    piece = tmp_path / "piece.png"
    Image.new("RGB", (1240, 1754), (220, 220, 220)).save(piece, "PNG")
    store = DossierStore(data_dir, clock=frozen_clock)
    dossier_id = store.create("essai", applicant_name="ESSAI Camille")
    store.save_step(dossier_id, "qui", {"famille": "ESSAI", "prenom_usuel": "Camille",
                                        "ne_le": "01/01/1990", "arrivee": "01/01/2020",
                                        "cp": "69001"}, next_step="pieces")
    AttachmentStore(store).attach(dossier_id, "piece_essai", piece, max_files=3,
                                  slot_title="Pièce d'essai")
    store.save_step(dossier_id, "pieces", {}, next_step="envoi")
    store.close()
    return dossier_id


def test_the_confirmation_prints_the_rows_the_procedure_asks(essai, data_dir, tmp_path):
    """A procedure without place of birth, nationality or usage name: no empty « A : »,
    « Nationalité : » or « Nom d'usage : » row; the renewal keeps its empty « Nom d'usage : »
    (as in the seed) and its « A : »."""
    dossier_id = _essai_at_the_depot(data_dir, tmp_path)
    store = DossierStore(data_dir, clock=frozen_clock)
    mark_filed(store, dossier_id, numero_demande="6901202611220000001",
               filed_at="2026-11-22T10:00:00")
    text = pdf_text(make_pdf("confirmation", essai, store.get(dossier_id), [], today=TODAY))
    assert "Nom d'essai : ESSAI" in text and "Prénom : CAMILLE" in text
    assert "Né(e) le : 01/01/1990" in text and "Adresse : 69001" in text
    for row in ("A :", "Nationalité :", "Nom d'usage :"):
        assert row not in text, row
    renewal_text = pdf_text(make_pdf("confirmation", load_procedure("renouvellement"),
                                     renewal(store), [], today=TODAY))
    store.close()
    assert "Nom d'usage : Prénom" in renewal_text and "A : MEXICO, MEXIQUE" in renewal_text


def test_the_plain_filing_names_the_procedures_own_button(essai, data_dir, tmp_path):
    dossier_id = _essai_at_the_depot(data_dir, tmp_path)
    # The dossier, no remark, « 1 » (the filing), « 2 » (non): nothing is filed.
    out = plain(data_dir, [str(dossier_id), "", "1", "2", ":quitter", ":quitter"])
    assert "1. Déposer l'essai" in out
    assert "c'est le même bouton « Déposer l'essai » qui transmet" in out
    assert "Déposer l'essai ?" in out and "Déposer la demande" not in out
    assert "3. Plus tard" in out  # the procedure's own « Quitter et revenir plus tard »
    assert "Rien n'est déposé." in out
