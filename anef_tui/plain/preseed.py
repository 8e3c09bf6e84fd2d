"""An answers file for the plain mode (`anef-tui texte --reponses FICHIER`): answers named by
the ids of the procedure's data, applied where their questions are asked (issue 20, item 4).

One answer a line, `écran.question = valeur`: the id of a screen (the profile, a screen
before step 1, a step), a dot, the id of a field or of a document slot, « = », then the
answer as it would be typed (a choice by its number or its text, a list separated by
commas, a date JJ/MM/AAAA, the path of a file). A screen before step 1 with one choice is
named alone: `pour_qui = 1`. Several lines for a document slot attach several files. Empty
lines and lines starting with « # » are ignored. As each line names its question, a line
missing, added or misplaced changes no other answer.

The file is untrusted input: at most `MAX_BYTES` (256 Kio) read, UTF-8, no control
character in a line; every problem is said in French with its line.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from anef_tui.controls import has_controls
from anef_tui.domain import flow
from anef_tui.domain.catalogue import Procedure
from anef_tui.domain.data_limits import MAX_BYTES, capped, read_bounded, shown

_KEY = re.compile(r"^[a-z][a-z0-9_]{0,39}(\.[a-z][a-z0-9_]{0,39})?$")


class AnswersFileError(ValueError):
    """The file cannot be used at all (unreadable, or lines that are not answers): its
    French lines, one per problem."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines


@dataclass
class Answer:
    number: int  # line number in the file, from 1
    screen: str
    question: str | None  # None: a screen before step 1, answered by one choice
    value: str
    used: bool = False

    @property
    def key(self) -> str:
        return self.screen + (f".{self.question}" if self.question else "")

    def where(self) -> str:
        """« Fichier de réponses, ligne 12 (etape.champ) »: how a message names it."""
        return f"Fichier de réponses, ligne {self.number} ({self.key})"


@dataclass
class AnswersFile:
    answers: list[Answer] = field(default_factory=list)
    checked: set[str] = field(default_factory=set)  # procedures already checked

    def take(self, screen: str, question: str | None) -> Answer | None:
        """The first answer not used yet for this question (then used: a question asked
        again, after « :retour », is asked to the person)."""
        for answer in self.answers:
            if not answer.used and answer.screen == screen and answer.question == question:
                answer.used = True
                return answer
        return None

    def unknown(self, procedure: Procedure) -> list[str]:
        """French lines for the answers whose ids name no question of `procedure` (once per
        procedure; they are never applied)."""
        if procedure.id in self.checked:
            return []
        self.checked.add(procedure.id)
        questions = _questions(procedure)
        problems = []
        for answer in self.answers:
            if answer.screen not in questions:
                problems.append(f"{answer.where()} : aucun écran « {answer.screen} » dans la "
                                f"démarche « {procedure.short_label} » ; ligne ignorée.")
            elif answer.question not in questions[answer.screen]:
                what = (f"aucune question « {answer.question} »" if answer.question
                        else "il faut nommer la question (écran.question)")
                problems.append(f"{answer.where()} : {what} dans « {answer.screen} » ; "
                                "ligne ignorée.")
        return capped(problems)


def _questions(procedure: Procedure) -> dict[str, set[str | None]]:
    """screen id -> the ids an answer may name there (None: the screen's one choice)."""
    out: dict[str, set[str | None]] = {}
    for position in flow.positions(procedure):
        kind = flow.kind_of(procedure, position)
        if kind == "preliminary":
            out[position] = {None}  # its choice, or (no choice) any value: « continue »
            continue
        form = (procedure.profile if kind == "profile" and procedure.profile is not None
                else procedure.step(position))
        ids: set[str | None] = {f.id for f in form.fields()
                                if f.type != "info" and not f.readonly}
        ids |= {s.id for s in getattr(form, "slots", [])}
        out[position] = ids
    return out


def read(path: Path) -> AnswersFile:
    """The answers of the file at `path`; AnswersFileError with French lines when it cannot
    be read or holds lines that are not answers (none is applied then)."""
    from anef_tui.display import display_path
    from anef_tui.domain.data_limits import LimitError
    from anef_tui.oserrors import error_message, error_text

    name = display_path(path)
    try:
        text = read_bounded(path, MAX_BYTES)
    except LimitError as exc:
        raise AnswersFileError([f"Fichier de réponses « {name} » : {exc}"]) from None
    except OSError as exc:
        raise AnswersFileError([error_message(exc, path)]) from None
    except UnicodeError as exc:
        raise AnswersFileError([f"Fichier de réponses « {name} » : {error_text(exc)}"]) from None
    result = AnswersFile()
    problems = []
    for number, raw in enumerate(text.split("\n"), 1):
        line = raw.removesuffix("\r")
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        where = f"Fichier de réponses « {name} », ligne {number}"
        if has_controls(line.replace("\t", " ")):
            problems.append(f"{where} : elle contient des caractères de contrôle.")
            continue
        key, equals, value = stripped.partition("=")
        key = key.strip()
        if not equals or not _KEY.match(key):
            problems.append(
                f"{where} : « {shown(stripped)} » n'est pas une réponse ; attendu "
                "« écran.question = valeur » (des identifiants en minuscules sans accent, "
                "par exemple « titre_actuel.nom_naissance = DUPONT »)."
            )
            continue
        screen, _, question = key.partition(".")
        result.answers.append(Answer(number, screen, question or None, value.strip()))
    if problems:
        raise AnswersFileError(capped(problems))
    return result


_Typed = TypeVar("_Typed")


def answers_then_typed(
    preset: Answer | None, ask: Callable[[], _Typed]
) -> Iterator[tuple[str | _Typed, Answer | None]]:
    """The answers to one question, each with the answers-file line it came from: first the
    file's answer (once, when there is one), then what is typed (`ask()`), for ever."""
    if preset is not None:
        yield preset.value, preset
    while True:
        yield ask(), None
