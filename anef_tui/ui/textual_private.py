"""Every use of Textual's private API, in one place (issue 21).

Textual (pinned exactly in pyproject) offers no public hook for what follows, so the app
reaches into it here and nowhere else: `tests/unit/test_textual_private.py` checks that each
name in `PRIVATE_USES` still exists in the installed Textual, and that no other module of
`anef_tui` uses or overrides a private name of Textual. When Textual moves, that test says
which of these to look at again.

What the app uses publicly instead, where Textual offers it: actions are guarded in
`App.run_action` (every key binding, button action and link goes through it), pasted text is
cleaned in `on_paste`, toggle labels are set through the `label` property, a radio set's
buttons are its `children`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from rich.console import RenderableType
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, RadioSet
from textual.widgets._footer import FooterKey
from textual.widgets._toggle_button import ToggleButton

__all__ = [
    "PRIVATE_USES", "AppHooks", "FooterKey", "MarkedToggle", "MessageHook", "ToggleButton",
    "exit_after_bug", "footer_bindings_ready", "highlighted_index", "input_suggestion",
    "set_highlighted", "keys_still_queued", "focused_keys_taken", "withdraw_notifications",
]

#: (module:class, name) of every private name of Textual used below, and why.
PRIVATE_USES: tuple[tuple[str, str | None, str], ...] = (
    ("textual.app:App", "_handle_exception",
     "the only hook for an exception that escaped a timer, a worker or a callback"),
    ("textual.app:App", "_display",
     "the only hook run before each frame is written (the terminal cursor follows focus)"),
    ("textual.app:App", "_return_code", "a bug ends the app with return code 1"),
    ("textual.app:App", "_exception", "Pilot re-raises the bug in tests"),
    ("textual.app:App", "_exception_event", "Pilot re-raises the bug in tests"),
    ("textual.app:App", "_exit_renderables", "the French crash message printed at exit"),
    ("textual.message_pump:MessagePump", "_close_messages_no_wait", "exit now, as panic"),
    ("textual.message_pump:MessagePump", "_dispatch_message",
     "the only place a screen's event handlers can be guarded (Textual ends the "
     "screen's message loop on the first exception)"),
    ("textual.widgets._toggle_button:ToggleButton", "_button",
     "the box drawn with its state as a glyph, not colour alone"),
    ("textual.widgets._toggle_button:ToggleButton", None,
     "the common class of Checkbox and RadioButton (a private module)"),
    ("textual.widgets._footer:FooterKey", None, "the footer's keys (a private module)"),
    ("textual.widgets._footer:Footer", "_bindings_ready",
     "the footer composes its keys in the first frame, not after a recompose"),
    ("textual.widgets._input:Input", "_suggestion",
     "Tab accepts the grey suggestion shown (no public read of it)"),
    ("textual.widgets._radio_set:RadioSet", "_selected",
     "the highlighted (not chosen) button of a radio set"),
    ("textual.message_pump:MessagePump", "_message_queue",
     "a priority binding (Ctrl+S) waits for the keys typed before it to reach their field"),
    ("textual.app:App", "_notifications",
     "a toast that has become wrong is found by its text (no public list of toasts)"),
    ("textual.app:App", "_unnotify",
     "a toast that has become wrong goes before its time, the others stay (public: all)"),
)


class AppHooks:
    """Mixin for the App: Textual's private hooks call the app's public-named ones,
    `handle_unexpected(error) -> bool` and `before_frame()`."""

    def handle_unexpected(self, error: Exception) -> bool:  # pragma: no cover - overridden
        return False

    def before_frame(self) -> None:  # pragma: no cover - overridden
        pass

    def _handle_exception(self, error: Exception) -> None:
        if not self.handle_unexpected(error):
            super()._handle_exception(error)  # type: ignore[misc]

    def _display(self, screen: Any, renderable: Any) -> None:
        self.before_frame()
        super()._display(screen, renderable)  # type: ignore[misc]


def exit_after_bug(app: Any, error: Exception, message: RenderableType) -> None:
    """End the app at once with return code 1 and `message` printed after the terminal
    is restored — as Textual's own handling of a bug, without its traceback (which shows
    local variables, i.e. an applicant's answers). Pilot still re-raises `error` in tests."""
    app._return_code = 1
    if app._exception is None:
        app._exception = error
        app._exception_event.set()
    app._exit_renderables.append(message)
    app._close_messages_no_wait()


class MessageHook:
    """Mixin for screens: every message goes through `dispatch_guarded(message, dispatch)`,
    which calls `dispatch(message)` (Textual's own dispatch) inside its guard."""

    async def dispatch_guarded(
        self, message: Message, dispatch: Callable[[Message], Awaitable[None]]
    ) -> None:  # pragma: no cover - overridden
        await dispatch(message)

    async def _dispatch_message(self, message: Message) -> None:
        await self.dispatch_guarded(message, super()._dispatch_message)  # type: ignore[misc]


class MarkedToggle:
    """Mixin for a Checkbox or RadioButton: its box is `marked_box()` (the app's)."""

    def marked_box(self) -> Content:  # pragma: no cover - overridden
        raise NotImplementedError

    @property
    def _button(self) -> Content:
        return self.marked_box()


def footer_bindings_ready(footer: Any) -> None:
    """Tell Textual's Footer that the screen's bindings are known (it would otherwise
    compose empty, then again)."""
    footer._bindings_ready = True


def input_suggestion(field: Input) -> str:
    """The grey suggestion an Input shows after its value ('' when none)."""
    return field._suggestion


def highlighted_index(radio_set: RadioSet) -> int | None:
    """The index of the button a radio set highlights (the arrows move it)."""
    return radio_set._selected


def set_highlighted(radio_set: RadioSet, index: int) -> None:
    radio_set._selected = index


def keys_still_queued(widget: Any) -> bool:
    """Whether `widget` has messages it has not handled yet (keys the App handed it before
    a priority binding ran: Textual has no public way to ask)."""
    return not widget._message_queue.empty()


async def focused_keys_taken(app: Any) -> None:
    """The keys the App has already handed to the focused widget, handled by it first: a
    priority binding runs as soon as its key arrives, before the keys typed just before it
    are in their field (bounded: a widget that never handles its keys must not hang here)."""
    import asyncio

    focused = app.focused
    for _ in range(200):
        if focused is None or not keys_still_queued(focused):
            return
        await asyncio.sleep(0)


def withdraw_notifications(app: Any, message: str) -> None:
    """Take back the toasts whose text is `message`, and only them, before their time
    (Textual's public `clear_notifications` takes back every one)."""
    for notification in list(app._notifications):
        if notification.message == message:
            app._unnotify(notification)
