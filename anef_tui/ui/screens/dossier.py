"""One step of a dossier, rendered from the procedure catalogue.

The screen shows the progress bar, the step's sections and fields, and the four navigation
actions of every ANEF step. Values are validated by the domain when the user asks to
continue, and saved by the store; what is typed meanwhile is kept as a draft every few
seconds so that a crash loses almost nothing.
"""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.compose import compose
from textual.containers import Horizontal, VerticalScroll
from textual.widget import Widget

from anef_tui.domain import flow, roles
from anef_tui.domain.address import address_suggestions, is_address, suggestion_note
from anef_tui.domain.catalogue import is_visible, with_defaults
from anef_tui.domain.form_check import check_form, first_to_fill
from anef_tui.domain.summary import step_values
from anef_tui.domain.validation import Problem
from anef_tui.files.memory import MemoryFile
from anef_tui.store.dossiers import DossierRecord
from anef_tui.ui.format import paragraphs
from anef_tui.ui.screens.drafts import DraftKeeping
from anef_tui.ui.screens.form_problems import FormProblems
from anef_tui.ui.screens.slots import SlotActions, file_views
from anef_tui.ui.widgets.fields import FieldBlock, app_help, section_heading
from anef_tui.ui.widgets.footer import Footer
from anef_tui.ui.widgets.header import Header
from anef_tui.ui.widgets.plain import Button, Input, Static
from anef_tui.ui.widgets.slot import FileView, SlotWidget

DRAFT_INTERVAL = 3.0  # seconds between draft saves while typing


from anef_tui.ui.screens.base import (  # noqa: E402
    DossierScreen,
    ErrorSummary,
    ProgressBar,
    page_title,
)

__all__ = ["StepScreen"]


class StepScreen(DraftKeeping, FormProblems, SlotActions, DossierScreen):
    """A form step (or, in a subclass, the profile form) rendered from the catalogue."""

    def __init__(self, dossier_id: int, step_id: str, *, return_to: str | None = None) -> None:
        super().__init__(dossier_id, step_id)
        self.step_id = step_id
        self.return_to = return_to  # the dépôt summary, when the user came to change a section
        self._last_draft: dict | None = None
        self._changing_step = False  # `go`: another step is being put in place

    # -- what this screen edits (overridden by the profile screen) ---------------------
    def form_of(self, record: DossierRecord):
        return self.procedure.step(self.step_id)

    def initial_values(self, record: DossierRecord) -> dict:
        return step_values(self.procedure, self.step_id, record.answers)

    def heading_text(self) -> str:
        return self.step.heading

    def shows_page_title(self) -> bool:
        """« Demander un titre de séjour » above every step of the site (not the profile,
        anef-tui's stand-in for its account screens)."""
        return True

    def save_values(self, values: dict, name: str | None, expected_version: int | None) -> int:
        next_id = self.return_to or flow.next_position(self.procedure, self.step_id)
        return self.services.dossiers.save_step(
            self.dossier_id, self.step_id, values, next_step=next_id, applicant_name=name,
            expected_version=expected_version,
        )

    def compose(self) -> ComposeResult:
        record = self.load()
        values = self._read_step(record)
        yield Header(show_clock=False, icon="")
        yield ProgressBar(self.procedure, self.step_id)
        # Above the form, not in it: the summary stays in sight while the focus goes to the
        # first field in error, wherever it is in the form.
        errors = ErrorSummary("", id="errors")
        errors.display = False  # until the user asks to continue with problems
        yield errors
        with VerticalScroll(id="form"):
            yield from self.compose_form(record, values)
        yield Footer()
        if self.editable:
            # Textual would focus the first focusable widget once the screen is composed:
            # the scrolling form, whose focus then blur (on_mount focuses the first field)
            # restyle every widget of the form twice (~25 ms). on_mount restores it.
            self.AUTO_FOCUS = ""  # type: ignore[misc]  # Textual reads it on the instance

    def _read_step(self, record: DossierRecord) -> dict:
        """The state of the step `self.step_id` (after `load`): its form, the version read,
        the draft; the values to show."""
        self.step = self.form_of(record)
        saved = self.initial_values(record)
        draft = self.draft_shown(record, self.step_id)
        values = {**saved, **draft}
        if self.editable:
            values = with_defaults(self.step, values)  # « Pays » : France, until saved
        self._last_draft = dict(values)
        # The version read: a save from an older window never silently replaces a newer one.
        self.version: int | None = record.version
        self._conflict_open = False
        # Before the Header is mounted: it shows it from its first frame, with no update later.
        self.sub_title = self.sub_title_text()
        return values

    def compose_form(self, record: DossierRecord, values: dict) -> ComposeResult:
        """What the scrolling form holds: the site's page title, what follows the step before
        (`after_texts`), heading, texts, fields, slots, the ANEF buttons."""
        if self.shows_page_title():
            yield page_title(self.procedure)
        yield from self.compose_after_previous()
        yield Static(self.heading_text(), classes="step-heading", markup=False)
        if not self.editable:
            yield Static(self.read_only_notice(record), classes="notice")
        yield from self.compose_intro()
        if getattr(self.step, "download_label", None):
            # « TÉLÉCHARGER LA LISTE DES PIÈCES JUSTIFICATIVES. » (first application, étape 4)
            yield Button(self.step.download_label, id="download")
        group = None
        for section in self.step.sections:
            yield from section_heading(section, group)
            group = section.group or group
            for paragraph in section.app_help:
                yield app_help(paragraph)
            for field in section.fields:
                yield FieldBlock(
                    field,
                    values.get(field.id),
                    editable=self.editable,
                    shown=is_visible(field, values, record.answers),
                )
            for slot in getattr(self.step, "slots", []):
                # A slot the site does not show on this screen (renewal: identité, entrée
                # régulière, listed by the annex only) is not shown here either.
                if slot.section == section.id and slot.shown_on_screen:
                    yield SlotWidget(slot, self._slot_files(slot.id), editable=self.editable,
                                     exportable=self.services.files_exportable)
        # The four ANEF buttons, as the step shows them (the first application's
        # « Votre situation » has neither « Revenir » nor « Quitter »).
        # A filed dossier is read: no « Abandonner », no save, the ways on instead.
        nav = self.procedure.nav
        with Horizontal(classes="nav"):
            if getattr(self.step, "show_back", True):
                yield Button(f"< {nav.back}", id="previous")
            if self.editable:
                yield Button(nav.abandon, id="abandon", variant="error")
        with Horizontal(classes="nav"):
            if not self.editable:
                yield from self.filed_buttons()
            else:
                if getattr(self.step, "show_save_later", True):
                    yield Button(nav.save_later, id="later")
                label = getattr(self.step, "submit_label", None) or nav.save_continue
                yield Button(f"{label} >", id="next", variant="primary")

    def previous_step(self):
        """The step before this one (None for the first, and for the profile)."""
        number = getattr(self.step, "number", None)
        return next((s for s in self.procedure.steps if number and s.number == number - 1),
                    None)

    def compose_after_previous(self) -> ComposeResult:
        """What the site shows at the top of the step after one with `after_texts` (first
        application, étape 2: « Merci, nous avons bien pris en compte votre situation. »,
        « Modifier ma situation », « Votre démarche en ligne est à 20% terminée », the
        documents to prepare and the list's download; seed 002 l. 251-268, 320-352)."""
        previous = self.previous_step()
        if previous is None or not previous.after_texts:
            return
        texts = previous.after_texts
        split = next(
            (i for i, line in enumerate(texts) if i and not line.startswith("- ")), len(texts)
        )
        yield Static(paragraphs(texts[:split]), classes="intro-strong", markup=False)
        if previous.revise_label:
            yield Button(previous.revise_label, id="revise")
        if texts[split:]:
            yield Static(paragraphs(texts[split:]), classes="intro-strong", markup=False)
        if previous.after_download_label:
            yield Button(previous.after_download_label, id="download")

    @on(Button.Pressed, "#revise")
    async def _revise(self) -> None:
        """« Modifier ma situation »: the step before, what is typed here kept as a draft."""
        previous = self.previous_step()
        if previous is not None and not self._changing_step and self.save_draft() is not False:
            await self.go(previous.id)

    def compose_intro(self) -> ComposeResult:
        """The step's own intro paragraphs (the site's text; the profile overrides this)."""
        for paragraph in getattr(self.step, "intro", []):
            yield Static(paragraph, classes="intro", markup=False)

    @on(Button.Pressed, "#download")
    def _download(self) -> None:
        self.make_documents_list()

    def _slot_files(self, slot_id: str) -> list[FileView]:
        return file_views(self.services.attachments.list(self.dossier_id, slot_id))

    def sub_title_text(self) -> str:
        return f"{self.procedure.short_label} — Étape {self.step.number} : {self.step.title}"

    async def on_mount(self) -> None:
        await self._enter_step(in_place=False)
        if self.AUTO_FOCUS == "":
            # After that focus (also a call_later): Textual's default for later resumes.
            self.app.call_later(setattr, self, "AUTO_FOCUS", None)
        if self.editable:
            self.set_interval(DRAFT_INTERVAL, self.autosave)

    async def _enter_step(self, *, in_place: bool) -> Widget:
        """The step's form just mounted: the fields shown by the answers, the buttons of a
        filed dossier disabled, the focus on the first field (returned)."""
        await self._update_visibility()
        # A form opened with answers already there (copied from the profile or an earlier
        # dossier, a draft): the first required field still empty, not 8 Tabs away.
        target = first_to_fill(self.step, self.current_values(), self.record.answers)
        blocks = [b for b in self.query(FieldBlock) if b.display]
        first = next(
            (w for b in blocks if b.field.id == target and (w := b.first_focusable())), None
        ) or next((w for b in blocks if (w := b.first_focusable())), None)
        if first is None:
            # A filed dossier: the form itself, whose arrows scroll what was filed (the
            # focus was left on the hidden error summary, out of sight).
            first = (self.query_one("#next", Button) if self.editable
                     else self.query_one("#form", VerticalScroll))
        if in_place:
            # At once, not at Textual's next turn (`focus` is a call_later): the keys typed
            # right after Ctrl+S wait in the App's queue behind the step change (a priority
            # binding, `base.py`) and go to this field, not to the form just removed.
            self.set_focus(first, scroll_visible=False)
        else:
            first.focus()
        return first

    def _center(self, widget: Widget) -> None:
        """What Textual does after focusing a widget of a new screen (`Screen.set_focus`)."""
        if self.focused is widget and not self.can_view_entire(widget):
            self.scroll_to_center(widget, animate=False, origin_visible=True)

    def current_values(self) -> dict:
        return {block.field.id: block.get_value() for block in self.query(FieldBlock)}

    async def _update_visibility(self) -> None:
        values = self.current_values()
        answers = self.record.answers
        for block in self.query(FieldBlock):
            await block.show(is_visible(block.field, values, answers))

    async def on_radio_set_changed(self) -> None:
        if not self._changing_step:  # the new step's own visibility is set once it is in
            await self._update_visibility()

    @on(Input.Blurred)
    def _address_typed(self, event: Input.Blurred) -> None:
        """Leaving « Adresse » with « 20 Rue Nationale 59000 Lille »: its empty « Numéro de
        voie », « Voie », « Code postal », « Ville » are filled (domain/address.py), as the
        site's address suggestion fills them; said in anef-tui's voice."""
        if not self.editable or event.input.id is None:
            return
        if not is_address(self.step, event.input.id.removeprefix("f-")):
            return
        filled = address_suggestions(self.step, self.current_values(), self.record.answers)
        for field_id, value in filled.items():
            self.query_one(f"#f-{field_id}", Input).value = value
        if filled:
            self.notify(suggestion_note(self.step, filled), timeout=6)

    # -- saving ------------------------------------------------------------------------
    def show_problems(self, problems: list[Problem]) -> None:
        self.show_form_problems(problems, self.query_one("#errors", ErrorSummary))

    async def action_save_continue(self) -> None:  # type: ignore[override]
        # Async: the change of step in place (`go`: remove and mount the form) is awaited.
        if not self.editable or self._changing_step:
            return
        # The same check as the plain mode's (domain/form_check.py): the whole dossier.
        values, problems = check_form(
            self.procedure,
            self.step_id,
            self.current_values(),
            answers=self.services.dossiers.get(self.dossier_id).answers,
            today=self.services.today(),
        )
        problems += self._slot_problems()
        self.show_problems(problems)
        if problems:
            return
        await self._save_and_continue(values)

    async def _save_and_continue(self, values: dict) -> None:
        from anef_tui.store.db import ConflictError

        try:
            self.version = self.save_values(values, self._applicant_name(values), self.version)
        except ConflictError as exc:
            self._resolve_conflict(
                str(exc), then=lambda: self.call_later(self._save_and_continue, values))
            return
        self._last_draft = self.current_values()
        await self.go(self.return_to or flow.next_position(self.procedure, self.step_id))

    async def action_previous(self) -> None:  # type: ignore[override]
        if self._changing_step:
            return
        previous = flow.previous_position(self.procedure, self.position)
        if self.save_draft() is False:
            return  # changed in another window: the user chooses first
        if previous is None:
            self.notify("Vous êtes au début de la démarche.", severity="warning")
            return
        await self.go(previous)

    # -- moving on: another form step is shown in this same screen ----------------------
    async def go(self, position: str | None, **options) -> None:
        """`goto`, but another form step of the dossier replaces this one's form in this
        screen: no new screen (Header, Footer, a whole restyle) and no old one to remove, at
        or below the cost of Textual pushing a bare form (bench/step.py)."""
        if (position is None or type(self) is not StepScreen
                or not flow.is_form_step(self.procedure, position)):
            self.goto(position, **options)
            return
        self._changing_step = True
        try:
            self.position = self.step_id = position
            self.return_to = options.get("return_to")
            record = self.load()
            values = self._read_step(record)
            self.query_one(ProgressBar).show(self.procedure, position)
            self.query_one("#errors", ErrorSummary).display = False
            form = self.query_one("#form", VerticalScroll)
            form.scroll_to(y=0, animate=False, immediate=True)
            await form.remove_children()
            await form.mount_all(compose(form, self.compose_form(record, values)))
            first = await self._enter_step(in_place=True)
            # Brought into sight as Textual does for a new screen's focus (centred, unless
            # seen whole), once the new form is laid out: now it would use the old layout.
            self.call_after_refresh(self._center, first)
        finally:
            self._changing_step = False

    def _slot_problems(self) -> list[Problem]:
        """A required document needs at least one file before the step can be saved."""
        slots = getattr(self.step, "slots", [])
        counts = self.services.attachments.counts(self.dossier_id) if slots else {}
        return [
            Problem(
                slot.id,
                slot.title,
                f"« {slot.title} » : joignez au moins un fichier (Entrée sur « Joindre un "
                "document »).",
            )
            for slot in slots
            if slot.required and counts.get(slot.id, 0) == 0
        ]

    # -- attachments (SlotActions does the rest) ---------------------------------------
    def slot_attach(self, slot, path: Path | MemoryFile):
        return self.services.attachments.attach(
            self.dossier_id, slot.id, path, max_files=slot.max_files, slot_title=slot.title
        )

    def slot_files(self, slot):
        return self.services.attachments.list(self.dossier_id, slot.id)

    def slot_remove(self, slot, attachment_id: int) -> None:
        self.services.attachments.remove(attachment_id)

    def slots_editable(self) -> bool:
        return self.editable

    def _applicant_name(self, values: dict) -> str | None:
        return roles.display_name(self.step.fields(), values)

    # -- navigation --------------------------------------------------------------------
