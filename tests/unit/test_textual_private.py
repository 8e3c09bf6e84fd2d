"""Textual's private API is used in two modules: `anef_tui/ui/textual_private.py` (issue 21)
and the served session's driver, `anef_tui/serve/driver.py` (issue 26: a driver can only be
built on Textual's driver internals). Each lists its private names with why.

When Textual is upgraded, the first test says which private name it no longer has; the others
fail when any other module of the app starts to use, or to override by accident, a private
name of Textual (a handler once named `_attach` broke mounting)."""

from __future__ import annotations

import ast
import functools
import importlib
import inspect
import pkgutil
import re
from pathlib import Path

import pytest
import textual

import anef_tui
from anef_tui.serve import driver as session_driver
from anef_tui.ui import textual_private
from anef_tui.ui.textual_private import PRIVATE_USES

TEXTUAL_DIR = Path(textual.__file__).parent
PACKAGE_DIR = Path(anef_tui.__file__).parent
THE_MODULE = "anef_tui.ui.textual_private"
#: The modules allowed to touch Textual's private names, each with its list.
PRIVATE_MODULES = {THE_MODULE: textual_private, "anef_tui.serve.driver": session_driver}
ALL_PRIVATE_USES = PRIVATE_USES + session_driver.PRIVATE_USES

#: The parameters the app passes to the private methods it overrides or calls.
SIGNATURES = {
    "_handle_exception": ["self", "error"],
    "_display": ["self", "screen", "renderable"],
    "_dispatch_message": ["self", "message"],
    "_close_messages_no_wait": ["self"],
    "_unnotify": ["self", "notification", "refresh"],
}


def _resolve(where: str) -> type:
    module_name, class_name = where.split(":")
    return getattr(importlib.import_module(module_name), class_name)


def _instance_attributes(cls: type) -> set[str]:
    names: set[str] = set()
    for base in cls.__mro__:
        if base.__module__.startswith("textual"):
            names |= _set_on_self_by(base)
    return names


@functools.cache
def _set_on_self_by(base: type) -> frozenset[str]:
    """The private attributes a Textual class's methods set on `self` (its source read once:
    `inspect.getsource` parses the whole module each time, and the classes of ours share
    most of their bases)."""
    try:
        source = inspect.getsource(base)
    except (OSError, TypeError):
        return frozenset()
    return frozenset(re.findall(r"self\.(_[a-z]\w*)\s*(?::[^=\n]*)?=", source))


@pytest.mark.parametrize(("where", "name"), [(w, n) for w, n, _ in ALL_PRIVATE_USES])
def test_every_private_name_still_exists_in_textual(where: str, name: str | None) -> None:
    cls = _resolve(where)  # the module and class exist
    if name is None:
        return
    assert hasattr(cls, name) or name in _instance_attributes(cls), (
        f"Textual {textual.__version__} has no {where}.{name}: see {THE_MODULE}"
    )
    if name in SIGNATURES:
        parameters = list(inspect.signature(getattr(cls, name)).parameters)
        assert parameters == SIGNATURES[name], (where, name, parameters)


@pytest.mark.parametrize("module", list(PRIVATE_MODULES.values()),
                         ids=list(PRIVATE_MODULES))
def test_every_private_use_is_listed_with_its_reason(module) -> None:
    source = Path(module.__file__).read_text(encoding="utf-8")
    tree = ast.parse(source)
    used = {
        node.attr for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and node.attr.startswith("_")
        and not node.attr.startswith("__")
    }
    defined = {
        node.name for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef) and node.name.startswith("_")
        and not node.name.startswith("__")
    }
    uses = module.PRIVATE_USES
    listed = {name for _, name, reason in uses if name and reason}
    assert (used | defined) - {"_button"} <= listed, (used | defined) - listed
    assert all(reason for _, _, reason in uses)


def _textual_private_names() -> set[str]:
    names: set[str] = set()
    for path in TEXTUAL_DIR.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        names |= set(re.findall(r"def (_[a-z]\w*)", text))
        names |= set(re.findall(r"self\.(_[a-z]\w*)\s*(?::[^=\n]*)?=", text))
        names |= set(re.findall(r"^\s+(_[a-z]\w*)\s*(?::[^=\n]*)?=", text, re.M))
    return names


def _our_modules() -> list[tuple[str, Path]]:
    found = []
    for info in pkgutil.walk_packages([str(PACKAGE_DIR)], prefix="anef_tui."):
        if info.name in PRIVATE_MODULES or info.ispkg:
            continue
        spec = importlib.util.find_spec(info.name)
        if spec and spec.origin and spec.origin.endswith(".py"):
            found.append((info.name, Path(spec.origin)))
    return found


def _names_defined_by_us() -> set[str]:
    names: set[str] = set()
    for _, path in _our_modules():
        text = path.read_text(encoding="utf-8")
        names |= set(re.findall(r"def (_[a-z]\w*)", text))
        names |= set(re.findall(r"self\.(_[a-z]\w*)\s*(?::[^=\n]*)?=", text))
        names |= set(re.findall(r"^\s+(_[a-z]\w*)\s*(?::[^=\n]*)?=", text, re.M))
    return names


def test_no_other_module_imports_a_private_module_of_textual() -> None:
    offenders = []
    for name, path in _our_modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            modules = []
            if isinstance(node, ast.ImportFrom) and node.module:
                modules = [node.module] + [
                    f"{node.module}.{alias.name}" for alias in node.names
                ]
            elif isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            for module in modules:
                parts = module.split(".")
                if parts[0] == "textual" and any(p.startswith("_") for p in parts[1:]):
                    offenders.append(f"{name}: {module}")
    assert not offenders, offenders


def test_no_other_module_reads_a_private_name_of_textual() -> None:
    textual_names = _textual_private_names()
    ours = _names_defined_by_us()
    offenders = []
    for name, path in _our_modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Attribute) and node.attr in textual_names
                    and node.attr not in ours):
                offenders.append(f"{name}:{node.lineno} {node.attr}")
    assert not offenders, offenders


def _our_textual_classes() -> list[type]:
    classes = []
    for name, _ in _our_modules():
        if not name.startswith("anef_tui.ui"):
            continue
        module = importlib.import_module(name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == name and any(
                base.__module__.startswith("textual") for base in cls.__mro__
            ):
                classes.append(cls)
    return classes


@functools.cache
def _written_in(cls: type) -> set[str]:
    """Private names a class of ours defines: its methods, class attributes and the
    attributes its methods set on `self` (not what Textual's machinery adds to it)."""
    try:
        tree = ast.parse(_dedent(cls))
    except (OSError, TypeError):
        return set()
    names: set[str] = set()
    body = tree.body[0].body if tree.body and isinstance(tree.body[0], ast.ClassDef) else []
    for node in body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names |= {t.id for t in node.targets if isinstance(t, ast.Name)}
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
    for node in ast.walk(tree):
        targets = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AnnAssign | ast.AugAssign):
            targets = [node.target]
        for target in targets:
            if (isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name)
                    and target.value.id == "self"):
                names.add(target.attr)
    return {n for n in names if n.startswith("_") and not n.startswith("__")}


def _dedent(cls: type) -> str:
    import textwrap

    return textwrap.dedent(inspect.getsource(cls))


def test_no_class_of_ours_overrides_a_private_name_of_textual() -> None:
    """Methods and attributes of our widgets, screens and app whose name a Textual base
    class already uses (Textual would call ours, or ours would clobber its state)."""
    offenders = []
    for cls in _our_textual_classes():
        textual_bases = [b for b in cls.__mro__ if b.__module__.startswith("textual")]
        theirs = {n for b in textual_bases for n in vars(b) if n.startswith("_")}
        theirs |= _instance_attributes(cls)
        theirs = {n for n in theirs if not n.startswith("__")}
        for base in cls.__mro__:
            if base.__module__ == THE_MODULE or not base.__module__.startswith("anef_tui"):
                continue
            mine = _written_in(base)
            for clash in sorted(mine & theirs):
                offenders.append(f"{base.__module__}.{base.__qualname__}.{clash}")
    assert not offenders, sorted(set(offenders))
