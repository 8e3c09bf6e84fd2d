"""The screens' half of the error boundary (see `anef_tui/ui/errors.py`).

Textual ends a screen's message loop on the first exception of a handler, so a fault met in
an event handler (a button, a list, a worker's result) is caught here, where it happens: the
user gets a French message and the screen keeps working. Every screen of the app derives
from `Screen` or `ModalScreen` below (a test checks it).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, Protocol, cast

from textual import events
from textual import screen as _textual
from textual.message import Message
from textual.screen import ScreenResultType

from anef_tui.controls import visible
from anef_tui.ui.errors import is_fault
from anef_tui.ui.services import Services, services_of
from anef_tui.ui.textual_private import MessageHook


class Navigation(Protocol):
    """Where screens go, through the App (`ui/router.py`): screens never import one another."""

    def screen_for(self, dossier_id: int, position: str, **options: Any) -> _textual.Screen[Any]:
        ...

    def open_dossier(self, dossier_id: int) -> None:
        ...


class FaultBoundary(MessageHook):
    """Mixin for screens: a fault in a handler becomes a message, not an exit."""

    _fault_while_building = False

    @property
    def services(self) -> Services:
        """The stores, catalogue, clock and file helpers of the app, typed."""
        return services_of(self.app)  # type: ignore[attr-defined]

    @property
    def navigation(self) -> Navigation:
        """The App's screen registry (`AnefApp.screen_for`, `AnefApp.open_dossier`), typed."""
        return cast(Navigation, self.app)  # type: ignore[attr-defined]

    async def dispatch_guarded(
        self, message: Message, dispatch: Callable[[Message], Awaitable[None]]
    ) -> None:
        if self._fault_while_building and isinstance(message, events.Mount):
            return  # its compose failed: nothing to mount, the screen is being closed
        try:
            await dispatch(message)
        except Exception as error:
            if not is_fault(error):
                raise
            app = self.app  # type: ignore[attr-defined]
            app.report_fault(error)
            if isinstance(message, events.Compose | events.Mount):
                # The screen could not be built (its dossier vanished, the base is busy…):
                # go back to where the user was.
                self._fault_while_building = True
                app.call_later(self._close_after_fault)

    def _close_after_fault(self) -> None:
        app = self.app  # type: ignore[attr-defined]
        if app.screen is self and len(app.screen_stack) > 1:
            app.pop_screen()


class ShownTitles:
    """A screen's titles often hold a name: shown with its controls as glyphs (issue 20)."""

    def validate_title(self, title: str | None) -> str | None:
        return visible(title) if isinstance(title, str) else title

    def validate_sub_title(self, sub_title: str | None) -> str | None:
        return visible(sub_title) if isinstance(sub_title, str) else sub_title


class Screen(ShownTitles, FaultBoundary, _textual.Screen[ScreenResultType]):
    """A full screen of anef-tui."""


class ModalScreen(ShownTitles, FaultBoundary, _textual.ModalScreen[ScreenResultType]):
    """A dialog of anef-tui."""
