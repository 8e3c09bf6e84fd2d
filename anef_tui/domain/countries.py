"""Country names and nationality adjectives in French, with lenient matching.

Country names come from pycountry's French gettext catalogue (`iso3166-1`): the canonical
name of a country is exactly pycountry's French name (« Mexique », « Russie, Fédération de »).
Nationality adjectives are not in pycountry; they come from `assets/nationalites.csv`
(source in `assets/nationalites.SOURCE.md`). ANEF prints the nationality as the feminine
adjective in upper case (« MEXICAINE »); the canonical form here is that adjective capitalised
(« Mexicaine »), the PDF layer upper-cases it.

Everything is loaded lazily on first use and cached: importing this module costs nothing.
"""

from __future__ import annotations

import csv
import difflib
import re
from dataclasses import dataclass
from functools import lru_cache

from anef_tui.domain.text import fold
from anef_tui.paths import assets_dir

NATIONALITIES_CSV = "nationalites.csv"

# Kosovo has no ISO 3166-1 code (XK is a user-assigned code), so pycountry does not list it,
# yet the préfectures handle many Kosovar applicants: it is added by hand.
KOSOVO_CODE = "XK"
KOSOVO_NAME = "Kosovo"
# A stateless applicant has a nationality field too: ANEF offers « Apatride ».
STATELESS = "Apatride"

# Names people commonly type that are neither pycountry's French name nor its official name.
# Keys are matched through `_key`, values are ISO alpha-2 codes.
_COUNTRY_ALIASES: dict[str, str] = {
    "Corée du Sud": "KR",
    "Corée du Nord": "KP",
    "Laos": "LA",
    "Syrie": "SY",
    "Vietnam": "VN",
    "Moldavie": "MD",
    "Biélorussie": "BY",
    "Myanmar": "MM",
    "Cabo Verde": "CV",
    "Timor-Leste": "TL",
    "Timor": "TL",
    "Vatican": "VA",
    "El Salvador": "SV",
    "République tchèque": "CZ",
    "Swaziland": "SZ",
    "RDC": "CD",
    "RD Congo": "CD",
    "Congo-Kinshasa": "CD",
    "Congo-Brazzaville": "CG",
    "Macédoine": "MK",
    "Grande-Bretagne": "GB",
    "Angleterre": "GB",
    "Hollande": "NL",
    "USA": "US",
    "Suriname": "SR",
    "Brunei": "BN",
    "Iraq": "IQ",
    "Kirghizstan": "KG",
    "Turkménie": "TM",
    "Île Maurice": "MU",
    "Guinée-Conakry": "GN",
    "Centrafrique": "CF",
    "Émirats": "AE",
    "Saint-Kitts-et-Nevis": "KN",
    "Tanzanie": "TZ",
    "Palestine": "PS",
    "Taïwan": "TW",
}

_SEPARATORS = re.compile(r"[-'’.]")


def _key(text: str) -> str:
    """Matching key: folded, hyphens, apostrophes and dots read as spaces."""
    return fold(_SEPARATORS.sub(" ", fold(text)))


@dataclass(frozen=True)
class Country:
    alpha2: str
    alpha3: str
    name: str  # canonical French name


@lru_cache(maxsize=1)
def _translator():
    import gettext

    import pycountry

    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])


@lru_cache(maxsize=1)
def _countries() -> tuple[Country, ...]:
    import pycountry

    tr = _translator()
    found = [Country(c.alpha_2, c.alpha_3, tr.gettext(c.name)) for c in pycountry.countries]
    found.append(Country(KOSOVO_CODE, "XKX", KOSOVO_NAME))
    return tuple(found)


@lru_cache(maxsize=1)
def _by_alpha2() -> dict[str, Country]:
    return {c.alpha2: c for c in _countries()}


def _inverted(name: str) -> list[str]:
    """Forms of an inverted catalogue name: « Iran, République islamique d' » gives « Iran »
    and « République islamique d'Iran »; « Salomon, Îles » gives « Îles Salomon »."""
    if ", " not in name:
        return []
    head, tail = name.split(", ", 1)
    joiner = "" if tail.endswith(("'", "’")) else " "
    return [head, f"{tail}{joiner}{head}"]


@lru_cache(maxsize=1)
def _country_index() -> dict[str, str]:
    """Matching key -> canonical French name. Ambiguous keys (« Corée ») are dropped."""
    import pycountry

    tr = _translator()
    index: dict[str, str] = {}
    ambiguous: set[str] = set()

    def add(text: str, name: str, *, strong: bool = False) -> None:
        key = _key(text)
        if not key:
            return
        if strong:
            index[key] = name
            ambiguous.discard(key)
            return
        if key in index and index[key] != name:
            ambiguous.add(key)
        else:
            index.setdefault(key, name)

    by_alpha2 = _by_alpha2()
    # Weak forms first (official names, halves of inverted names), strong forms last.
    for c in pycountry.countries:
        name = by_alpha2[c.alpha_2].name
        official = getattr(c, "official_name", None)
        if official:
            add(tr.gettext(official), name)
        for form in _inverted(name):
            add(form, name)
    for key in ambiguous:
        index.pop(key, None)
    for alias, alpha2 in _COUNTRY_ALIASES.items():
        add(alias, by_alpha2[alpha2].name, strong=True)
    for country in _countries():
        add(country.name, country.name, strong=True)
    return index


@lru_cache(maxsize=1)
def _sorted_country_names() -> tuple[str, ...]:
    return tuple(sorted((c.name for c in _countries()), key=lambda n: (fold(n), n)))


def country_names() -> list[str]:
    """All French country names (pycountry's, plus Kosovo), sorted as a French reader expects
    (« Émirats arabes unis » with the E). A fresh list: callers may modify it."""
    return list(_sorted_country_names())


def match_country(raw: str) -> str | None:
    """Canonical French name for what the user typed, or None.

    Accent-, case-, hyphen- and apostrophe-insensitive; also accepts ISO alpha-2 / alpha-3
    codes (« MX », « mex »), official names (« République française ») and a few usual
    names (« Corée du Sud », « Russie »).
    """
    key = _key(raw)
    if not key:
        return None
    found = _country_index().get(key)
    if found:
        return found
    code = key.replace(" ", "").upper()
    if len(code) == 2:
        country = _by_alpha2().get(code)
        return country.name if country else None
    if len(code) == 3:
        for country in _countries():
            if country.alpha3 == code:
                return country.name
    return None


def country_code(raw: str) -> str | None:
    """ISO alpha-2 code (XK for Kosovo) of the country the user typed, or None."""
    name = match_country(raw)
    if name is None:
        return None
    for country in _countries():
        if country.name == name:
            return country.alpha2
    return None  # pragma: no cover - every canonical name comes from _countries()


def _suggest(raw: str, index: dict[str, str], n: int) -> list[str]:
    key = _key(raw)
    if not key or n <= 0:
        return []
    out: list[str] = []

    def push(name: str) -> None:
        if name not in out:
            out.append(name)

    if len(key) >= 3:
        # Names with a word starting like the input first (« congo » -> both Congos).
        for k in sorted(index):
            if any(word.startswith(key) for word in k.split()) or k.startswith(key):
                push(index[k])
    for k in difflib.get_close_matches(key, list(index), n=n * 3, cutoff=0.6):
        push(index[k])
    return out[:n]


def suggest_countries(raw: str, n: int = 3) -> list[str]:
    """Up to `n` canonical country names close to `raw` (for « vouliez-vous dire … ? »)."""
    return _suggest(raw, _country_index(), n)


@dataclass(frozen=True)
class Nationality:
    alpha2: str
    pays: str
    masculin: str
    feminin: str  # canonical form, as in the CSV's `nationalite` column


@lru_cache(maxsize=1)
def _nationalities() -> tuple[Nationality, ...]:
    path = assets_dir() / NATIONALITIES_CSV
    with path.open(encoding="utf-8", newline="") as fh:
        rows = [
            Nationality(r["alpha2"], r["pays"], r["nationalite_masculin"], r["nationalite"])
            for r in csv.DictReader(fh)
        ]
    rows.append(Nationality(KOSOVO_CODE, KOSOVO_NAME, "kosovar", "Kosovare"))
    return tuple(rows)


@lru_cache(maxsize=1)
def _nationality_index() -> dict[str, str]:
    """Matching key (masculine or feminine form) -> canonical (feminine) form."""
    index: dict[str, str] = {}
    for nat in _nationalities():
        index.setdefault(_key(nat.feminin), nat.feminin)
        index.setdefault(_key(nat.masculin), nat.feminin)
    index[_key(STATELESS)] = STATELESS
    return index


@lru_cache(maxsize=1)
def _sorted_nationality_names() -> tuple[str, ...]:
    names = {nat.feminin for nat in _nationalities()} | {STATELESS}
    return tuple(sorted(names, key=lambda n: (fold(n), n)))


def nationality_names() -> list[str]:
    """All canonical nationality adjectives (feminine, capitalised), unique, sorted.
    A fresh list: callers may modify it."""
    return list(_sorted_nationality_names())


def match_nationality(raw: str) -> str | None:
    """Canonical nationality for what the user typed, or None.

    Accepts the masculine or feminine adjective in any case, with or without accents
    (« mexicain », « MEXICAINE »), and, as a courtesy, the country's name (« Mexique »).
    """
    key = _key(raw)
    if not key:
        return None
    found = _nationality_index().get(key)
    if found:
        return found
    code = country_code(raw)
    return nationality_of(code) if code else None


def nationality_of(country_alpha2: str) -> str | None:
    """Canonical nationality of the country with this ISO alpha-2 code, or None."""
    code = country_alpha2.strip().upper()
    for nat in _nationalities():
        if nat.alpha2 == code:
            return nat.feminin
    return None


def suggest_nationalities(raw: str, n: int = 3) -> list[str]:
    """Up to `n` canonical nationalities close to `raw`."""
    return _suggest(raw, _nationality_index(), n)
