"""Keeping what has the focus in sight, whatever the order in which layouts, Textual's own
focus scroll and our mounts come (a loaded machine changes that order)."""

from __future__ import annotations

from textual.widget import Widget


def bring_into_sight(widget: Widget) -> None:
    """Scroll `widget` into view, now and without animation.

    A scroll still running (the one Textual starts when the screen comes back from the
    file picker and restores the focus, computed on the layout before the slot changed)
    is ended first: otherwise the widget looks visible half-way through it, nothing is
    scrolled, and the animation then carries the widget out of sight."""
    if not widget.is_attached:
        return
    animator = widget.app.animator
    for ancestor in widget.ancestors_with_self:
        animator.force_stop_animation(ancestor, "scroll_x")
        animator.force_stop_animation(ancestor, "scroll_y")
    widget.scroll_visible(animate=False, immediate=True)


def keep_in_sight(widget: Widget, rounds: int = 3, *, whole: Widget | None = None) -> None:
    """`widget` (or `whole`, the block around it: label, field and error line) into sight
    now and again after the next `rounds - 1` layouts, as long as it has the focus — fields
    a choice just showed, error lines just mounted or a wrapped text may still move it, and
    the end position must not depend on which came first."""
    if not (widget.is_attached and widget.has_focus):
        return
    bring_into_sight(whole if whole is not None and whole.is_attached else widget)
    if rounds > 1:
        widget.call_after_refresh(keep_in_sight, widget, rounds - 1, whole=whole)


def show_from_the_top(widget: Widget, rounds: int = 3) -> None:
    """A screen just opened on a long form whose first field is far down: its containers
    scrolled to the top, then just enough for `widget` to be seen — so the most of what
    is above it (a title, the agent's message) stays in view. Again after the next
    layouts, from the top each time: the end position does not depend on timing."""
    if not (widget.is_attached and widget.has_focus):
        return
    for ancestor in widget.ancestors:
        if isinstance(ancestor, Widget) and ancestor.is_scrollable:
            ancestor.scroll_to(y=0, animate=False, immediate=True)
    bring_into_sight(widget)
    if rounds > 1:
        widget.call_after_refresh(show_from_the_top, widget, rounds - 1)
