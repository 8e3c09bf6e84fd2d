"""The plain mode speaks the inventories' strings, where and in the order the guide shows them
(issue 22 item 5).

Both procedures are typed through `anef-tui texte` once (tests/plain/journeys.py, with a
married applicant so that the union's questions are asked); the transcript is cut at each
place's heading (« Avant l'étape 1 (sur 5) : Votre démarche en ligne. », « Étape 3 sur 5 :
Justificatifs. », from `plain.parts.position_label`). The notifications of the full-screen
walk (tests/fidelity/test_inventory_notifications.py: the same demo) are opened in plain mode
too, each cut from its title to the list that follows it. Each place's entries of
`inventory.INVENTORY` and `inventory_notifications.INVENTORY` are looked for there, in order —
as said by the plain mode: a label without its « * : » (tests/fidelity/inventory_plain.py
says what it says otherwise, or not yet).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from anef_tui.domain.catalogue import load_procedure
from anef_tui.plain.parts import position_label
from tests.fidelity import inventory, inventory_notifications
from tests.fidelity.drawn import norm
from tests.fidelity.inventory_plain import PLAIN_FORM, PLAIN_MISSING, PLAIN_MISSING_PLACES
from tests.fidelity.seeds import SEEDS
from tests.fidelity.test_inventory import find, missing
from tests.plain.helpers import plain
from tests.plain.journeys import first_application, renewal, scan

PROCEDURES = {"R": "renouvellement", "P": "premiere_demande"}
INVENTORY = [*inventory.INVENTORY, *inventory_notifications.INVENTORY]
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
        for where in dict.fromkeys(w for w, *_ in inventory.INVENTORY if w[0] == key):
            if ":pdf:" not in where:
                position = where.split(":")[1].split("+")[0]
                out[where] = norm(parts[position_label(procedure, position)])
    out.update(_notifications(tmp))
    return out


def _opened(transcript: str, title: str) -> str:
    """A notification as the plain mode reads it: from its title to the list that follows."""
    start = transcript.index(f"\n{title}\n")
    end = transcript.find("\nMes Notifications :", start)
    return transcript[start:end if end >= 0 else None]


def _notifications(tmp: Path) -> dict[str, str]:
    """The demo's notifications (as in the full-screen walk), opened in plain mode: GUIDE's
    three, SILVA's complément (the document maintained, or updated) and KOUASSI's e-mail."""
    from tests.fidelity.test_inventory_notifications import add_guide_notifications

    def run(name: str, lines: list[str]) -> str:
        add_guide_notifications(tmp / name)
        return plain(tmp / name, [*lines, "", "5", ":quitter"])

    # A dossier, « 3. Mes notifications », « 1. Ouvrir une notification » (its number when
    # there are several); Entrée ends each question left unanswered.
    # The decision: its three dates after the decision (issue 22), then its document; the
    # certificate: its seven dates.
    guide = run("guide", ["1", "3", "1", "1", "", "", "", "", "1", "2", "", "1", "3",
                          *[""] * 7])
    keep = run("keep", ["6", "3", "1", "1", "La copie déposée est lisible.", ""])
    update = run("update", ["6", "3", "1", "2", "", "", ""])
    email = run("email", ["10", "3", "1", ""])
    listing = guide.index("Mes Notifications\nVous pouvez suivre")
    return {where: norm(text) for where, text in {
        "R:notifications": guide[listing:guide.index("Que voulez-vous faire ?", listing)],
        "R:notification.decision": _opened(guide, "Notification de décision"),
        "R:notification.prolongation": _opened(guide, "Notification de prolongation de "
                                                      "l'instruction"),
        "R:notification.certificat_medical": _opened(
            guide, "Mise à disposition de votre formulaire vierge de certificat médical"),
        "R:notification.complement": _opened(keep, "Demande de complément"),
        "R:notification.complement+maj": _opened(update, "Demande de complément"),
        "P:notification.complement": _opened(email, "Demande de complément"),
        # « Reprendre ma demande » is asked inside the e-mail in plain mode.
        "P:reprise": _opened(email, "Demande de complément"),
    }.items()}


def _unsaid(where: str, text: str, nth: int) -> str | None:
    """Why the plain mode does not say this entry (the nth of its text in its place)."""
    if where in PLAIN_MISSING_PLACES:
        return PLAIN_MISSING_PLACES[where]
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
    for where in PLAIN_MISSING_PLACES:
        entries = [(w, spoken(t), line) for w, t, line, _ in INVENTORY if w == where]
        assert len(missing(said[where], entries, where)) > len(entries) // 2, where
