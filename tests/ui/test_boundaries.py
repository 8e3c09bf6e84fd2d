"""Structure that keeps the promises: literal text widgets and the error boundary on every
screen. A new screen or widget that forgets them fails here."""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest

import anef_tui.ui
from anef_tui.ui.screens.guarded import FaultBoundary

UI = Path(anef_tui.ui.__file__).parent
# Textual reads a `str` as markup in the first six; the fields keep controls out (issue 20).
MARKUP_WIDGETS = {
    "Static", "Label", "Button", "Checkbox", "RadioButton", "DataTable", "Input", "TextArea",
}


def ui_modules() -> list[str]:
    return [m.name for m in pkgutil.walk_packages([str(UI)], "anef_tui.ui.")]


@pytest.mark.parametrize("path", sorted(UI.rglob("*.py")), ids=lambda p: p.name)
def test_text_widgets_come_from_plain(path: Path):
    """Textual reads a `str` as markup in these widgets; ours read it as text."""
    if path.name == "plain.py":
        return
    # The terminal cursor goes on any focused Input, Textual's own palette's included: it
    # names the class for isinstance only and creates none.
    # The module of Textual's private names reads an Input's suggestion: a type, too.
    allowed = {"Input"} if path.name in ("cursor.py", "textual_private.py") else set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "textual.widgets":
            names = {alias.name for alias in node.names} & MARKUP_WIDGETS - allowed
            assert not names, f"{path.name}: import {names} from anef_tui.ui.widgets.plain"


def test_every_screen_has_the_error_boundary():
    from textual.screen import Screen

    screens = []
    for name in ui_modules():
        module = importlib.import_module(name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == name and issubclass(cls, Screen):
                screens.append(cls)
                assert issubclass(cls, FaultBoundary), f"{name}.{cls.__name__}"
    assert len(screens) >= 10


def test_plain_widgets_show_markup_literally():
    from textual.content import Content

    from anef_tui.ui.widgets.plain import Button, Static, literal

    assert str(literal("[b]x[/b]")) == "[b]x[/b]"
    assert isinstance(literal("DUPONT [/]"), Content)
    static = Static("DUPONT [/]")
    assert str(static.render()) == "DUPONT [/]"
    button = Button("[@click=app.quit]x[/]")
    assert str(button.label) == "[@click=app.quit]x[/]"
