"""A light index of the procedures (labels and steps), read straight from their TOML files.

« Mes dossiers » needs only this much to paint, so it does not wait for the full catalogue
(pydantic models, cross-checks), which the app validates right after the first paint.
"""

from __future__ import annotations

import functools
import re
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
        text = (assets_dir() / "procedures" / f"{pid}.toml").read_text(encoding="utf-8")
        try:
            data = _index_part(text)
        except (tomllib.TOMLDecodeError, KeyError):
            data = tomllib.loads(text)  # a layout _index_part does not follow: read it all
        index[pid] = _procedure_ref(pid, data)
    return index


def _procedure_ref(pid: str, data: dict) -> ProcedureRef:
    steps = tuple(StepRef(s["id"], int(s["number"]), s["title"]) for s in data["steps"])
    return ProcedureRef(pid, data["short_label"], data["brick"], steps)


_TABLE_HEADER = re.compile(r"^(?=\[)", re.MULTILINE)


def _index_part(text: str) -> dict:
    """The top-level keys and the keys of each `[[steps]]` table, without the rest.

    A procedure file is ~25 KB of TOML, mostly fields and documents; parsing only what the
    index needs takes a quarter of the time of a full parse (start-up, bench/startup.py).
    Each part is parsed on its own: the text before the first table header, then the body
    of each `[[steps]]` table up to the next header. tests/unit/test_catalogue.py checks
    that the result equals the full parse for the shipped files.
    """
    head, *tables = _TABLE_HEADER.split(text)
    data = tomllib.loads(head)
    steps = []
    for table in tables:
        header, _, body = table.partition("\n")
        if "".join(header.split("#", 1)[0].split()) == "[[steps]]":
            steps.append(tomllib.loads(body))
    data["steps"] = steps
    return data
