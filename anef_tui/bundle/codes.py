"""The codes a bundle may name, read from this desk's data files: a bundle naming a code
this desk does not know (a procedure, a step, a kind of notification…) is refused."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from anef_tui.bundle.errors import BundleRefused


@dataclass(frozen=True)
class Codes:
    statuses: frozenset[str]
    steps: frozenset[str]
    slots: frozenset[str]
    kinds: frozenset[str]
    deadlines: frozenset[str]
    manners: frozenset[str]
    max_months: int
    formats: frozenset[str]


def known_codes(procedure: Any) -> Codes:
    """The codes of the data files for a dossier of `procedure`; BundleRefused if this desk
    does not know that procedure."""
    from anef_tui.domain.catalogue import load_procedure
    from anef_tui.domain.consent import consent_rules
    from anef_tui.domain.notification_kinds import kinds
    from anef_tui.domain.procedure_index import procedure_index
    from anef_tui.domain.status import DossierStatus
    from anef_tui.files.checks import CANONICAL_EXTENSION

    if not isinstance(procedure, str) or procedure not in procedure_index():
        raise BundleRefused("sa démarche n'est pas connue de cette version d'anef-tui")
    spec = load_procedure(procedure)
    steps = {step.id for step in spec.steps}
    steps |= {p.id for p in getattr(spec, "preliminaries", None) or []}
    found = kinds()
    deadline_codes: set[str] = set()
    for kind in found.values():
        deadline_codes.add(kind.deadline_code or "")
        for item in kind.checklist:
            deadline_codes.add(item.deadline_code or "")
            deadline_codes.add(item.task.code if item.task is not None else "")
    deadline_codes.add("")  # a deadline kept before codes existed (migration 11)
    rules = consent_rules()
    return Codes(
        statuses=frozenset(s.value for s in DossierStatus),
        steps=frozenset(steps),
        slots=frozenset(slot.id for slot in spec.all_slots()),
        kinds=frozenset(found),
        deadlines=frozenset(deadline_codes),
        manners=frozenset(rules.manners),
        max_months=rules.max_months,
        formats=frozenset(CANONICAL_EXTENSION),
    )

