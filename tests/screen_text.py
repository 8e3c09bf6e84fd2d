"""What the terminal shows, read off the screen as drawn (issue 22, item 5).

The text a person reads is taken from the cells Textual's compositor sends to the terminal,
not from the widgets' content: a text hidden by CSS (`display: none`, `visibility: hidden`,
`height: 0`, a clipped width, a colour equal to its background) is not read.

This is the one module of the tests that reads a private name of Textual:
`Screen._compositor` (its `render_strips()` is the frame `App.export_screenshot()` draws,
without going through an SVG). Everything else here is public: `Screen.find_widget()` for
where a widget is drawn, `scroll_to()` to bring the rest of a tall screen into sight.

`read_screen(pilot)` scrolls each scrolling container of the screen from its top to its
bottom and keeps, for every widget that draws (a widget with no displayed child), each of its
lines as drawn. The lines are given back widget by widget, in the screen's order, so that a
sentence wrapped over several lines reads whole even when another widget is drawn beside it
(a file name and its « Retirer » button); a table is read cell by cell. Only vertical
scrolling is done: a text past the right edge of the terminal is not read.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.cells import cell_len
from rich.style import Style
from textual.errors import NoWidget
from textual.widget import Widget
from textual.widgets import DataTable

Row = list[tuple[str, Style]]

#: Box drawing and block glyphs: borders, the bars around a check box (« ▐X▌ »), a button's
#: edges, scroll bars. They are drawing, not text: read as spaces.
_DRAWING = {c: " " for c in range(0x2500, 0x25A0)}


def _strips(app):
    """The frame the compositor sends to the terminal (the private name, once)."""
    return app.screen._compositor.render_strips()


def screen_rows(app) -> list[Row]:
    """The screen as drawn: for each line, one (character, style) per cell (a wide
    character is followed by ("", style) for its second cell)."""
    rows: list[Row] = []
    for strip in _strips(app):
        row: Row = []
        for segment in strip:
            style = segment.style or Style.null()
            for char in segment.text:
                row.append((char, style))
                row.extend(("", style) for _ in range(cell_len(char) - 1))
        rows.append(row)
    return rows


def _invisible(style: Style | None) -> bool:
    """True when the text is drawn in the colour of its background (nothing seen)."""
    if style is None:
        return False
    fg, bg = style.color, style.bgcolor
    if style.reverse:
        fg, bg = bg, fg
    if fg is None or bg is None or fg.is_default or bg.is_default:
        return False
    return fg.get_truecolor() == bg.get_truecolor()


def visible_cells(app) -> list[list[str]]:
    """The screen as a person sees it, one character per cell ("" for the second cell of a
    wide character): a character drawn in its background's colour, or a drawing glyph, is
    a space."""
    rows = []
    for strip in _strips(app):
        row: list[str] = []
        for segment in strip:
            text = segment.text.translate(_DRAWING)
            if _invisible(segment.style):
                text = " " * cell_len(text)
            if cell_len(text) == len(text):
                row.extend(text)
            else:
                for char in text:
                    row.append(char)
                    row.extend("" for _ in range(cell_len(char) - 1))
        rows.append(row)
    return rows


def painters(screen) -> list[Widget]:
    """The widgets that draw text: those with no displayed child, in the screen's order."""
    found = []
    for widget in screen.walk_children(with_self=False):
        if not any(child.display for child in widget.children):
            found.append(widget)
    return found


@dataclass
class Drawn:
    """One widget's text as drawn: its lines (one string per cell, from the widget's left
    edge) by their row from the widget's top — for a widget that scrolls itself (a table),
    by their row in its whole content."""

    widget: Widget
    lines: dict[int, list[str]] = field(default_factory=dict)
    #: A table's cells: (first line, end line) of each row, (first cell, end cell) of each
    #: column, so that a cell wrapped over two lines reads whole (see `_table_grid`).
    grid: tuple[list[tuple[int, int]], list[tuple[int, int]]] | None = None

    def _line(self, y: int, x0: int = 0, x1: int | None = None) -> str:
        return "".join(self.lines.get(y, [])[x0:x1])

    @property
    def text(self) -> str:
        if self.grid is None:
            return "\n".join(self._line(y) for y in sorted(self.lines))
        rows, columns = self.grid
        before = [self._line(y) for y in sorted(self.lines) if y < (rows[0][0] if rows else 0)]
        table = [
            " ".join(" ".join(self._line(y, x0, x1) for y in range(y0, y1)) for x0, x1 in columns)
            for y0, y1 in rows
        ]
        return "\n".join([*before, *table])


@dataclass
class Reading:
    """A screen read from top to bottom: each drawing widget's text, in order."""

    drawn: list[Drawn]

    def texts(self, keep=lambda widget: True) -> list[str]:
        return [d.text for d in self.drawn if d.text.strip() and keep(d.widget)]


def _table_grid(table: DataTable, left: int, top: int):
    """Lines of each row and cells of each column of a table, from its top-left corner."""
    y = top + (table.header_height if table.show_header else 0)
    rows = []
    for row in table.ordered_rows:
        rows.append((y, y + row.height))
        y += row.height
    x = left
    columns = []
    for column in table.ordered_columns:
        width = column.get_render_width(table)
        columns.append((x, x + width))
        x += width
    return rows, columns


def _capture(app, found: dict[Widget, Drawn]) -> None:
    screen = app.screen
    cells = visible_cells(app)
    for widget in painters(screen):
        try:
            geometry = screen.find_widget(widget)
        except NoWidget:
            continue
        visible = geometry.visible_region
        if not visible:
            continue
        region = geometry.region
        drawn = found.setdefault(widget, Drawn(widget))
        # A table draws its header in place, then its rows scrolled by its own scroll_y.
        fixed = widget.header_height if isinstance(widget, DataTable) and widget.show_header else 0
        content_top = widget.content_region.y - region.y
        if isinstance(widget, DataTable):
            drawn.grid = _table_grid(widget, widget.content_region.x - region.x, content_top)
        for y in range(max(visible.y, 0), min(visible.bottom, len(cells))):
            line = [" "] * (visible.x - region.x) + cells[y][visible.x:visible.right]
            row = y - region.y
            if widget.is_scrollable and row >= content_top + fixed:
                row += round(widget.scroll_y)
            if "".join(line).strip() or row not in drawn.lines:
                drawn.lines[row] = line


def _scrollers(screen) -> list[Widget]:
    """Containers that scroll, whose content is taller than their window."""
    return [w for w in screen.walk_children(with_self=True)
            if w.display and w.is_scrollable and w.max_scroll_y > 0]


async def read_screen(pilot) -> Reading:
    """Everything the screen draws, scrolling each scrolling container from top to bottom
    (then back where it was): what a person reads by scrolling through it."""
    app = pilot.app
    found: dict[Widget, Drawn] = {}
    await pilot.pause()
    _capture(app, found)
    for scroller in _scrollers(app.screen):
        start = round(scroller.scroll_y)
        page = max(1, scroller.scrollable_content_region.height)
        bottom = round(scroller.max_scroll_y)
        for y in sorted({*range(0, bottom, page), bottom} - {start}):
            scroller.scroll_to(y=y, animate=False, immediate=True)
            await pilot.pause()
            _capture(app, found)
        if scroller.scroll_y != start:
            scroller.scroll_to(y=start, animate=False, immediate=True)
            await pilot.pause()
    order = {widget: i for i, widget in enumerate(app.screen.walk_children(with_self=False))}
    return Reading(sorted(found.values(), key=lambda d: order.get(d.widget, len(order))))
