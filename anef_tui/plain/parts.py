"""Pieces every part of a plain dossier session shares: an item of a form (field or
document slot), going back, a position's label."""

from __future__ import annotations

from dataclasses import dataclass

from anef_tui.domain import flow
from anef_tui.domain.catalogue import (
    DocumentSlot,
    Field,
    Procedure,
    Section,
    is_visible,
)


def position_label(procedure: Procedure, position: str) -> str:
    """« Étape 2 sur 5 : Motif de séjour » / « Avant l'étape 1 (sur 5) : Mon titre actuel »."""
    total = len(procedure.steps)
    kind = flow.kind_of(procedure, position)
    if kind == "profile" and procedure.profile is not None:
        return f"Avant l'étape 1 (sur {total}) : {procedure.profile.title}"
    if kind == "preliminary":
        prelim = next(p for p in procedure.preliminaries if p.id == position)
        return f"Avant l'étape 1 (sur {total}) : {prelim.heading}"
    step = procedure.step(position)
    return f"Étape {step.number} sur {total} : {step.title}"



@dataclass
class FieldItem:
    """A question of a form that is a field, in its section."""

    section: Section
    field: Field

    @property
    def id(self) -> str:
        return self.field.id

    @property
    def label(self) -> str:
        return self.field.label


@dataclass
class SlotItem:
    """A question of a form that is a document slot, in its section."""

    section: Section
    slot: DocumentSlot

    @property
    def id(self) -> str:
        return self.slot.id

    @property
    def label(self) -> str:
        return self.slot.title


#: One question of a form: a field or a document slot (`isinstance` tells which).
Item = FieldItem | SlotItem


def is_hidden(item: Item, values: dict, answers: dict) -> bool:
    """A field whose condition is not met is not asked (a slot always is)."""
    return isinstance(item, FieldItem) and not is_visible(item.field, values, answers)



class Back(Exception):
    """« :retour » on the first question: go to the previous position."""
