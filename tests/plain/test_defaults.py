"""A field's `default` (issue 21: « Pays » is France unless changed), in the plain mode: said
as the question's value and kept with Entrée, stored only when the form is saved."""

from __future__ import annotations

from anef_tui.store.dossiers import DossierStore
from tests.conftest import frozen_clock
from tests.plain.helpers import plain
from tests.plain.journeys import PROFILE


def _store(data_dir) -> DossierStore:
    return DossierStore(data_dir, clock=frozen_clock)


def test_pays_is_offered_as_france_and_kept_with_enter(data_dir):
    at_pays = PROFILE.index("Lille") + 1
    out = plain(data_dir, ["nouveau", "1", "", "", *PROFILE[:at_pays], ":quitter", ":quitter"])
    asked = out.split("Question : Pays\n", 1)[1]
    assert "Valeur actuelle : France." in asked.split("Pays [France] : ", 1)[0]
    with _store(data_dir) as store:
        record = store.get(1)
        # Not answered yet: the suggestion is in no draft and no saved answer.
        assert "pays" not in record.drafts.get("titre_actuel", {})
        assert "titre_actuel" not in record.answers
    plain(data_dir, ["1", *PROFILE[at_pays:], ":quitter", ":quitter"])
    with _store(data_dir) as store:
        assert store.get(1).answers["titre_actuel"]["pays"] == "France"


def test_a_country_typed_replaces_the_suggestion(data_dir):
    at_pays = PROFILE.index("Lille") + 1
    lines = [*PROFILE[:at_pays], "Belgique", *PROFILE[at_pays + 1:]]
    plain(data_dir, ["nouveau", "1", "", "", *lines, ":quitter", ":quitter"])
    with _store(data_dir) as store:
        assert store.get(1).answers["titre_actuel"]["pays"] == "Belgique"


def test_the_address_typed_once_offers_its_parts(data_dir):
    """Issue 21, as in the full-screen app: « 20 Rue Nationale 59000 Lille » in « Adresse »
    gives the number, street, postcode and town, said once, each kept with Entrée."""
    at_address = PROFILE.index("20 rue Nationale")
    lines = [*PROFILE[:at_address], "20 Rue Nationale 59000 Lille", "", "", "", "", "",
             *PROFILE[PROFILE.index("Lille") + 1:]]
    out = plain(data_dir, ["nouveau", "1", "", "", *lines, ":quitter", ":quitter"])
    assert ("Aide anef-tui : d'après l'adresse, « Numéro de voie », « Voie », « Code postal », "
            "« Ville » sont remplis : vérifiez.") in out
    assert "Numéro de voie [20] : " in out and "Voie [Rue Nationale] : " in out
    with _store(data_dir) as store:
        profile = store.get(1).answers["titre_actuel"]
    assert (profile["numero_voie"], profile["voie"], profile["code_postal"],
            profile["ville"]) == ("20", "Rue Nationale", "59000", "Lille")
