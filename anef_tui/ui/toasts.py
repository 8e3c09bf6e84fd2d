"""Toasts (Textual's notifications) as this app shows them: a path fitted to their width,
and never over the field being typed in (issue 21).

Where they go: at the top right (app.tcss), unless there they would cover the focused
widget — the cells the next key acts on; then at the bottom right, above the footer. A
keyboard user keeps typing while a toast is shown, and a screen reader or braille display
follows the terminal cursor, which sits in that field: the toast must not hide it, and the
message stays where it is expected (one of two corners), not wherever there is room.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from textual.geometry import Region

from anef_tui.display import path_lines

if TYPE_CHECKING:
    from textual.app import App
    from textual.widget import Widget

#: As app.tcss: `Toast { max-width: 45%; padding: 0 1; margin: 1 1 0 0; }` (of the
#: screen's width: the rack has no scroll bar column), Textual's `width: 60` and
#: `border-left: outer`.
TOAST_SHARE = 0.45
TOAST_WIDTH = 60
TOAST_CHROME = 4  # the margin's column, the border's and the padding's two
#: A widget taller than this (a table, a long radio group) is judged by its cursor's line.
SMALL = 5
BOTTOM = "-bottom"


def toast_room(app: App) -> int:
    """Cells for a line of text in a toast at the app's current width."""
    width = min(TOAST_WIDTH, int(app.size.width * TOAST_SHARE))
    return max(8, width - TOAST_CHROME)


def saved_message(app: App, what: str, path: str | os.PathLike) -> str:
    """« PDF enregistré : » and, on the next lines, the path fitted to a toast: its end (the
    file name, whole) kept, « … » where it was cut. The screen shows the whole path."""
    return "\n".join([f"{what} :", *path_lines(path, toast_room(app))])


def spot(widget: Widget, cursor_row: int | None) -> Region:
    """The rows the user is working in: the focused widget, or around its cursor's line
    when the widget is tall."""
    region = widget.region
    if region.height <= SMALL or cursor_row is None:
        return region
    return Region(region.x, cursor_row - 1, region.width, 3)


def toasts_below(screen_height: int, columns: tuple[int, int], rows: int,
                 focus: Region) -> bool:
    """True when toasts `rows` high in `columns` (from, to) would cover `focus` at the top,
    under the title line, and at the bottom, above the footer, they would not, or less."""
    left, right = columns
    top = Region(left, 1, right - left, rows)
    bottom = Region(left, max(0, screen_height - 1 - rows), right - left, rows)
    covered_top = top.intersection(focus).area
    return covered_top > 0 and bottom.intersection(focus).area < covered_top


def place_toasts(app: App) -> None:
    """Put the current screen's toasts at the top or the bottom (see the module); called
    after each frame, it changes the place only when the answer changes."""
    try:
        screen = app.screen
    except Exception:  # no screen yet, or closing
        return
    focused = screen.focused
    racks = screen.query_children("ToastRack")
    if focused is None or not racks:
        return
    rack = racks.first()
    shown = [toast.region for toast in rack.query("Toast") if toast.region]
    if not shown:
        return
    columns = (min(r.x for r in shown), max(r.right for r in shown))
    # Their rows, with the line above each toast (its margin): the same at either place.
    rows = max(r.bottom for r in shown) - min(r.y for r in shown) + 1
    focus = spot(focused, app.cursor_position.y)
    below = toasts_below(screen.size.height, columns, rows, focus)
    if below != rack.has_class(BOTTOM):
        rack.set_class(below, BOTTOM)
