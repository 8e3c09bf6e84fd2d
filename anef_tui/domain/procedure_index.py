"""A light index of the procedures (labels and steps), read straight from their TOML files.

« Mes dossiers » needs only this much to paint, so it does not wait for the full catalogue
(pydantic models, cross-checks), which the app validates right after the first paint.
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass

from anef_tui.paths import assets_dir

PROCEDURE_IDS: tuple[str, ...] = ("renouvellement", "premiere_demande")


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

    def step(self, step_id: str) -> StepRef:
        for step in self.steps:
            if step.id == step_id:
                return step
        raise KeyError(f"Étape inconnue : « {step_id} ».")


@functools.cache
def procedure_index() -> dict[str, ProcedureRef]:
    """{procedure id: ProcedureRef} for both procedures, in catalogue order."""
    index: dict[str, ProcedureRef] = {}
    for pid in PROCEDURE_IDS:
        with open(assets_dir() / "procedures" / f"{pid}.toml", "rb") as fh:
            data = tomllib.load(fh)
        steps = tuple(StepRef(s["id"], int(s["number"]), s["title"]) for s in data["steps"])
        index[pid] = ProcedureRef(pid, data["short_label"], data["brick"], steps)
    return index
