"""Form widgets generated from the catalogue: one FieldBlock per catalogue field.

A FieldBlock knows how to render its field, read back what was typed and show an error
next to it. It never validates (the domain does) and never saves (the screen asks the store).
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import RadioSet

from anef_tui.controls import strip_controls
from anef_tui.domain.catalogue import Field
from anef_tui.domain.text import APP_HELP_PREFIX
from anef_tui.ui.textual_private import input_suggestion
from anef_tui.ui.widgets.choice import Choice, ChoiceSet
from anef_tui.ui.widgets.plain import Button, Checkbox, ErrorLine, Input, Static, TextArea

Value = str | bool | list[str]

_PLACEHOLDERS = {
    "date": "JJ/MM/AAAA",
    "email": "nom@exemple.fr",
    "phone": "06 12 34 56 78",
}


def _suggester(field: Field) -> SuggestFromList | None:
    from anef_tui.domain.countries import country_names, nationality_names

    if field.type == "country":
        return SuggestFromList(country_names(), case_sensitive=False)
    if field.type == "nationality":
        return SuggestFromList(nationality_names(), case_sensitive=False)
    return None




def app_help(text: str, *, classes: str = "", **kwargs) -> Static:
    """anef-tui's own help, in its own voice: prefixed and styled apart (class `app-help`,
    and `classes` if given), never mixed into the site's text."""
    return Static(APP_HELP_PREFIX + text, classes=f"app-help {classes}".strip(), markup=False,
                  **kwargs)


def section_heading(section, group: str | None) -> list[Static]:
    """The site's words above a section's fields: its group's title and intro when the
    group changes (`group`: the one shown last), then its own title and intro."""
    shown: list[Static] = []
    if section.group and section.group != group:
        shown.append(Static(section.group, classes="group-title", markup=False))
        shown += [Static(p, classes="intro", markup=False) for p in section.group_intro]
    if section.title:
        shown.append(Static(section.title, classes="section-title", markup=False))
    shown += [Static(p, classes="intro", markup=False) for p in section.intro]
    return shown


class StatementBox(Checkbox):
    """A checkbox whose long label (the sworn statements run to ~90 characters) wraps:
    Textual's toggle buttons are one line high, so the end of the label was cut at 80
    columns (issue 12). Width and wrapping come from app.tcss."""

    def get_content_height(self, container, viewport, width: int) -> int:
        return max(1, len(self.render().wrap(max(1, width))))


SUGGESTION_HINT = "Tab ou → accepte la suggestion affichée."


class SuggestInput(Input):
    """An Input whose grey suggestion (a country, a nationality) Tab accepts, as → does,
    before moving on to the next field: a keyboard user Tabs out of a field, and a
    suggestion left unaccepted was silently lost (issue 12)."""

    BINDINGS = [
        Binding("tab", "accept_and_next", "Accepter la suggestion", show=False),
    ]

    @property
    def suggestion_shown(self) -> bool:
        suggestion = input_suggestion(self)
        return bool(suggestion) and len(suggestion) > len(self.value) and self.cursor_at_end

    def action_accept_and_next(self) -> None:
        if self.suggestion_shown:
            self.value = input_suggestion(self)
            self.cursor_position = len(self.value)
        self.screen.focus_next()


def display_value(value: Value | None) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return "Oui" if value else "Non"
    if isinstance(value, list):
        return ", ".join(value)
    return str(value)


class FieldBlock(Vertical):
    """Label, input widget(s) and the error line of one field."""

    DEFAULT_CSS = """
    FieldBlock { height: auto; margin: 0 0 1 0; }
    FieldBlock .field-error { color: $error; display: none; }
    FieldBlock.-invalid .field-error { display: block; }
    FieldBlock.-invalid Input { border: tall $error; }
    FieldBlock .hint { color: $text-muted; }
    FieldBlock RadioSet { width: auto; }
    /* Not Vertical's 1fr: in the scrolling form that was a viewport-high blank band. */
    FieldBlock .repeat { height: auto; }
    """

    def __init__(
        self, field: Field, value: Value | None, *, editable: bool = True, shown: bool = True
    ) -> None:
        super().__init__(id=f"fb-{field.id}")
        self.field = field
        self.initial = value
        self.editable = editable and not field.readonly
        # A block created hidden (its show_if is not met) composes its widgets only when it
        # is first shown (`show`): a step mounts no widget that it does not display.
        self.display = shown
        self._composed = shown
        self._error: str | None = None

    @property
    def label_text(self) -> str:
        if self.field.display_label and self.editable:
            return self.field.display_label  # as the site prints it
        star = " *" if self.field.required and self.editable else ""
        return f"{self.field.label}{star} :"

    async def show(self, visible: bool) -> None:
        """Show or hide the block, composing its widgets the first time it is shown."""
        if visible and not self._composed:
            self._composed = True
            await self.recompose()
        self.display = visible

    def compose(self) -> ComposeResult:
        if not self._composed:
            return
        field = self.field
        if field.type == "info":
            yield Static(field.prefill or "", classes="info", markup=False)
            return
        if not self.editable:
            value = self.initial if self.initial not in (None, "", []) else field.prefill
            yield Static(self.label_text, classes="field-label", markup=False)
            yield Static(display_value(value), classes="readonly", id=f"f-{field.id}", markup=False)
            return
        if field.type == "checkbox":
            yield StatementBox(field.label + (" *" if field.required else ""),
                               bool(self.initial), id=f"f-{field.id}")
        else:
            yield Static(self.label_text, classes="field-label", markup=False)
            if field.hint:
                yield Static(field.hint, classes="hint", markup=False)
            if field.app_help:
                yield app_help(field.app_help)
            if field.type in ("country", "nationality"):
                # anef-tui's own help, in its own voice (not the site's text).
                yield app_help(SUGGESTION_HINT)
            yield from self._compose_input()
        # The error line (hidden until there is an error) is mounted by the first set_error
        # that has a message: a form step then mounts one widget fewer per field.
        if self._error:
            yield ErrorLine(self._error, classes="field-error", id=f"err-{field.id}")

    def _compose_input(self) -> ComposeResult:
        field = self.field
        if field.type in ("choice", "yesno"):
            choices = field.choices or ["Oui", "Non"]
            with ChoiceSet(id=f"f-{field.id}"):
                for choice in choices:
                    yield Choice(choice, value=self.initial == choice)
        elif field.type == "textarea":
            yield TextArea(str(self.initial or ""), id=f"f-{field.id}", soft_wrap=True)
        elif field.repeatable:
            values = self.initial if isinstance(self.initial, list) and self.initial else [""]
            with Vertical(id=f"f-{field.id}", classes="repeat"):
                for index, item in enumerate(values):
                    yield self._make_input(item, index)
            yield Button(field.add_label or "+ Ajouter", id=f"add-{field.id}", classes="add")
        else:
            yield self._make_input(str(self.initial or ""), None)

    def _make_input(self, value: str, index: int | None) -> Input:
        field = self.field
        name = field.id if index is None else f"{field.id}-{index}"
        suggester = _suggester(field)
        return (SuggestInput if suggester else Input)(
            value,
            placeholder=_PLACEHOLDERS.get(field.type, ""),
            suggester=suggester,
            id=f"f-{field.id}" if index is None else f"f-{field.id}-{index}",
            name=name,
            classes="rep-item" if index is not None else "",
        )

    @on(Button.Pressed, ".add")
    def _add_item(self, event: Button.Pressed) -> None:
        event.stop()
        box = self.query_one(f"#f-{self.field.id}", Vertical)
        new = self._make_input("", len(box.children))
        box.mount(new)
        new.focus()

    def get_value(self) -> Value | None:
        field = self.field
        if not self.editable or field.type == "info":
            return self.initial
        if not self._composed:
            return self._value_before_compose()
        widget = self.query_one(f"#f-{field.id}")
        if isinstance(widget, Checkbox):
            return widget.value
        if isinstance(widget, RadioSet):
            pressed = widget.pressed_button
            return str(pressed.label) if pressed else ""
        if isinstance(widget, TextArea):
            return widget.text
        if isinstance(widget, Input):
            return widget.value
        return [i.value for i in widget.query(Input)]

    def _value_before_compose(self) -> Value:
        """What get_value() would read from the widgets that compose() creates."""
        field, initial = self.field, self.initial
        if field.type == "checkbox":
            return bool(initial)
        if field.type in ("choice", "yesno"):
            return initial if initial in (field.choices or ["Oui", "Non"]) else ""
        if field.type == "textarea":
            return str(initial or "")
        # An Input holds one line and no control (`plain.Input.validate_value`).
        if field.repeatable:
            if isinstance(initial, list) and initial:
                return [strip_controls(str(v or "")) for v in initial]
            return [""]
        return strip_controls(str(initial or ""))

    def first_focusable(self) -> Widget | None:
        if not self.editable or self.field.type == "info" or not self._composed:
            return None
        widget = self.query_one(f"#f-{self.field.id}")
        if self.field.repeatable:
            return widget.query(Input).first()
        return widget

    def set_error(self, message: str | None) -> None:
        if not self.editable:
            return
        self._error = message
        errors = self.query_children(f"#err-{self.field.id}")
        if errors:
            errors.first(Static).update(message or "")
        elif message and self._composed:
            self.mount(ErrorLine(message, classes="field-error", id=f"err-{self.field.id}"))
        self.set_class(bool(message), "-invalid")
