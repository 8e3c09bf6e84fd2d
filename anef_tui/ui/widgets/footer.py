"""Textual's footer, recomposed only when the keys it shows actually change.

Textual's `Footer` recomposes (removes and mounts again one widget per key, each styled by
the CSS) after every `bindings_updated` signal, and a screen publishes that signal twice
per focus change and once when it is shown. Opening « Mes dossiers » focused two widgets in
turn, so the footer was rebuilt five times with the same ten keys before the app was idle
(~15 ms each, the largest item of start-up after the imports; see bench/startup.py).

Here the signals are coalesced into one check after the next refresh, and the footer is
recomposed only if what it would show (keys, labels, enabled state, tooltips, order) differs
from what it shows.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer as TextualFooter

from anef_tui.ui.textual_private import FooterKey, footer_bindings_ready


class Footer(TextualFooter):
    """A `textual.widgets.Footer` that skips recomposes which would change nothing."""

    def __init__(self, *args, **kwargs) -> None:
        # No « ^p palette » at the right: 13 columns that 80×24 needs for the screen's keys.
        # Ctrl+P still opens the palette; F1 lists it.
        kwargs.setdefault("show_command_palette", False)
        super().__init__(*args, **kwargs)
        self._shown: tuple | None = None
        self._check_pending = False

    def compose(self) -> ComposeResult:
        # The screen's bindings are known once the footer is mounted in it: show them in
        # the first frame rather than composing empty and recomposing right after.
        footer_bindings_ready(self)
        self._shown = self._keys_to_show()
        widgets = list(super().compose())
        keys = [w for w in widgets if isinstance(w, FooterKey)
                and not w.has_class("-command-palette")]
        dropped = self._overflow(keys, widgets)
        self.styles.grid_size_columns = len(keys) - len(dropped)
        for widget in widgets:
            if widget in dropped:
                continue
            if isinstance(widget, FooterKey) and not widget.has_class("-command-palette"):
                # A key is created compact and made non-compact by its data binding right
                # after it mounts: two class changes, each restyling it. Give it the footer's
                # value up front (the binding then changes nothing).
                widget.set_reactive(FooterKey.compact, self.compact)
            yield widget

    def _overflow(self, keys: list[FooterKey], widgets: list) -> set:
        """The keys that do not fit in the width, last ones first — never F1, which lists
        every key of the screen (issue 12: at 80 columns the footer was cut)."""
        width = self.app.size.width
        palette = sum(
            _key_width(w) for w in widgets
            if isinstance(w, FooterKey) and w.has_class("-command-palette")
        )
        room = width - palette - 1
        total = sum(_key_width(k) for k in keys)
        dropped: set = set()
        for key in reversed(keys):
            if total <= room:
                break
            if key.action == "show_keys":
                continue
            dropped.add(key)
            total -= _key_width(key)
        return dropped

    def bindings_changed(self, screen: Screen) -> None:
        footer_bindings_ready(self)
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._check_pending:
            self._check_pending = True
            self.call_after_refresh(self._recompose_if_changed)

    async def _recompose_if_changed(self) -> None:
        self._check_pending = False
        if not self.is_attached:
            return
        shown = self._keys_to_show()
        if shown == self._shown:
            return
        self._shown = shown
        await self.recompose()

    def _keys_to_show(self) -> tuple:
        """Everything `Footer.compose` reads, in the order it reads it."""
        app = self.app
        keys = tuple(
            (
                binding.key,
                app.get_key_display(binding),
                binding.description,
                binding.action,
                binding.show,
                binding.group,
                enabled,
                tooltip,
                binding.tooltip,
            )
            for (_, binding, enabled, tooltip) in self.screen.active_bindings.values()
            if binding.show or binding.key == app.COMMAND_PALETTE_BINDING
        )
        return (self.show_command_palette, app.ENABLE_COMMAND_PALETTE, keys, app.size.width)

    def on_resize(self) -> None:
        if self.is_attached and not self._check_pending:
            self._check_pending = True
            self.call_after_refresh(self._recompose_if_changed)


def _key_width(key: FooterKey) -> int:
    """Cells a key takes in the footer: « ^s Poursuivre » and the gap after it."""
    from rich.cells import cell_len

    return cell_len(key.key_display) + cell_len(key.description) + 3
