"""« Mes dossiers » searched by state (issue 21): « compl » finds the dossiers whose state is
« Complément demandé », whatever their name, and follows each change of state."""

from __future__ import annotations

from datetime import date

import pytest

from anef_tui.domain.status import DossierStatus, states_matching
from anef_tui.store import dossier_reads
from anef_tui.store.dossiers import DossierStore
from anef_tui.store.followup import FollowUpStore
from tests.conftest import frozen_clock
from tests.store_helpers import mark_filed

S = DossierStatus
MISSING = {"missing": [{"slot_id": "justificatif_identite", "title": "Justificatif d'identité",
                        "observations": "Veuillez joindre un autre document."}]}


@pytest.fixture
def store(tmp_path, store_base, store_key):
    with DossierStore(tmp_path / "data", clock=frozen_clock, base=store_base,
                     key=store_key) as s:
        yield s


def _filed(store: DossierStore, name: str, n: int) -> int:
    dossier_id = store.create("renouvellement", applicant_name=name)
    mark_filed(store, dossier_id, numero_demande=f"59012025030400000{n:02d}",
               filed_at="2025-03-04")
    return dossier_id


def test_states_are_named_by_the_words_of_their_labels():
    assert states_matching("compl") == [S.COMPLEMENT_DEMANDE, S.COMPLEMENT_ENVOYE]
    assert states_matching("Complément DEM") == []  # one word at a time
    assert states_matching("demande") == [S.COMPLEMENT_DEMANDE]
    assert states_matching("cloture") == [S.CLOTUREE]
    assert states_matching("certif") == [S.CERTIFICAT_MEDICAL, S.CERTIFICAT_ENVOYE]
    # Word starts, accents ignored: « envoyé » begins « envoyer » too (« à envoyer »).
    assert states_matching("envoyé") == [S.COMPLEMENT_ENVOYE, S.CERTIFICAT_MEDICAL,
                                         S.CERTIFICAT_ENVOYE]
    assert states_matching("xyz") == [] and states_matching("") == []


@pytest.mark.parametrize("dense", [False, True], ids=["few", "many"])
def test_compl_finds_the_dossiers_of_that_state_and_follows_it(store, monkeypatch, dense):
    if dense:  # the path taken when a word matches thousands of dossiers
        monkeypatch.setattr(dossier_reads, "_DENSE", 1)
    followup = FollowUpStore(store)
    asked = _filed(store, "Awa KOUASSI", 1)
    other = _filed(store, "Marc DUPONT", 2)
    store.create("premiere_demande", applicant_name="Complaisant Léo")  # a name, not a state
    assert [s.id for s in store.list("compl")] == [3]
    followup.add_notification(asked, "complement", received_on=date(2025, 3, 10),
                              data=MISSING)
    assert {s.id for s in store.list("compl")} == {asked, 3}
    assert [s.id for s in store.list("compl kouassi")] == [asked]
    assert [s.id for s in store.list("complément demandé")] == [asked]
    assert store.count("compl") == 2
    assert [s.id for s in store.list("déposée")] == [other]
    # The state changes: the search follows at once.
    store.set_status(asked, S.CLOTUREE)
    assert [s.id for s in store.list("compl")] == [3]
    assert [s.id for s in store.list("clôturée kouassi")] == [asked]
    assert store.list("complément demandé") == []
