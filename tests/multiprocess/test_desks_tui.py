"""Desks see each other (issue 25 item 3), as two workers on one folder: the test's app on
screen, a colleague's desk in another process (`other_desk.py`). « Mes dossiers » and F6
show the colleague's changes without a restart (selection and search kept); an open
dossier says who else has it open and since when, and that it was changed elsewhere, with
the typing left alone; a save after that goes through the conflict dialog; the presence
line goes when the colleague's process ends or is killed -9."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from anef_tui.store.desks.desk import Desk
from anef_tui.store.dossiers import DossierStore
from anef_tui.ui.screens.dialogs import ConflictScreen
from anef_tui.ui.screens.dossier import StepScreen
from tests.conftest import frozen_clock
from tests.multiprocess.test_several_processes import REPO_ROOT, _env
from tests.screen_text import visible_cells
from tests.ui.keys import tab_to
from tests.ui.test_faults import open_nguyen_motif

pytestmark = pytest.mark.xdist_group("multiprocess")

WORKER = "Marie Curie"
#: Looks at the screen before giving up: generous, since a loaded machine schedules the
#: watcher late; a working feed shows the change within a few.
LOOKS = 3000


class OtherDesk:
    """The colleague's desk: one command a line, each answered once it has committed."""

    def __init__(self, data_dir: Path, worker: str = WORKER, base: str | None = None) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.multiprocess.other_desk", str(data_dir), worker,
             *([base] if base else [])],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env=_env(), cwd=REPO_ROOT,
        )
        assert self._line() == "ready"

    def _line(self) -> str:
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline().strip()
        if not line:
            assert self.proc.stderr is not None
            raise AssertionError(f"the other desk stopped: {self.proc.stderr.read()[-2000:]}")
        return line

    def ask(self, command: str) -> str:
        assert self.proc.stdin is not None
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()
        return self._line()

    def quit(self) -> None:
        """Closes the base as the app does at Ctrl+Q."""
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        assert self.proc.wait(timeout=60) == 0

    def kill(self) -> None:
        os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=60)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.kill()
        for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            if stream is not None and not stream.closed:
                stream.close()


@pytest.fixture
def watching(monkeypatch):
    """The change feed on (tests/conftest.py turns it off), looking often."""
    monkeypatch.setattr(Desk, "watching", True)
    monkeypatch.setattr(Desk, "period", 0.02)


@pytest.fixture
def other_desk(data_dir):
    desks: list[OtherDesk] = []

    def start() -> OtherDesk:
        desks.append(OtherDesk(data_dir))
        return desks[-1]

    yield start
    for desk in desks:
        desk.stop()


def shown(app) -> str:
    return "\n".join("".join(row) for row in visible_cells(app))


async def until(pilot, condition: Callable[[], bool]) -> None:
    """Let the app run until `condition` holds (the feed's thread posts its message when it
    has looked), a bounded number of looks."""
    for _ in range(LOOKS):
        await pilot.pause()
        if condition():
            return
        await asyncio.sleep(0.01)
    raise AssertionError("never shown")


def ids_of(data_dir: Path, name: str) -> int:
    store = DossierStore(data_dir, clock=frozen_clock)
    try:
        (row,) = store.list(name)
        return row.id
    finally:
        store.close()


async def test_mes_dossiers_shows_a_colleagues_new_dossier_keeping_selection_and_search(
    make_app, data_dir, watching, other_desk
):
    app = make_app(demo=True)
    other = other_desk()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        home = app.screen
        await pilot.press("down", "down", "down", "down", "down", "down", "down")
        chosen = home.selected_id()
        assert chosen is not None
        assert "ZORGLUB Awa" not in shown(app)
        other.ask("create ZORGLUB Awa")
        await until(pilot, lambda: "ZORGLUB Awa" in shown(app))
        assert home.selected_id() == chosen
        assert app.focused is not None and app.focused.id == "dossiers"
        # Typing a search while the colleague works: the text and the focus stay.
        await pilot.press("ctrl+f", *"awa")
        await pilot.pause()
        other.ask("create PETIT Awa")
        await until(pilot, lambda: "PETIT Awa" in shown(app))
        assert app.focused is not None and app.focused.id == "filter"
        assert app.focused.value == "awa"
        assert "HAMIDI" not in shown(app)  # still the rows of the search
        await pilot.press("s")  # the field still takes the keys where they were going
        await pilot.pause()
        assert app.focused.value == "awas"


async def test_echeances_forget_a_dossier_the_colleague_closed(
    make_app, data_dir, watching, other_desk
):
    app = make_app(demo=True)
    hamidi = ids_of(data_dir, "hamidi")
    other = other_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f6")
        await until(pilot, lambda: "HAMIDI Karim" in shown(app))
        assert other.ask(f"closure {hamidi}") == f"closed {hamidi}"
        await until(pilot, lambda: "HAMIDI Karim" not in shown(app))
        assert "KOUASSI Awa" in shown(app)


async def test_an_open_dossier_says_who_else_has_it_and_that_it_changed_then_asks(
    make_app, data_dir, watching, other_desk
):
    app = make_app(demo=True)
    nguyen = ids_of(data_dir, "nguyen")
    other = other_desk()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_nguyen_motif(pilot)
        assert "à un autre poste" not in shown(app)
        await tab_to(pilot, "f-situation_familiale")
        await pilot.press("down")  # typed, not saved
        await pilot.pause()
        mine = screen.current_values()
        focused = app.focused
        other.ask(f"open {nguyen}")
        await until(pilot, lambda: f"Ouvert aussi par {WORKER} à un autre poste depuis"
                    in shown(app))
        assert "Ce dossier a été modifié" not in shown(app)  # opened is not changed
        theirs = {"situation_familiale": "Divorcé(e)"}
        other.ask(f"draft {nguyen} motif_sejour {json.dumps(theirs)}")
        await until(pilot, lambda: "Ce dossier a été modifié à un autre poste à" in shown(app))
        # The typing is left alone, the focus where it was.
        assert app.screen is screen and screen.current_values() == mine
        assert app.focused is focused
        # The colleague closes it: the presence goes, the change is still said.
        other.ask(f"leave {nguyen}")
        await until(pilot, lambda: "Ouvert aussi" not in shown(app))
        assert "Ce dossier a été modifié à un autre poste à" in shown(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConflictScreen)  # never a lost update
        await pilot.press("enter")  # « Annuler »: nothing written, the typing kept
        await pilot.pause()
        assert app.screen is screen and screen.current_values() == mine
    store = DossierStore(data_dir, clock=frozen_clock)
    assert store.get(nguyen).drafts["motif_sejour"] == theirs
    store.close()


@pytest.mark.parametrize("ending", ["quit", "kill"])
async def test_the_presence_line_goes_when_the_colleagues_desk_ends(
    make_app, data_dir, watching, other_desk, ending
):
    app = make_app(demo=True)
    nguyen = ids_of(data_dir, "nguyen")
    other = other_desk()
    other.ask(f"open {nguyen}")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_nguyen_motif(pilot)
        # Said as the dossier opens (the line above the form).
        assert f"Ouvert aussi par {WORKER} à un autre poste depuis" in shown(app)
        if ending == "quit":
            other.quit()
        else:
            other.kill()  # nothing removed: its process is gone
        await until(pilot, lambda: "Ouvert aussi" not in shown(app))
        assert isinstance(app.screen, StepScreen)


async def test_opening_a_dossier_and_leaving_it_unchanged_keeps_the_rows(
    make_app, data_dir, monkeypatch
):
    """This desk's own presence rows (written as the dossier opens and closes) are not a
    change of « Mes dossiers »: back with F9, nothing typed, the rows are not read again
    (bench/scale.py: rebuilding them was most of the return's block at 100,000)."""
    from tests.ui.test_home_return import _count_refreshes

    app = make_app(demo=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("ctrl+f", *"nguyen", "enter")  # the table has the focus
        await pilot.pause()
        calls = _count_refreshes(app, monkeypatch)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, StepScreen)
        await pilot.press("f9")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert not isinstance(app.screen, StepScreen)
        assert calls == []


async def test_mes_notifications_show_the_state_a_colleague_recorded(
    make_app, data_dir, watching, other_desk
):
    app = make_app(demo=True)
    hamidi = ids_of(data_dir, "hamidi")
    other = other_desk()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+f", *"hamidi", "enter", "f4")
        await until(pilot, lambda: "État du dossier" in shown(app))
        assert "État du dossier : Clôturée" not in shown(app)
        other.ask(f"closure {hamidi}")
        await until(pilot, lambda: "État du dossier : Clôturée" in shown(app))


async def test_a_dossier_abandoned_at_another_desk_says_so_and_keeps_the_typing(
    make_app, data_dir, watching, other_desk
):
    app = make_app(demo=True)
    nguyen = ids_of(data_dir, "nguyen")
    other = other_desk()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_nguyen_motif(pilot)
        await tab_to(pilot, "f-situation_familiale")
        await pilot.press("down")
        await pilot.pause()
        mine = screen.current_values()
        other.ask(f"abandon {nguyen}")
        await until(pilot, lambda: "Ce dossier n'existe plus : il a été abandonné ou effacé "
                    "à un autre poste." in shown(app))
        assert app.screen is screen and screen.current_values() == mine
