"""How much a blind user hears in the plain mode (issue 20, item 4 « Fast to listen to »).

Runs `anef-tui texte` (its real entry point, `anef_tui.plain.cli.run`, in this process, on
byte streams) on scripted sessions and counts the *words* it writes (a word: a run of
characters between spaces holding at least one letter or digit; prompts count). Prints:

* words per prompt on a whole renewal typed from « nouveau » to the filing (the journey of
  tests/plain/journeys.py): every line written between two answers read, as a mean, a
  median and a maximum, with the number of prompts;
* resuming a dossier left after 5 answers of « Mon titre actuel »: words and Entrées from
  typing its number to the prompt of the first question without an answer;
* « Mes dossiers » with 150 dossiers (`anef-tui demo --count 150`): words before the first
  prompt, and words said on coming back from a dossier (open one, `:quitter`).

Usage: `.venv/bin/python bench/plain_words.py` (no argument; a temporary data directory).
Deterministic: the clock is frozen and the demo data seeded, so the figures only move when
the plain mode's output does.
"""

from __future__ import annotations

import io
import platform
import statistics
import sys
import tempfile
from collections.abc import Callable
from datetime import datetime
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FROZEN = datetime(2026, 11, 20, 10, 0, 0)


def words(text: str) -> int:
    return sum(1 for token in text.split() if any(c.isalnum() for c in token))


class Typist(io.RawIOBase):
    """Standard input that types a line when the session asks for one, after looking at
    what was written so far (`next_line(written) -> str | None`, None ends the input).
    Records where the output stood at each read: the text between two reads is what one
    prompt made the person hear."""

    def __init__(self, out: io.BytesIO, next_line: Callable[[str], str | None]) -> None:
        self.out = out
        self.next_line = next_line
        self.marks: list[int] = []

    def readline(self, size: int | None = -1) -> bytes:  # type: ignore[override]
        written = self.out.getvalue().decode("utf-8")
        self.marks.append(len(written))
        line = self.next_line(written)
        return b"" if line is None else line.encode("utf-8") + b"\n"

    def readable(self) -> bool:
        return True


def session(data_dir: Path, next_line: Callable[[str], str | None]) -> tuple[str, list[int]]:
    from anef_tui.plain.cli import run

    out = io.BytesIO()
    stdin = Typist(out, next_line)
    run(data_dir, stdin=stdin, stdout=out, clock=lambda: FROZEN)
    return out.getvalue().decode("utf-8"), stdin.marks


def scripted(lines: list[str]) -> Callable[[str], str | None]:
    queue = list(lines)
    return lambda written: queue.pop(0) if queue else None


def per_prompt(text: str, marks: list[int]) -> list[int]:
    bounds = [0, *marks]
    return [words(text[a:b]) for a, b in pairwise(bounds)]


def renewal_journey(tmp: Path) -> dict:
    from tests.plain.journeys import renewal, scan

    data_dir = tmp / "parcours"
    lines = renewal(scan(tmp / "facture.png"), scan(tmp / "recepisse.png"))
    text, marks = session(data_dir, scripted([*lines, ":quitter"]))
    counts = per_prompt(text, marks)
    return {
        "prompts": len(counts),
        "mean": statistics.mean(counts),
        "median": statistics.median(counts),
        "max": max(counts),
        "total": words(text),
    }


def resume(tmp: Path) -> dict:
    from tests.plain.journeys import PROFILE

    data_dir = tmp / "reprise"
    session(data_dir, scripted(["nouveau", "1", "", "", *PROFILE[:5]]))
    target = "Nom d'usage"  # the 6th question of « Mon titre actuel », never answered
    state = {"opened": False, "enters": 0, "start": 0, "end": 0}

    def next_line(written: str) -> str | None:
        if not state["opened"]:
            state["opened"] = True
            state["start"] = len(written)
            return "1"
        if target in written[state["start"]:]:
            state["end"] = len(written)
            return None
        state["enters"] += 1
        return "" if state["enters"] < 50 else None

    text, _ = session(data_dir, next_line)
    return {"words": words(text[state["start"]:state["end"]]), "enters": state["enters"]}


def home_with_150(tmp: Path) -> dict:
    from anef_tui.demo import fill_many
    from anef_tui.store.dossiers import DossierStore

    data_dir = tmp / "cent-cinquante"
    with DossierStore(data_dir, clock=lambda: FROZEN) as store:
        fill_many(store, 150)
        draft = next(row.id for row in store.list() if row.status.editable)
    text, marks = session(data_dir, scripted([str(draft), ":quitter", ":quitter"]))
    counts = per_prompt(text, marks)
    return {"first": counts[0], "back": counts[-1]}


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="plain-words-") as folder:
        tmp = Path(folder)
        journey = renewal_journey(tmp)
        resumed = resume(tmp)
        home = home_with_150(tmp)
    print(f"Machine : {platform.machine()}, Python {platform.python_version()}")
    print(f"Renouvellement entier : {journey['prompts']} invites, {journey['total']} mots ; "
          f"mots par invite : moyenne {journey['mean']:.1f}, médiane {journey['median']}, "
          f"maximum {journey['max']}")
    print(f"Reprise après 5 réponses : {resumed['words']} mots et {resumed['enters']} "
          "Entrée avant la première question sans réponse")
    print(f"Mes dossiers (150 dossiers) : {home['first']} mots à l'ouverture, "
          f"{home['back']} mots au retour d'un dossier")


if __name__ == "__main__":
    main()
