"""Where the terminal cursor goes: on the cell of the focused widget that the next key acts
on. Braille displays and screen readers follow the terminal cursor, not colours, so it must
sit exactly there (issue 20).

- an Input: the cell where the next typed character goes — the cell Textual draws its own
  cursor on (at the end of the text, the cell just after it), after any scroll of the field;
- a TextArea: its caret;
- a radio group: the state glyph (« ● » or blank) of the highlighted option, the one Space
  and the arrows act on;
- a checkbox: the state glyph of its box (« X » or blank);
- a button: the first character of its label (centred in the button);
- a table: the start of the cursor row (of the cursor cell in a table with a cell cursor);
  a table that shows no cursor: its first row in sight, under the header;
- a tree (the file picker): the first cell of the name on its cursor line (after the
  guides and the icon);
- anything else (a scrolling form, a summary): the top-left corner of its content.

`AnefApp.before_frame` asks `cursor_cell` before each frame is written.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, TypeGuard

from rich.cells import cell_len
from textual.expand_tabs import expand_tabs_inline
from textual.geometry import Offset, Region
from textual.widget import Widget
from textual.widgets import Input, Tree

from anef_tui.ui.textual_private import ToggleButton
from anef_tui.ui.widgets.plain import Button, DataTable  # the app makes only these

if TYPE_CHECKING:
    from textual.widgets import RadioSet


def cursor_cell(widget: Widget) -> Offset | None:
    """The screen cell for the terminal cursor when `widget` has the focus, or None when
    the widget takes no room on the screen."""
    region = widget.content_region
    if not region.width or not region.height:
        outer = widget.region  # all border (a squeezed button): its corner, never elsewhere
        return outer.offset if outer.width and outer.height else None
    if isinstance(widget, Input):
        return _input_cell(widget, region)
    caret = getattr(widget, "cursor_screen_offset", None)  # a TextArea
    if isinstance(caret, Offset):
        return caret
    if _is_radio_set(widget):
        return _radio_cell(widget) or region.offset
    if isinstance(widget, ToggleButton):
        return _box_cell(widget)
    if isinstance(widget, Button):
        return _label_cell(widget) or region.offset
    if isinstance(widget, DataTable):
        return _table_cell(widget, region)
    if isinstance(widget, Tree):
        return _tree_cell(widget, region)
    return region.offset


def _is_radio_set(widget: Widget) -> TypeGuard[RadioSet]:
    # Not imported here: « Mes dossiers » paints with no radio set, and a radio set can be
    # focused only once its module is loaded.
    module = sys.modules.get("textual.widgets._radio_set")
    return module is not None and isinstance(widget, module.RadioSet)


def _input_cell(widget: Input, region: Region) -> Offset:
    # Textual's own `cursor_screen_offset` is one cell further at the end of the text (it
    # counts the cell it keeps in sight after the text); the cursor it draws is on the cell
    # where the next character goes: the cells of the text before it (tabs expanded as
    # Textual's Input does), less the cells scrolled out on the left.
    cells = cell_len(expand_tabs_inline(widget.value[:widget.cursor_position], 4))
    return Offset(region.x + cells - int(widget.scroll_x), region.y)


def _radio_cell(widget: RadioSet) -> Offset | None:
    # RadioSet marks its highlighted option with the class `-selected` (what its CSS draws).
    for button in widget.children:
        if button.has_class("-selected") and isinstance(button, ToggleButton):
            return _box_cell(button)
    return None


def _box_cell(button: ToggleButton) -> Offset:
    """The inner cell of « ▐X▌ »: the app's toggle buttons draw their box first (Textual's
    default), on the first line."""
    region = button.content_region
    return Offset(region.x + cell_len(button.BUTTON_LEFT), region.y)


def _label_cell(widget: Widget) -> Offset | None:
    """The first drawn character of the widget's content (a button centres its label)."""
    outer, inner = widget.region, widget.content_region
    left = inner.x - outer.x
    lines = widget.render_lines(Region(0, inner.y - outer.y, outer.width, inner.height))
    for row, strip in enumerate(lines):
        text = strip.crop(left, left + inner.width).text
        stripped = text.lstrip()
        if stripped:
            return Offset(inner.x + cell_len(text[:len(text) - len(stripped)]), inner.y + row)
    return None


def _within(region: Region, x: int, y: int) -> Offset:
    """(x, y) from the region's corner, kept inside the region."""
    return Offset(region.x + min(max(x, 0), region.width - 1),
                  region.y + min(max(y, 0), region.height - 1))


def _table_cell(table: DataTable, region: Region) -> Offset:
    header = table.header_height if table.show_header else 0
    if not table.show_cursor or not table.row_count:
        return _within(region, 0, header)
    row, column = table.cursor_coordinate
    y = header + sum(r.height for r in table.ordered_rows[:row]) - int(table.scroll_y)
    if table.cursor_type == "column":
        y = header
    x = 0
    if table.cursor_type in ("cell", "column"):
        x = sum(c.get_render_width(table) for c in table.ordered_columns[:column])
    return _within(region, x - int(table.scroll_x), y)


def _tree_cell(tree: Tree, region: Region) -> Offset:
    node = tree.cursor_node
    if node is None:
        return region.offset
    depth = 0
    parent = node.parent
    while parent is not None:
        depth, parent = depth + 1, parent.parent
    if not tree.show_root:
        depth -= 1  # the root's children are drawn with no guide
    # After the guides and the icon (« 📂 », « ▶ »): the name the cursor line highlights.
    icon = tree.get_label_width(node) - cell_len(str(node.label))
    x = depth * tree.guide_depth + icon - int(tree.scroll_x)
    return _within(region, x, tree.cursor_line - int(tree.scroll_y))
