"""Textual's text widgets, literal by default: no markup in what they show.

Textual reads a plain `str` as markup in `Static`, `Label`, `Button`, `Checkbox`,
`RadioButton` and `DataTable` cells. Here a `str` is shown as it is: a name typed as
« DUPONT [/] » or a label « [b] » is text, never a style, and never a `MarkupError` that
closes the app. A widget that really wants markup asks for it (`markup=True`) with escaped
values. Screens import these, not Textual's (`tests/unit/test_plain_text.py` checks it).
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import widgets
from textual.content import Content


def literal(label: Any) -> Any:
    """A `str` becomes literal `Content`; anything else (Content, Text) is kept."""
    return Content(label) if isinstance(label, str) else label


class Static(widgets.Static):
    def __init__(self, content: Any = "", *, markup: bool = False, **kwargs) -> None:
        super().__init__(content, markup=markup, **kwargs)


class Label(widgets.Label):
    def __init__(self, content: Any = "", *, markup: bool = False, **kwargs) -> None:
        super().__init__(content, markup=markup, **kwargs)


class Button(widgets.Button):
    def __init__(self, label: Any = None, *args, **kwargs) -> None:
        super().__init__(literal(label), *args, **kwargs)

    def validate_label(self, label) -> Content:
        return super().validate_label(literal(label))


class _Marked:
    """The button shows its state by a glyph, not by colour alone: « ▐●▌ » chosen,
    « ▐ ▌ » not (Textual draws the same « ● » in both, only its colour changes)."""

    ON = "●"

    @property
    def _button(self) -> Content:
        # As textual's ToggleButton._button, with the inner glyph following the value.
        from textual.style import Style

        button_style = self.get_visual_style("toggle--button")  # type: ignore[attr-defined]
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

    def _make_label(self, label) -> Content:
        return super()._make_label(literal(label))


class RadioButton(_Marked, widgets.RadioButton):
    ON = "●"

    def _make_label(self, label) -> Content:
        return super()._make_label(literal(label))


class DataTable(widgets.DataTable):
    """Cells and column labels given as `str` are text, not markup."""

    def add_column(self, label, *args, **kwargs):
        return super().add_column(Text(label) if isinstance(label, str) else label,
                                  *args, **kwargs)

    def add_row(self, *cells, **kwargs):
        return super().add_row(
            *(Text(cell) if isinstance(cell, str) else cell for cell in cells), **kwargs
        )


def headed(head: str, lines: list[str]) -> Content:
    """A bold heading then literal lines (error summaries): no markup parsed."""
    return Content.assemble((head, "bold"), *(f"\n{line}" for line in lines))
