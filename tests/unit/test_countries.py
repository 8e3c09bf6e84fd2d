"""French country names, nationality adjectives and the nationalites.csv table."""

from __future__ import annotations

import csv
import gettext
import subprocess
import sys

import pycountry
import pytest

from anef_tui.domain.countries import (
    country_code,
    country_names,
    match_country,
    match_nationality,
    nationality_names,
    nationality_of,
    suggest_countries,
    suggest_nationalities,
)
from anef_tui.domain.text import fold
from anef_tui.paths import assets_dir

# The 193 member States of the United Nations.
UN_MEMBERS = set(
    """
    AF AL DZ AD AO AG AR AM AU AT AZ BS BH BD BB BY BE BZ BJ BT BO BA BW BR BN BG BF BI CV KH
    CM CA CF TD CL CN CO KM CG CD CR CI HR CU CY CZ KP DK DJ DM DO EC EG SV GQ ER EE SZ ET FJ
    FI FR GA GM GE DE GH GR GD GT GN GW GY HT HN HU IS IN ID IR IQ IE IL IT JM JP JO KZ KE KI
    KW KG LA LV LB LS LR LY LI LT LU MG MW MY MV ML MT MH MR MU MX FM MD MC MN ME MA MZ MM NA
    NR NP NL NZ NI NE NG MK NO OM PK PW PA PG PY PE PH PL PT QA KR RO RU RW KN LC VC WS SM ST
    SA SN RS SC SL SG SK SI SB SO ZA SS ES LK SD SR SE CH SY TJ TH TL TG TO TT TN TR TM TV UG
    UA AE GB TZ US UY UZ VU VE VN YE ZM ZW
    """.split()
)


def french_names() -> dict[str, str]:
    tr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
    return {c.alpha_2: tr.gettext(c.name) for c in pycountry.countries}


def csv_rows() -> list[dict[str, str]]:
    with (assets_dir() / "nationalites.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


# --- the CSV -----------------------------------------------------------------------------


def test_un_member_list_is_complete():
    assert len(UN_MEMBERS) == 193


def test_csv_header_and_size():
    with (assets_dir() / "nationalites.csv").open(encoding="utf-8") as fh:
        assert fh.readline().strip() == "alpha2,pays,nationalite_masculin,nationalite"
    rows = csv_rows()
    assert len(rows) >= 195
    codes = [r["alpha2"] for r in rows]
    assert len(codes) == len(set(codes)), "duplicate alpha2"


def test_csv_covers_every_un_member():
    codes = {r["alpha2"] for r in csv_rows()}
    assert UN_MEMBERS - codes == set()


def test_csv_pays_equals_pycountry_french_name():
    names = french_names()
    for row in csv_rows():
        assert row["alpha2"] in names, row
        assert row["pays"] == names[row["alpha2"]], row
        # And the lookup by name in countries.py agrees with the code.
        assert match_country(row["pays"]) == row["pays"]
        assert country_code(row["pays"]) == row["alpha2"]


def test_csv_adjective_forms():
    for row in csv_rows():
        masc, fem = row["nationalite_masculin"], row["nationalite"]
        assert masc and fem, row
        assert masc == masc.lower(), row
        assert fem[0].isupper(), row
        # Feminine form starts like the masculine one (« grec » / « Grecque »).
        assert fold(fem).startswith(fold(masc)[:3]), row
        assert fem.strip() == fem and masc.strip() == masc, row


def test_csv_known_rows():
    rows = {r["alpha2"]: r for r in csv_rows()}
    assert rows["MX"] == {
        "alpha2": "MX",
        "pays": "Mexique",
        "nationalite_masculin": "mexicain",
        "nationalite": "Mexicaine",
    }
    assert rows["FR"]["nationalite"] == "Française"
    assert rows["DZ"]["nationalite"] == "Algérienne"
    assert rows["CI"]["nationalite"] == "Ivoirienne"
    assert rows["GR"]["nationalite"] == "Grecque"
    assert rows["TR"]["nationalite"] == "Turque"


def test_source_file_exists():
    text = (assets_dir() / "nationalites.SOURCE.md").read_text(encoding="utf-8")
    assert "pycountry" in text and "nationalite" in text


# --- countries ---------------------------------------------------------------------------


def test_country_names_sorted_french_and_complete():
    names = country_names()
    assert set(french_names().values()) <= set(names)
    assert "Mexique" in names and "Pérou" in names and "Côte d'Ivoire" in names
    assert names == sorted(names, key=lambda n: (fold(n), n))
    # « Émirats » is sorted with the E, not after « Zimbabwe ».
    assert names.index("Émirats arabes unis") < names.index("Espagne")
    assert names[-1] == "Zimbabwe"


def test_country_names_returns_a_fresh_list():
    country_names().clear()
    assert "Mexique" in country_names()


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Mexique", "Mexique"),
        ("mexique", "Mexique"),
        ("MEXIQUE", "Mexique"),
        ("  mexique ", "Mexique"),
        ("Pérou", "Pérou"),
        ("perou", "Pérou"),
        ("PEROU", "Pérou"),
        ("Côte d'Ivoire", "Côte d'Ivoire"),
        ("cote d'ivoire", "Côte d'Ivoire"),
        ("Côte d’Ivoire", "Côte d'Ivoire"),
        ("COTE D IVOIRE", "Côte d'Ivoire"),
        ("Royaume Uni", "Royaume-Uni"),
        ("etats-unis", "États-Unis"),
        ("MX", "Mexique"),
        ("mex", "Mexique"),
        ("dz", "Algérie"),
        ("Russie", "Russie, Fédération de"),
        ("Fédération de Russie", "Russie, Fédération de"),
        ("Iran", "Iran, République islamique d'"),
        ("Corée du Sud", "Corée, République de"),
        ("République française", "France"),
        ("RDC", "République démocratique du Congo"),
        ("Kosovo", "Kosovo"),
    ],
)
def test_match_country(raw, expected):
    assert match_country(raw) == expected


@pytest.mark.parametrize("raw", ["", "   ", "Atlantide", "Corée", "Congo", "ZZ", "zzz"])
def test_match_country_unknown_or_ambiguous(raw):
    assert match_country(raw) is None


def test_suggest_countries():
    assert suggest_countries("Mexiqe")[0] == "Mexique"
    assert len(suggest_countries("Mexiqe", n=3)) <= 3
    assert suggest_countries("Mexiqe", n=1) == ["Mexique"]
    congo = suggest_countries("Congo")
    assert "République du Congo" in congo and "République démocratique du Congo" in congo
    assert set(suggest_countries("coree")[:2]) == {
        "Corée, République de",
        "Corée, République populaire démocratique de",
    }
    assert suggest_countries("") == []


def test_country_code():
    assert country_code("mexique") == "MX"
    assert country_code("Atlantide") is None


def test_nothing_is_loaded_at_import():
    code = (
        "import sys\n"
        "import anef_tui.domain.countries as c\n"
        "import anef_tui.domain.rules\n"
        "assert 'pycountry' not in sys.modules, 'pycountry imported'\n"
        "assert 'phonenumbers' not in sys.modules, 'phonenumbers imported'\n"
        "assert c._countries.cache_info().currsize == 0\n"
        "assert c._nationalities.cache_info().currsize == 0\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


# --- nationalities -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("mexicain", "Mexicaine"),
        ("Mexicaine", "Mexicaine"),
        ("MEXICAINE", "Mexicaine"),
        ("MEXICAIN", "Mexicaine"),
        ("algerien", "Algérienne"),
        ("Algérienne", "Algérienne"),
        ("francaise", "Française"),
        ("grec", "Grecque"),
        ("sud africaine", "Sud-Africaine"),
        ("congolais", "Congolaise"),
        ("Mexique", "Mexicaine"),  # the country's name is accepted too
        ("apatride", "Apatride"),
        ("kosovar", "Kosovare"),
    ],
)
def test_match_nationality(raw, expected):
    assert match_nationality(raw) == expected


@pytest.mark.parametrize("raw", ["", "martien", "xyz"])
def test_match_nationality_unknown(raw):
    assert match_nationality(raw) is None


def test_nationality_names():
    names = nationality_names()
    assert len(names) == len(set(names))
    assert "Mexicaine" in names and "Congolaise" in names and "Apatride" in names
    assert names == sorted(names, key=lambda n: (fold(n), n))
    assert {r["nationalite"] for r in csv_rows()} <= set(names)


def test_nationality_of():
    assert nationality_of("MX") == "Mexicaine"
    assert nationality_of("mx") == "Mexicaine"
    assert nationality_of("CD") == nationality_of("CG") == "Congolaise"
    assert nationality_of("XK") == "Kosovare"
    assert nationality_of("ZZ") is None


def test_suggest_nationalities():
    assert suggest_nationalities("mexicin")[0] == "Mexicaine"
    assert suggest_nationalities("") == []
