"""Keyboard helpers for Pilot tests: reach a widget with Tab, as a keyboard user would."""

from __future__ import annotations


async def tab_to(pilot, widget_id: str, limit: int = 150) -> None:
    """Press Tab until the widget with this id has the focus."""
    for _ in range(limit):
        focused = pilot.app.focused
        if focused is not None and focused.id == widget_id:
            return
        await pilot.press("tab")
    raise AssertionError(f"#{widget_id} never got the focus")


async def type_into(pilot, widget_id: str, text: str) -> None:
    """Tab to an input, clear it (Ctrl+U from the end) and type."""
    await tab_to(pilot, widget_id)
    await pilot.press("end", "ctrl+u", *text)


async def open_notifications(pilot, name: str) -> None:
    """From « Mes dossiers »: search the dossier by name, then F4 « Mes notifications »."""
    await pilot.press("ctrl+f", *name, "enter", "f4")
    await pilot.pause()


async def open_notification(pilot, name: str) -> None:
    """« Mes notifications » of that dossier, then open the newest notification."""
    await open_notifications(pilot, name)
    await pilot.press("enter")
    await pilot.pause()
