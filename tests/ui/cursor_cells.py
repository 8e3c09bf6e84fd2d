"""Where the terminal cursor should be, read from what the screen shows (issue 20).

A braille display or a screen reader follows the terminal cursor. For each kind of focused
widget the expected cell is found in the rendered screen, not computed the way the app
computes it: the cell Textual draws an Input's or a TextArea's own cursor on, the state
glyph between « ▐ » and « ▌ » of a checkbox or of the option drawn highlighted (reverse
video) in a radio group, the first character of a button's label, the start of the row a
table or a tree draws as its cursor row. `cursor_problem` compares it with the cell where
the app puts the terminal cursor (`app.cursor_position`).
"""

from __future__ import annotations

from rich.style import Style
from textual.widget import Widget
from textual.widgets import Button, DataTable, Input, RadioSet, TextArea, Tree

from anef_tui.ui.textual_private import ToggleButton
from tests.screen_text import Row, screen_rows

Cell = tuple[int, int]


def _text(row: Row, start: int, end: int) -> str:
    return "".join(char or "\0" for char, _ in row[start:end])


def _same_colours(style: Style, expected: Style) -> bool:
    return style.bgcolor == expected.bgcolor and style.color == expected.color


def _caret(rows: list[Row], widget: Widget, component: str) -> Cell | None:
    """The cell drawn with the widget's own cursor style (Input, TextArea)."""
    style = widget.get_component_rich_style(component)
    region = widget.content_region
    for y in range(region.y, region.bottom):
        for x in range(region.x, region.right):
            if _same_colours(rows[y][x][1], style):
                return x, y
    return None


def _box(rows: list[Row], y: int, x0: int, x1: int) -> Cell | None:
    """The state cell of the first « ▐?▌ » drawn on line y between x0 and x1."""
    text = _text(rows[y], x0, x1)
    index = text.find("▐")
    if index < 0 or text[index + 2:index + 3] != "▌":
        return None
    return x0 + index + 1, y


def _highlighted_option(rows: list[Row], widget: Widget) -> int | None:
    """The line of the option drawn highlighted: its label's background is not the one
    around its box (the other options' labels are drawn on the radio set's background)."""
    region = widget.content_region
    for y in range(region.y, region.bottom):
        row = rows[y]
        if _text(row, region.x, region.x + 4).startswith("▐") and region.x + 4 < region.right:
            if row[region.x + 4][1].bgcolor != row[region.x][1].bgcolor:
                return y
    return None


def _table_cursor_line(rows: list[Row], table: DataTable) -> int | None:
    style = table.get_component_rich_style("datatable--cursor")
    region = table.content_region
    for y in range(region.y, region.bottom):
        if _same_colours(rows[y][region.x][1], style):
            return y
    return None


def expected_cell(app, widget: Widget) -> tuple[Cell | None, str]:
    """The cell for the terminal cursor when `widget` is focused, and what it is."""
    rows = screen_rows(app)
    region = widget.content_region
    if isinstance(widget, Input):
        return _caret(rows, widget, "input--cursor"), "the Input's own cursor"
    if isinstance(widget, TextArea):
        return _caret(rows, widget, "text-area--cursor"), "the TextArea's own cursor"
    if isinstance(widget, RadioSet):
        y = _highlighted_option(rows, widget)
        if y is None:
            return None, "no option drawn highlighted"
        return _box(rows, y, region.x, region.right), "the highlighted option's glyph"
    if isinstance(widget, ToggleButton):
        return _box(rows, region.y, region.x, region.right), "the checkbox's box"
    if isinstance(widget, Button):
        for y in range(region.y, region.bottom):
            text = _text(rows[y], region.x, region.right)
            if text.strip():
                first = len(text) - len(text.lstrip())
                assert text[first] == str(widget.label).lstrip()[0], (text, widget.label)
                return (region.x + first, y), "the first character of the label"
        return None, "no label drawn"
    if isinstance(widget, DataTable):
        if not widget.show_cursor:
            header = widget.header_height if widget.show_header else 0
            return (region.x, region.y + header), "the first row in sight"
        y = _table_cursor_line(rows, widget)
        return (None if y is None else (region.x, y)), "the start of the cursor row"
    if isinstance(widget, Tree):
        style = widget.get_component_rich_style("tree--cursor")
        for y in range(region.y, region.bottom):
            for x in range(region.x, region.right):
                if _same_colours(rows[y][x][1], style) and rows[y][x][0].strip():
                    return (x, y), "the label of the cursor line"
        return None, "no cursor line drawn"
    return (region.x, region.y), "the top-left corner of its content"


def cursor_problem(app, where: str) -> str | None:
    """What is wrong with the terminal cursor for the focused widget, or None."""
    widget = app.focused
    if widget is None:
        return None
    expected, what = expected_cell(app, widget)
    actual = tuple(app.cursor_position)
    if expected is None:
        return f"{where}: {widget!r}: {what}: nothing found on the screen"
    if actual != expected:
        return f"{where}: {widget!r}: cursor at {actual}, {what} at {expected}"
    return None


#: Keys that move the text cursor inside an Input without changing its answer.
INSIDE_AN_INPUT = ("end", "left", "left", "home", "end")


async def cursor_problems_inside_input(pilot, where: str, settle) -> list[str]:
    """In the focused Input, the terminal cursor after each of INSIDE_AN_INPUT (the cell
    Textual draws its own cursor on, also in a field scrolled sideways); [] elsewhere.
    `settle(pilot)` waits for the screen after each key."""
    if not isinstance(pilot.app.focused, Input):
        return []
    problems = []
    for key in INSIDE_AN_INPUT:
        await pilot.press(key)
        await settle(pilot)
        problem = cursor_problem(pilot.app, f"{where} after {key}")
        if problem:
            problems.append(problem)
    return problems
