"""How a form says what is wrong, the same way everywhere: each problem under its field or
document slot, a short summary above the form, the first field in error focused and brought
into sight (steps, a complément's answer)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from anef_tui.domain.validation import problems_heading
from anef_tui.ui.screens.base import ErrorSummary
from anef_tui.ui.sight import keep_in_sight
from anef_tui.ui.widgets.fields import FieldBlock
from anef_tui.ui.widgets.plain import headed
from anef_tui.ui.widgets.slot import SlotWidget

if TYPE_CHECKING:
    from typing import Any

    from anef_tui.domain.validation import Problem
    from anef_tui.ui.screens.guarded import Screen

    _Host = Screen[Any]  # what the mixin is mixed into, for the type checker
else:
    _Host = object


class FormProblems(_Host):
    """Mixin for a screen made of FieldBlocks and SlotWidgets."""

    def show_form_problems(self, problems: list[Problem], summary: ErrorSummary) -> None:
        """Each problem under its field (FieldBlock) or document slot (SlotWidget), a few
        lines in `summary`, and the focus on the first field in error, brought into sight."""
        by_field = {p.field_id: p.message for p in problems}
        for block in self.query(FieldBlock):
            block.set_error(by_field.get(block.field.id))
        for slot_widget in self.query(SlotWidget):
            # A document missing is said under its slot too, as a field's problem is.
            slot_widget.show_error(by_field.get(slot_widget.slot.id))
        if not problems:
            summary.display = False
            return
        count = len(problems)
        # A few lines at most (80×24 keeps room for the form); every problem is also said
        # under its own field.
        room = 3 if self.app.size.height < 32 else 6
        lines = [f"• {p.message}" for p in problems[:room]]
        if count > room:
            rest = count - room
            lines.append(f"… et {rest} autre{'s' if rest > 1 else ''} : chaque problème est "
                         "signalé sous son champ.")
        summary.update(headed(problems_heading(count), lines))
        summary.display = True
        summary.scroll_home(animate=False)
        # Keys typed next go where the user sees the first problem: its field (or the
        # « Joindre un document » of a document missing), scrolled into view.
        target = self._first_in_error(by_field)
        if target is not None:
            target.focus()
            # The field and its error line, after the error lines have mounted.
            around = next((a for a in target.ancestors if isinstance(a, FieldBlock)), None)
            self.call_after_refresh(keep_in_sight, target, 3, whole=around)
        else:
            summary.focus()

    def _first_in_error(self, by_field: dict[str, str]):
        for block in self.query(FieldBlock):
            if block.field.id in by_field and block.display:
                widget = block.first_focusable()
                if widget is not None:
                    return widget
        for widget in self.query(SlotWidget):
            if widget.slot.id in by_field:
                buttons = widget.query(".attach")
                if buttons:
                    return buttons.first()
        return None
