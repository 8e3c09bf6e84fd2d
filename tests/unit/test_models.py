"""Applicant models: enums, address line, display name, no medical field."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from anef_tui.domain import models
from anef_tui.domain.models import (
    UNION_SITUATIONS,
    Adresse,
    Applicant,
    Sexe,
    SituationFamiliale,
)


def test_sexe_values():
    assert [s.value for s in Sexe] == ["Masculin", "Féminin"]
    assert Sexe("Féminin") is Sexe.FEMININ


def test_situation_familiale_values_are_the_form_wording():
    assert [s.value for s in SituationFamiliale] == [
        "Célibataire",
        "Concubin(ne)",
        "Divorcé(e)",
        "Marié(e)",
        "Pacsé(e)",
    ]


def test_union_situations():
    assert UNION_SITUATIONS == {SituationFamiliale.MARIE, SituationFamiliale.PACSE}
    assert "Marié(e)" in UNION_SITUATIONS  # StrEnum: the stored string works too
    assert SituationFamiliale.CONCUBIN not in UNION_SITUATIONS


def test_adresse_defaults():
    adresse = Adresse()
    assert adresse.pays == "France"
    assert adresse.ville == "" and adresse.code_postal == ""
    assert adresse.one_line() == "France"


def test_adresse_one_line():
    adresse = Adresse(numero_voie="20", voie="rue Nationale", code_postal="59000", ville="Lille")
    assert adresse.one_line() == "20 rue Nationale 59000 Lille France"
    with_complement = adresse.model_copy(update={"complement": "Bâtiment B"})
    assert with_complement.one_line() == "20 rue Nationale Bâtiment B 59000 Lille France"
    no_number = Adresse(voie="Lieu-dit  Les Prés", code_postal="97400", ville="Saint-Denis")
    assert no_number.one_line() == "Lieu-dit Les Prés 97400 Saint-Denis France"


def test_applicant_display_name():
    applicant = Applicant(nom_naissance="Guide", prenoms=["Malade", "Jean"])
    assert applicant.display_name == "GUIDE Malade"


@pytest.mark.parametrize(
    ("nom", "prenoms", "expected"),
    [
        ("", [], ""),
        ("  ", ["", " "], ""),
        ("Guide", [], "GUIDE"),
        ("", ["Malade"], "Malade"),
        ("Guidé", [" ", "Élodie"], "GUIDÉ Élodie"),
    ],
)
def test_applicant_display_name_partial(nom, prenoms, expected):
    assert Applicant(nom_naissance=nom, prenoms=prenoms).display_name == expected


def test_applicant_defaults_and_round_trip():
    applicant = Applicant(
        nom_naissance="GUIDE",
        prenoms=["Malade"],
        sexe="Féminin",
        date_naissance="03/10/2000",
        pays_naissance="Mexique",
        lieu_naissance="Mexico",
        nationalites=["Mexicaine"],
        n_etranger="5903007229",
        adresse={
            "numero_voie": "20",
            "voie": "rue Nationale",
            "code_postal": "59000",
            "ville": "Lille",
        },
        email="malade.guide@exemple.fr",
        telephone="06 12 34 56 78",
    )
    assert applicant.sexe is Sexe.FEMININ
    assert isinstance(applicant.adresse, Adresse)
    dumped = applicant.model_dump(mode="json")
    assert dumped["sexe"] == "Féminin"
    assert Applicant.model_validate(dumped) == applicant
    assert Applicant().n_etranger is None and Applicant().sexe is None
    assert Applicant().prenoms == [] and Applicant().adresse == Adresse()


def test_default_lists_are_not_shared():
    a, b = Applicant(), Applicant()
    a.prenoms.append("Malade")
    assert b.prenoms == []


def test_invalid_sexe_rejected():
    with pytest.raises(ValidationError):
        Applicant(sexe="Autre")


def test_unknown_fields_are_refused():
    with pytest.raises(ValidationError):
        Applicant(diagnostic="x")
    with pytest.raises(ValidationError):
        Adresse(ville="Lille", etage="3")


def test_no_medical_field_anywhere():
    medical = ("medic", "médic", "diagnos", "traitement", "sante", "santé", "patholog", "maladie")
    for model in (Applicant, Adresse):
        for name in model.model_fields:
            assert not any(word in name.lower() for word in medical), name
    assert "no medical field" in (models.__doc__ or "")
