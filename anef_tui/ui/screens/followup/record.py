"""« Enregistrer une notification reçue »: the user copies what the ANEF sent.

The fields come from the data (`assets/followup.toml`, domain/notification_form.py) and are
rendered by the steps' FieldBlock, checked by the steps' validation, with the same error
summary: a new kind of notification needs no code here. The fields of the kinds not chosen
are created hidden and composed when first shown; whatever has the focus is scrolled into
view.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll

from anef_tui.domain.catalogue import is_visible
from anef_tui.domain.notification_form import (
    KIND_FIELD,
    base_fields,
    initial_value,
    kind_fields,
    kind_of,
    read_form,
)
from anef_tui.domain.notification_kinds import kinds
from anef_tui.domain.validation import Problem
from anef_tui.oserrors import error_text
from anef_tui.store.db import StoreError
from anef_tui.ui.screens.base import ErrorSummary
from anef_tui.ui.screens.form_problems import FormProblems
from anef_tui.ui.screens.guarded import ModalScreen
from anef_tui.ui.sight import keep_in_sight
from anef_tui.ui.widgets.fields import FieldBlock
from anef_tui.ui.widgets.plain import Button, Label


class RecordNotificationScreen(FormProblems, ModalScreen[bool]):
    """One form for every kind: the fields of the chosen kind are shown."""

    BINDINGS = [
        Binding("escape", "cancel", "Annuler", id="record.cancel"),
        Binding("ctrl+s", "save", "Enregistrer", id="record.save",
                tooltip="Enregistrer la notification"),
    ]

    DEFAULT_CSS = """
    RecordNotificationScreen #record { height: 1fr; max-height: 100%; }
    """

    def __init__(self, dossier_id: int) -> None:
        super().__init__()
        self.dossier_id = dossier_id
        #: The kind each field belongs to (None: every kind).
        self.owner: dict[str, str | None] = {}

    def compose(self) -> ComposeResult:
        record = self.services.dossiers.get(self.dossier_id)
        self.procedure = self.services.catalogue[record.summary.procedure]
        self.slots = list(self.procedure.all_slots())
        # Not a stop of Tab: every part of the form is reached by its fields, and a focused
        # scroll container shows no mark (a Tab that seemed to focus nothing, issue 21).
        with VerticalScroll(classes="dialog", id="record", can_focus=False):
            yield Label("Enregistrer une notification reçue", classes="dialog-title")
            errors = ErrorSummary("", id="record-errors")
            errors.display = False
            yield errors
            for field in base_fields():
                self.owner[field.id] = None
                yield FieldBlock(field, initial_value(field))
            for kind in kinds().values():
                for field in kind_fields(kind, self.slots):
                    self.owner[field.id] = kind.id
                    yield FieldBlock(field, initial_value(field), shown=False)
            with Horizontal(classes="buttons"):
                yield Button("Annuler", id="cancel")
                yield Button("Enregistrer", id="save", variant="primary")

    def on_mount(self) -> None:
        self.query_one(f"#f-{KIND_FIELD}").focus()
        #: What the form holds before anything is typed: Échap leaves at once while it is so.
        self._untouched = self.values()

    def values(self) -> dict:
        return {block.field.id: block.get_value() for block in self.query(FieldBlock)}

    def _visible(self, block: FieldBlock, values: dict, kind_id: str | None) -> bool:
        owner = self.owner.get(block.field.id)
        if owner is not None and owner != kind_id:
            return False
        return is_visible(block.field, values)

    async def _update_visibility(self) -> None:
        values = self.values()
        kind = kind_of(values.get(KIND_FIELD))
        kind_id = kind.id if kind else None
        for block in self.query(FieldBlock):
            await block.show(self._visible(block, values, kind_id))
        focused = self.focused
        if focused is not None:
            self.call_after_refresh(keep_in_sight, focused)

    async def on_radio_set_changed(self) -> None:
        # A choice shows the fields that depend on it now, not at the next resize.
        await self._update_visibility()

    def on_descendant_focus(self, event) -> None:
        self.call_after_refresh(keep_in_sight, event.widget)

    def show_problems(self, problems: list[Problem]) -> None:
        """As a step says it (ui/screens/form_problems.py): each problem under its field, the
        summary above, and the focus on the first field in error, in sight — the keys typed
        next go there (the focus was left on the summary, whose keys went nowhere)."""
        self.show_form_problems(problems, self.query_one("#record-errors", ErrorSummary))

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        today = self.services.today()
        file_names = {
            slot.id: ", ".join(a.original_name
                               for a in self.services.attachments.list(self.dossier_id, slot.id))
            for slot in self.slots
        }
        result = read_form(self.values(), slots=self.slots, file_names=file_names, today=today)
        if result.problems or result.kind is None or result.received_on is None:
            self.show_problems(result.problems)
            return
        try:
            self.services.followup.add_notification(
                self.dossier_id, result.kind, received_on=result.received_on,
                data=result.data, read_on=result.read_on,
            )
        except (ValueError, StoreError) as exc:  # TransitionError, a draft: French
            self.show_problems([Problem(KIND_FIELD, "Notification", error_text(exc))])
            return
        self.app.notify(f"Notification enregistrée : {kinds()[result.kind].title}.")
        self.dismiss(True)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Échap / « Annuler »: at once if nothing was typed, else only once the user says
        so (« Continuer la saisie », focused, keeps everything)."""
        from anef_tui.ui.screens.dialogs import ask_discard

        if self.values() == self._untouched:
            self.dismiss(False)
            return
        ask_discard(self.app, lambda: self.dismiss(False))
