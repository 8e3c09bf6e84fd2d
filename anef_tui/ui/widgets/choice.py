"""A radio set that behaves like web radio buttons: the arrow keys move *and* select."""

from __future__ import annotations

from textual import on
from textual.binding import Binding
from textual.widgets import RadioSet

from anef_tui.ui.textual_private import highlighted_index, set_highlighted
from anef_tui.ui.widgets.plain import RadioButton


class ChoiceSet(RadioSet):
    """Arrows select the next/previous choice (as on the ANEF site); Space/Enter still work.

    Only the keys select: RadioSet itself calls `action_next_button` when it mounts to
    highlight its first button, which must not count as a choice. When an answer is already
    chosen (a step reopened), that answer is highlighted instead (issue 20).
    """

    BINDINGS = [
        Binding("down,right", "next_choice", "Choix suivant", show=False),
        Binding("up,left", "previous_choice", "Choix précédent", show=False),
    ]

    def action_next_button(self) -> None:
        # RadioSet's mount calls this with nothing highlighted yet, to highlight its first
        # option. A saved answer (a step reopened) is highlighted instead: ↓/↑ move from it,
        # and the terminal cursor sits on it.
        if highlighted_index(self) is None:
            chosen = self._chosen_index()
            if chosen is not None:
                set_highlighted(self, chosen)
                return
        super().action_next_button()

    def _chosen_index(self) -> int | None:
        for index, button in enumerate(self.children):
            if isinstance(button, RadioButton) and button.value and not button.disabled:
                return index
        return None

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        #: Buttons the keys selected whose change the set has not handled yet (the last
        #: one), and those a later key superseded meanwhile.
        self._awaiting: list[RadioButton] = []
        self._superseded: set[RadioButton] = set()

    def _select_highlighted(self) -> None:
        index = highlighted_index(self)
        if index is None:
            return
        button = self.children[index]
        if isinstance(button, RadioButton) and not button.value:
            self._superseded.update(self._awaiting)
            self._awaiting = [button]
            button.value = True

    @on(RadioButton.Changed)
    def _keep_the_last_key(self, event: RadioButton.Changed) -> None:
        """Two arrows in a row: each button tells the set of its change from its own
        message queue, and a button just mounted (the keys typed right after Ctrl+S) may
        still be busy, so the set can hear of the first arrow's option after the second's
        — and RadioSet then chose the first one again (a key lost). The option the last
        arrow chose stays chosen: an earlier one heard late is switched off unheard."""
        button = event.radio_button
        if button in self._awaiting:
            self._awaiting.remove(button)
        if button not in self._superseded:
            return
        self._superseded.discard(button)
        if button.value:
            event.stop()
            event.prevent_default()
            with self.prevent(RadioButton.Changed):
                button.value = False

    def action_next_choice(self) -> None:
        self.action_next_button()
        self._select_highlighted()

    def action_previous_choice(self) -> None:
        self.action_previous_button()
        self._select_highlighted()


class Choice(RadioButton):
    """A radio button whose long label wraps (ANEF choices run to two or three lines)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._heights: dict[tuple[int, str], int] = {}

    def get_content_height(self, container, viewport, width: int) -> int:
        # Each layout asks again (three times for a new step); the wrapped height depends
        # only on the width and the label, not on whether the choice is selected.
        key = (width, str(self.label))
        height = self._heights.get(key)
        if height is None:
            height = self._heights[key] = max(1, len(self.render().wrap(max(1, width))))
        return height
