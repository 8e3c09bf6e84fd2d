"""Textual's text widgets, literal by default: no markup in what they show, and no control
character either (issue 20: a control is shown as a glyph, « ␛ », never sent raw).

Textual reads a plain `str` as markup in `Static`, `Label`, `Button`, `Checkbox`,
`RadioButton` and `DataTable` cells. Here a `str` is shown as it is: a name typed as
« DUPONT [/] » or a label « [b] » is text, never a style, and never a `MarkupError` that
closes the app. A widget that really wants markup asks for it (`markup=True`) with escaped
values. Screens import these, not Textual's (`tests/unit/test_plain_text.py` checks it).
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import events, widgets
from textual.content import Content
from textual.geometry import Size
from textual.reactive import Reactive

from anef_tui.controls import has_controls, strip_controls, visible
from anef_tui.ui.textual_private import MarkedToggle, ToggleButton

#: Said when a paste held control characters (they are removed, the rest is kept).
PASTE_CLEANED = (
    "Le texte collé contenait des caractères de contrôle (codes d'échappement, "
    "retours à la ligne…) : ils ont été retirés. Vérifiez le champ."
)


def literal(label: Any) -> Any:
    """A `str` becomes literal `Content`, its controls shown as glyphs; anything else
    (Content, Text) is kept."""
    return Content(visible(label)) if isinstance(label, str) else label


def _shown(content: Any) -> Any:
    """What a widget may draw: a `str`, a Rich `Text` or a Textual `Content` whose text
    holds a control is redrawn with glyphs (its styles kept whole, its spans dropped: a
    rare case, a name or file name from outside)."""
    if isinstance(content, str):
        return visible(content)
    if isinstance(content, Text) and has_controls(content.plain, multiline=True):
        return Text(visible(content.plain), style=content.style, no_wrap=content.no_wrap,
                    end=content.end)
    if isinstance(content, Content) and has_controls(content.plain, multiline=True):
        return Content(visible(content.plain))
    return content


class Static(widgets.Static):
    def __init__(self, content: Any = "", *, markup: bool = False, **kwargs) -> None:
        super().__init__(_shown(content), markup=markup, **kwargs)

    def update(self, content: Any = "", *, layout: bool = True) -> None:
        super().update(_shown(content), layout=layout)


class Label(widgets.Label):
    def __init__(self, content: Any = "", *, markup: bool = False, **kwargs) -> None:
        super().__init__(_shown(content), markup=markup, **kwargs)

    def update(self, content: Any = "", *, layout: bool = True) -> None:
        super().update(_shown(content), layout=layout)


#: Before a problem said under a field, a slot or a form: an error is told by a sign as well
#: as by its colour (NO_COLOR, 16 colours), as the password checklist does (issue 21).
ERROR_MARK = "✗ "


class ErrorLine(Static):
    """A problem, shown « ✗ » first, in the error colour (class `error-line`); empty when
    there is none."""

    def __init__(self, content: str = "", **kwargs) -> None:
        classes = kwargs.pop("classes", "")
        super().__init__(self.marked(content), classes=f"error-line {classes}".strip(), **kwargs)

    @staticmethod
    def marked(message: str) -> str:
        return ERROR_MARK + message if message else ""

    def update(self, content: Any = "", *, layout: bool = True) -> None:
        super().update(self.marked(content) if isinstance(content, str) else content,
                       layout=layout)


class Input(widgets.Input):
    """A text field that never holds a control character: typed keys cannot make one, a
    paste or a stored draft can — removed, and a paste says so."""

    # Textual's Input sets its virtual size to its text's width at every key, and a widget's
    # virtual size is a layout reactive: each key re-arranged the whole screen (a form of
    # 50 fields: ~6 ms a key). One line that scrolls itself (`scroll_x`, read against the
    # virtual size when the cursor moves) needs a repaint, not a new layout.
    virtual_size = Reactive(Size(0, 0), repaint=True)

    def validate_value(self, value: str) -> str:
        return strip_controls(value) if isinstance(value, str) else value

    def on_paste(self, event: events.Paste) -> None:
        # Textual calls each class's handler in turn (this one, then Input's, which
        # inserts the text): only the text is changed here.
        first = event.text.splitlines()[0] if event.text else ""
        if has_controls(first):
            self.app.notify(PASTE_CLEANED, severity="warning", timeout=8)
            event.text = strip_controls(first)


class TextArea(widgets.TextArea):
    """A multi-line field (observations, a message to the agent): line breaks are text,
    other controls in a paste are removed, and the user is told."""

    async def on_paste(self, event: events.Paste) -> None:
        if has_controls(event.text, multiline=True):  # then TextArea's handler inserts it
            self.app.notify(PASTE_CLEANED, severity="warning", timeout=8)
            event.text = strip_controls(event.text, multiline=True)


class Button(widgets.Button):
    def __init__(self, label: Any = None, *args, **kwargs) -> None:
        super().__init__(literal(label), *args, **kwargs)

    def validate_label(self, label) -> Content:
        return super().validate_label(literal(label))


class KeepsReverse:
    """Reverse video asked by the CSS of a component class (`text-style: reverse` on a
    radio group's highlighted option, the palette's highlighted command) is drawn.

    Textual 8.2.8's `Widget.get_visual_style`, through which these widgets style their
    content, keeps bold, dim, italic, underline and strike of the CSS but drops reverse:
    the line was told by its shade only, nothing under NO_COLOR (issue 21)."""

    def get_visual_style(self, *component_classes: str, partial: bool = False) -> Any:
        from textual.style import Style

        style = super().get_visual_style(  # type: ignore[misc]
            *component_classes, partial=partial)
        if not style.reverse and any(
            self.get_component_styles(name).text_style.reverse  # type: ignore[attr-defined]
            for name in component_classes
        ):
            style = style + Style(reverse=True)
        return style


class _Marked(KeepsReverse, MarkedToggle):
    """The button shows its state by a glyph, not by colour alone: « ▐●▌ » chosen,
    « ▐ ▌ » not (Textual draws the same « ● » in both, only its colour changes). Its label
    is literal text."""

    ON = "●"

    def __init__(self, label: Any = "", *args, **kwargs) -> None:
        super().__init__(literal(label), *args, **kwargs)  # type: ignore[call-arg]

    @property
    def label(self) -> Content:
        return ToggleButton.label.fget(self)  # type: ignore[attr-defined]

    @label.setter
    def label(self, label: Any) -> None:
        ToggleButton.label.fset(self, literal(label))  # type: ignore[attr-defined]

    def marked_box(self) -> Content:
        # As textual's ToggleButton._button, with the inner glyph following the value.
        from textual.style import Style

        button_style = self.get_visual_style("toggle--button")
        side_style = Style(
            foreground=button_style.background,
            background=self.background_colors[1],  # type: ignore[attr-defined]
        )
        inner = self.ON if self.value else " "  # type: ignore[attr-defined]
        return Content.assemble(
            (self.BUTTON_LEFT, side_style),  # type: ignore[attr-defined]
            (inner, button_style),
            (self.BUTTON_RIGHT, side_style),  # type: ignore[attr-defined]
        )


class Checkbox(_Marked, widgets.Checkbox):
    ON = "X"


class RadioButton(_Marked, widgets.RadioButton):
    ON = "●"


class DataTable(widgets.DataTable):
    """Cells and column labels given as `str` are text, not markup."""

    def add_column(self, label, *args, **kwargs):
        return super().add_column(Text(visible(label)) if isinstance(label, str)
                                  else _shown(label), *args, **kwargs)

    def add_row(self, *cells, **kwargs):
        return super().add_row(
            *(Text(visible(cell)) if isinstance(cell, str) else _shown(cell) for cell in cells),
            **kwargs
        )


def headed(head: str, lines: list[str]) -> Content:
    """A bold heading then literal lines (error summaries): no markup parsed."""
    return Content.assemble((visible(head), "bold"), *(f"\n{visible(line)}" for line in lines))
