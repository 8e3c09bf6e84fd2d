"""The procedure catalogue: every screen of the two ANEF paths, as data.

The data lives in the package's `assets/procedures/*.toml` (one file per path, each naming the
seed guide it was transcribed from), plus an optional extra folder (`procedure_index`, which finds
them); this module holds the typed, frozen models and the loader that validates them, with
French messages that name the line of the file (`check_file`). Every French string comes verbatim from the seeds. No Textual here: the same catalogue
feeds the TUI and a plain line-by-line (screen-reader) front end.

Rendering conventions shared by every front end:
- In any list of paragraphs (`intro`, `after_texts`, `text`…), a line starting with "- " is a
  bullet item of the list introduced by the line before it.
- A `Section` with a `group` is printed under that parent heading (printed once, with
  `group_intro`, when the group changes from the previous section).
- In a « documents » step, each `DocumentSlot` is printed after the fields of the section whose
  `title` equals `slot.section`, in the order of `Step.slots`.
- Button labels are stored without the decorative chevrons (« < » / « > ») of the site.

The applicant profile (`Procedure.profile`) mirrors what the ANEF already knows before the
first step: the current title for a renewal (« Mon titre actuel »), the account's e-mail for a
first application (« Mon compte »). A step field with a `source` is pre-filled from the profile
value of that name (`prefill`).
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from anef_tui.domain import procedure_index as _index
from anef_tui.domain import roles as _roles
from anef_tui.domain.checks import check_problems

# The rule names `anef_tui.domain.rules` registers; kept here so the catalogue never imports it.
KNOWN_RULES: frozenset[str] = frozenset(
    {
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
)

# Rules implied by a field type when the catalogue names none (`validation`).
TYPE_RULES: dict[str, str] = {
    "date": "date",
    "country": "pays",
    "nationality": "nationalite",
    "email": "email",
    "phone": "telephone",
    "textarea": "observations",
    "text": "texte",
}

ALLOWED_MAX_FILES: frozenset[int] = frozenset({3, 6})

YESNO_CHOICES: tuple[str, str] = ("Oui", "Non")

FieldType = Literal[
    "text",
    "date",
    "choice",
    "yesno",
    "checkbox",
    "country",
    "nationality",
    "email",
    "phone",
    "textarea",
    "info",
]

StepKind = Literal["situation", "form", "documents", "depot", "confirmation"]

# A procedure id is a key in the database and a file name: lower-case letters, digits, « _ ».
PROCEDURE_ID = re.compile(r"[a-z][a-z0-9_]{0,39}")


class CatalogueError(Exception):
    """The procedure catalogue is unusable; the message is French.

    `problems` lists each problem on its own (« fichier, ligne 12 : … » when the file and line
    are known)."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems: list[str] = problems if problems is not None else [message]


class ProcedureFileUnreadable(CatalogueError):
    """The procedure file cannot be read at all (missing, no permission)."""


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Condition(_Model):
    """`field` (same step, or « step_id.field_id ») must hold one of `any_of`."""

    field: str
    any_of: list[str]


class CheckSpec(_Model):
    """A named cross-field check and its parameters (`anef_tui.domain.checks`)."""

    name: str
    years: int | None = None  # « age_minimum »
    message: str | None = None  # French; « {label} » stands for the field's label


class Field(_Model):
    id: str
    label: str  # verbatim, without the trailing « * : »
    type: FieldType
    required: bool = False
    readonly: bool = False
    rule: str | None = None
    choices: list[str] = []
    # Values of `choices` that anef-tui covers; empty means every choice is covered.
    in_scope_choices: list[str] = []
    out_of_scope_note: str | None = None  # shown when a value outside in_scope_choices is picked
    repeatable: bool = False  # several prénoms / nationalités
    add_label: str | None = None  # « + Ajouter un prénom »
    hint: str | None = None  # the site's own text under the label
    # The label exactly as the site prints it, when it is not « label * : » (e.g. « Date de
    # naissance : » then « Jour : Mois : Année * : »); `label` stays the name used in messages.
    display_label: str | None = None
    # anef-tui's own help (never the site's text): shown apart, « Aide anef-tui : … ».
    app_help: str | None = None
    show_if: Condition | None = None
    confirm_of: str | None = None  # id of the field (same step) this one confirms
    prefill: str | None = None  # fixed read-only text (the motif de séjour)
    # Name of the applicant-profile value that pre-fills the field (read-only or editable).
    source: str | None = None
    # What the code needs of this field (`roles.FIELD_ROLES`: « nom », « code_postal »…).
    role: str | None = None
    # Cross-field checks (`checks.CHECKS`): [{ name = "apres_naissance" }, …].
    checks: list[CheckSpec] = []

    @model_validator(mode="before")
    @classmethod
    def _yesno_choices(cls, data: object) -> object:
        if isinstance(data, dict) and data.get("type") == "yesno" and not data.get("choices"):
            return {**data, "choices": list(YESNO_CHOICES)}
        return data


class Section(_Model):
    id: str
    title: str | None = None  # « ÉTAT CIVIL », « ADRESSE »…
    group: str | None = None  # parent heading, e.g. « INFORMATIONS PERSONNELLES »
    group_intro: list[str] = []  # paragraphs under the parent heading
    intro: list[str] = []
    app_help: list[str] = []  # anef-tui's own help, shown apart from the site's text
    fields: list[Field] = []


class AcceptedGroup(_Model):
    # The annex PDF starts a new page before this group, repeats its title and prints this
    # heading (« DOMICILE (SUITE) »), where the guide's annex does.
    new_page_heading: str | None = None
    heading: str | None = None  # « Si hébergement à l'hôtel : »
    lead: str | None = None  # « Veuillez joindre un des justificatifs suivants : »
    items: list[str] = []


class DocumentSlot(_Model):
    id: str
    title: str
    section: str  # title of the step section it sits in: « ÉTAT CIVIL », « DOMICILIATION »…
    required: bool
    condition: str | None = None  # French sentence for conditional slots
    shown_on_screen: bool = True
    max_files: int = 3
    accepted: list[AcceptedGroup] = []


class Step(_Model):
    id: str
    number: int
    title: str  # progress-bar name
    heading: str
    description: str | None = None  # one-line description from the préambule
    kind: StepKind
    intro: list[str] = []
    sections: list[Section] = []
    slots: list[DocumentSlot] = []
    progress_percent: int | None = None
    after_texts: list[str] = []  # shown once the step is validated (first application, step 1)
    revise_label: str | None = None  # « Modifier ma situation »
    download_label: str | None = None  # the pièces-justificatives list link
    submit_label: str | None = None  # None: Procedure.nav.save_continue
    show_back: bool = True
    show_save_later: bool = True
    role: str | None = None  # `roles.STEP_ROLES`: « identite », « justificatifs »…

    def fields(self) -> list[Field]:
        return [f for s in self.sections for f in s.fields]


class Profile(_Model):
    """What the applicant types once, before the steps, and the steps copy (`Field.source`).

    `validation.validate_step` accepts a Profile as it accepts a Step (it reads `sections`).
    """

    id: str  # the key of its answers: "titre_actuel" (renewal), "compte" (first application)
    title: str  # « Mon titre actuel »
    intro: list[str] = []
    sections: list[Section] = []

    def fields(self) -> list[Field]:
        return [f for s in self.sections for f in s.fields]

    def field(self, field_id: str) -> Field:
        for f in self.fields():
            if f.id == field_id:
                return f
        raise KeyError(f"Champ inconnu : « {self.id}.{field_id} ».")


class Choice(_Model):
    label: str
    in_scope: bool
    note: str | None = None  # why it is not covered
    in_section: bool = False  # listed under Preliminary.section_label


class Preliminary(_Model):
    id: str
    heading: str
    text: list[str] = []
    choices: list[Choice] = []
    section_label: str | None = None
    button: str
    secondary_buttons: list[str] = []
    show_steps: bool = False  # list the numbered steps (with descriptions) after `text`
    steps_heading: str | None = None  # « DÉPOSEZ VOTRE DEMANDE EN 5 ÉTAPES »
    after_text: list[str] = []
    download_label: str | None = None


class NavLabels(_Model):
    back: str
    abandon: str
    save_later: str
    save_continue: str


class DocumentsListEntry(_Model):
    """One entry of the downloadable « Liste des documents justificatifs à fournir » (annex)."""

    section: str
    title: str
    slot: str | None = None  # the matching DocumentSlot id (None for the e-photo entry)
    text: list[str] = []
    accepted: list[AcceptedGroup] = []


ComplementStart = Literal["reception", "lecture"]
ComplementMode = Literal["par_document", "reprise_etape"]


class FollowupPolicy(_Model):
    """What follows the dépôt, for this procedure: how a « Demande de complément » is answered.

    - `complement_days` days from `complement_from`: « reception » (the day it arrived, read
      or not) or « lecture » (the day it was first opened: no deadline while unread);
    - `complement_mode`: « par_document » (each document kept or replaced, then « Valider
      et envoyer ») or « reprise_etape » (the step of role `complement_step` is reopened,
      then « Déposer les compléments »);
    - `complement_warning`: the sentence the answer screen shows about the delay.
    """

    complement_days: int
    complement_from: ComplementStart
    complement_mode: ComplementMode
    complement_step: str | None = None  # a step role, for « reprise_etape »
    complement_warning: str


class RenewalFrom(_Model):
    """This procedure can be started from an earlier dossier of any procedure (Ctrl+R): its
    profile's fields whose role is in `roles` are pre-filled with the earlier answers of the
    same role (the title's numbers and dates are not listed: the person holds a new title)."""

    roles: list[str]


class Procedure(_Model):
    id: str  # PROCEDURE_ID; the file name need not match
    brick: str  # the « Nouveau dossier » dialog's choice: the ANEF's brick
    short_label: str  # « Renouvellement »: lists, titles, `anef-tui list`
    compact_label: str | None = None  # « Renouv. »: « Mes dossiers » at < 110 columns
    order: int = _index.DEFAULT_ORDER  # position in the « Nouveau dossier » dialog and lists
    title: str
    nav: NavLabels
    profile: Profile | None = None
    preliminaries: list[Preliminary] = []
    steps: list[Step]
    documents_list_title: str
    documents_list_subtitle: str
    documents_list_intro: list[str] = []
    documents_list: list[DocumentsListEntry] = []
    confirmation_title: str
    confirmation_references_title: str
    confirmation_labels: dict[str, str] = {}
    confirmation_body: list[str]  # « {date} » stands for JJ/MM/AAAA
    email_text: list[str]  # « {prenom} » / « {nom} » placeholders
    followup: FollowupPolicy
    renewal_from: RenewalFrom | None = None

    @property
    def preamble(self) -> list[str]:
        """The préambule's text (empty when the path has none), steps list heading included."""
        for prelim in self.preliminaries:
            if prelim.show_steps:
                heading = [prelim.steps_heading] if prelim.steps_heading else []
                return [*prelim.text, *heading, *prelim.after_text]
        return []

    def step(self, step_id: str) -> Step:
        for step in self.steps:
            if step.id == step_id:
                return step
        raise KeyError(f"Étape inconnue : « {step_id} ».")

    def step_index(self, step_id: str) -> int:
        for index, step in enumerate(self.steps):
            if step.id == step_id:
                return index
        raise KeyError(f"Étape inconnue : « {step_id} ».")

    def next_step_id(self, step_id: str) -> str | None:
        index = self.step_index(step_id)
        return self.steps[index + 1].id if index + 1 < len(self.steps) else None

    def previous_step_id(self, step_id: str) -> str | None:
        index = self.step_index(step_id)
        return self.steps[index - 1].id if index > 0 else None

    def all_slots(self) -> list[DocumentSlot]:
        return [slot for step in self.steps for slot in step.slots]

    def slot(self, slot_id: str) -> DocumentSlot:
        for slot in self.all_slots():
            if slot.id == slot_id:
                return slot
        raise KeyError(f"Justificatif inconnu : « {slot_id} ».")

    def required_slots(self) -> list[str]:
        return [slot.id for slot in self.all_slots() if slot.required]

    def field(self, step_id: str, field_id: str) -> Field:
        for f in self.step(step_id).fields():
            if f.id == field_id:
                return f
        raise KeyError(f"Champ inconnu : « {step_id}.{field_id} ».")


def prefill(procedure: Procedure, step: Step | str, profile_values: dict) -> dict:
    """The values the profile gives `step` (a Step or a step id of `procedure`):
    {field_id: profile_values[field.source]} for each field whose source is in
    `profile_values`. Lists are copied, so editing the result never touches the profile."""
    if isinstance(step, str):
        step = procedure.step(step)
    out: dict = {}
    for f in step.fields():
        if f.source is not None and f.source in profile_values:
            value = profile_values[f.source]
            out[f.id] = list(value) if isinstance(value, list) else value
    return out


def _resolve(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list | tuple | set | frozenset):
        return [str(v) for v in value]
    return [str(value)]


def is_visible(
    field: Field, values: dict[str, str], all_answers: dict[str, dict] | None = None
) -> bool:
    """Whether `field` is shown, given the answers of its step (`values`) and, for a condition
    on another step (« step_id.field_id »), the answers of every step (`all_answers`)."""
    cond = field.show_if
    if cond is None:
        return True
    if "." in cond.field:
        step_id, field_id = cond.field.split(".", 1)
        value = ((all_answers or {}).get(step_id) or {}).get(field_id)
    else:
        value = values.get(cond.field)
    return any(v in cond.any_of for v in _resolve(value))


# --- validation -----------------------------------------------------------------------------


def _duplicates(ids: list[str]) -> list[str]:
    seen: set[str] = set()
    dupes: list[str] = []
    for i in ids:
        if i in seen and i not in dupes:
            dupes.append(i)
        seen.add(i)
    return dupes


def _validate(proc: Procedure) -> Procedure:
    """Cross-checks pydantic cannot express; raises CatalogueError (French)."""
    where = f"Procédure « {proc.id} »"
    errors: list[str] = []

    if not PROCEDURE_ID.fullmatch(proc.id):
        errors.append(
            f"identifiant « {proc.id} » : lettres minuscules sans accent, chiffres et « _ » "
            "seulement (40 au plus), en commençant par une lettre"
        )
    if not proc.steps:
        errors.append("aucune étape")

    numbers = [step.number for step in proc.steps]
    if numbers != list(range(1, len(proc.steps) + 1)):
        errors.append(f"numéros d'étapes {numbers} : attendu 1 à {len(proc.steps)} dans l'ordre")
    for dupe in _duplicates([s.id for s in proc.steps]):
        errors.append(f"étape « {dupe} » en double")
    for dupe in _duplicates([p.id for p in proc.preliminaries]):
        errors.append(f"écran préliminaire « {dupe} » en double")
    for dupe in _duplicates([s.id for s in proc.all_slots()]):
        errors.append(f"justificatif « {dupe} » en double")

    for prelim in proc.preliminaries:
        if prelim.choices and not any(c.in_scope for c in prelim.choices):
            errors.append(f"écran « {prelim.id} » : aucun choix couvert")
        for choice in prelim.choices:
            if not choice.in_scope and not choice.note:
                errors.append(f"écran « {prelim.id} » : choix non couvert sans note")

    fields_by_step: dict[str, dict[str, Field]] = {}
    for step in proc.steps:
        ctx = f"étape « {step.id} »"
        for dupe in _duplicates([s.id for s in step.sections]):
            errors.append(f"{ctx} : section « {dupe} » en double")
        step_fields = step.fields()
        for dupe in _duplicates([f.id for f in step_fields]):
            errors.append(f"{ctx} : champ « {dupe} » en double")
        fields_by_step[step.id] = {f.id: f for f in step_fields}

        if step.slots and step.kind != "documents":
            errors.append(f"{ctx} : des justificatifs hors d'une étape « documents »")
        titles = {s.title for s in step.sections if s.title}
        for slot in step.slots:
            if slot.max_files not in ALLOWED_MAX_FILES:
                errors.append(
                    f"{ctx} : justificatif « {slot.id} » : max_files = {slot.max_files} "
                    "(3 ou 6 attendu)"
                )
            if slot.section not in titles:
                errors.append(
                    f"{ctx} : justificatif « {slot.id} » : section « {slot.section} » absente"
                )
            if slot.required and slot.condition:
                errors.append(f"{ctx} : justificatif « {slot.id} » obligatoire et conditionnel")

    for step in proc.steps:
        ctx = f"étape « {step.id} »"
        index = proc.step_index(step.id)
        local = fields_by_step[step.id]
        for f in step.fields():
            fctx = f"{ctx}, champ « {f.id} »"
            _check_field(f, fctx, local, errors)
            if f.show_if is not None:
                target = _condition_target(proc, fields_by_step, step.id, index, f.show_if.field)
                _check_condition(f, fctx, target, errors)

    errors.extend(_profile_errors(proc))
    errors.extend(_roles.role_problems(proc))
    errors.extend(_policy_problems(proc))
    for owner, f in _all_fields(proc):
        for problem in check_problems(f.checks):
            errors.append(f"{owner}, champ « {f.id} » : {problem}")

    for entry in proc.documents_list:
        if entry.slot is not None and entry.slot not in {s.id for s in proc.all_slots()}:
            errors.append(f"liste des justificatifs : « {entry.slot} » inconnu")

    if errors:
        raise CatalogueError(f"{where} invalide : " + " ; ".join(errors) + ".", errors)
    return proc


def _policy_problems(proc: Procedure) -> list[str]:
    """The follow-up policy and the renewal reuse, checked against the steps and roles."""
    errors: list[str] = []
    policy = proc.followup
    if not 1 <= policy.complement_days <= 365:
        errors.append(
            f"table « followup » : complement_days = {policy.complement_days} (de 1 à 365)"
        )
    if f"{policy.complement_days} jours" not in policy.complement_warning:
        errors.append(
            f"table « followup » : « complement_warning » doit dire le délai "
            f"« {policy.complement_days} jours »"
        )
    if policy.complement_mode == "reprise_etape":
        if policy.complement_step is None:
            errors.append("table « followup » : « complement_step » manque (rôle de l'étape "
                          "rouverte)")
        else:
            steps = [s for s in proc.steps if s.role == policy.complement_step]
            if not steps:
                errors.append(f"table « followup » : aucune étape de rôle "
                              f"« {policy.complement_step} »")
            elif steps[0].kind != "documents":
                errors.append(f"table « followup » : l'étape « {steps[0].id} » rouverte pour "
                              "un complément n'est pas une étape « documents »")
    elif policy.complement_step is not None:
        errors.append("table « followup » : « complement_step » ne s'emploie qu'avec "
                      "complement_mode = « reprise_etape »")
    if proc.renewal_from is not None:
        if proc.profile is None:
            errors.append("table « renewal_from » : la procédure n'a pas de profil à pré-remplir")
        else:
            own = {f.role for f in proc.profile.fields() if f.role}
            for role in proc.renewal_from.roles:
                if role not in _roles.FIELD_ROLES:
                    errors.append(f"table « renewal_from » : rôle inconnu « {role} »")
                elif role not in own:
                    errors.append(f"table « renewal_from » : aucun champ du profil n'a le "
                                  f"rôle « {role} »")
    return errors


def _all_fields(proc: Procedure) -> list[tuple[str, Field]]:
    """(« étape « x » » or « profil « y » », field) for every field of the procedure."""
    out = [(f"étape « {s.id} »", f) for s in proc.steps for f in s.fields()]
    if proc.profile is not None:
        out += [(f"profil « {proc.profile.id} »", f) for f in proc.profile.fields()]
    return out


def _check_field(f: Field, fctx: str, local: dict[str, Field], errors: list[str]) -> None:
    """The checks every field gets, in a step or in the profile (`local`: its neighbours)."""
    if f.rule is not None and f.rule not in KNOWN_RULES:
        errors.append(f"{fctx} : règle inconnue « {f.rule} »")
    if f.type == "choice" and not f.choices:
        errors.append(f"{fctx} : liste de choix vide")
    if f.choices and f.type not in ("choice", "yesno"):
        errors.append(f"{fctx} : des choix sur un champ de type « {f.type} »")
    for dupe in _duplicates(f.choices):
        errors.append(f"{fctx} : choix « {dupe} » en double")
    stray = [c for c in f.in_scope_choices if c not in f.choices]
    if stray:
        errors.append(f"{fctx} : choix couverts inconnus {stray}")
    if f.in_scope_choices and not f.out_of_scope_note:
        errors.append(f"{fctx} : choix non couverts sans note")
    if f.add_label and not f.repeatable:
        errors.append(f"{fctx} : « add_label » sur un champ non répétable")
    if f.type == "info" and not f.prefill:
        errors.append(f"{fctx} : champ d'information sans texte")
    if f.confirm_of is not None:
        if f.confirm_of not in local or f.confirm_of == f.id:
            errors.append(f"{fctx} : « confirm_of » vise « {f.confirm_of} », introuvable")


def _check_condition(f: Field, fctx: str, target: Field | None, errors: list[str]) -> None:
    assert f.show_if is not None
    if target is None:
        errors.append(f"{fctx} : « show_if » vise « {f.show_if.field} », introuvable")
    elif target.choices:
        stray = [v for v in f.show_if.any_of if v not in target.choices]
        if stray:
            errors.append(f"{fctx} : « show_if » : valeurs inconnues {stray}")


def _profile_errors(proc: Procedure) -> list[str]:
    """The profile's own fields, and every step `source` resolved against them."""
    errors: list[str] = []
    profile = proc.profile
    by_id: dict[str, Field] = {}
    if profile is not None:
        ctx = f"profil « {profile.id} »"
        if profile.id in {s.id for s in proc.steps}:
            errors.append(f"{ctx} : même identifiant qu'une étape")
        for dupe in _duplicates([s.id for s in profile.sections]):
            errors.append(f"{ctx} : section « {dupe} » en double")
        fields = profile.fields()
        for dupe in _duplicates([f.id for f in fields]):
            errors.append(f"{ctx} : champ « {dupe} » en double")
        by_id = {f.id: f for f in fields}
        for f in fields:
            fctx = f"{ctx}, champ « {f.id} »"
            _check_field(f, fctx, by_id, errors)
            if f.source is not None:
                errors.append(f"{fctx} : « source » dans le profil lui-même")
            if f.show_if is not None:
                target = None if "." in f.show_if.field else by_id.get(f.show_if.field)
                _check_condition(f, fctx, target, errors)
    for step in proc.steps:
        for f in step.fields():
            if f.source is None:
                continue
            fctx = f"étape « {step.id} », champ « {f.id} »"
            origin = by_id.get(f.source)
            if origin is None:
                errors.append(f"{fctx} : « source » vise « {f.source} », absent du profil")
            elif origin.repeatable != f.repeatable:
                errors.append(
                    f"{fctx} : « source » vise « {f.source} » : l'un des deux champs est "
                    "répétable, l'autre non"
                )
    return errors


def _condition_target(
    proc: Procedure,
    fields_by_step: dict[str, dict[str, Field]],
    step_id: str,
    index: int,
    ref: str,
) -> Field | None:
    if "." in ref:
        other, field_id = ref.split(".", 1)
        if other not in fields_by_step or proc.step_index(other) > index:
            return None
        return fields_by_step[other].get(field_id)
    return fields_by_step[step_id].get(ref)


def parse_procedure(toml_text: str, source: str | None = None) -> Procedure:
    """Parse and fully validate one procedure from TOML text.

    Raises CatalogueError whose `problems` name the line of each problem, prefixed with
    `source` (the file's name) when given. The lines are searched only when there is a
    problem (the shipped files are parsed at every start)."""
    prefix = f"« {source} », " if source else ""
    try:
        data = tomllib.loads(toml_text)
    except tomllib.TOMLDecodeError as exc:
        line, detail = _toml_error(exc)
        raise _invalid([_at(prefix, line, f"TOML invalide, {detail}")], "illisible") from exc
    try:
        proc = Procedure.model_validate(data)
    except ValidationError as exc:
        lines = _LineFinder(toml_text)
        problems = [
            _at(prefix, lines.line_of_loc(tuple(err["loc"])),
                _describe_loc(data, tuple(err["loc"])) + _pydantic_message(err))
            for err in exc.errors()
        ]
        raise _invalid(problems) from exc
    bracketed = list(_bracketed(data, ()))
    if bracketed:
        lines = _LineFinder(toml_text)
        raise _invalid([
            _at(prefix, lines.line_of_loc(loc),
                f"{_describe_loc(data, loc)}crochet « [ » ou « ] » : non permis dans les textes "
                "d'une procédure (l'écran les lirait comme une mise en forme)")
            for loc in bracketed
        ])
    try:
        return _validate(proc)
    except CatalogueError as exc:
        lines = _LineFinder(toml_text)
        problems = [_at(prefix, lines.line_of_message(p), p) for p in exc.problems]
        raise _invalid(problems, f"invalide (procédure « {proc.id} »)") from None


def _at(prefix: str, line: int | None, message: str) -> str:
    """« « fichier.toml », ligne 12 : message » (what is known of the place)."""
    where = f"{prefix}ligne {line}" if line else prefix.removesuffix(", ")
    return f"{where} : {message}" if where else message


def _invalid(problems: list[str], what: str = "invalide") -> CatalogueError:
    return CatalogueError(f"Fichier de procédure {what} : " + " ; ".join(problems) + ".", problems)


def _bracketed(node: object, loc: tuple):
    """Locations of the texts holding a square bracket (Rich markup on the screens)."""
    if isinstance(node, str):
        if "[" in node or "]" in node:
            yield loc
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _bracketed(value, (*loc, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _bracketed(value, (*loc, index))


_TOML_AT = re.compile(r"\s*\(at line (\d+), column (\d+)\)|\s*\(at end of document\)")
_TOML_MESSAGES = {
    "Invalid value": "valeur invalide (texte entre guillemets, nombre, true/false, liste [ ])",
    "Expected '=' after a key in a key/value pair": "« = » attendu après la clé",
    "Unclosed array": "liste [ ] non fermée",
    "Unterminated string": "texte non fermé (guillemet manquant)",
    "Invalid statement": "ligne incomprise (ni « clé = valeur », ni [table])",
    "Expected ']' at the end of a table declaration": "« ] » attendu à la fin du nom de table",
    "Expected newline or end of document after a statement": (
        "fin de ligne attendue après la valeur"
    ),
}


def _toml_error(exc: tomllib.TOMLDecodeError) -> tuple[int | None, str]:
    """(line, French detail) of a TOML syntax error: Python 3.11 gives the line in the text."""
    text = str(exc)
    match = _TOML_AT.search(text)
    line = int(match.group(1)) if match and match.group(1) else None
    message = _TOML_AT.sub("", text).strip()
    if message.startswith("Cannot overwrite a value") or "twice" in message:
        return line, f"clé ou table déclarée deux fois ({message})"
    if match and match.group(1):
        detail = _TOML_MESSAGES.get(message, message)
        return line, f"{detail} (colonne {match.group(2)})"
    return line, _TOML_MESSAGES.get(message, message) + " (fin du fichier)"


_CONTAINERS = {
    "steps": "étape",
    "sections": "section",
    "fields": "champ",
    "slots": "justificatif",
    "preliminaries": "écran",
    "documents_list": "entrée de la liste",
    "choices": "choix",
    "accepted": "groupe",
    "checks": "contrôle",
}


def _describe_loc(data: object, loc: tuple) -> str:
    """« étape « motif », champ « x », clé « type » : » from a pydantic error location."""
    parts: list[str] = []
    node = data
    container = None
    for key in loc:
        if isinstance(key, int) and isinstance(node, list) and 0 <= key < len(node):
            node = node[key]
            label = _CONTAINERS.get(str(container), "élément")
            ident = node.get("id") if isinstance(node, dict) else None
            parts.append(f"{label} « {ident} »" if ident else f"{label} n° {key + 1}")
        elif isinstance(key, str) and isinstance(node, dict) and key in node:
            container = key
            node = node[key]
            if not isinstance(node, list | dict):
                parts.append(f"clé « {key} »")
            elif key == "profile":
                parts.append("profil")
            elif key in ("nav", "followup", "renewal_from"):
                parts.append(f"table « {key} »")
        else:
            parts.append(f"clé « {key} »")
            break
    return (", ".join(parts) + " : ") if parts else ""


_PYDANTIC_MESSAGES = {
    "missing": "clé obligatoire absente",
    "extra_forbidden": "clé inconnue (faute de frappe ?)",
    "string_type": "texte entre guillemets attendu",
    "int_type": "nombre entier attendu",
    "int_parsing": "nombre entier attendu",
    "int_from_float": "nombre entier attendu",
    "bool_type": "true ou false attendu",
    "bool_parsing": "true ou false attendu",
    "list_type": "liste [ ] attendue",
    "model_type": "table attendue",
    "dict_type": "table attendue",
}


def _pydantic_message(err: dict) -> str:
    if err["type"] == "literal_error":
        expected = str((err.get("ctx") or {}).get("expected", ""))
        expected = expected.replace("' or '", "', '").replace("'", "")
        return f"valeur non permise « {err.get('input')} » (permises : {expected})"
    return _PYDANTIC_MESSAGES.get(err["type"], err["msg"])


_HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.\s-]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_-]+)\s*=")
_ID_LINE = re.compile(r'^\s*id\s*=\s*"([^"]*)"')
_QUOTED = re.compile(r"«\s([^»]+?)\s»")


class _LineFinder:
    """Line numbers of a procedure file's tables and keys, for the messages of `check_file`.

    Tables (`[nav]`, `[[steps]]`, `[[steps.sections.fields]]`…) and `key =` lines are mapped
    to their path as pydantic names it: ("steps", 2, "sections", 0, "fields", 3, "type").
    """

    def __init__(self, text: str) -> None:
        self.text_lines = text.splitlines()
        self.paths: dict[tuple, int] = {}
        latest: dict[tuple[str, ...], int] = {}  # array-of-tables name -> current index
        counts: dict[tuple, int] = {}
        current: tuple = ()
        in_multiline = False
        for number, raw in enumerate(self.text_lines, 1):
            if in_multiline:
                if raw.count('"""') % 2 == 1:
                    in_multiline = False
                continue
            header = _HEADER.match(raw)
            if header:
                names = tuple(n.strip() for n in header.group(2).split("."))
                parent = self._resolve(names[:-1], latest)
                if header.group(1) == "[[":
                    path = (*parent, names[-1])
                    index = counts.get(path, 0)
                    counts[path] = index + 1
                    latest[names] = index
                    current = (*path, index)
                else:
                    current = (*parent, names[-1])
                self.paths.setdefault(current, number)
                continue
            key = _KEY.match(raw)
            if key:
                self.paths.setdefault((*current, key.group(1)), number)
                if raw.count('"""') % 2 == 1:
                    in_multiline = True

    @staticmethod
    def _resolve(names: tuple[str, ...], latest: dict[tuple[str, ...], int]) -> tuple:
        path: list = []
        for i, name in enumerate(names):
            path.append(name)
            if names[: i + 1] in latest:
                path.append(latest[names[: i + 1]])
        return tuple(path)

    def line_of_loc(self, loc: tuple) -> int | None:
        """The line of the key named by `loc`, else of the closest table that holds it."""
        for end in range(len(loc), 0, -1):
            line = self.paths.get(loc[:end])
            if line is not None:
                return line
        return None

    def line_of_message(self, message: str) -> int | None:
        """The line of the last `id = "…"` named in a cross-check message, searched in order
        (« étape « a », champ « b » » finds b's `id` after a's)."""
        start = 0
        found = None
        for name in _QUOTED.findall(message):
            for index in range(start, len(self.text_lines)):
                match = _ID_LINE.match(self.text_lines[index])
                if match and match.group(1) == name:
                    found = index + 1
                    start = index + 1
                    break
        return found


def check_file(path: str | Path) -> Procedure:
    """Read and fully validate one procedure file (`anef-tui procedures --check`).

    Raises CatalogueError whose `problems` name the file and, where it can be found, the
    line of each problem."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        message = f"« {path} » n'est pas un texte UTF-8 : enregistrez-le en UTF-8."
        raise CatalogueError(message) from exc
    except OSError as exc:
        message = (
            f"Le fichier de procédure « {path} » est introuvable ou illisible "
            f"({exc.strerror or exc})."
        )
        raise ProcedureFileUnreadable(message) from exc
    return parse_procedure(text, source=str(path))


@cache  # functools.lru_cache without a bound; forgotten when the procedures change
def load_procedure(procedure_id: str) -> Procedure:
    """The procedure `procedure_id`, as found by `procedure_index`, validated (cached)."""
    ref = _index.procedure_index().get(procedure_id)
    if ref is None or ref.source is None:
        raise CatalogueError(f"Procédure inconnue : « {procedure_id} ».")
    proc = check_file(ref.source)
    if proc.id != procedure_id:  # the file changed since the index read it
        raise CatalogueError(
            f"Le fichier « {ref.source} » décrit la procédure « {proc.id} », "
            f"pas « {procedure_id} »."
        )
    return proc


_index.on_clear(load_procedure.cache_clear)


def load_catalogue() -> dict[str, Procedure]:
    """Every procedure found (shipped, then the extra folder's), by id, in menu order."""
    return {pid: load_procedure(pid) for pid in _index.procedure_index()}
