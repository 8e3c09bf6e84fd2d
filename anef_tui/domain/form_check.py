"""One validation for every front end: a form of a dossier checked with the whole dossier.

The full-screen app, the plain mode (`anef-tui texte`) and the CLI call these, never
`validate_step` with a context of their own: a form (profile, step, dépôt) is checked with
its procedure and every answer of the dossier, so that the named cross-field checks
(`domain/checks.py`: « apres_naissance »…) read the birth date saved in another step.

`dossier_problems` checks again, before the filing, the cross-field checks of every form
already validated: a birth date changed after the date of entry was saved makes that date
wrong, and the dépôt says so in both front ends.
"""

from __future__ import annotations

from datetime import date

from anef_tui.domain import flow
from anef_tui.domain.catalogue import Procedure, Profile, Step, is_visible
from anef_tui.domain.validation import Problem, Value, is_empty, validate_step


def form_of(procedure: Procedure, position: str) -> Profile | Step:
    """The form shown at `position`: the profile, or a step (KeyError if none)."""
    if flow.kind_of(procedure, position) == "profile" and procedure.profile is not None:
        return procedure.profile
    return procedure.step(position)


def check_form(
    procedure: Procedure,
    position: str,
    values: dict,
    *,
    answers: dict[str, dict] | None,
    today: date,
) -> tuple[dict[str, Value], list[Problem]]:
    """The form at `position` checked with every answer of the dossier (`answers`, as
    saved): normalised values and problems, as `validate_step` gives them."""
    return validate_step(
        form_of(procedure, position), values, today=today, answers=answers or {},
        procedure=procedure,
    )


def first_to_fill(
    form: Profile | Step, values: dict, answers: dict[str, dict] | None = None
) -> str | None:
    """Where the cursor goes when a form opens with answers already there (copied from the
    profile, from an earlier dossier, or a draft): the id of the first field shown,
    editable and required that is still empty. None when no editable field holds an answer
    yet (the form is read from its first field) or when nothing required is left empty."""
    shown = [f for f in form.fields()
             if not f.readonly and f.type != "info" and is_visible(f, values, answers)]
    # A `default` shown in its field (« Pays » : France) is not an answer already there.
    if all(is_empty(values.get(f.id)) or values.get(f.id) == f.default for f in shown):
        return None
    return next((f.id for f in shown if f.required and is_empty(values.get(f.id))), None)


def dossier_problems(
    procedure: Procedure, answers: dict[str, dict] | None, *, today: date, until: str
) -> list[Problem]:
    """The cross-field checks of the forms saved before position `until`, run again with
    the whole dossier; each problem's `label` is the title of the form it is in."""
    answers = answers or {}
    out: list[Problem] = []
    order = flow.positions(procedure)
    stop = order.index(until) if until in order else len(order)
    for position in order[:stop]:
        saved = answers.get(position)
        if not isinstance(saved, dict):
            continue
        try:
            form = form_of(procedure, position)
        except KeyError:
            continue
        checked = {f.id for f in form.fields() if f.checks}
        if not checked:
            continue
        _, problems = check_form(procedure, position, saved, answers=answers, today=today)
        title = getattr(form, "title", "") or position
        out += [Problem(p.field_id, title, p.message) for p in problems
                if p.field_id in checked]
    return out


def depot_check(
    procedure: Procedure,
    position: str,
    values: dict,
    *,
    answers: dict[str, dict] | None,
    today: date,
) -> tuple[dict[str, Value], list[Problem], list[Step]]:
    """Before the filing: the dépôt's own questions, the cross-field checks of every form
    saved before it (`dossier_problems`), and the steps with questions never validated."""
    answers = answers or {}
    normalised, problems = check_form(procedure, position, values, answers=answers,
                                      today=today)
    problems += dossier_problems(procedure, answers, today=today, until=position)
    step = procedure.step(position)
    missing = [s for s in procedure.steps
               if s.number < step.number and s.id not in answers and s.fields()]
    return normalised, problems, missing
