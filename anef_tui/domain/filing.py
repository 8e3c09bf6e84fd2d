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
from typing import TYPE_CHECKING

from anef_tui.domain import roles


def filing_question(procedure: Procedure, step: Step) -> tuple[str, ...]:
    """« Déposer la demande » asks first (anef-tui's dialog; the site files at once), in the
    site's own sentences as the dépôt step has them: its heading where the site shows one
    (the renewal's « Je confirme le dépôt définitif de ma demande. », seed 000 l. 992), then
    its `confirm_texts` (« Après le dépôt de votre demande vous ne pourrez plus la
    modifier. », l. 996)."""
    heading = (procedure.sentence(step.heading),) if step.heading else ()
    return (*heading, *step.confirm_texts)


def filing_document_help(procedure: Procedure) -> str:
    """anef-tui's help beside the slot of the ANEF's own filing confirmation PDF (after
    « Aide anef-tui : »), naming the site's link in the procedure's own words (its
    confirmation step's button)."""
    confirmation = procedure.step_of_kind("confirmation")
    link = procedure.submit_label(confirmation) if confirmation is not None else None
    where = f"« {link} » à la fin de la téléprocédure, ou " if link else ""
    return (f"la confirmation de dépôt que délivre l'ANEF ({where}le PDF du mail reçu) : "
            "téléchargez-la, puis joignez-la ici pour la garder avec le dossier (mêmes "
            "formats et taille que les justificatifs).")


def filing_note(procedure: Procedure, step: Step) -> str:
    """What filing does here, in anef-tui's voice (said « Aide anef-tui : … » by both front
    ends), naming the site's button in the procedure's own words."""
    return (f"anef-tui ne transmet rien : sur le site de l'ANEF, c'est le même bouton "
            f"« {procedure.submit_label(step)} » qui transmet la demande ; ici, le dossier est "
            "enregistré comme déposé.")


if TYPE_CHECKING:  # pragma: no cover
    from anef_tui.domain.procedure_model import Procedure, Step

NUMERO_DEMANDE_LENGTH = 19
NUMERO_DEMANDE_EXAMPLE = "5901202310040000310"
NUMERO_DEMANDE_LABEL = "N° de la demande"
SEQUENCE_MAX = 9_999_999  # 7 digits

_NUMERO_RE = re.compile(r"[0-9]{19}")
_SPACES_RE = re.compile(r"\s+")

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


def renewal_profile_from(answers: dict, source: Procedure, target: Procedure) -> dict:
    """Pre-fill the profile of `target` (the renewal's « Mon titre actuel ») from the answers
    of an earlier dossier of procedure `source` (any procedure), by role.

    Each profile field whose role `target.renewal_from` lists takes the earlier value of that
    role (`roles.value`: a read-only copy of a profile is read from the profile, an editable
    one from the step the applicant validated last). A list becomes its first item for a
    single field (the first of several nationalités); a field confirming another
    (`confirm_of`: the e-mail typed twice) repeats it. The other fields (the title's number
    and dates) are left empty: the person now holds a new title and must type what it says;
    the N° étranger is the person's own and stays, when the file lists it.
    Every key of the profile is present; a value not found is "" ([] for a repeatable field).
    Nothing medical is ever read or copied: no medical field has a role.
    """
    answers = answers if isinstance(answers, dict) else {}
    if target.profile is None or target.renewal_from is None:
        raise ValueError(
            f"La procédure « {target.id} » ne se prépare pas à partir d'un dossier antérieur."
        )
    reused = set(target.renewal_from.roles)
    profile: dict[str, object] = {}
    fields = target.profile.fields()
    for f in fields:
        if f.confirm_of is not None:
            continue
        role = f.role if f.role in reused and roles.has(source, f.role) else None
        if f.repeatable:
            profile[f.id] = roles.names(source, answers, role) if role is not None else []
        else:
            profile[f.id] = roles.text(source, answers, role) if role is not None else ""
    for f in fields:
        if f.confirm_of is not None:
            profile[f.id] = profile.get(f.confirm_of, "")
    return profile


def renewal_drafts_from(answers: dict, source: Procedure, target: Procedure) -> dict[str, dict]:
    """What an earlier dossier of procedure `source` gives the steps of `target` (the
    renewal) beyond its profile: {step id: {field id: value}} for each editable field of a
    step that is not a copy of the profile (no `source`) and whose role `target.renewal_from`
    lists (the phone number, typed again on the site's step 1). Only values found are given.

    They are kept as the steps' drafts, never as saved answers: the step is still to be
    checked and saved by the person, and the dépôt still counts it as not validated.
    """
    answers = answers if isinstance(answers, dict) else {}
    if target.renewal_from is None:
        return {}
    reused = set(target.renewal_from.roles)
    out: dict[str, dict] = {}
    for step in target.steps:
        for f in step.fields():
            if f.readonly or f.source is not None or f.confirm_of is not None:
                continue
            if f.role not in reused or not roles.has(source, f.role):
                continue
            if f.repeatable:
                found: object = roles.names(source, answers, f.role)
            else:
                found = roles.text(source, answers, f.role)
            if found:
                out.setdefault(step.id, {})[f.id] = found
    return out
