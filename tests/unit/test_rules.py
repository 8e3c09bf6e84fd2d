"""Field rules: accepted forms, normalisation and the French refusal messages."""

from __future__ import annotations

from datetime import date

import pytest

from anef_tui.domain.rules import (
    RULES,
    FieldError,
    check_confirmation,
    password_checklist,
    password_ok,
    required_message,
    validate,
)

TODAY = date(2024, 6, 15)

EXPECTED_RULES = {
    "texte",
    "nom",
    "date",
    "date_passee",
    "annee_ou_date",
    "n_etranger",
    "n_titre",
    "ephoto",
    "email",
    "telephone",
    "code_postal",
    "pays",
    "nationalite",
    "observations",
    "numero_demande",
}


def ok(rule: str, raw: str, label: str = "Champ", today: date = TODAY) -> str:
    return validate(rule, label, raw, today=today)


def refused(rule: str, raw: str, label: str = "Champ", today: date = TODAY) -> str:
    with pytest.raises(FieldError) as info:
        validate(rule, label, raw, today=today)
    err = info.value
    assert err.label == label
    assert str(err) == err.message
    assert f"« {label} »" in err.message, err.message
    # One sentence, ending with a full stop or a question mark.
    assert err.message.rstrip().endswith((".", "?")), err.message
    return err.message


# --- registry, required, FieldError ------------------------------------------------------


def test_registry_has_exactly_the_documented_rules():
    assert set(RULES) == EXPECTED_RULES


def test_unknown_rule_is_a_key_error():
    with pytest.raises(KeyError):
        validate("inconnue", "Champ", "x", today=TODAY)


def test_field_error_is_a_value_error_with_label_and_message():
    err = FieldError("Nom", "« Nom » est faux.")
    assert isinstance(err, ValueError)
    assert (err.label, err.message, str(err)) == ("Nom", "« Nom » est faux.", "« Nom » est faux.")


def test_required_message():
    assert (
        required_message("Nom de naissance")
        == "« Nom de naissance » est obligatoire : renseignez ce champ."
    )


def test_validate_blank_input_gives_required_message():
    assert refused("texte", "   ", "Ville") == required_message("Ville")


# --- texte, observations, nom ------------------------------------------------------------


def test_texte_collapses_spaces():
    assert ok("texte", "  rue   de la   Paix \t") == "rue de la Paix"


def test_texte_too_long():
    assert ok("texte", "a" * 200) == "a" * 200
    msg = refused("texte", "a" * 201, "Voie")
    assert "200 caractères" in msg and "201" in msg


def test_observations_keep_line_breaks():
    raw = "Mon nom d'usage a changé.\r\nMerci   de corriger.  \n\nCordialement"
    assert ok("observations", raw) == (
        "Mon nom d'usage a changé.\nMerci   de corriger.\n\nCordialement"
    )


def test_observations_max_length():
    assert len(ok("observations", "x" * 2000)) == 2000
    msg = refused("observations", "x" * 2001, "Observations à destination de l'administration")
    assert "2000 caractères" in msg


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  Dupont  ", "Dupont"),
        ("Le   Guen", "Le Guen"),
        ("Éloïse-Anaïs", "Éloïse-Anaïs"),
        ("N'Diaye", "N'Diaye"),
        ("D’Alembert", "D’Alembert"),
        ("St. Louis", "St. Louis"),
        ("Nguyễn", "Nguyễn"),
        ("Øster Müller", "Øster Müller"),
    ],
)
def test_nom_accepts_names(raw, expected):
    assert ok("nom", raw) == expected


def test_nom_refuses_digits():
    msg = refused("nom", "Dupont2", "Nom de naissance")
    assert "chiffres" in msg


def test_nom_refuses_other_characters():
    msg = refused("nom", "Dupont@", "Prénom(s)")
    assert "« @ »" in msg and "lettres" in msg


def test_nom_needs_a_letter():
    assert "au moins une lettre" in refused("nom", "- '", "Nom de naissance")


# --- dates -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    ["03/10/2000", "3/10/2000", "03-10-2000", "03.10.2000", "3 10 2000", "03102000", "2000-10-03"],
)
def test_date_loose_forms(raw):
    assert ok("date", raw) == "03/10/2000"


def test_leap_years():
    assert ok("date", "29/02/2024") == "29/02/2024"
    assert ok("date", "29/02/2000") == "29/02/2000"
    msg = refused("date", "29/02/2023", "Date de naissance")
    assert "29/02/2023 n'existe pas" in msg
    assert "n'existe pas" in refused("date", "29/02/1900")


def test_date_that_does_not_exist():
    msg = refused("date", "31/02/2000", "Date de naissance")
    assert msg == (
        "« Date de naissance » : la date 31/02/2000 n'existe pas, vérifiez le jour et le mois."
    )
    assert "n'existe pas" in refused("date", "12/13/2000")
    assert "n'existe pas" in refused("date", "00/10/2000")


def test_two_digit_year_is_refused():
    msg = refused("date", "03/10/00", "Date de naissance")
    assert "4 chiffres" in msg


def test_year_before_1900_is_refused():
    msg = refused("date", "01/01/1899", "Date de naissance")
    assert "1899" in msg and "1900" in msg


@pytest.mark.parametrize("raw", ["hier", "03/10", "1/2/3/2000", "0310200", "03/100/2000"])
def test_date_bad_format(raw):
    msg = refused("date", raw, "Date de naissance")
    assert msg == (
        "« Date de naissance » : saisissez une date au format JJ/MM/AAAA, par exemple 03/10/2000."
    )


def test_plain_date_may_be_in_the_future():
    assert ok("date", "01/01/2030") == "01/01/2030"


def test_date_passee_refuses_the_future_with_injected_today():
    assert ok("date_passee", "15/06/2024") == "15/06/2024"  # today itself is fine
    msg = refused("date_passee", "16/06/2024", "Date d'entrée en France")
    assert msg == "« Date d'entrée en France » ne peut pas être dans le futur : vérifiez l'année."
    assert ok("date_passee", "16/06/2024", today=date(2024, 6, 16)) == "16/06/2024"


def test_date_passee_still_checks_existence():
    assert "n'existe pas" in refused("date_passee", "30/02/2001")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1985", "1985"),
        ("3/1985", "03/1985"),
        ("03-1985", "03/1985"),
        ("031985", "03/1985"),
        ("12/03/1985", "12/03/1985"),
        ("12031985", "12/03/1985"),
        ("2024", "2024"),
        ("06/2024", "06/2024"),
    ],
)
def test_annee_ou_date_forms(raw, expected):
    assert ok("annee_ou_date", raw) == expected


def test_annee_ou_date_refusals():
    label = "Date de naissance"
    assert "futur" in refused("annee_ou_date", "2025", label)
    assert "futur" in refused("annee_ou_date", "07/2024", label)
    assert "futur" in refused("annee_ou_date", "16/06/2024", label)
    assert "4 chiffres" in refused("annee_ou_date", "85", label)
    assert "1900" in refused("annee_ou_date", "1850", label)
    assert "01 et 12" in refused("annee_ou_date", "13/1985", label)
    assert "AAAA" in refused("annee_ou_date", "vers 1985", label)


# --- identifiers -------------------------------------------------------------------------


def test_n_etranger():
    assert ok("n_etranger", "5903007229") == "5903007229"
    assert ok("n_etranger", " 590 300 7229 ") == "5903007229"
    msg = refused("n_etranger", "590300722", "N° étranger")
    assert "10 chiffres" in msg and "9" in msg
    assert "chiffres" in refused("n_etranger", "59030O7229", "N° étranger")


def test_n_titre():
    assert ok("n_titre", "9999999999") == "9999999999"
    assert ok("n_titre", "ab 12 cd 3456") == "AB12CD3456"
    assert "10 caractères" in refused("n_titre", "99999", "N° de votre visa ou de votre titre")
    assert "lettres" in refused("n_titre", "99999-99999", "N° de votre visa ou de votre titre")


def test_ephoto():
    digits = "1234567890123456789012"
    assert ok("ephoto", digits) == digits
    assert ok("ephoto", "1234-5678-9012 3456-7890-12") == digits
    msg = refused("ephoto", digits[:-1], "Numéro ephoto (22 chiffres)")
    assert "22 chiffres" in msg and "21" in msg
    assert "chiffres" in refused("ephoto", "A" + digits[1:], "Numéro ephoto (22 chiffres)")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("59000", "59000"),
        ("01000", "01000"),
        ("20000", "20000"),
        ("98999", "98999"),
        (" 75 001 ", "75001"),
    ],
)
def test_code_postal_accepted(raw, expected):
    assert ok("code_postal", raw) == expected


def test_code_postal_refused():
    assert "5 chiffres" in refused("code_postal", "5900", "Code postal")
    assert "5 chiffres" in refused("code_postal", "2A000", "Code postal")
    assert "n'est pas un code postal français" in refused("code_postal", "00100", "Code postal")
    assert "n'est pas un code postal français" in refused("code_postal", "99000", "Code postal")


# --- contact -----------------------------------------------------------------------------


def test_email_normalises_domain_case():
    assert ok("email", " Jean.Dupont@Exemple.FR ") == "Jean.Dupont@exemple.fr"


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("jean.dupont", "« @ »"),
        ("a@@exemple.fr", "« @ »"),
        ("jean dupont@exemple.fr", "espace"),
        ("jean@exemple", "nom de domaine"),
        ("@exemple.fr", "avant « @ »"),
        ("jean..dupont@exemple.fr", "n'est pas valide"),
    ],
)
def test_email_refused_in_french(raw, fragment):
    msg = refused("email", raw, "Adresse email")
    assert fragment in msg
    assert "prenom.nom@exemple.fr" in msg


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("0102030405", "01 02 03 04 05"),
        ("01 02 03 04 05", "01 02 03 04 05"),
        ("06.12.34.56.78", "06 12 34 56 78"),
        ("06-12-34-56-78", "06 12 34 56 78"),
        ("+33 6 12 34 56 78", "06 12 34 56 78"),
        ("+33 (0)6 12 34 56 78", "06 12 34 56 78"),
        ("0033612345678", "06 12 34 56 78"),
        ("+262 692 12 34 56", "+262 692 12 34 56"),  # La Réunion
        ("0692 12 34 56", "+262 692 12 34 56"),  # La Réunion, dialled from France
        ("+262 639 01 23 45", "+262 639 01 23 45"),  # Mayotte
        ("+590 690 00 12 34", "+590 690 00 12 34"),  # Guadeloupe
        ("+594 694 20 12 34", "+594 694 20 12 34"),  # Guyane
        ("+596 696 20 12 34", "+596 696 20 12 34"),  # Martinique
        ("+269 321 23 45", "+269 321 23 45"),
    ],
)
def test_telephone_accepted(raw, expected):
    assert ok("telephone", raw) == expected


def test_telephone_refused():
    assert "n'est pas valide" in refused("telephone", "0612", "Téléphone")
    assert "n'est pas valide" in refused("telephone", "01 02 03 04 05 06", "Téléphone")
    assert "que des chiffres" in refused("telephone", "06 12 AB 56 78", "Téléphone")
    assert "numéro français" in refused("telephone", "+32 470 12 34 56", "Téléphone")


# --- countries and nationalities ---------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Mexique", "Mexique"),
        ("mexique", "Mexique"),
        ("MEXIQUE", "Mexique"),
        ("Pérou", "Pérou"),
        ("perou", "Pérou"),
        ("Côte d'Ivoire", "Côte d'Ivoire"),
        ("cote d’ivoire", "Côte d'Ivoire"),
        ("MX", "Mexique"),
        ("per", "Pérou"),
    ],
)
def test_pays(raw, expected):
    assert ok("pays", raw) == expected


def test_pays_unknown_suggests_close_names():
    msg = refused("pays", "Mexiqe", "Pays de naissance")
    assert "« Mexiqe » n'est pas un pays connu" in msg
    assert "vouliez-vous dire « Mexique »" in msg and msg.endswith("?")


def test_pays_unknown_without_suggestion():
    msg = refused("pays", "Zzqxw", "Pays de naissance")
    assert "n'est pas un pays connu" in msg and "en français" in msg


@pytest.mark.parametrize("raw", ["mexicain", "Mexicaine", "MEXICAINE", "mexicaine "])
def test_nationalite(raw):
    assert ok("nationalite", raw) == "Mexicaine"


def test_nationalite_unknown():
    msg = refused("nationalite", "mexicin", "Nationalité(s)")
    assert "n'est pas une nationalité connue" in msg and "« Mexicaine »" in msg


# --- confirmation ------------------------------------------------------------------------


def test_confirmation_match_passes():
    check_confirmation("a@exemple.fr", "a@exemple.fr", "Adresse email", "Confirmation")


def test_confirmation_mismatch():
    with pytest.raises(FieldError) as info:
        check_confirmation(
            "1234567890123456789012",
            "1234567890123456789013",
            "Numéro ephoto (22 chiffres)",
            "Confirmer le numéro ephoto",
        )
    err = info.value
    assert err.label == "Confirmer le numéro ephoto"
    assert err.message == (
        "« Confirmer le numéro ephoto » ne correspond pas à « Numéro ephoto (22 chiffres) » : "
        "saisissez deux fois la même valeur."
    )


# --- password helper ---------------------------------------------------------------------

CRITERIA = [
    "Au moins 8 caractères",
    "Une majuscule",
    "Une minuscule",
    "Un chiffre",
    'Un caractère spécial parmi !"#$%&()*-./=>?@_',
]


def test_password_checklist_labels():
    assert [label for label, _ in password_checklist("")] == CRITERIA
    assert [ok for _, ok in password_checklist("")] == [False] * 5


@pytest.mark.parametrize(
    ("password", "missing"),
    [
        ("Ab1!", "Au moins 8 caractères"),
        ("abcdef1!", "Une majuscule"),
        ("ABCDEF1!", "Une minuscule"),
        ("Abcdefg!", "Un chiffre"),
        ("Abcdefg1", 'Un caractère spécial parmi !"#$%&()*-./=>?@_'),
        ("Abcdefg1+", 'Un caractère spécial parmi !"#$%&()*-./=>?@_'),  # + is not in the set
        ("Abcdefg1,", 'Un caractère spécial parmi !"#$%&()*-./=>?@_'),
    ],
)
def test_password_each_criterion(password, missing):
    result = dict(password_checklist(password))
    assert [label for label, met in result.items() if not met] == [missing]
    assert not password_ok(password)


@pytest.mark.parametrize("special", list('!"#$%&()*-./=>?@_'))
def test_password_every_special_counts(special):
    assert password_ok(f"Abcdefg1{special}")
