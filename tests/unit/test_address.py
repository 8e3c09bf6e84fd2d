"""The address typed once (issue 21): « Adresse » fills the empty number, street, postcode and
town of its form, found by their roles, as the site's address suggestion does (seed 002)."""

from __future__ import annotations

import pytest

from anef_tui.domain.address import (
    address_parts,
    address_suggestions,
    is_address,
    suggestion_note,
)
from anef_tui.domain.catalogue import load_procedure

FIRST = load_procedure("premiere_demande")
RENEWAL = load_procedure("renouvellement")


@pytest.mark.parametrize(
    ("typed", "parts"),
    [
        # seed 002: « 20 Rue Nationale 59000 Lille » → 20 · Rue Nationale · 59000 · Lille
        ("20 Rue Nationale 59000 Lille", ("20", "Rue Nationale", "59000", "Lille")),
        ("20 rue Nationale", ("20", "rue Nationale", None, None)),
        ("12 bis, avenue Foch, 75016 Paris", ("12 bis", "avenue Foch", "75016", "Paris")),
        ("3B rue de l'Œuvre 13002 Marseille", ("3B", "rue de l'Œuvre", "13002", "Marseille")),
        ("20 rue du 8 mai 1945", ("20", "rue du 8 mai 1945", None, None)),
    ],
)
def test_an_address_of_the_usual_shape_gives_its_parts(typed, parts):
    got = address_parts(typed)
    expected = dict(zip(("numero_voie", "voie", "code_postal", "ville"), parts, strict=True))
    assert got == {k: v for k, v in expected.items() if v is not None}


@pytest.mark.parametrize("typed", ["Chez M. Dupont, 3 rue X", "59000 Lille", "Lieu-dit Les Prés",
                                   "20", ""])
def test_another_shape_gives_nothing(typed):
    assert address_parts(typed) == {}


def test_only_the_empty_fields_of_the_form_are_filled():
    step = FIRST.step("informations_personnelles")
    assert is_address(step, "adresse") and not is_address(step, "voie")
    values = {"adresse": "20 Rue Nationale 59000 Lille", "voie": "Rue Nationale (bât. B)"}
    filled = address_suggestions(step, values)
    assert filled == {"numero_voie": "20", "code_postal": "59000", "ville": "Lille"}
    assert suggestion_note(step, filled) == (
        "Aide anef-tui : d'après l'adresse, « Numéro de voie », « Code postal », « Ville » "
        "sont remplis : vérifiez.")
    # The renewal's profile and step 1 alike; nothing when nothing is typed.
    assert address_suggestions(RENEWAL.profile, {"adresse": "3 rue X"}) == {
        "numero_voie": "3", "voie": "rue X"}
    assert address_suggestions(RENEWAL.step("informations_personnelles"), {}) == {}
