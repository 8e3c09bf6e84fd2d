"""Roles: what the code needs of a procedure, found in its data instead of by id.

A field of a procedure file says what it is for the code with `role = "…"` (the applicant's
names, birth date, postcode, N° étranger…), and a step with `role = "…"` (the identity step,
the documents step). Code never names a step or a field id: it asks this module where the
value of a role is and reads it from the answers ({step or profile id: {field id: value}}).

A role may be carried by several fields of a procedure (the renewal profile « Mon titre
actuel » and the step that copies it): they are searched in the order of the steps, then the
profile; a read-only field copied from the profile (`source`) is read from the profile, as
the summary shows it (`summary.step_values`). At most one field of a step (or of the profile)
has a given role, and at most one step has a given step role.

No Textual, no pydantic import here: the catalogue imports this module to check the roles.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from anef_tui.domain.procedure_model import Field, Procedure, Step

# --- field roles --------------------------------------------------------------------------------
NOM = "nom"  # nom de naissance
NOM_USAGE = "nom_usage"
PRENOMS = "prenoms"
SEXE = "sexe"
DATE_NAISSANCE = "date_naissance"
PAYS_NAISSANCE = "pays_naissance"
LIEU_NAISSANCE = "lieu_naissance"
NATIONALITE = "nationalite"  # one, or a list of which the first is the main one
ADRESSE = "adresse"
NUMERO_VOIE = "numero_voie"
VOIE = "voie"
COMPLEMENT_ADRESSE = "complement_adresse"
CODE_POSTAL = "code_postal"
VILLE = "ville"
PAYS = "pays"
CODE_INSEE = "code_insee"
EMAIL = "email"
TELEPHONE = "telephone"
N_ETRANGER = "n_etranger"
N_TITRE = "n_titre"
DEBUT_VALIDITE = "debut_validite"
FIN_VALIDITE = "fin_validite"

FIELD_ROLES: frozenset[str] = frozenset(
    {
        NOM, NOM_USAGE, PRENOMS, SEXE, DATE_NAISSANCE, PAYS_NAISSANCE, LIEU_NAISSANCE,
        NATIONALITE, ADRESSE, NUMERO_VOIE, VOIE, COMPLEMENT_ADRESSE, CODE_POSTAL, VILLE, PAYS,
        CODE_INSEE, EMAIL, TELEPHONE, N_ETRANGER, N_TITRE, DEBUT_VALIDITE, FIN_VALIDITE,
    }
)
# Every procedure has them: the applicant's name (lists, PDFs, e-mail text), the birth date
# (cross-field checks) and the postcode (département of the N° de la demande).
REQUIRED_FIELD_ROLES: tuple[str, ...] = (NOM, PRENOMS, DATE_NAISSANCE, CODE_POSTAL)

# --- step roles ---------------------------------------------------------------------------------
IDENTITE = "identite"  # the applicant's état civil, address and contact
JUSTIFICATIFS = "justificatifs"  # the documents step
STEP_ROLES: frozenset[str] = frozenset({IDENTITE, JUSTIFICATIFS})
REQUIRED_STEP_ROLES: tuple[str, ...] = (JUSTIFICATIFS,)


class RoleMissing(KeyError):
    """The procedure has no field (or step) of that role; the message is French."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


def _holders(procedure: Procedure) -> list[tuple[str, list[Field]]]:
    """(answers key, its fields): the steps in order, then the profile."""
    out: list[tuple[str, list[Field]]] = [(s.id, s.fields()) for s in procedure.steps]
    if procedure.profile is not None:
        out.append((procedure.profile.id, procedure.profile.fields()))
    return out


def locations(procedure: Procedure, role: str) -> list[tuple[str, Field]]:
    """Every (step or profile id, field) of `procedure` whose field has `role`, in order."""
    return [(key, f) for key, fields in _holders(procedure) for f in fields if f.role == role]


def resolve(procedure: Procedure, role: str) -> tuple[str, str]:
    """(step or profile id, field id) of the first field of `role`; RoleMissing if none."""
    found = locations(procedure, role)
    if not found:
        raise RoleMissing(f"La procédure « {procedure.id} » n'a pas de champ « {role} ».")
    key, f = found[0]
    return key, f.id


def has(procedure: Procedure, role: str) -> bool:
    return bool(locations(procedure, role))


def field_ids(fields: list[Field], role: str) -> list[str]:
    """The ids of `fields` (one step's) that have `role`."""
    return [f.id for f in fields if f.role == role]


def _present(value: object) -> bool:
    if isinstance(value, list):
        return any(str(v).strip() for v in value)
    return value is not None and value != "" and not isinstance(value, bool | dict)


def value(procedure: Procedure, answers: dict | None, role: str) -> object:
    """The first value given for `role` in `answers`, or None.

    A field copied read-only from the profile is read from the profile; an editable copy
    from the step when it was saved there, else from the profile."""
    answers = answers if isinstance(answers, dict) else {}
    profile = answers.get(procedure.profile.id) if procedure.profile is not None else None
    profile = profile if isinstance(profile, dict) else {}
    for key, f in locations(procedure, role):
        values = answers.get(key)
        values = values if isinstance(values, dict) else {}
        candidates = [values.get(f.id)]
        if f.source is not None:
            from_profile = profile.get(f.source)
            candidates = [from_profile, *candidates] if f.readonly else [*candidates, from_profile]
        for candidate in candidates:
            if _present(candidate):
                return candidate
    return None


def text(procedure: Procedure, answers: dict | None, role: str) -> str:
    """`value` as one stripped text: a list gives its first non-blank item; absent gives ""."""
    found = value(procedure, answers, role)
    if isinstance(found, list):
        return next((str(v).strip() for v in found if str(v).strip()), "")
    return "" if found is None else str(found).strip()


def names(procedure: Procedure, answers: dict | None, role: str) -> list[str]:
    """`value` as a list of non-blank texts (several prénoms, nationalités)."""
    found = value(procedure, answers, role)
    if isinstance(found, list):
        return [str(v).strip() for v in found if str(v).strip()]
    single = "" if found is None else str(found).strip()
    return [single] if single else []


def step(procedure: Procedure, role: str) -> Step:
    """The step of `role` (« justificatifs »…); RoleMissing if none."""
    for candidate in procedure.steps:
        if candidate.role == role:
            return candidate
    raise RoleMissing(f"La procédure « {procedure.id} » n'a pas d'étape « {role} ».")


def role_problems(procedure: Procedure) -> list[str]:
    """French problems with the roles of `procedure` (the catalogue's validation)."""
    problems: list[str] = []
    for key, fields in _holders(procedure):
        kind = "profil" if procedure.profile is not None and key == procedure.profile.id else "étape"
        seen: set[str] = set()
        for f in fields:
            if f.role is None:
                continue
            if f.role not in FIELD_ROLES:
                problems.append(
                    f"{kind} « {key} », champ « {f.id} » : rôle inconnu « {f.role} » "
                    f"(connus : {', '.join(sorted(FIELD_ROLES))})"
                )
            elif f.role in seen:
                problems.append(
                    f"{kind} « {key} », champ « {f.id} » : rôle « {f.role} » déjà donné à un "
                    "autre champ de la même étape"
                )
            seen.add(f.role)
    step_roles: set[str] = set()
    for candidate in procedure.steps:
        if candidate.role is None:
            continue
        if candidate.role not in STEP_ROLES:
            problems.append(
                f"étape « {candidate.id} » : rôle d'étape inconnu « {candidate.role} » "
                f"(connus : {', '.join(sorted(STEP_ROLES))})"
            )
        elif candidate.role in step_roles:
            problems.append(
                f"étape « {candidate.id} » : rôle d'étape « {candidate.role} » déjà donné "
                "à une autre étape"
            )
        step_roles.add(candidate.role)
    for role in REQUIRED_FIELD_ROLES:
        if not has(procedure, role):
            problems.append(f"aucun champ de rôle « {role} » (obligatoire)")
    for role in REQUIRED_STEP_ROLES:
        if role not in step_roles:
            problems.append(f"aucune étape de rôle « {role} » (obligatoire)")
    return problems


def display_name(fields: list[Field], values: dict) -> str | None:
    """« NOM Prénom » from the fields of roles « nom » and « prenoms » among `fields`, or
    None when they hold no name (a dossier then keeps its current one). Both front ends
    name a dossier this way."""
    if not isinstance(values, dict):
        return None
    nom = next((values.get(i) for i in field_ids(fields, NOM)), None)
    prenoms = next((values.get(i) for i in field_ids(fields, PRENOMS)), None)
    if not nom or not isinstance(nom, str):
        return None
    first = prenoms[0] if isinstance(prenoms, list) and prenoms else (prenoms or "")
    return f"{nom.upper()} {first if isinstance(first, str) else ''}".strip()
