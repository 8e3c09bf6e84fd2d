"""« Enregistrer une notification reçue », the form as data: its fields (the same Field model
as the procedures' steps, rendered by the same FieldBlock) and reading back what was typed.

Pure domain code: `read_form` takes the typed values (labels for choices, JJ/MM/AAAA for
dates) and returns the kind, the dates and the data in stored form, or problems naming their
field (domain/validation.Problem), as a step does.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dc_field
from datetime import date

from anef_tui.domain.catalogue import Condition, Field, Section, Step
from anef_tui.domain.notification_kinds import Kind, kinds
from anef_tui.domain.notifications import (
    DOCUMENT_STATES,
    OBSERVATIONS_LABEL,
    normalise_data,
)
from anef_tui.domain.validation import Problem, validate_step

KIND_FIELD = "kind"
RECEIVED_FIELD = "received"
READ_FIELD = "read_on"
_NOT_CONCERNED = next(label for label, key in DOCUMENT_STATES.items() if key is None)


def base_fields() -> list[Field]:
    """What every notification asks: its kind, when it came, when it was first opened."""
    return [
        Field(id=KIND_FIELD, label="Notification", type="choice", required=True,
              choices=[k.title for k in kinds().values()]),
        Field(id=RECEIVED_FIELD, label="Reçue le", type="date", required=True,
              rule="date_passee"),
        Field(id=READ_FIELD, label="Lu le", type="date", rule="date_passee",
              hint="Déjà ouverte sur le site ? Facultatif : le délai part de ce jour."),
    ]


def document_fields(slots) -> list[Field]:
    """For each document of the procedure: its state according to the agent, and the
    agent's observations (shown once the document is not « Non concerné »)."""
    concerned = [label for label, key in DOCUMENT_STATES.items() if key is not None]
    out: list[Field] = []
    for slot in slots:
        out.append(Field(id=f"state-{slot.id}", label=slot.title, type="choice",
                         choices=list(DOCUMENT_STATES)))
        out.append(Field(id=f"obs-{slot.id}", label=OBSERVATIONS_LABEL, type="text",
                         show_if=Condition(field=f"state-{slot.id}", any_of=concerned)))
    return out


def kind_fields(kind: Kind, slots) -> list[Field]:
    """The fields of one kind, in the form's order."""
    fields: list[Field] = list(kind.form_fields)
    if kind.documents:
        fields += document_fields(slots)
    return fields


def initial_value(field: Field) -> str | None:
    """What a field holds before anything is typed (« Non concerné » for a document)."""
    if field.id.startswith("state-"):
        return _NOT_CONCERNED
    return None


def kind_of(label: object) -> Kind | None:
    return next((k for k in kinds().values() if k.title == label), None)


@dataclass
class FormResult:
    kind: str | None = None
    received_on: date | None = None
    read_on: date | None = None
    data: dict = dc_field(default_factory=dict)
    problems: list[Problem] = dc_field(default_factory=list)


def _iso(text: object) -> date | None:
    if not isinstance(text, str) or not text:
        return None
    day, month, year = (int(p) for p in text.split("/"))
    return date(year, month, day)


def read_form(values: dict, *, slots, file_names: dict[str, str], today: date,
              complete: bool = True) -> FormResult:
    """Check what was typed on the recording form; `file_names`: the filed files of each
    slot (named in a complément's « non valide » documents). `complete=False` checks the
    answers given so far, one by one (the plain mode asks them in turn): what needs the
    whole form (a complément with no document) is left for the last call."""
    kind = kind_of(values.get(KIND_FIELD))
    fields = base_fields() + (kind_fields(kind, slots) if kind else [])
    step = Step(id="notification", number=0, title="", heading="", kind="form",
                sections=[Section(id="form", fields=fields)])
    normalised, problems = validate_step(step, values, today=today)
    result = FormResult(kind=kind.id if kind else None, problems=list(problems))
    failed = {p.field_id for p in problems}
    if RECEIVED_FIELD not in failed:
        result.received_on = _iso(normalised.get(RECEIVED_FIELD))
    if READ_FIELD not in failed:
        result.read_on = _iso(normalised.get(READ_FIELD))
    if result.read_on and result.received_on and result.read_on < result.received_on:
        result.problems.append(Problem(READ_FIELD, "Lu le", "« Lu le » : la notification ne "
                                       "peut pas avoir été lue avant d'être reçue."))
    if kind is None or result.problems or result.received_on is None or not complete:
        return result
    data: dict = {}
    for f in kind.form_fields:
        value = normalised.get(f.id)
        data[f.id] = (_iso(value) if f.type == "date" else value) or None
        if isinstance(data[f.id], date):
            data[f.id] = data[f.id].isoformat()
    if kind.documents:
        data["invalid"], data["missing"] = [], []
        for slot in slots:
            key = DOCUMENT_STATES.get(str(normalised.get(f"state-{slot.id}") or _NOT_CONCERNED))
            if key is None:
                continue
            entry = {"slot_id": slot.id, "title": slot.title,
                     "observations": str(normalised.get(f"obs-{slot.id}") or "")}
            if key == "invalid":
                entry["file_name"] = file_names.get(slot.id) or "—"
            data[key].append(entry)
    try:
        result.data = normalise_data(kind.id, data, received_on=result.received_on,
                                     today=today)
    except ValueError as exc:
        # Under the field the message is about (its id, never its label), else the kind.
        target = getattr(exc, "field_id", None)
        if target not in {f.id for f in fields}:
            target = KIND_FIELD
        result.problems.append(Problem(target, target, str(exc)))
    return result


# -- the certificate checklist of a notification (dates only, nothing medical) -----------
CHECK_PREFIX = "check-"


def checklist_fields(kind: Kind, data: dict | None = None) -> list[Field]:
    """One date field per item of the kind's checklist that applies to the notification's
    `data` (`if_field`: the tasks after a favourable decision), rendered and checked as a
    step's fields are (its error under it, the focus on the first in error)."""
    return [
        Field(id=f"{CHECK_PREFIX}{item.id}", label=item.screen_label or item.label,
              type="date", rule="date_passee" if item.done else "date",
              display_label=f"{item.screen_label or item.label} — le (JJ/MM/AAAA) :")
        for item in kind.checklist_for(data or {})
    ]


def read_checklist(kind: Kind, values: dict, *, today: date, data: dict | None = None
                   ) -> tuple[dict[str, str | None], list[Problem]]:
    """The dates typed (JJ/MM/AAAA) as the stored checklist (item id -> ISO date or None),
    or the problems, each naming its field."""
    step = Step(id="checklist", number=0, title="", heading="", kind="form",
                sections=[Section(id="checklist", fields=checklist_fields(kind, data))])
    normalised, problems = validate_step(step, values, today=today)
    if problems:
        return {}, list(problems)
    checklist: dict[str, str | None] = {}
    for item in kind.checklist_for(data or {}):
        typed = _iso(normalised.get(f"{CHECK_PREFIX}{item.id}"))
        checklist[item.id] = typed.isoformat() if typed else None
    return checklist, []
