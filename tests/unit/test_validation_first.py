"""First-application validation: out-of-scope choices, dates after the birth date, the
under-16 stop, repeated prénoms and nationalités."""

from __future__ import annotations

from datetime import date

import pytest

from anef_tui.domain.catalogue import load_procedure
from anef_tui.domain.validation import birth_date_of, validate_step

TODAY = date(2026, 11, 22)
FIRST = load_procedure("premiere_demande")
RENEWAL = load_procedure("renouvellement")

IN_SCOPE = (
    "Je suis un ressortissant étranger résidant habituellement en France et mon état de "
    "santé nécessite une prise en charge médicale exceptionnelle"
)

STEP2 = {
    "nom_naissance": "OKAFOR",
    "prenoms": ["Chinedu"],
    "sexe": "Masculin",
    "date_naissance": "1990",
    "pays_naissance": "Nigeria",
    "lieu_naissance": "Enugu",
    "nationalites": ["Nigériane"],
    "adresse": "45 boulevard Voltaire",
    "code_postal": "75011",
    "ville": "Paris",
    "email": "chinedu.okafor@exemple.fr",
    "telephone": "07 61 23 45 67",
}

MOTIF = {
    "date_entree": "12/03/2019",
    "situation_familiale": "Célibataire",
    "enfants_charge": "Non",
    "attestation_polygamie": True,
    "attestation_sanctions": True,
}


def _messages(problems):
    return {p.field_id: p.message for p in problems}


def _born(text: str) -> dict[str, dict]:
    return {"informations_personnelles": {"date_naissance": text}}


def _motif(answers, **values):
    return validate_step(
        FIRST.step("motif_sejour"), {**MOTIF, **values}, today=TODAY, answers=answers,
        procedure=FIRST,
    )


def _step2(today: date = TODAY, **values):
    return validate_step(
        FIRST.step("informations_personnelles"), {**STEP2, **values}, today=today, answers={}
    )


# --- out-of-scope choices ----------------------------------------------------------------------


def test_in_scope_situation_accepted():
    values, problems = validate_step(FIRST.step("situation"), {"situation": IN_SCOPE}, today=TODAY)
    assert problems == []
    assert values == {"situation": IN_SCOPE}


@pytest.mark.parametrize(
    "choice",
    [
        "Je suis membre de famille d'un citoyen français",
        "Je suis un ressortissant étranger né en France",
        "Je suis dans une autre situation",
    ],
)
def test_out_of_scope_situation_refused_with_its_note(choice):
    field = FIRST.field("situation", "situation")
    values, problems = validate_step(FIRST.step("situation"), {"situation": choice}, today=TODAY)
    [problem] = problems
    assert problem.field_id == "situation"
    assert problem.message == field.out_of_scope_note
    assert "site de l'ANEF" in problem.message
    assert values["situation"] == choice  # what was picked is kept


def test_out_of_scope_default_note():
    field = FIRST.field("situation", "situation").model_copy(update={"out_of_scope_note": None})
    section = FIRST.step("situation").sections[0].model_copy(update={"fields": [field]})
    step = FIRST.step("situation").model_copy(update={"sections": [section]})
    _, problems = validate_step(
        step, {"situation": "Je suis dans une autre situation"}, today=TODAY
    )
    [problem] = problems
    assert problem.message.startswith(f"« {field.label} » : ")
    assert "n'est pas couverte" in problem.message


def test_unknown_choice_is_not_an_out_of_scope_one():
    _, problems = validate_step(FIRST.step("situation"), {"situation": "Autre"}, today=TODAY)
    assert "choisissez une des réponses proposées" in problems[0].message


# --- birth date helper -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({}, None),
        (None, None),
        (_born("1987"), (1987, None, None)),
        (_born("03/1987"), (1987, 3, None)),
        (_born("29/02/2000"), (2000, 2, 29)),
        (_born("2000-10-03"), (2000, 10, 3)),
        (_born("31/02/2000"), None),
        (_born("pas une date"), None),
        (_born(""), None),
        ({"titre_actuel": {"date_naissance": "03/10/2000"}, **_born("1990")}, (2000, 10, 3)),
        ({"titre_actuel": {"date_naissance": ""}, **_born("1990")}, (1990, None, None)),
    ],
)
def test_birth_date_of(answers, expected):
    # The renewal's birth date is in its profile and copied, read-only, into its step 1.
    assert birth_date_of(RENEWAL, answers) == expected


# --- date d'entrée en France -------------------------------------------------------------------


def test_entry_after_birth_accepted_and_normalised():
    values, problems = _motif(_born("14/02/1975"), date_entree="1/9/2001")
    assert problems == []
    assert values["date_entree"] == "01/09/2001"


def test_entry_before_birth_refused_naming_the_field():
    values, problems = _motif(_born("14/02/1975"), date_entree="13/02/1975")
    [problem] = problems
    assert problem.field_id == "date_entree"
    assert problem.message.startswith("« Date d'entrée en France » ne peut pas être antérieure")
    assert "14/02/1975" in problem.message
    assert values["date_entree"] == "13/02/1975"


def test_entry_on_the_birth_day_accepted():
    _, problems = _motif(_born("14/02/1975"), date_entree="14/02/1975")
    assert problems == []


def test_entry_in_the_future_refused_by_its_own_rule_only():
    _, problems = _motif(_born("1990"), date_entree="01/01/2030")
    [problem] = problems
    assert problem.field_id == "date_entree"
    assert "futur" in problem.message


def test_entry_badly_typed_gets_one_problem():
    _, problems = _motif(_born("1990"), date_entree="32/01/1980")
    [problem] = problems
    assert "n'existe pas" in problem.message


def test_year_only_birth_compared_conservatively():
    answers = _born("1987")
    _, problems = _motif(answers, date_entree="31/12/1986")
    assert _messages(problems)["date_entree"] == (
        "« Date d'entrée en France » ne peut pas être antérieure à votre année de naissance "
        "(1987) : vérifiez cette date."
    )
    for day in ("01/01/1987", "15/06/1987", "31/12/1987"):
        assert _motif(answers, date_entree=day)[1] == []


def test_month_year_birth_compared_conservatively():
    answers = _born("03/1987")
    _, problems = _motif(answers, date_entree="28/02/1987")
    assert "votre mois de naissance (03/1987)" in _messages(problems)["date_entree"]
    assert _motif(answers, date_entree="01/03/1987")[1] == []


def test_leap_day_birth_and_entry():
    answers = _born("29/02/2000")
    assert _motif(answers, date_entree="29/02/2000")[1] == []
    _, problems = _motif(answers, date_entree="28/02/2000")
    assert "29/02/2000" in _messages(problems)["date_entree"]
    # 29/02 of a common year is refused by the date rule, not by the cross-field rule.
    _, problems = _motif(answers, date_entree="29/02/2001")
    [problem] = problems
    assert "n'existe pas" in problem.message


def test_no_birth_date_known_means_no_cross_check():
    _, problems = _motif({}, date_entree="01/01/1950")
    assert problems == []


# --- date de début de l'union ------------------------------------------------------------------


def _married(answers, date_union):
    return _motif(
        answers,
        situation_familiale="Marié(e)",
        date_union=date_union,
        pays_union="Nigeria",
        enfants_conjoint="Non",
    )


def test_union_after_birth_accepted():
    _, problems = _married(_born("1990"), "14/08/2016")
    assert problems == []


def test_union_before_birth_refused_naming_the_field():
    _, problems = _married(_born("1990"), "14/08/1989")
    [problem] = problems
    assert problem.field_id == "date_union"
    assert problem.message.startswith("« Date de début de l'union » ne peut pas être antérieure")
    assert "(1990)" in problem.message


def test_hidden_union_date_not_checked():
    values, problems = _motif(_born("1990"), date_union="01/01/1950")
    assert problems == []
    assert "date_union" not in values


def test_renewal_union_checked_against_the_profile_birth_date():
    step = RENEWAL.step("motif_sejour")
    answers = {"titre_actuel": {"date_naissance": "03/10/2000"}}
    base = {k: v for k, v in MOTIF.items() if k != "date_entree"}
    married = {**base, "situation_familiale": "Pacsé(e)", "pays_union": "France"}
    _, problems = validate_step(
        step, {**married, "date_union": "02/10/2000"}, today=TODAY, answers=answers,
        procedure=RENEWAL,
    )
    assert set(_messages(problems)) == {"date_union"}
    assert "03/10/2000" in problems[0].message
    _, problems = validate_step(
        step, {**married, "date_union": "03/10/2020"}, today=TODAY, answers=answers,
        procedure=RENEWAL,
    )
    assert problems == []


def test_renewal_birth_from_informations_personnelles_when_no_profile():
    step = RENEWAL.step("motif_sejour")
    base = {k: v for k, v in MOTIF.items() if k != "date_entree"}
    values = {
        **base,
        "situation_familiale": "Pacsé(e)",
        "pays_union": "France",
        "date_union": "01/01/1999",
    }
    _, problems = validate_step(
        step, values, today=TODAY, answers=_born("03/10/2000"), procedure=RENEWAL
    )
    assert set(_messages(problems)) == {"date_union"}


# --- under 16 ----------------------------------------------------------------------------------


UNDER_16 = (
    "« Date de naissance » : la demande en ligne, faite « pour vous même », est réservée aux "
    "personnes de 16 ans et plus ; pour un mineur, adressez-vous à la préfecture."
)


def test_under_16_stopped_with_today_injected():
    values, problems = _step2(date_naissance="23/11/2010")
    assert _messages(problems) == {"date_naissance": UNDER_16}
    assert values["date_naissance"] == "23/11/2010"
    assert "préfecture" in UNDER_16


def test_sixteenth_birthday_accepted():
    _, problems = _step2(date_naissance="22/11/2010")
    assert problems == []


def test_same_birth_date_depends_on_today():
    assert _step2(date(2026, 11, 22), date_naissance="15/12/2010")[1] != []
    assert _step2(date(2026, 12, 15), date_naissance="15/12/2010")[1] == []


def test_year_only_birth_stopped_only_when_certainly_under_16():
    # Born in 2010: 16 already if born on 01/01/2010, so accepted.
    assert _step2(date_naissance="2010")[1] == []
    # Born in 2011: under 16 whatever the day.
    assert _messages(_step2(date_naissance="2011")[1]) == {"date_naissance": UNDER_16}
    # On 01/01/2027 someone born in 2011 may be 16.
    assert _step2(date(2027, 1, 1), date_naissance="2011")[1] == []


def test_month_year_birth_stopped_only_when_certainly_under_16():
    assert _step2(date_naissance="11/2010")[1] == []
    assert _messages(_step2(date_naissance="12/2010")[1]) == {"date_naissance": UNDER_16}


def test_leap_day_birth_sixteenth_birthday():
    assert _step2(date(2024, 2, 28), date_naissance="29/02/2008")[1] != []
    assert _step2(date(2024, 2, 29), date_naissance="29/02/2008")[1] == []


def test_wrong_birth_date_gets_only_its_own_problem():
    _, problems = _step2(date_naissance="2030")
    [problem] = problems
    assert "futur" in problem.message


# --- repeated prénoms and nationalités ---------------------------------------------------------


def test_repeated_prenoms_validated_one_by_one():
    values, problems = _step2(prenoms=["Chinedu", "Emeka 2"])
    [problem] = problems
    assert problem.field_id == "prenoms"
    assert problem.message.startswith("« Prénom(s) n° 2 » ne doit pas contenir de chiffres")


def test_repeated_prenoms_blank_items_dropped():
    values, problems = _step2(prenoms=["  Chinedu ", "", "Emeka"])
    assert problems == []
    assert values["prenoms"] == ["Chinedu", "Emeka"]


def test_single_prenom_named_without_number():
    _, problems = _step2(prenoms=["Chin3du"])
    assert problems[0].message.startswith("« Prénom(s) » ")


def test_repeated_nationalites_validated_one_by_one():
    values, problems = _step2(nationalites=["nigériane", "française"])
    assert problems == []
    assert values["nationalites"] == ["Nigériane", "Française"]
    _, problems = _step2(nationalites=["Nigériane", "Zzzz"])
    [problem] = problems
    assert problem.field_id == "nationalites"
    assert "« Nationalité(s) n° 2 »" in problem.message


def test_repeated_field_left_empty_is_required():
    _, problems = _step2(nationalites=["", "  "])
    assert _messages(problems) == {
        "nationalites": "« Nationalité(s) » est obligatoire : renseignez ce champ."
    }


# --- under 16, renewal (« Moi-même (à partir de 16 ans) », seed 000 l.324) ------------------


def _renewal_profile(today: date = TODAY, **values):
    profile = RENEWAL.profile
    assert profile is not None
    fields = {f.id: f for f in profile.fields()}
    return validate_step(profile, {**values}, today=today, procedure=RENEWAL), fields


def test_renewal_under_16_stopped_at_its_boundary():
    (_, problems), _ = _renewal_profile(date_naissance="23/11/2010")
    messages = _messages(problems)
    assert messages["date_naissance"] == (
        "« Date de naissance » : la demande « Moi-même (à partir de 16 ans) » est réservée "
        "aux personnes de 16 ans et plus ; pour un mineur, adressez-vous à la préfecture."
    )
    # Sixteen today: accepted (other required fields may be missing, not this one).
    (_, problems), _ = _renewal_profile(date_naissance="22/11/2010")
    assert "date_naissance" not in _messages(problems)
    # A ten-year-old, the case the issue found accepted.
    (_, problems), _ = _renewal_profile(date_naissance="01/01/2016")
    assert "date_naissance" in _messages(problems)
