"""Where a dossier stands in its procedure, and what comes next.

A dossier's `current_step` is one of its procedure's *positions*: the profile form (« Mon
titre actuel » / « Mon compte »), then the screens before the numbered steps, then the steps.
"""

from __future__ import annotations

from anef_tui.domain.catalogue import Procedure


def positions(procedure: Procedure) -> list[str]:
    """Every position of the procedure, in order."""
    profile = [procedure.profile.id] if procedure.profile is not None else []
    return [*profile, *(p.id for p in procedure.preliminaries), *(s.id for s in procedure.steps)]


def first_position(procedure: Procedure) -> str:
    return positions(procedure)[0]


def next_position(procedure: Procedure, position: str) -> str | None:
    order = positions(procedure)
    index = order.index(position)
    return order[index + 1] if index + 1 < len(order) else None


def previous_position(procedure: Procedure, position: str) -> str | None:
    order = positions(procedure)
    index = order.index(position)
    return order[index - 1] if index > 0 else None


def kind_of(procedure: Procedure, position: str) -> str:
    """« profile », « preliminary », or the step's kind (form, documents, depot…)."""
    profile = getattr(procedure, "profile", None)
    if profile is not None and position == profile.id:
        return "profile"
    if any(p.id == position for p in procedure.preliminaries):
        return "preliminary"
    return procedure.step(position).kind


#: The kinds of position that have a screen of their own; every other is a form step (the
#: situation, a form, the documents), shown by the step screen.
OWN_SCREEN_KINDS = frozenset({"profile", "preliminary", "depot", "confirmation"})


def is_form_step(procedure: Procedure, position: str) -> bool:
    """Whether `position` is shown by the step screen (which then moves to it in place)."""
    return kind_of(procedure, position) not in OWN_SCREEN_KINDS
