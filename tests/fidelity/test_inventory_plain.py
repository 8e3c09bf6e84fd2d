"""The plain mode speaks the inventory's strings, where and in the order the guide shows them
(issue 22 item 5).

Both procedures are typed through `anef-tui texte` once (tests/plain/journeys.py, with a
married applicant so that the union's questions are asked); the transcript is cut at each
place's heading (« Avant l'étape 1 (sur 5) : Votre démarche en ligne. », « Étape 3 sur 5 :
Justificatifs. », from `plain.parts.position_label`), and each place's entries of
`inventory.INVENTORY` are looked for there, in order — as said by the plain mode: a label
without its « * : » (tests/fidelity/inventory_plain.py says what it says otherwise, or not yet).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from anef_tui.domain.catalogue import load_procedure
from anef_tui.plain.parts import position_label
from tests.fidelity.drawn import norm
from tests.fidelity.inventory import INVENTORY
from tests.fidelity.inventory_plain import PLAIN_FORM, PLAIN_MISSING
from tests.fidelity.seeds import SEEDS
from tests.fidelity.test_inventory import find, missing
from tests.plain.helpers import plain
from tests.plain.journeys import first_application, renewal, scan

PROCEDURES = {"R": "renouvellement", "P": "premiere_demande"}
HEADING = re.compile(r"^(?:Avant l'étape 1 \(sur \d+\) : |Étape \d+ sur \d+ : ).*$", re.M)


def spoken(text: str) -> str:
    """A screen's string as the plain mode says it: a label or a choice without its « * : »
    (« Obligatoire. » says the star), a button without its arrow."""
    return text.removesuffix(" :").removesuffix(" *").removeprefix("< ").removesuffix(" >")


def _married(lines: list[str], after: str, single: list[str], married: list[str]) -> list[str]:
    at = lines.index(after) + 1
    assert lines[at:at + len(single)] == single, lines[at:at + len(single)]
    return [*lines[:at], *married, *lines[at + len(single):]]


def _parts(transcript: str) -> dict[str, str]:
    """The transcript cut at each place's heading (a heading said twice: both parts)."""
    marks = [(m.start(), m.group(0).rstrip(".")) for m in HEADING.finditer(transcript)]
    parts: dict[str, str] = {}
    for i, (start, heading) in enumerate(marks):
        end = marks[i + 1][0] if i + 1 < len(marks) else len(transcript)
        parts[heading] = parts.get(heading, "") + "\n" + transcript[start:end]
    return parts


@pytest.fixture(scope="module")
def said(tmp_path_factory) -> dict[str, str]:
    """place → the normalised part of the transcript where the plain mode is at that place."""
    tmp: Path = tmp_path_factory.mktemp("fidelity-plain")
    journeys = {
        "R": _married(renewal(scan(tmp / "facture.png"), scan(tmp / "recepisse.png")),
                      "01 02 03 04 05", ["1", "non"], ["4", "12/06/2018", "Mexique", "non",
                                                       "non"]),
        "P": _married(first_application(scan(tmp / "passeport.png"), scan(tmp / "facture.png"),
                                        scan(tmp / "recepisse.png")),
                      "01/02/2020", ["1", "2"], ["4", "12/06/2018", "Nigeria", "2", "2"]),
    }
    out = {}
    for key, lines in journeys.items():
        transcript = plain(tmp / key, [*lines, ":quitter"])
        assert "Demande déposée" in transcript
        parts = _parts(transcript)
        procedure = load_procedure(PROCEDURES[key])
        for where in dict.fromkeys(w for w, *_ in INVENTORY if w.startswith(key + ":")):
            if ":pdf:" not in where:
                position = where.split(":")[1].split("+")[0]
                out[where] = norm(parts[position_label(procedure, position)])
    return out


def _unsaid(where: str, text: str, nth: int) -> str | None:
    """Why the plain mode does not say this entry (the nth of its text in its place)."""
    for table in (PLAIN_FORM, PLAIN_MISSING):
        why = table.get((where, text)) or table.get((where, text, nth))
        if why:
            return why
    return None


def _entries(also: tuple = ()) -> list[tuple[str, str, int, int]]:
    """(place, text, line, occurrence) of the screen entries the plain mode should say (and
    the one whose key is `also`, however listed)."""
    seen: dict[tuple[str, str], int] = {}
    entries = []
    for where, text, line, _ in INVENTORY:
        if ":pdf:" in where:
            continue
        nth = seen[(where, text)] = seen.get((where, text), 0) + 1
        if _unsaid(where, text, nth) is None or also in {(where, text), (where, text, nth)}:
            entries.append((where, text, line, nth))
    return entries


@pytest.mark.parametrize(("where", "text", "line", "nth"), _entries(),
                         ids=[f"{w}@{line}:{t[:40]}" for w, t, line, _ in _entries()])
def test_the_plain_mode_says_the_guides_string_there(said, where, text, line, nth):
    assert find(said[where], spoken(text), where) >= 0, (
        f"{SEEDS[where[0]]}:{line} « {text} » not said by the plain mode on {where}"
    )


@pytest.mark.parametrize("where", list(dict.fromkeys(w for w, *_ in _entries())))
def test_the_plain_mode_says_them_in_the_guides_order(said, where):
    entries = [(w, spoken(t), line) for w, t, line, _ in _entries() if w == where]
    lost = missing(said[where], entries, where)
    assert not lost, f"{SEEDS[where[0]]}: out of the guide's order in plain mode on {where}: {lost}"


def test_what_the_plain_mode_does_not_say_is_really_unsaid(said):
    """An entry of PLAIN_FORM or PLAIN_MISSING names a string of the inventory that the plain
    mode does not say there, in the guide's order (once said, it is deleted from the list)."""
    inventory = {(w, t) for w, t, *_ in INVENTORY}
    for key in [*PLAIN_FORM, *PLAIN_MISSING]:
        where, text = key[:2]
        assert (where, text) in inventory, key
        entries = [(w, spoken(t), line) for w, t, line, _ in _entries(also=key) if w == where]
        assert spoken(text) in missing(said[where], entries, where), f"said now: {key}"
