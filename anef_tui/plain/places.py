"""Places in a dossier for a listener: where to resume, how a question is numbered, and
where « :aller » goes (issue 20, item 4 « Fast to listen to »).

A question's number counts the questions a person answers on its screen (fields that are
shown and can be typed, document slots), in order: « question 3 sur 8 ». No procedure, step
or field id is named here: everything comes from the data.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from anef_tui.domain import flow
from anef_tui.domain.catalogue import Procedure
from anef_tui.domain.text import fold
from anef_tui.plain.parts import Item, SlotItem, is_hidden


class GoTo(Exception):
    """« :aller »: ask `position` from its question `item_id` (None: from its start)."""

    def __init__(self, position: str, item_id: str | None = None) -> None:
        super().__init__(position)
        self.position = position
        self.item_id = item_id


def answered_by_typing(item: Item) -> bool:
    """A question the person answers (not an information line, not a read-only value)."""
    if isinstance(item, SlotItem):
        return True
    return item.field.type != "info" and not item.field.readonly


def numbered(items: list[Item], values: dict, answers: dict) -> list[int]:
    """The indices of `items` that are questions asked now, in order (question 1 first)."""
    return [i for i, item in enumerate(items)
            if answered_by_typing(item) and not is_hidden(item, values, answers)]


def _empty(value: object) -> bool:
    return value in (None, "", [], False)


def resume_index(items: list[Item], values: dict, answers: dict, traced: set[str],
                 files: dict[str, int]) -> int | None:
    """Where a screen left part-answered resumes: the first question without an answer.

    `traced`: the ids of the fields that were answered or passed (kept in the screen's
    draft or saved answers, even empty); `files`: files per document slot. A question after
    the last one traced has not been reached: the first of them is where the person left.
    Before it, a question is without an answer when it is required and empty (an optional
    one passed with Entrée stays passed). None when nothing was traced (the screen is read
    from its start) or when every question is answered."""
    asked = numbered(items, values, answers)

    def trace(i: int) -> bool:
        item = items[i]
        if isinstance(item, SlotItem):
            return files.get(item.id, 0) > 0
        return item.id in traced

    seen = [i for i in asked if trace(i)]
    if not seen:
        return None
    frontier = seen[-1]
    for i in asked:
        item = items[i]
        if i > frontier:
            return i
        if isinstance(item, SlotItem):
            if item.slot.required and not files.get(item.id):
                return i
        elif item.field.required and _empty(values.get(item.id)):
            return i
    return None


def screen_name(procedure: Procedure, position: str) -> str:
    """« Étape 2 sur 5, Motif de séjour » / « Avant l'étape 1, Mon titre actuel »."""
    kind = flow.kind_of(procedure, position)
    if kind == "profile" and procedure.profile is not None:
        return f"Avant l'étape 1, {procedure.profile.title}"
    if kind == "preliminary":
        prelim = next(p for p in procedure.preliminaries if p.id == position)
        return f"Avant l'étape 1, {prelim.heading.rstrip(' :')}"
    step = procedure.step(position)
    return f"Étape {step.number} sur {len(procedure.steps)}, {step.title}"


def lead(procedure: Procedure, position: str, number: int, total: int) -> str:
    """The one line that says where a resumed or reached question is, before its label:
    « Étape 2 sur 5, Motif de séjour, question 3 sur 8 : »."""
    return f"{screen_name(procedure, position)}, question {number} sur {total} : "


# -- « :aller » -----------------------------------------------------------------------------

#: position -> its questions asked now, in order (the session knows the dossier's values).
Questions = Callable[[str], list[Item]]


@dataclass(frozen=True)
class Place:
    position: str
    name: str  # what the person hears: « étape 2, Motif de séjour » or « 2.4 Nom »
    item_id: str | None = None


def _matches(words: list[str], text: str) -> bool:
    """Every typed word begins a word of `text` (accents and case ignored)."""
    own = fold(text.replace("'", " ").replace("’", " ")).split()
    return all(any(w.startswith(typed) for w in own) for typed in words)


def screens(procedure: Procedure) -> list[Place]:
    """Every screen « :aller » reaches: the profile, the screens before step 1, the steps
    up to the dépôt (the confirmation follows a filing only)."""
    out = []
    for position in flow.positions(procedure):
        kind = flow.kind_of(procedure, position)
        if kind == "confirmation":
            continue
        out.append(Place(position, screen_name(procedure, position)))
    return out


def find(procedure: Procedure, text: str, current: str, questions: Questions
         ) -> Place | list[Place]:
    """The place `text` names: a step number (« 3 »), a step and question number (« 2.4 »),
    or words of a screen's title or of a question's label (the current screen's questions
    first). A list: every candidate when several match (none: empty)."""
    typed = text.strip()
    steps = {str(s.number): s for s in procedure.steps if s.kind != "confirmation"}
    number, dot, question = typed.partition(".")
    if number.isdigit() and number.isascii():
        step = steps.get(number)
        if step is None:
            return []
        if not dot:
            return Place(step.id, screen_name(procedure, step.id))
        asked = questions(step.id)
        if not (question.isdigit() and question.isascii() and 1 <= int(question) <= len(asked)):
            return []
        item = asked[int(question) - 1]
        return Place(step.id, f"{number}.{question} {item.label}", item.id)
    words = fold(typed.replace("'", " ").replace("’", " ")).split()
    if not words:
        return []
    found = [p for p in screens(procedure) if _matches(words, p.name.split(", ", 1)[-1])]
    if len(found) == 1:
        return found[0]
    if found:
        return found
    order = [current] + [p.position for p in screens(procedure) if p.position != current]
    for position in order:
        if flow.kind_of(procedure, position) == "preliminary":
            continue
        hits = [
            Place(position, question_name(procedure, position, n, item), item.id)
            for n, item in enumerate(questions(position), 1)
            if _matches(words, item.label)
        ]
        if len(hits) == 1 and position == current:
            return hits[0]
        found += hits
    return found[0] if len(found) == 1 else found


def question_name(procedure: Procedure, position: str, number: int, item: Item) -> str:
    kind = flow.kind_of(procedure, position)
    if kind in ("profile", "preliminary"):
        return f"{screen_name(procedure, position)}, question {number} : {item.label}"
    return f"{procedure.step(position).number}.{number} {item.label}"
