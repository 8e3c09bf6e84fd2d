"""Keys as the user reads them: a screen's bindings in order, their French labels."""

from __future__ import annotations

from textual.binding import Binding
from textual.screen import Screen


def screen_bindings(screen: Screen) -> list[Binding]:
    """The described bindings of a screen, inherited ones included, then the app's.

    A subclass's binding for the same key replaces its base's, in the base's place (as
    Textual does), so the footer and F1 list the keys in the same order. A binding the
    screen's `check_action` turns off (False) is left out, as in the footer.
    """
    by_key: dict[str, Binding] = {}
    for cls in reversed(type(screen).__mro__):
        if not cls.__module__.startswith("anef_tui"):
            continue  # Textual's own (English) bindings: Tab, Ctrl+C…
        for binding in cls.__dict__.get("BINDINGS", []):
            if not isinstance(binding, Binding) or not binding.description:
                continue
            if screen.check_action(binding.action, ()) is False:
                continue
            by_key[binding.key] = binding
    for binding in type(screen.app).BINDINGS:
        if isinstance(binding, Binding):
            by_key.setdefault(binding.key, binding)
    return list(by_key.values())


def binding_label(binding: Binding) -> str:
    """The full label of a key (the ANEF's words), shorter words being for the footer."""
    return binding.tooltip or binding.description


_KEY_NAMES = {"enter": "Entrée", "escape": "Échap", "delete": "Suppr", "tab": "Tab"}


def key_label(key: str) -> str:
    """« ctrl+n » -> « Ctrl+N », « f1 » -> « F1 », « escape » -> « Échap »."""
    first = key.split(",")[0].strip()
    parts = first.split("+")
    out = []
    for part in parts:
        if part in _KEY_NAMES:
            out.append(_KEY_NAMES[part])
        elif part == "ctrl":
            out.append("Ctrl")
        elif part == "shift":
            out.append("Maj")
        else:
            out.append(part.upper() if len(part) <= 3 else part.capitalize())
    return "+".join(out)
