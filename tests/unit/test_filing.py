"""Filing: the N° de la demande, the store's filing and official number, the renewal profile."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from anef_tui.domain.catalogue import load_procedure, prefill
from anef_tui.domain.filing import (
    departement_of,
    is_numero_demande,
    normalise_numero_demande,
    numero_demande,
    renewal_drafts_from,
    renewal_profile_from,
)
from anef_tui.domain.rules import FieldError, validate
from anef_tui.domain.status import DossierStatus
from anef_tui.domain.validation import validate_step
from anef_tui.store.db import StoreError
from anef_tui.store.dossiers import DossierStore, NotEditable

SEED_NUMBERS = [
    ("5901202310040000310", "59", date(2023, 10, 4), 310),
    ("5901202310050000316", "59", date(2023, 10, 5), 316),
    ("5901202310060000321", "59", date(2023, 10, 6), 321),
    ("5901202310310000365", "59", date(2023, 10, 31), 365),
]
RENEWAL = load_procedure("renouvellement")
FIRST = load_procedure("premiere_demande")
RENEWAL_PROFILE_FIELDS = [f.id for f in RENEWAL.profile.fields()]
BAD_NUMERO = "« N° de la demande » : saisissez les 19 chiffres du numéro"
TODAY = date(2025, 3, 1)

FIRST_PERSONAL = {
    "nom_naissance": "DIALLO",
    "nom_usage": "",
    "prenoms": ["Aminata", "Fatou"],
    "sexe": "Féminin",
    "date_naissance": "1987",
    "pays_naissance": "Guinée",
    "lieu_naissance": "Conakry",
    "nationalites": ["GUINÉENNE", "SÉNÉGALAISE"],
    "adresse": "12 rue des Arts 59000 Lille",
    "numero_voie": "12",
    "voie": "rue des Arts",
    "complement": "",
    "code_postal": "59000",
    "ville": "Lille",
    "pays": "France",
    "code_insee": "59350",
    "email": "aminata@exemple.fr",
    "telephone": "06 12 34 56 78",
}


class FakeClock:
    def __init__(self, start: datetime = datetime(2025, 3, 1, 9, 0, 0)):
        self.now = start

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now


@pytest.fixture
def store(tmp_path, store_base, store_key):
    s = DossierStore(tmp_path / "data", clock=FakeClock(), base=store_base,
                     key=store_key)
    yield s
    s.close()


def _draft(store: DossierStore, code_postal: str = "59000", **answers: dict) -> int:
    data = {"informations_personnelles": {"code_postal": code_postal}, **answers}
    return store.create("premiere_demande", applicant_name="DIALLO Aminata", answers=data)


# --- N° de la demande ----------------------------------------------------------------------


@pytest.mark.parametrize(("numero", "dept", "day", "sequence"), SEED_NUMBERS)
def test_numero_demande_matches_the_seed_examples(numero, dept, day, sequence):
    assert numero_demande(dept, day, sequence) == numero
    assert len(numero) == 19 and is_numero_demande(numero)


@pytest.mark.parametrize(
    ("code_postal", "expected"),
    [
        ("59000", "59"),
        ("20000", "20"),
        ("20200", "20"),
        ("97400", "97"),
        ("98800", "98"),
        ("75001", "75"),
        ("01000", "01"),
        (" 59 000 ", "59"),
    ],
)
def test_departement_of(code_postal, expected):
    assert departement_of(code_postal) == expected


@pytest.mark.parametrize("code_postal", ["", "5900", "590000", "ABCDE", "00999", "99000"])
def test_departement_of_refuses_a_bad_postcode(code_postal):
    with pytest.raises(ValueError, match="Code postal"):
        departement_of(code_postal)


def test_numero_demande_refuses_bad_parts():
    with pytest.raises(ValueError):
        numero_demande("2A", date(2024, 1, 1), 1)
    with pytest.raises(ValueError):
        numero_demande("59", date(2024, 1, 1), 0)
    with pytest.raises(ValueError):
        numero_demande("59", date(2024, 1, 1), 10_000_000)


@pytest.mark.parametrize(
    "value", ["", "590120231004000031", "59012023100400003100", "590120231004000031A", None, 5]
)
def test_is_numero_demande_refuses(value):
    assert not is_numero_demande(value)


def test_numero_demande_rule_ignores_spaces():
    spaced = "5901 2023 1004 0000 310"
    numero = validate("numero_demande", "N° de la demande", spaced, today=TODAY)
    assert numero == "5901202310040000310"
    with pytest.raises(FieldError, match=BAD_NUMERO):
        validate("numero_demande", "N° de la demande", "5901", today=TODAY)
    assert normalise_numero_demande(" 5901202310040000310 ") == "5901202310040000310"


# --- filing --------------------------------------------------------------------------------


def test_filing_sets_status_date_number_and_events(store):
    dossier_id = _draft(store)
    numero = store.file_dossier(
        dossier_id, filed_at=datetime(2025, 3, 4, 10, 15), current_step="confirmation"
    )
    assert numero == "5901202503040000001"
    summary = store.get(dossier_id).summary
    assert summary.status is DossierStatus.DEPOSEE
    assert summary.numero_demande == numero
    assert summary.filed_at == "2025-03-04T10:15:00"
    assert summary.current_step == "confirmation"
    kinds = [e["kind"] for e in store.events(dossier_id)]
    assert kinds == ["created", "filed"]
    assert store.events(dossier_id)[-1]["detail"] == "brouillon -> deposee"
    assert [s.id for s in store.list(numero)] == [dossier_id]


def test_a_filed_dossier_is_read_only(store):
    dossier_id = _draft(store)
    store.file_dossier(dossier_id, filed_at=datetime(2025, 3, 4, 10, 15))
    with pytest.raises(NotEditable):
        store.save_step(dossier_id, "motif_sejour", {}, next_step=None)
    with pytest.raises(NotEditable):
        store.save_profile(dossier_id, "compte", {"email": "a@b.fr"}, applicant_name=None)
    with pytest.raises(NotEditable):
        store.file_dossier(dossier_id, filed_at=datetime(2025, 3, 5, 10, 15))


def test_sequence_is_unique_across_days_and_departements(store):
    first = store.file_dossier(_draft(store), filed_at=datetime(2025, 3, 4, 9, 0))
    same_day = store.file_dossier(_draft(store, "75001"), filed_at=datetime(2025, 3, 4, 17, 0))
    next_day = store.file_dossier(_draft(store, "97400"), filed_at=datetime(2025, 3, 5, 9, 0))
    assert first == "5901202503040000001"
    assert same_day == "7501202503040000002"
    assert next_day == "9701202503050000003"
    sequences = [n[12:] for n in (first, same_day, next_day)]
    assert len(set(sequences)) == 3


def test_postcode_from_the_renewal_profile(store):
    dossier_id = store.create("renouvellement", answers={"titre_actuel": {"code_postal": "20000"}})
    assert store.file_dossier(dossier_id, filed_at=datetime(2025, 3, 4, 9, 0)).startswith("2001")


def test_filing_without_postcode_is_refused_and_changes_nothing(store):
    dossier_id = store.create("premiere_demande", answers={"informations_personnelles": {}})
    with pytest.raises(StoreError, match="Le code postal manque"):
        store.file_dossier(dossier_id, filed_at=datetime(2025, 3, 4, 9, 0))
    summary = store.get(dossier_id).summary
    assert summary.status is DossierStatus.BROUILLON and summary.numero_demande is None
    assert [e["kind"] for e in store.events(dossier_id)] == ["created"]


# --- official number -----------------------------------------------------------------------


def test_official_number_replaces_the_local_one(store):
    dossier_id = _draft(store)
    local = store.file_dossier(dossier_id, filed_at=datetime(2025, 3, 4, 9, 0))
    store.set_official_numero(dossier_id, "5901 2023 1031 0000 365")
    (summary,) = store.list()
    assert summary.numero_demande == "5901202310310000365"
    assert [s.id for s in store.list("5901202310310000365")] == [dossier_id]
    assert store.list(local) == []
    event = store.events(dossier_id)[-1]
    assert event["kind"] == "numero_officiel" and event["detail"] == "local -> officiel"
    assert store.get(dossier_id).status is DossierStatus.DEPOSEE
    store.set_official_numero(dossier_id, "5901202310310000365")  # same number: nothing
    assert len(store.events(dossier_id)) == 3
    store.set_official_numero(dossier_id, "5901202310310000366")
    assert store.events(dossier_id)[-1]["detail"] == "officiel -> officiel"


def test_invalid_official_number_is_refused_in_french(store):
    dossier_id = _draft(store)
    local = store.file_dossier(dossier_id, filed_at=datetime(2025, 3, 4, 9, 0))
    for bad in ("", "59012023", "5901202310310000365X"):
        with pytest.raises(ValueError, match=BAD_NUMERO):
            store.set_official_numero(dossier_id, bad)
    assert store.get(dossier_id).summary.numero_demande == local


def test_official_number_refused_on_a_draft(store):
    dossier_id = _draft(store)
    with pytest.raises(StoreError, match="Déposez d'abord la demande"):
        store.set_official_numero(dossier_id, "5901202310310000365")


def test_official_number_of_another_dossier_is_refused(store):
    a, b = _draft(store), _draft(store)
    store.file_dossier(a, filed_at=datetime(2025, 3, 4, 9, 0))
    store.file_dossier(b, filed_at=datetime(2025, 3, 4, 9, 0))
    store.set_official_numero(a, "5901202310310000365")
    with pytest.raises(ValueError, match="déjà celui du dossier"):
        store.set_official_numero(b, "5901202310310000365")


# --- profile and renewal -------------------------------------------------------------------


def test_save_profile(store):
    dossier_id = store.create("renouvellement")
    store.save_draft(dossier_id, "titre_actuel", {"n_etranger": "59"})
    store.save_profile(
        dossier_id,
        "titre_actuel",
        {"n_etranger": "5903007229", "nom_naissance": "GUIDE"},
        applicant_name="GUIDE Malade",
    )
    record = store.get(dossier_id)
    assert record.summary.current_step is None
    assert record.answers["titre_actuel"]["n_etranger"] == "5903007229"
    assert "titre_actuel" not in record.drafts
    assert record.summary.applicant_name == "GUIDE Malade"
    assert [s.id for s in store.list("5903007229")] == [dossier_id]
    event = store.events(dossier_id)[-1]
    assert event["kind"] == "profile_saved" and event["detail"] == "titre_actuel"
    store.save_profile(
        dossier_id, "titre_actuel", {}, applicant_name=None, next_step="informations_personnelles"
    )
    summary = store.get(dossier_id).summary
    assert summary.applicant_name == "GUIDE Malade"
    assert summary.current_step == "informations_personnelles"


def test_renewal_from_a_first_application(store):
    parent = store.create(
        "premiere_demande",
        applicant_name="DIALLO Aminata",
        answers={
            "situation": {"situation": "x"},
            "informations_personnelles": FIRST_PERSONAL,
            "motif_sejour": {"situation_familiale": "Célibataire"},
        },
    )
    store.file_dossier(parent, filed_at=datetime(2025, 3, 4, 9, 0))
    child = store.create_renewal_from(parent)
    record = store.get(child)
    assert record.parent_id == parent
    assert record.summary.procedure == "renouvellement"
    assert record.status is DossierStatus.BROUILLON
    assert record.summary.applicant_name == "DIALLO Aminata"
    assert record.summary.numero_demande is None
    assert list(record.answers) == ["titre_actuel"]
    profile = record.answers["titre_actuel"]
    assert set(profile) == set(RENEWAL_PROFILE_FIELDS)
    assert profile["nationalite"] == "GUINÉENNE"
    assert profile["prenoms"] == ["Aminata", "Fatou"]
    assert profile["date_naissance"] == "1987"
    assert profile["nom_naissance"] == "DIALLO" and profile["lieu_naissance"] == "Conakry"
    assert profile["code_postal"] == "59000" and profile["ville"] == "Lille"
    assert profile["email"] == profile["email_confirmation"] == "aminata@exemple.fr"
    # A first application has no N° étranger; the title's number and dates are new.
    for key in ("n_etranger", "n_titre", "date_debut_validite", "date_fin_validite"):
        assert profile[key] == ""
    assert "telephone" not in profile and "situation_familiale" not in profile
    # The phone pre-fills step 1, as a draft: the step is still to be checked and saved.
    assert record.drafts == {"informations_personnelles": {"telephone": "06 12 34 56 78"}}
    (created,) = [e for e in store.events(child) if e["kind"] == "created"]
    assert created["detail"] == f"renouvellement (depuis n° {parent})"


def test_renewal_from_a_renewal_prefers_the_latest_address():
    answers = {
        "titre_actuel": {
            "n_etranger": "5903007229",
            "nom_naissance": "GUIDE",
            "prenoms": ["Malade"],
            "nationalite": "MEXICAINE",
            "code_postal": "59000",
            "email": "ancien@exemple.fr",
        },
        "informations_personnelles": {"code_postal": "59800", "email": "ancien@exemple.fr"},
    }
    profile = renewal_profile_from(answers, RENEWAL, RENEWAL)
    assert profile["nom_naissance"] == "GUIDE" and profile["nationalite"] == "MEXICAINE"
    assert profile["code_postal"] == "59800"
    assert profile["n_etranger"] == "5903007229"


def test_renewal_from_a_renewal_keeps_the_n_etranger_and_the_phone(store):
    """Issue 21: Ctrl+R dropped the N° étranger (the person's own, it does not change with
    the title) and the phone; both are carried, the title's number and dates are not."""
    parent = store.create(
        "renouvellement",
        applicant_name="GUIDE Malade",
        answers={
            "titre_actuel": {"n_etranger": "5903007229", "n_titre": "9999999999",
                             "date_debut_validite": "05/10/2022", "nom_naissance": "GUIDE"},
            "informations_personnelles": {"telephone": "06 12 34 56 78"},
        },
    )
    record = store.get(store.create_renewal_from(parent))
    profile = record.answers["titre_actuel"]
    assert profile["n_etranger"] == "5903007229"
    assert profile["n_titre"] == profile["date_debut_validite"] == ""
    assert list(record.answers) == ["titre_actuel"]  # step 1 is not saved for the person
    assert record.drafts == {"informations_personnelles": {"telephone": "06 12 34 56 78"}}
    # Searching by the N° étranger finds the new dossier too.
    assert {s.id for s in store.list("5903007229")} == {parent, record.summary.id}


def test_renewal_drafts_carry_only_listed_roles_of_editable_step_fields():
    answers = {"informations_personnelles": FIRST_PERSONAL}
    drafts = renewal_drafts_from(answers, FIRST, RENEWAL)
    # Only the phone: the address and e-mail reach step 1 through the profile (`source`).
    assert drafts == {"informations_personnelles": {"telephone": "06 12 34 56 78"}}
    assert renewal_drafts_from({}, FIRST, RENEWAL) == {}


def test_renewal_profile_from_nothing_is_empty():
    profile = renewal_profile_from({}, FIRST, RENEWAL)
    assert set(profile) == set(RENEWAL_PROFILE_FIELDS)
    assert profile["prenoms"] == [] and profile["nationalite"] == ""


def test_renewal_reuses_only_the_roles_its_file_lists():
    # The title's number and dates are not listed: the person holds a new title.
    assert RENEWAL.renewal_from is not None
    listed = set(RENEWAL.renewal_from.roles)
    assert not listed & {"n_titre", "debut_validite", "fin_validite"}
    assert {"n_etranger", "telephone"} <= listed
    answers = {"titre_actuel": {"n_etranger": "5903007229", "n_titre": "1", "sexe": "Féminin"}}
    profile = renewal_profile_from(answers, RENEWAL, RENEWAL)
    assert profile["sexe"] == "Féminin" and profile["n_titre"] == ""
    assert profile["n_etranger"] == "5903007229"


def test_renewal_profile_from_refuses_a_procedure_without_renewal_from():
    with pytest.raises(ValueError, match="antérieur"):
        renewal_profile_from({}, RENEWAL, FIRST)


def test_carried_profile_validates_and_prefills_step_1():
    renewal = load_procedure("renouvellement")
    profile = renewal_profile_from(
        {"informations_personnelles": FIRST_PERSONAL}, FIRST, RENEWAL
    )
    profile.update(
        n_etranger="5903007229",
        n_titre="9999999999",
        date_debut_validite="01/10/2023",
        date_fin_validite="30/09/2024",
        date_naissance="03/10/1987",  # a full date is required by the renewal profile
        nationalite="Guinéenne",
    )
    _values, problems = validate_step(renewal.profile, profile, today=TODAY)
    assert problems == []
    values = prefill(renewal, "informations_personnelles", profile)
    assert values["prenoms"] == ["Aminata", "Fatou"]
    assert values["email"] == "aminata@exemple.fr"
    assert "telephone" not in values and "n_etranger" not in values


def test_an_official_number_does_not_move_the_local_sequence(store):
    """Issue 12: after « 5901202310040000310 » typed as the official number, the next local
    number is the one after the last local one (2), not 311."""
    first = _draft(store)
    assert store.file_dossier(first, filed_at=datetime(2025, 3, 4, 10, 0)).endswith("0000001")
    store.set_official_numero(first, "5901202310040000310")
    second = _draft(store)
    numero = store.file_dossier(second, filed_at=datetime(2025, 3, 5, 10, 0))
    assert numero == "5901202503050000002"


def test_a_local_number_never_takes_an_official_one(store):
    """An official number with the very digits the next local one would have: skipped."""
    first = _draft(store)
    store.file_dossier(first, filed_at=datetime(2025, 3, 4, 10, 0))  # …0000001
    store.set_official_numero(first, "5901202503050000002")
    second = _draft(store)
    assert store.file_dossier(second, filed_at=datetime(2025, 3, 5, 10, 0)) == (
        "5901202503050000003"
    )
