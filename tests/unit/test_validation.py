"""Step validation against the catalogue: required fields, conditions, confirmations."""

from __future__ import annotations

from datetime import date

from anef_tui.domain.catalogue import load_procedure
from anef_tui.domain.validation import validate_step

TODAY = date(2026, 11, 22)
RENEWAL = load_procedure("renouvellement")


def _messages(problems):
    return {p.field_id: p.message for p in problems}


def test_union_fields_required_only_when_married_or_pacsed():
    step = RENEWAL.step("motif_sejour")
    base = {"enfants_charge": "Non", "attestation_polygamie": True, "attestation_sanctions": True}
    values, problems = validate_step(step, {**base, "situation_familiale": "Célibataire",
                                            "date_union": "01/01/2020"}, today=TODAY)
    assert problems == []
    assert "date_union" not in values  # hidden field typed earlier is dropped
    _, problems = validate_step(step, {**base, "situation_familiale": "Pacsé(e)"}, today=TODAY)
    assert set(_messages(problems)) == {"date_union", "pays_union"}
    _, problems = validate_step(step, {**base, "situation_familiale": "Marié(e)"}, today=TODAY)
    assert set(_messages(problems)) == {"date_union", "pays_union", "enfants_conjoint"}


def test_loose_forms_are_normalised():
    step = RENEWAL.step("motif_sejour")
    values, problems = validate_step(
        step,
        {"situation_familiale": "Marié(e)", "date_union": "3/10/2020", "pays_union": "mexique",
         "enfants_charge": "Oui", "enfants_conjoint": "Non",
         "attestation_polygamie": True, "attestation_sanctions": True},
        today=TODAY,
    )
    assert problems == []
    assert values["date_union"] == "03/10/2020"
    assert values["pays_union"] == "Mexique"


def test_attestations_must_be_ticked_and_say_so():
    step = RENEWAL.step("motif_sejour")
    _, problems = validate_step(
        step, {"situation_familiale": "Célibataire", "enfants_charge": "Non"}, today=TODAY
    )
    messages = _messages(problems)
    assert set(messages) == {"attestation_polygamie", "attestation_sanctions"}
    assert all(m.startswith("Cochez la case") for m in messages.values())


def test_ephoto_confirmation_must_match():
    step = RENEWAL.step("justificatifs")
    ephoto = "1234567890123456789012"
    values, problems = validate_step(
        step, {"ephoto": ephoto, "ephoto_confirmation": "1234 5678 9012 3456 7890 12"},
        today=TODAY,
    )
    assert problems == []
    assert values["ephoto_confirmation"] == ephoto
    _, problems = validate_step(
        step, {"ephoto": ephoto, "ephoto_confirmation": "1234567890123456789013"}, today=TODAY
    )
    [problem] = problems
    assert problem.field_id == "ephoto_confirmation"
    assert "Confirmer le numéro ephoto" in problem.message


def test_future_date_refused_and_typed_value_kept():
    step = RENEWAL.step("motif_sejour")
    values, problems = validate_step(
        step,
        {"situation_familiale": "Marié(e)", "date_union": "01/01/2030", "pays_union": "France",
         "enfants_charge": "Non", "enfants_conjoint": "Non",
         "attestation_polygamie": True, "attestation_sanctions": True},
        today=TODAY,
    )
    [problem] = problems
    assert problem.field_id == "date_union" and "futur" in problem.message
    assert values["date_union"] == "01/01/2030"


def test_first_application_repeated_names_checked_one_by_one():
    step = load_procedure("premiere_demande").step("informations_personnelles")
    _, problems = validate_step(step, {"prenoms": ["Aminata", "Fat0u"]}, today=TODAY)
    prenoms = [p for p in problems if p.field_id == "prenoms"]
    assert prenoms and "n° 2" in prenoms[0].message
