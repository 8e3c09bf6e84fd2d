"""A house you can read: no import circle among anef_tui's modules, and core modules short.

Every import counts, at module level or inside a function (a reader sees both as arrows), and
`if TYPE_CHECKING:` ones too. Modules are found by walking the package, not listed.
"""

from __future__ import annotations

import ast
from pathlib import Path

import anef_tui

PACKAGE = Path(anef_tui.__file__).parent
MAX_LINES = 400
#: Every module of anef_tui (core, front ends, CLI, demo) stays under MAX_LINES lines.


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imported(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The anef_tui modules `name` imports, wherever the import statement is."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    targets: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            for alias in node.names:  # `from anef_tui.store import db` imports a module
                sub = f"{module}.{alias.name}"
                targets.add(sub if sub in known else module)
    found = set()
    for target in targets:
        while target and target not in known:
            target = target.rpartition(".")[0]
        if target.startswith("anef_tui") and target != name:
            found.add(target)
    return found


def import_graph() -> dict[str, set[str]]:
    known = modules()
    return {name: imported(name, path, known) for name, path in known.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return sorted(found)


def test_the_cycle_finder_sees_a_circle_through_a_function_level_import():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_imports_inside_functions_are_arrows_too(tmp_path):
    known = {"anef_tui.x": tmp_path / "x.py", "anef_tui.y": tmp_path / "y.py"}
    known["anef_tui.x"].write_text("def f():\n    from anef_tui import y\n    return y\n")
    assert imported("anef_tui.x", known["anef_tui.x"], known) == {"anef_tui.y"}


def test_no_import_cycle_among_anef_tui_modules():
    graph = import_graph()
    assert "anef_tui.store.dossiers" in graph  # the walk found the package
    found = cycles(graph)
    described = [
        " → ".join(c) + "   (" + "; ".join(f"{m} imports {sorted(graph[m] & set(c))}" for m in c) + ")"
        for c in found
    ]
    assert described == []


def module_lengths() -> dict[str, int]:
    return {
        path.relative_to(PACKAGE).as_posix(): len(path.read_text(encoding="utf-8").splitlines())
        for path in sorted(PACKAGE.rglob("*.py"))
    }


def test_every_module_stays_under_400_lines():
    lengths = module_lengths()
    assert len(lengths) > 100  # the walk found the package
    assert {rel: n for rel, n in lengths.items() if n > MAX_LINES} == {}


def test_no_module_uses_another_objects_private_helpers():
    """Siblings talk through public names (the store's `Database`, `records.read_status`…):
    `x._helper` is allowed only on `self`/`cls`, and `super()._hook` only where a subclass
    overrides Textual's own hook. `ui/textual_private.py` and the served session's driver
    `serve/driver.py` are the modules that read Textual's private names
    (`tests/unit/test_textual_private.py` lists and checks them)."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.relative_to(PACKAGE).as_posix() in ("ui/textual_private.py", "serve/driver.py"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Attribute) and node.attr.startswith("_")
                    and not node.attr.startswith("__")):
                continue
            owner = node.value
            if isinstance(owner, ast.Name) and owner.id in ("self", "cls"):
                continue
            if (isinstance(owner, ast.Call) and isinstance(owner.func, ast.Name)
                    and owner.func.id == "super"
                    and path.relative_to(PACKAGE).parts[0] == "ui"):
                continue
            found.append(f"{path.relative_to(PACKAGE)}:{node.lineno} {ast.unparse(node)}")
    assert found == []
