"""Each place of a fidelity walk read off the terminal, at 120×40 and at 80×24 (issue 22 item 5).

A walk starts at 120×40; at each place `record` reads the screen as drawn (tests/screen_text.py:
scrolled from top to bottom), then resizes the terminal to the other size and reads it again,
and the walk goes on at that size: one walk per procedure gives both sizes, each place read
once as opened and once after a resize, half the places opened at 80×24 and half at 120×40
(a walk per size where a screen sizes its content when it is built, see `record`). What is read is sorted by who speaks:

- « help »: anef-tui's own help (a widget of class `app-help`, or inside one), « Aide
  anef-tui : … »;
- « chrome »: the app's own frame, never the site's words: the title bar, the footer's keys,
  the progress bar (the app's drawing of the site's steps), toasts;
- « site »: everything else — the text the inventory looks for.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.widget import Widget

from tests.screen_text import Reading, read_screen

WIDE, NARROW = (120, 40), (80, 24)
SIZES = (WIDE, NARROW)
SIZE_IDS = [f"{w}x{h}" for w, h in SIZES]
APP_HELP = "Aide anef-tui : "

#: The app's own frame, by widget class name (the class or one of its ancestors): never the
#: site's text, never checked against the guides.
CHROME_WIDGETS = {
    "Header",  # « anef-tui — Renouvellement — Étape 3 : Justificatifs »
    "Footer",  # the keys: « ^s Poursuivre  f3 Précédente … f1 Aide »
    "ProgressBar",  # « ✓ 1 ✓ 2  3 Justificatifs  4 5   Étape 3 sur 5 · 40 % »
    "ToastRack",  # « Enregistré. », « Fichier joint. »: messages of the app
}


def norm(text: str) -> str:
    return " ".join(text.replace("•", " ").split())


def speaker(widget: Widget) -> str:
    """« help », « chrome » or « site »: who says what this widget draws."""
    for node in widget.ancestors_with_self:
        if isinstance(node, Widget) and node.has_class("app-help"):
            return "help"
        if type(node).__name__ in CHROME_WIDGETS:
            return "chrome"
    return "site"


@dataclass(frozen=True)
class Block:
    """What one widget of the site's side drew: its Textual kind (the names of its class and
    of their bases), its CSS classes, its text as drawn."""

    bases: frozenset[str]
    classes: frozenset[str]
    text: str


def block(widget: Widget, text: str) -> Block:
    return Block(frozenset(c.__name__ for c in type(widget).__mro__),
                 frozenset(widget.classes), text)


def size_key(size: tuple[int, int]) -> str:
    return f"{size[0]}x{size[1]}"


def store(shown: dict, size: tuple[int, int], where: str, reading: Reading) -> None:
    """Keep a reading: the site's text (normalised, widgets joined by « \\n »), the help
    texts, and every block the site side draws (for the site-looking strings check)."""
    place = shown.setdefault(size_key(size), {})
    site = [d for d in reading.drawn if d.text.strip() and speaker(d.widget) == "site"]
    place[where] = norm(" \n ".join(d.text for d in site))
    place[where + "#help"] = [norm(d.text) for d in reading.drawn
                              if d.text.strip() and speaker(d.widget) == "help"]
    place[where + "#blocks"] = [block(d.widget, d.text) for d in site]


async def record(pilot, shown: dict, where: str, *, resize: bool = True) -> None:
    """Read the screen at the walk's size, then (`resize`) at the other size, where the walk
    goes on (one resize a place, not two).

    A screen laid out by CSS alone reads the same after a resize as when opened at that
    size. A screen that sizes its content when it is built (the tables of « Mes
    notifications ») is walked once per size instead (`resize=False`)."""
    app = pilot.app
    await pilot.pause()
    app.clear_notifications()  # a toast is the app's, and passing: never in front of text
    await pilot.pause()
    walked = (app.size.width, app.size.height)
    store(shown, walked, where, await read_screen(pilot))
    for size in SIZES if resize else ():
        if size != walked:
            await pilot.resize_terminal(*size)
            store(shown, size, where, await read_screen(pilot))
