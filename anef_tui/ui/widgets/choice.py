"""A radio set that behaves like web radio buttons: the arrow keys move *and* select."""

from __future__ import annotations

from textual.widgets import RadioButton, RadioSet


class ChoiceSet(RadioSet):
    """Arrows select the next/previous choice (as on the ANEF site); Space/Enter still work."""

    def _select_highlighted(self) -> None:
        if self._selected is None:
            return
        button = self._nodes[self._selected]
        if isinstance(button, RadioButton) and not button.value:
            button.value = True

    def action_next_button(self) -> None:
        super().action_next_button()
        self._select_highlighted()

    def action_previous_button(self) -> None:
        super().action_previous_button()
        self._select_highlighted()
