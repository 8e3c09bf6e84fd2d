"""Reading and fully validating one procedure file: the model, then the cross-checks
(unique ids, conditions, roles, policy, profile) that pydantic cannot express."""

from __future__ import annotations

import tomllib
from pathlib import Path

from pydantic import ValidationError

from anef_tui.display import display_path
from anef_tui.domain import roles as _roles
from anef_tui.domain.checks import check_problems
from anef_tui.domain.data_limits import (
    MAX_FIELDS,
    MAX_STEPS,
    LimitError,
    Shape,
    check_text_size,
    read_bounded,
    shape_problems,
    toml_nesting,
)
from anef_tui.domain.field_defaults import default_problems
from anef_tui.domain.procedure_messages import (
    _at,
    _bracketed,
    _describe_loc,
    _invalid,
    _LineFinder,
    _pydantic_message,
    _toml_error,
)
from anef_tui.domain.procedure_model import (
    CatalogueError,
    Field,
    Procedure,
    ProcedureFileUnreadable,
)
from anef_tui.domain.procedure_names import ALLOWED_MAX_FILES, KNOWN_RULES
from anef_tui.oserrors import advice, reason

#: What a procedure file may hold (`data_limits`): its identifiers, steps and fields.
PROCEDURE_SHAPE = Shape(
    lists={"steps": MAX_STEPS, "fields": MAX_FIELDS},
    ids=frozenset({"id", "confirm_of", "source", "slot", "complement_step", "name", "role",
                   "rule"}),
    dotted=frozenset({"field"}),  # show_if: « champ » or « étape.champ »
    id_lists=frozenset({"roles"}),
    id_tables=frozenset({"confirmation_labels", "official_subtitles"}),
)


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
        # A field and a slot of one step share the keys of its problems on the screen.
        for slot in step.slots:
            if slot.id in fields_by_step[step.id]:
                errors.append(f"{ctx} : « {slot.id} » est à la fois un champ et un justificatif")

        if step.slots and step.kind != "documents":
            errors.append(f"{ctx} : des justificatifs hors d'une étape « documents »")
        section_ids = {s.id for s in step.sections}
        titles = {s.title: s.id for s in step.sections if s.title}
        for slot in step.slots:
            if slot.max_files not in ALLOWED_MAX_FILES:
                errors.append(
                    f"{ctx} : justificatif « {slot.id} » : max_files = {slot.max_files} "
                    "(3 ou 6 attendu)"
                )
            if slot.section in titles and slot.section not in section_ids:
                errors.append(
                    f"{ctx} : justificatif « {slot.id} » : `section` nomme la section par "
                    f"son titre ; donnez son identifiant « {titles[slot.section]} »"
                )
            elif slot.section not in section_ids:
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

    slot_ids = {s.id for s in proc.all_slots()}
    for entry in proc.documents_list:
        if entry.slot is not None and entry.slot not in slot_ids:
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
            # A step field the earlier dossier may pre-fill: editable, not a profile copy.
            own |= {f.role for s in proc.steps for f in s.fields()
                    if f.role and not f.readonly and f.source is None}
            for role in proc.renewal_from.roles:
                if role not in _roles.FIELD_ROLES:
                    errors.append(f"table « renewal_from » : rôle inconnu « {role} »")
                elif role not in own:
                    errors.append(f"table « renewal_from » : aucun champ du profil ni champ "
                                  f"modifiable d'une étape n'a le rôle « {role} »")
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
    choices = set(f.choices)
    stray = [c for c in f.in_scope_choices if c not in choices]
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
    if f.default is not None:
        errors.extend(f"{fctx} : {problem}" for problem in default_problems(f))




def _check_condition(f: Field, fctx: str, target: Field | None, errors: list[str]) -> None:
    assert f.show_if is not None
    if target is None:
        errors.append(f"{fctx} : « show_if » vise « {f.show_if.field} », introuvable")
    elif target.choices:
        choices = set(target.choices)
        stray = [v for v in f.show_if.any_of if v not in choices]
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
    prefix = f"« {display_path(source)} », " if source else ""
    try:  # before any parser: its size and nesting, in time linear in its size
        check_text_size(toml_text)
        toml_nesting(toml_text)
    except LimitError as exc:
        raise _invalid([_at(prefix, exc.line, exc.message)], "refusé") from None
    try:
        data = tomllib.loads(toml_text)
    except tomllib.TOMLDecodeError as exc:
        line, detail = _toml_error(exc)
        raise _invalid([_at(prefix, line, f"TOML invalide, {detail}")], "illisible") from exc
    beyond = shape_problems(data, PROCEDURE_SHAPE)  # before pydantic: counts, texts, ids
    if beyond:
        lines = _LineFinder(toml_text)
        raise _invalid([_at(prefix, lines.line_of_loc(loc), _describe_loc(data, loc) + problem)
                        for loc, problem in beyond], "refusé")
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



def check_file(path: str | Path) -> Procedure:
    """Read and fully validate one procedure file (`anef-tui procedures --check`).

    Raises CatalogueError whose `problems` name the file and, where it can be found, the
    line of each problem."""
    path = Path(path)
    try:
        text = read_bounded(path)
    except LimitError as exc:
        raise _invalid([_at(f"« {display_path(path)} », ", None, exc.message)], "refusé") from None
    except UnicodeDecodeError as exc:
        message = f"« {display_path(path)} » n'est pas un texte UTF-8 : enregistrez-le en UTF-8."
        raise CatalogueError(message) from exc
    except OSError as exc:
        message = (
            f"Le fichier de procédure « {display_path(path)} » est introuvable ou illisible "
            f"({reason(exc)}) : {advice(exc)}."
        )
        raise ProcedureFileUnreadable(message) from exc
    return parse_procedure(text, source=str(path))
