"""Form widgets generated from the catalogue: one FieldBlock per catalogue field.

A FieldBlock knows how to render its field, read back what was typed and show an error
next to it. It never validates (the domain does) and never saves (the screen asks the store).
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, RadioSet, Static, TextArea

from anef_tui.domain.catalogue import Field
from anef_tui.ui.widgets.choice import Choice, ChoiceSet

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
    """

    def __init__(self, field: Field, value: Value | None, *, editable: bool = True) -> None:
        super().__init__(id=f"fb-{field.id}")
        self.field = field
        self.initial = value
        self.editable = editable and not field.readonly

    @property
    def label_text(self) -> str:
        star = " *" if self.field.required and self.editable else ""
        return f"{self.field.label}{star} :"

    def compose(self) -> ComposeResult:
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
            yield Checkbox(field.label + (" *" if field.required else ""), bool(self.initial),
                           id=f"f-{field.id}")
        else:
            yield Static(self.label_text, classes="field-label", markup=False)
            if field.hint:
                yield Static(field.hint, classes="hint", markup=False)
            yield from self._compose_input()
        yield Static("", classes="field-error", id=f"err-{field.id}")

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
        return Input(
            value,
            placeholder=_PLACEHOLDERS.get(field.type, ""),
            suggester=_suggester(field),
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

    def first_focusable(self) -> Widget | None:
        if not self.editable or self.field.type == "info":
            return None
        widget = self.query_one(f"#f-{self.field.id}")
        if self.field.repeatable:
            return widget.query(Input).first()
        return widget

    def set_error(self, message: str | None) -> None:
        if not self.editable:
            return
        error = self.query_one(f"#err-{self.field.id}", Static)
        error.update(message or "")
        self.set_class(bool(message), "-invalid")
