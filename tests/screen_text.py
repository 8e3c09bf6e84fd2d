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
(a file name and its « Retirer » button).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.cells import cell_len
from rich.style import Style
from textual.errors import NoWidget
from textual.widget import Widget

Row = list[tuple[str, Style]]

#: Box drawing and block glyphs: borders, the bars around a check box (« ▐X▌ »), a button's
#: edges, scroll bars. They are drawing, not text.
_DRAWING = {chr(c) for c in range(0x2500, 0x25A0)}


def screen_rows(app) -> list[Row]:
    """The screen as drawn: for each line, one (character, style) per cell (a wide
    character is followed by ("", style) for its second cell)."""
    rows: list[Row] = []
    for strip in app.screen._compositor.render_strips():
        row: Row = []
        for segment in strip:
            style = segment.style or Style.null()
            for char in segment.text:
                row.append((char, style))
                row.extend(("", style) for _ in range(cell_len(char) - 1))
        rows.append(row)
    return rows


def _invisible(style: Style) -> bool:
    """True when the character is drawn in the colour of its background (nothing seen)."""
    fg, bg = style.color, style.bgcolor
    if style.reverse:
        fg, bg = bg, fg
    if fg is None or bg is None or fg.is_default or bg.is_default:
        return False
    return fg.get_truecolor() == bg.get_truecolor()


def visible_rows(app) -> list[str]:
    """The screen's lines as a person sees them: a character drawn in its background's
    colour is a space, drawing glyphs are spaces; one character per cell."""
    lines = []
    for row in screen_rows(app):
        cells = []
        for char, style in row:
            if char == "":
                cells.append("")
            elif char in _DRAWING or _invisible(style):
                cells.append(" ")
            else:
                cells.append(char)
        lines.append(cells)
    return ["".join(cells) for cells in lines]


def _cells(app) -> list[list[str]]:
    rows = []
    for row in screen_rows(app):
        rows.append([" " if char in _DRAWING or (char and _invisible(style)) else char
                     for char, style in row])
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
    """One widget's text as drawn: its lines by their row inside the widget."""

    widget: Widget
    lines: dict[int, str] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return "\n".join(self.lines[y] for y in sorted(self.lines))


@dataclass
class Reading:
    """A screen read from top to bottom: each drawing widget's text, in order."""

    drawn: list[Drawn]

    def texts(self, keep=lambda widget: True) -> list[str]:
        return [d.text for d in self.drawn if d.text.strip() and keep(d.widget)]


def _capture(app, found: dict[Widget, Drawn]) -> None:
    screen = app.screen
    cells = _cells(app)
    for widget in painters(screen):
        try:
            geometry = screen.find_widget(widget)
        except NoWidget:
            continue
        visible = geometry.visible_region
        if not visible:
            continue
        top = geometry.region.y
        drawn = found.setdefault(widget, Drawn(widget))
        for y in range(max(visible.y, 0), min(visible.bottom, len(cells))):
            line = "".join(cells[y][visible.x:visible.right])
            if line.strip() or (y - top) not in drawn.lines:
                drawn.lines[y - top] = line


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
        start = scroller.scroll_y
        page = max(1, scroller.scrollable_content_region.height - 1)
        y = 0
        while True:
            scroller.scroll_to(y=y, animate=False, immediate=True)
            await pilot.pause()
            _capture(app, found)
            if y >= scroller.max_scroll_y:
                break
            y = min(y + page, scroller.max_scroll_y)
        scroller.scroll_to(y=start, animate=False, immediate=True)
        await pilot.pause()
    order = {widget: i for i, widget in enumerate(app.screen.walk_children(with_self=False))}
    return Reading(sorted(found.values(), key=lambda d: order.get(d.widget, len(order))))
