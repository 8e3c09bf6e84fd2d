"""What the main app does so that desks see each other (issue 25 item 3), as a mixin of
AnefApp: the store's change feed is listened to from the first paint to the end, and each
change it tells (from its own thread) becomes a Textual message on the App's queue
(`post_message` is thread-safe), handed to every screen of the stack that has a
`desks_changed` hook: « Mes dossiers », F6, an open dossier. No timer in the interface."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.message import Message

from anef_tui.store.desks import Change
from anef_tui.store.errors import StoreError

if TYPE_CHECKING:
    from textual.app import App

    from anef_tui.ui.services import Services

    _App = App[int]
else:
    _App = object


class DesksChanged(Message):
    """Another desk committed something, or one holding a dossier open went away."""

    def __init__(self, change: Change) -> None:
        super().__init__()
        self.change = change


class DesksWatch(_App):
    """Mixin of AnefApp: listens to the store's change feed while the app runs."""

    if TYPE_CHECKING:
        services: Services

    _desks_unsubscribe: Callable[[], None] | None = None

    def start_desks_watch(self) -> None:
        desk = self.services.desk
        if not desk.watching or self._desks_unsubscribe is not None:
            return
        self._desks_unsubscribe = desk.feed.subscribe(self._desks_told)

    def _desks_told(self, change: Change) -> None:
        """In the feed's thread: handed over to the App's."""
        self.post_message(DesksChanged(change))

    def on_desks_changed(self, message: DesksChanged) -> None:
        for screen in list(self.screen_stack):
            hook = getattr(screen, "desks_changed", None)
            if hook is None or not screen.is_attached:
                continue
            try:
                hook(message.change)
            except StoreError:
                continue  # the base busy a moment: the next change, or the return, reads it

    def stop_desks_watch(self) -> None:
        """Before the base closes: the feed stops, this desk's presence rows go."""
        if self._desks_unsubscribe is not None:
            self._desks_unsubscribe()
            self._desks_unsubscribe = None
        self.services.desk.close()
