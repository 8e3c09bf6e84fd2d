"""The title line of a screen: « anef-tui — Renouvellement — Étape 1 : Informations
personnelles », shortened by meaning when the width is short.

Textual's Header centres « title — sub-title » between its icon and clock spaces (18
columns at the sides) and cuts what does not fit: at 80 columns the step's name lost its
end (« personnell… »). Here the app's name goes first, then the rest ends with « … »
(Textual's ellipsis), recomputed when the terminal is resized (issue 21).
"""

from __future__ import annotations

from rich.cells import cell_len
from textual import events, widgets
from textual.content import Content


class Header(widgets.Header):
    """Textual's Header, without the app's name when the screen's title needs the room."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("show_clock", False)
        kwargs.setdefault("icon", "")
        super().__init__(*args, **kwargs)

    def _room(self) -> int:
        """Cells for the title: the width less the icon and clock spaces on its sides."""
        width = self.size.width or self.app.size.width
        # Textual's HeaderIcon and HeaderClockSpace (8 + 10 columns), named by their CSS type.
        sides = sum(side.outer_size.width for side in self.query("HeaderIcon, HeaderClockSpace"))
        return width - (sides or 18)

    def format_title(self) -> Content:
        title, sub_title = self.screen_title, self.screen_sub_title
        banner = getattr(self.app, "folder_banner", None)
        if banner:  # a plain folder says so first, on every screen (issue 23)
            sub_title = f"{banner} — {sub_title}" if sub_title else banner
        full = self.app.format_title(title, sub_title)
        if not sub_title or cell_len(full.plain) <= self._room():
            return full
        return Content(sub_title)  # its end cut with « … » if it still does not fit

    def on_resize(self, event: events.Resize) -> None:
        for title in self.query("HeaderTitle").results(widgets.Static):
            title.update(self.format_title())
