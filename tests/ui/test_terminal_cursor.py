"""The terminal cursor, which braille displays and screen readers follow, sits on the cell
the next key acts on (issue 20, item 5): in an Input where the next typed character goes
(the cell Textual draws its own cursor on, also in a field scrolled sideways), on the
highlighted option of a radio group, on a checkbox's box, on a button's label, on a table's
cursor row. And a step reopened with a saved choice highlights that choice, so ↓/↑ move
from it. The crawler (`test_crawler.py`) checks the cursor at every focus stop of every
screen, and moves the text cursor inside each field of one step form of each shipped
procedure (`INSIDE_INPUTS`); here, the test-only procedure's first step is walked so, and
each bug seen by a blind tester has its own test.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Button, DataTable, Input, RadioSet

from anef_tui.domain import procedure_index as pi
from anef_tui.ui.widgets.plain import Checkbox
from tests.screen_text import screen_rows
from tests.ui.cursor_cells import cursor_problem, cursor_problems_inside_input, expected_cell
from tests.ui.keys import tab_to

ESSAI_DIR = Path(__file__).resolve().parents[1] / "procedures"


async def _settle(pilot) -> None:
    await pilot.pause()
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()


async def _open(pilot, name: str) -> None:
    """From « Mes dossiers »: search the name, Enter (to the table), Enter (open)."""
    await pilot.press("ctrl+f", "ctrl+u", *name, "enter", "enter")
    await _settle(pilot)


def _cursor(app) -> tuple[int, int]:
    return tuple(app.cursor_position)  # type: ignore[return-value]


def _char_at(app, cell: tuple[int, int]) -> str:
    x, y = cell
    return screen_rows(app)[y][x][0]


async def walk_step(pilot, where: str) -> tuple[list[str], list[str]]:
    """Tab through every focusable widget of the screen until the focus comes back; at each
    stop the cursor is checked, and in an Input also after End, ← ← and Home (none of
    which changes an answer). Returns the problems and the ids of the widgets visited."""
    app = pilot.app
    problems: list[str] = []
    visited: list[str] = []
    first = app.focused
    assert first is not None, where
    for _ in range(200):
        widget = app.focused
        visited.append(widget.id or type(widget).__name__)
        stop = f"{where} #{widget.id}"
        problems.append(cursor_problem(app, stop) or "")
        problems.extend(await cursor_problems_inside_input(pilot, stop, _settle))
        await pilot.press("tab")
        await _settle(pilot)
        if app.focused is first:
            return [p for p in problems if p], visited
    raise AssertionError(f"{where}: the focus never came back to {first!r}")


# -- every focus stop of a whole step form -----------------------------------------------------
# One step form of each shipped procedure is walked so by the crawler, at both sizes
# (`test_crawler.INSIDE_INPUTS`: NGUYEN's « Informations personnelles », DIALLO's « Motif de
# séjour »); the test-only procedure's first step here.
@pytest.fixture
def essai(monkeypatch):
    monkeypatch.setenv(pi.ENV_PROCEDURES, str(ESSAI_DIR))
    pi.clear_caches()
    yield
    monkeypatch.delenv(pi.ENV_PROCEDURES, raising=False)
    pi.clear_caches()


async def test_essai_first_step(essai, make_app):
    """The test-only procedure (tests/procedures/essai.toml), created from « Mes dossiers »:
    every focus stop of the first screen of its dossier."""
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await _settle(pilot)
        await pilot.press("ctrl+n")
        await _settle(pilot)
        problems = [cursor_problem(app, "nouveau dossier") or ""]
        essai_index = _essai_choice(app)
        await pilot.press(*["down"] * essai_index)
        await pilot.press("tab", *"ESSAI Test", "enter")
        await _settle(pilot)
        assert app.screen.query("Input, RadioSet, Checkbox"), type(app.screen).__name__
        found, visited = await walk_step(pilot, "essai")
    problems = [p for p in problems + found if p]
    assert not problems, "\n".join(problems)
    assert len(visited) >= 3, visited


def _essai_choice(app) -> int:
    """Where the test procedure is in the list of « Nouveau dossier » (read, not pressed)."""
    options = app.focused.query("RadioButton")
    labels = [str(option.label) for option in options]
    return next(i for i, label in enumerate(labels) if "ssai" in label)


# -- bug 1: an Input, one cell right of the end of the text --------------------------------
async def test_input_cursor_on_the_cell_of_the_next_character(make_app):
    """In the search field of « Mes dossiers »: empty, after typing, after ←, and in a text
    wider than the field (it scrolls), the terminal cursor is on the cell where Textual
    draws its own cursor: where the next typed character goes, never one cell further."""
    app = make_app(demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await _settle(pilot)
        await pilot.press("ctrl+f", "ctrl+u")
        await _settle(pilot)
        field = app.focused
        assert isinstance(field, Input) and field.id == "filter"
        left, y = field.content_region.x, field.content_region.y
        right = field.content_region.right - 1
        assert _cursor(app) == (left, y) == expected_cell(app, field)[0]

        await pilot.press(*"DUPONT")
        await _settle(pilot)
        assert _cursor(app) == (left + 6, y) == expected_cell(app, field)[0]
        await pilot.press("left", "left")
        await _settle(pilot)
        assert _cursor(app) == (left + 4, y) == expected_cell(app, field)[0]
        assert _char_at(app, _cursor(app)) == "N"  # the next Suppr deletes this one

        # Wider than the field: the text scrolls, the cursor stays on the next cell.
        await pilot.press("end", *("ABCDEFGHIJ" * 10))
        await _settle(pilot)
        assert field.scroll_x > 0
        assert _cursor(app) == expected_cell(app, field)[0]
        assert left <= _cursor(app)[0] <= right
        for _ in range(5):
            await pilot.press("left")
        await _settle(pilot)
        assert _cursor(app) == expected_cell(app, field)[0]
        assert _char_at(app, _cursor(app)) == "F"  # the 5th character from the end
        await pilot.press("home")
        await _settle(pilot)
        assert field.scroll_x == 0
        assert _cursor(app) == (left, y) == expected_cell(app, field)[0]
        await pilot.press("end")
        await _settle(pilot)
        assert _cursor(app) == expected_cell(app, field)[0]


# -- bug 2: the cursor on the option, the box, the label, the row ---------------------------
async def test_cursor_on_the_highlighted_option_box_label_and_row(make_app):
    app = make_app(demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await _settle(pilot)
        # « Mes dossiers »: the table's cursor row, as it moves.
        await tab_to(pilot, "dossiers")
        await _settle(pilot)
        table = app.focused
        assert isinstance(table, DataTable)
        for presses in range(3):
            row = table.content_region.y + table.header_height + table.cursor_row
            assert _cursor(app) == (table.content_region.x, row), presses
            assert cursor_problem(app, "table") is None
            await pilot.press("down")
            await _settle(pilot)

        # « Nouveau dossier »: the option the arrows choose, not the first one.
        await pilot.press("ctrl+n")
        await _settle(pilot)
        group = app.focused
        assert isinstance(group, RadioSet)
        options = list(group.query("RadioButton"))
        await pilot.press("down")
        await _settle(pilot)
        assert group.pressed_button is options[1]
        box = options[1].content_region
        assert _cursor(app) == (box.x + 1, box.y)
        assert _char_at(app, _cursor(app)) == "●"
        assert cursor_problem(app, "group") is None
        await pilot.press("up")
        await _settle(pilot)
        box = options[0].content_region
        assert _cursor(app) == (box.x + 1, box.y)
        assert _char_at(app, _cursor(app)) == "●"

        # A button: on the first letter of its label, not on the padding before it.
        await tab_to(pilot, "cancel")
        await _settle(pilot)
        button = app.focused
        assert isinstance(button, Button)
        assert _char_at(app, _cursor(app)) == str(button.label)[0]
        assert cursor_problem(app, "button") is None
        await pilot.press("escape")
        await _settle(pilot)

        # A sworn statement: on its box, which Space ticks.
        await _open(pilot, "DIALLO")
        await tab_to(pilot, "f-attestation_polygamie")
        await _settle(pilot)
        checkbox = app.focused
        assert isinstance(checkbox, Checkbox)
        box = checkbox.content_region
        assert _cursor(app) == (box.x + 1, box.y)
        ticked = checkbox.value
        assert _char_at(app, _cursor(app)) == ("X" if ticked else " ")
        await pilot.press("space")
        await _settle(pilot)
        assert _char_at(app, _cursor(app)) == (" " if ticked else "X")


# -- bug 3: a saved choice is where ↓/↑ start from --------------------------------------------
async def test_arrows_move_from_the_saved_choice(make_app):
    """NGUYEN Thi Lan's « Motif de séjour » reopened with « Marié(e) » saved (chosen with the
    arrows, then F9 « Plus tard »): « Marié(e) » is highlighted and under the cursor, ↓
    chooses « Pacsé(e) » (it chose « Concubin(ne) », the option after the first one), ↑
    from « Marié(e) » chooses « Divorcé(e) »."""
    app = make_app(demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await _settle(pilot)
        await _open(pilot, "NGUYEN")
        await pilot.press("f3")
        await _settle(pilot)
        assert app.screen.step_id == "motif_sejour"
        assert app.focused.id == "f-situation_familiale"
        await pilot.press("down", "down", "down")  # Célibataire → … → Marié(e)
        await _settle(pilot)
        assert str(app.focused.pressed_button.label) == "Marié(e)"
        await pilot.press("f9")
        await _settle(pilot)

        for key, expected in (("down", "Pacsé(e)"), ("up", "Divorcé(e)")):
            await _open(pilot, "NGUYEN")
            await pilot.press("f3")
            await _settle(pilot)
            # The step opens on the first required field still empty (issue 21): the union's
            # date that « Marié(e) » asks; one Shift+Tab back is the saved choice.
            assert app.focused.id == "f-date_union"
            await pilot.press("shift+tab")
            await _settle(pilot)
            group = app.focused
            assert isinstance(group, RadioSet) and group.id == "f-situation_familiale"
            saved = group.pressed_button
            assert saved is not None and str(saved.label) == "Marié(e)"
            assert saved.has_class("-selected")  # drawn highlighted
            box = saved.content_region
            assert _cursor(app) == (box.x + 1, box.y)
            assert _char_at(app, _cursor(app)) == "●"
            assert cursor_problem(app, "reopened") is None

            await pilot.press(key)
            await _settle(pilot)
            assert str(group.pressed_button.label) == expected
            box = group.pressed_button.content_region
            assert _cursor(app) == (box.x + 1, box.y)
            # Leave without keeping that choice: « Marié(e) » stays saved for the next key.
            await pilot.press(*(["up"] if key == "down" else ["down"]), "f9")
            await _settle(pilot)
