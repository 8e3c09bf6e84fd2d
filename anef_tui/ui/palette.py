"""The command palette (Ctrl+P) and the theme chooser, in French and not by colour alone.

Textual's `CommandPalette` is used as it is, through public means: its command list is our
`CommandList` (swapped in `compose`), which draws the highlighted command in reverse video
(app.tcss; `KeepsReverse`) and says « Aucune commande ne correspond » where Textual's says
« No matches found » (issue 21).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.align import Align
from rich.text import Text
from textual import command
from textual.app import ComposeResult
from textual.widgets.option_list import Option

from anef_tui.ui.screens.guarded import FaultBoundary
from anef_tui.ui.widgets.plain import KeepsReverse

NO_MATCH = "Aucune commande ne correspond"


class CommandList(KeepsReverse, command.CommandList):
    """Textual's list of commands; its one line that is not a command (disabled, added
    when a search finds nothing) is said in French."""

    def add_options(self, items: Iterable) -> CommandList:
        return super().add_options([self._french(item) for item in items])

    @staticmethod
    def _french(item):
        if isinstance(item, Option) and item.disabled and not isinstance(item, command.Command):
            return Option(Align.center(Text(NO_MATCH, style="not bold")), disabled=True,
                          id=item.id)
        return item


class CommandPalette(FaultBoundary, command.CommandPalette):
    """Textual's palette with the list above, inside the error boundary as every screen."""

    def compose(self) -> ComposeResult:
        # Textual's compose, with our list in place of its own (the containers it opens
        # around them are entered and left as it yields).
        for widget in super().compose():
            yield CommandList() if type(widget) is command.CommandList else widget


def open_palette(app, providers: Sequence | None = None, *, placeholder: str) -> None:
    """Push the palette (all the commands, or those of `providers`) unless one is open."""
    if not CommandPalette.is_open(app):
        app.push_screen(CommandPalette(providers, id="--command-palette" if providers is None
                                       else None, placeholder=placeholder))
