"""A field's `default` (issue 21: « Pays » is France unless changed): a suggestion the person
sees in the empty field, in both front ends, stored only when the form is saved.

`procedures --verifier` refuses a default a person could not have typed (`default_problems`);
`with_defaults` shows it, `without_defaults` keeps it out of a draft. Re-exported by
`catalogue`.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from anef_tui.domain.procedure_names import KNOWN_RULES, TYPE_RULES

if TYPE_CHECKING:  # pragma: no cover
    from anef_tui.domain.procedure_model import Field, Profile, Step

#: Field types whose value a `default` may suggest (one line of text, or a choice).
DEFAULT_TYPES = frozenset({"text", "country", "nationality", "email", "phone", "choice",
                           "yesno"})


def default_problems(f: Field) -> list[str]:
    """A `default` is a value the person could have typed, written as its rule writes it
    (French problems, for the procedure's check)."""
    if f.default is None:
        return []
    if f.readonly or f.type not in DEFAULT_TYPES or f.repeatable or f.confirm_of:
        return ["« default » sur un champ qui n'en prend pas (seulement un champ modifiable, "
                f"ni répétable ni confirmation, de type {', '.join(sorted(DEFAULT_TYPES))})"]
    if f.type in ("choice", "yesno"):
        if f.default not in f.choices:
            return [f"« default » : « {f.default} » n'est pas un des choix"]
        return []
    rule = f.rule or TYPE_RULES.get(f.type)
    if rule is None or rule not in KNOWN_RULES:
        return []
    from anef_tui.domain.rules import FieldError, validate  # the rules: off the loader's path

    try:
        written = validate(rule, f.label, f.default, today=date.today())
    except FieldError as exc:
        return [f"« default » : {exc.message}"]
    if written != f.default:
        return [f"« default » : « {f.default} » s'écrit « {written} »"]
    return []


def with_defaults(form: Profile | Step, values: dict) -> dict:
    """`values` (a form's saved answers and draft) with each empty field that has a
    `default` given it (« Pays » : France): a suggestion the person sees in the field and
    may change, kept only when the form is saved (a draft or a saved answer wins)."""
    out = dict(values)
    for f in form.fields():
        if f.default is not None and out.get(f.id) in (None, ""):
            out[f.id] = f.default
    return out


def without_defaults(form: Profile | Step, values: dict) -> dict:
    """`values` as a draft keeps them: a field still showing its `default` is left out (the
    suggestion is shown again by `with_defaults`, and stored only when the form is saved)."""
    defaults = {f.id: f.default for f in form.fields() if f.default is not None}
    return {k: v for k, v in values.items() if k not in defaults or v != defaults[k]}
