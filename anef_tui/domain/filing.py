"""Filing a dossier: the « N° de la demande », and a renewal prepared from an earlier dossier.

The ANEF numbers a request with 19 digits: département (2) + "01" + filing date AAAAMMJJ (8) +
a 7-digit sequence, e.g. 5901202310040000310 = 59 · 01 · 20231004 · 0000310 (all four examples
of the seeds fit: 5901202310040000310, 5901202310050000316, 5901202310060000321,
5901202310310000365). anef-tui gives a filed dossier a local number of that shape (its
sequence unique in the database, see `DossierStore.file_dossier`) until the applicant records
the one the official site gave (`DossierStore.set_official_numero`).

Pure functions, light imports: the store imports this module at start-up.
"""

from __future__ import annotations

import re
from datetime import date

NUMERO_DEMANDE_LENGTH = 19
NUMERO_DEMANDE_EXAMPLE = "5901202310040000310"
NUMERO_DEMANDE_LABEL = "N° de la demande"
SEQUENCE_MAX = 9_999_999  # 7 digits

_NUMERO_RE = re.compile(r"[0-9]{19}")
_SPACES_RE = re.compile(r"\s+")

# The renewal profile (« Mon titre actuel », catalogue id "titre_actuel"): its field ids, in
# the catalogue's order (a test checks they match assets/procedures/renouvellement.toml).
# Kept here so that this module, imported by the store at start-up, never loads the catalogue.
RENEWAL_PROFILE_ID = "titre_actuel"
TITLE_FIELDS: tuple[str, ...] = (
    "n_etranger",
    "n_titre",
    "date_debut_validite",
    "date_fin_validite",
)
ETAT_CIVIL_FIELDS: tuple[str, ...] = (
    "nom_naissance",
    "nom_usage",
    "prenoms",
    "sexe",
    "date_naissance",
    "pays_naissance",
    "lieu_naissance",
    "nationalite",
)
ADDRESS_FIELDS: tuple[str, ...] = (
    "adresse",
    "numero_voie",
    "voie",
    "complement",
    "code_postal",
    "ville",
    "pays",
    "code_insee",
)
CONTACT_FIELDS: tuple[str, ...] = ("email", "email_confirmation")
RENEWAL_PROFILE_FIELDS: tuple[str, ...] = (
    *TITLE_FIELDS,
    *ETAT_CIVIL_FIELDS,
    *ADDRESS_FIELDS,
    *CONTACT_FIELDS,
)
_LIST_FIELDS = frozenset({"prenoms"})

PERSONAL_STEP = "informations_personnelles"
FIRST_APPLICATION_ACCOUNT = "compte"


# --- N° de la demande ----------------------------------------------------------------------


def numero_demande_message(label: str = NUMERO_DEMANDE_LABEL) -> str:
    """The French sentence refusing a malformed N° de la demande."""
    return (
        f"« {label} » : saisissez les {NUMERO_DEMANDE_LENGTH} chiffres du numéro, "
        f"par exemple {NUMERO_DEMANDE_EXAMPLE}."
    )


def departement_of(code_postal: str) -> str:
    """The 2-digit département code a N° de la demande starts with, from a French postcode.

    Metropolitan France: the first 2 digits (59000 -> "59", 01000 -> "01"). Corsica: "20"
    (its postcodes are 20xxx; the INSEE codes 2A/2B are letters and the number is all
    digits). Overseas (971xx to 989xx): "97" or "98", the first 2 digits too, because the
    number must stay 19 digits and cannot hold the 3-digit overseas codes (971, 974…).
    A malformed postcode raises ValueError (French).
    """
    value = _SPACES_RE.sub("", str(code_postal or ""))
    if not (value.isascii() and value.isdigit() and len(value) == 5) or not (
        1000 <= int(value) <= 98999
    ):
        raise ValueError(
            f"« Code postal » : « {code_postal} » n'est pas un code postal français "
            "(5 chiffres, par exemple 59000)."
        )
    return value[:2]


def numero_demande(departement: str, filed_on: date, sequence: int) -> str:
    """département (2) + "01" + AAAAMMJJ + sequence (7 digits) = 19 digits."""
    if not (len(departement) == 2 and departement.isascii() and departement.isdigit()):
        raise ValueError(f"Département invalide : « {departement} » (2 chiffres attendus).")
    if not 1 <= sequence <= SEQUENCE_MAX:
        raise ValueError(f"Numéro d'ordre invalide : {sequence} (de 1 à {SEQUENCE_MAX}).")
    return f"{departement}01{filed_on:%Y%m%d}{sequence:07d}"


def is_numero_demande(s: object) -> bool:
    """Whether `s` is exactly 19 ASCII digits (no spaces: see `normalise_numero_demande`)."""
    return isinstance(s, str) and _NUMERO_RE.fullmatch(s) is not None


def normalise_numero_demande(raw: str, label: str = NUMERO_DEMANDE_LABEL) -> str:
    """`raw` without its spaces, if that is a N° de la demande; else ValueError (French)."""
    value = _SPACES_RE.sub("", str(raw or ""))
    if not is_numero_demande(value):
        raise ValueError(numero_demande_message(label))
    return value


# --- a renewal from an earlier dossier ---------------------------------------------------------


def _text(value: object) -> str:
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, list):
        return next((str(v).strip() for v in value if str(v).strip()), "")
    return str(value).strip()


def _names(value: object) -> list[str]:
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    text = _text(value)
    return [text] if text else []


def _first_present(sources: list[dict], key: str) -> object:
    for source in sources:
        value = source.get(key)
        if value not in (None, "", []):
            return value
    return None


def renewal_profile_from(answers: dict, procedure_id: str) -> dict:
    """Pre-fill the renewal profile (« Mon titre actuel ») from an earlier dossier's answers.

    - État civil: from the earlier « titre_actuel » if it was a renewal (then its step 1,
      which copies it); from its step « informations_personnelles » if it was a first
      application, whose first nationality (`nationalites[0]`) becomes `nationalite` and
      whose birth date is kept as typed, even when only the year is known.
    - Address and e-mail: the step « informations_personnelles » (the latest the applicant
      validated), else the earlier profile. The e-mail confirmation repeats the e-mail.
    - The title's numbers and dates are left empty: the person now holds a new title and
      must type what it says. Nothing medical is ever read or copied.
    Every key of the profile is present; a value not found is "" ([] for `prenoms`).
    """
    answers = answers if isinstance(answers, dict) else {}

    def section(key: str) -> dict:
        value = answers.get(key)
        return value if isinstance(value, dict) else {}

    personal = section(PERSONAL_STEP)
    previous = section(RENEWAL_PROFILE_ID)
    account = section(FIRST_APPLICATION_ACCOUNT)
    if procedure_id == "renouvellement":
        civil_sources, contact_sources = [previous, personal], [personal, previous]
    else:
        civil_sources, contact_sources = [personal], [personal, account]

    profile: dict[str, object] = {key: "" for key in RENEWAL_PROFILE_FIELDS}
    profile["prenoms"] = []
    for key in ETAT_CIVIL_FIELDS:
        if key == "nationalite":
            value = _first_present(civil_sources, "nationalite")
            if value is None:
                value = _first_present(civil_sources, "nationalites")
        else:
            value = _first_present(civil_sources, key)
        profile[key] = _names(value) if key in _LIST_FIELDS else _text(value)
    for key in ADDRESS_FIELDS:
        profile[key] = _text(_first_present(contact_sources, key))
    email = _text(_first_present(contact_sources, "email"))
    profile["email"] = email
    profile["email_confirmation"] = email
    return profile
