"""The procedure catalogue: every screen of the two ANEF paths, as data.

The data lives in the package's `assets/procedures/*.toml` (one file per path, each naming the
seed guide it was transcribed from), plus an optional extra folder (`procedure_index`, which finds
them); this module loads them. The typed, frozen models are `procedure_model.py`, the checks with
French messages that name the line of the file `procedure_check.py` (`check_file`) and
`procedure_messages.py`; their public names are importable from here too. Every French string comes verbatim from the seeds. No Textual here: the same catalogue
feeds the TUI and a plain line-by-line (screen-reader) front end.

Rendering conventions shared by every front end:
- In any list of paragraphs (`intro`, `after_texts`, `text`…), a line starting with "- " is a
  bullet item of the list introduced by the line before it.
- A `Section` with a `group` is printed under that parent heading (printed once, with
  `group_intro`, when the group changes from the previous section).
- In a « documents » step, each `DocumentSlot` is printed after the fields of the section whose
  `id` is `slot.section` (`Step.slots_in`), in the order of `Step.slots`: a section is named
  by its id, never by its title, so a title may be reworded freely.
- Button labels are stored without the decorative chevrons (« < » / « > ») of the site.

The applicant profile (`Procedure.profile`) mirrors what the ANEF already knows before the
first step: the current title for a renewal (« Mon titre actuel »), the account's e-mail for a
first application (« Mon compte »). A step field with a `source` is pre-filled from the profile
value of that name (`prefill`). A field with a `default` shows it while it is empty
(`with_defaults`): a suggestion, stored only when the form is saved.
"""

from __future__ import annotations

from functools import cache

from anef_tui.display import display_path
from anef_tui.domain import procedure_index as _index
from anef_tui.domain.field_defaults import with_defaults, without_defaults  # noqa: F401
from anef_tui.domain.procedure_check import check_file, parse_procedure  # noqa: F401 - re-exported
from anef_tui.domain.procedure_messages import (  # noqa: F401 - re-exported
    _describe_loc,
    _pydantic_message,
)
from anef_tui.domain.procedure_model import (  # noqa: F401 - re-exported
    PROCEDURE_ID,
    AcceptedGroup,
    CatalogueError,
    CheckSpec,
    Choice,
    ComplementMode,
    ComplementStart,
    Condition,
    DocumentsListEntry,
    DocumentSlot,
    Field,
    FollowupPolicy,
    NavLabels,
    Preliminary,
    Procedure,
    ProcedureFileUnreadable,
    Profile,
    RenewalFrom,
    Section,
    Step,
    _Model,
)
from anef_tui.domain.procedure_names import (  # noqa: F401 - re-exported
    ALLOWED_MAX_FILES,
    KNOWN_RULES,
    TYPE_RULES,
    YESNO_CHOICES,
    FieldType,
    StepKind,
)


@cache  # functools.lru_cache without a bound; forgotten when the procedures change
def load_procedure(procedure_id: str) -> Procedure:
    """The procedure `procedure_id`, as found by `procedure_index`, validated (cached)."""
    ref = _index.procedure_index().get(procedure_id)
    if ref is None or ref.source is None:
        raise CatalogueError(f"Procédure inconnue : « {procedure_id} ».")
    proc = check_file(ref.source)
    if proc.id != procedure_id:  # the file changed since the index read it
        raise CatalogueError(
            f"Le fichier « {display_path(ref.source)} » décrit la procédure « {proc.id} », "
            f"pas « {procedure_id} »."
        )
    return proc


_index.on_clear(load_procedure.cache_clear)


def load_catalogue() -> dict[str, Procedure]:
    """Every procedure found (shipped, then the extra folder's), by id, in menu order."""
    return {pid: load_procedure(pid) for pid in _index.procedure_index()}


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
