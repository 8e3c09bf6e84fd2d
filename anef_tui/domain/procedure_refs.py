"""What the light index knows of a procedure without validating it: id, labels, steps."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_ORDER = 100  # a procedure without `order` comes after the shipped ones



@dataclass(frozen=True)
class StepRef:
    id: str
    number: int
    title: str



@dataclass(frozen=True)
class ProcedureRef:
    id: str
    short_label: str
    brick: str
    steps: tuple[StepRef, ...]
    order: int = DEFAULT_ORDER
    compact_label: str | None = None  # « Renouv. »: « Mes dossiers » at < 110 columns
    # Where it was read from; None for a ref built from text. Not part of equality.
    source: Path | None = field(default=None, compare=False)

    def step(self, step_id: str) -> StepRef:
        for step in self.steps:
            if step.id == step_id:
                return step
        raise KeyError(f"Étape inconnue : « {step_id} ».")
