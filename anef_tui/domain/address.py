"""The address typed once (issue 21): « 20 Rue Nationale 59000 Lille » in « Adresse » fills the
empty « Numéro de voie », « Voie », « Code postal » and « Ville » of the same form.

On the site, « Adresse * » offers suggestions, and the one chosen fills those fields (seed
002: « 20 Rue Nationale 59000 Lille », then « 20 », « Rue Nationale », « 59000 », « Lille »).
Offline there is no list of addresses to suggest from: anef-tui reads the parts from what is
typed, only when it has the usual shape (a number first), only into empty fields, and says so
in its own voice; the person checks them, and every rule still applies when the form is saved.
The fields are found by their roles, never by their ids. Both front ends call this.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from anef_tui.domain import roles
from anef_tui.domain.catalogue import is_visible
from anef_tui.domain.text import APP_HELP_PREFIX
from anef_tui.domain.validation import is_empty

if TYPE_CHECKING:  # pragma: no cover
    from anef_tui.domain.procedure_model import Field, Profile, Step

#: « 20 », « 20 bis », « 20B », then the street; a postcode and a town may end it.
_ADDRESS = re.compile(
    r"(?P<number>\d{1,4}(?:\s?(?:bis|ter|quater|[a-z]))?)\b[\s,]+"
    r"(?P<street>.*?[^\W\d_].*?)"
    r"(?:[\s,]+(?P<postcode>\d{5})[\s,]+(?P<town>[^\d,]*[^\W\d_][^\d,]*))?",
    re.IGNORECASE,
)
#: The parts, by the role of the field each fills.
_PARTS = {
    roles.NUMERO_VOIE: "number",
    roles.VOIE: "street",
    roles.CODE_POSTAL: "postcode",
    roles.VILLE: "town",
}


def address_parts(text: str) -> dict[str, str]:
    """The parts of an address typed on one line, by role; {} when it does not start with a
    number followed by a street."""
    found = _ADDRESS.fullmatch(" ".join(str(text or "").split()))
    if found is None:
        return {}
    parts = {role: (found.group(name) or "").strip(" ,") for role, name in _PARTS.items()}
    return {role: value for role, value in parts.items() if value}


def _source(form: Profile | Step) -> Field | None:
    return next((f for f in form.fields() if f.role == roles.ADRESSE and not f.readonly), None)


def is_address(form: Profile | Step, field_id: str) -> bool:
    """Whether `field_id` is the form's editable field of role « adresse »."""
    source = _source(form)
    return source is not None and source.id == field_id


def address_suggestions(
    form: Profile | Step, values: dict, answers: dict | None = None
) -> dict[str, str]:
    """{field id: value} for the form's empty, editable, shown fields that the address typed
    in its field of role « adresse » fills (see `address_parts`)."""
    source = _source(form)
    if source is None:
        return {}
    parts = address_parts(str(values.get(source.id) or ""))
    out: dict[str, str] = {}
    for f in form.fields():
        if f.role in parts and not f.readonly and not f.repeatable and is_empty(
            values.get(f.id)
        ) and is_visible(f, values, answers):
            out[f.id] = parts[f.role]
    return out


def suggestion_note(form: Profile | Step, filled: dict[str, str]) -> str:
    """anef-tui's words after filling: « Aide anef-tui : d'après l'adresse, … : vérifiez. »"""
    labels = [f.label for f in form.fields() if f.id in filled]
    names = ", ".join(f"« {label} »" for label in labels)
    return (f"{APP_HELP_PREFIX}d'après l'adresse, {names} "
            f"{'sont remplis' if len(labels) > 1 else 'est rempli'} : vérifiez.")
