"""One step of a dossier, rendered from the procedure catalogue.

The screen shows the progress bar, the step's sections and fields, and the four navigation
actions of every ANEF step. Values are validated by the domain when the user asks to
continue, and saved by the store; what is typed meanwhile is kept as a draft every few
seconds so that a crash loses almost nothing.
"""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Static

from anef_tui.domain.catalogue import Procedure, Step, is_visible
from anef_tui.domain.status import DossierStatus
from anef_tui.domain.validation import Problem, validate_step
from anef_tui.store.dossiers import DossierRecord
from anef_tui.ui.widgets.fields import FieldBlock
from anef_tui.ui.widgets.slot import FileView, SlotWidget

DRAFT_INTERVAL = 3.0  # seconds between draft saves while typing


def open_dossier_screen(app: App, dossier_id: int) -> None:
    """Open a dossier where it was left (its last saved step, or the first one)."""
    record = app.store.get(dossier_id)
    procedure = app.catalogue[record.summary.procedure]
    step_id = record.summary.current_step or procedure.steps[0].id
    app.push_screen(StepScreen(dossier_id, step_id))


class ProgressBar(Static):
    """« 1 Informations personnelles › 2 Motif de séjour › … » with the current step marked."""

    def __init__(self, procedure: Procedure, step: Step) -> None:
        parts = []
        for s in procedure.steps:
            if s.id == step.id:
                parts.append(f"[reverse] {s.number} {s.title} [/reverse]")
            elif s.number < step.number:
                parts.append(f"[dim]✓ {s.number}[/dim]")
            else:
                parts.append(f"[dim]{s.number}[/dim]")
        text = " ".join(parts) + f"   [b]Étape {step.number} sur {len(procedure.steps)}[/b]"
        super().__init__(text, id="progress")


class ErrorSummary(Static, can_focus=True):
    """The list of problems at the top of the step; it takes the focus when shown."""


class StepScreen(Screen):
    BINDINGS = [
        Binding("ctrl+s,f2", "save_continue", "Enregistrer et poursuivre", id="step.next"),
        Binding("f3", "previous", "Revenir à l'étape précédente", id="step.prev"),
        Binding("f9", "quit_later", "Quitter et revenir plus tard", id="step.later"),
        Binding("f8", "abandon", "Abandonner la demande", id="step.abandon"),
    ]

    def __init__(self, dossier_id: int, step_id: str) -> None:
        super().__init__()
        self.dossier_id = dossier_id
        self.step_id = step_id
        self._last_draft: dict | None = None

    # -- data --------------------------------------------------------------------------
    @property
    def record(self) -> DossierRecord:
        return self.app.store.get(self.dossier_id)

    def compose(self) -> ComposeResult:
        record = self.record
        self.procedure: Procedure = self.app.catalogue[record.summary.procedure]
        self.step: Step = self.procedure.step(self.step_id)
        self.editable = record.summary.status.editable
        saved = record.answers.get(self.step_id, {})
        draft = record.drafts.get(self.step_id, {}) if self.editable else {}
        values = {**saved, **draft}
        self._last_draft = dict(values)
        yield Header(show_clock=False, icon="")
        yield ProgressBar(self.procedure, self.step)
        with VerticalScroll(id="form"):
            yield ErrorSummary("", id="errors")
            yield Static(self.step.heading, classes="step-heading", markup=False)
            if not self.editable:
                yield Static(
                    f"Ce dossier est « {record.summary.status.label} » : il ne peut plus être "
                    "modifié.",
                    classes="notice",
                )
            for paragraph in self.step.intro:
                yield Static(paragraph, classes="intro", markup=False)
            group = None
            for section in self.step.sections:
                if section.group and section.group != group:
                    group = section.group
                    yield Static(group, classes="group-title", markup=False)
                    for paragraph in section.group_intro:
                        yield Static(paragraph, classes="intro", markup=False)
                if section.title:
                    yield Static(section.title, classes="section-title", markup=False)
                for paragraph in section.intro:
                    yield Static(paragraph, classes="intro", markup=False)
                for field in section.fields:
                    yield FieldBlock(field, values.get(field.id), editable=self.editable)
                for slot in self.step.slots:
                    if slot.section == section.title:
                        yield SlotWidget(slot, self._slot_files(slot.id), editable=self.editable)
            with Horizontal(classes="nav"):
                yield Button("< Revenir à l'étape précédente", id="previous")
                yield Button("Abandonner la demande", id="abandon", variant="error")
            with Horizontal(classes="nav"):
                yield Button("Quitter et revenir plus tard", id="later")
                yield Button("Enregistrer et poursuivre >", id="next", variant="primary")
        yield Footer()

    def _slot_files(self, slot_id: str) -> list[FileView]:
        return [
            FileView(a.id, a.original_name, a.format, a.size, a.pages, a.warnings)
            for a in self.app.attachments.list(self.dossier_id, slot_id)
        ]

    def on_mount(self) -> None:
        self.sub_title = f"{self.procedure.short_label} — Étape {self.step.number} : {self.step.title}"
        self.query_one("#errors", ErrorSummary).display = False
        self._update_visibility()
        if not self.editable:
            for button_id in ("abandon", "next"):
                self.query_one(f"#{button_id}", Button).disabled = True
        first = next(
            (w for b in self.query(FieldBlock) if b.display and (w := b.first_focusable())),
            None,
        )
        (first or self.query_one("#next", Button)).focus()
        if self.editable:
            self.set_interval(DRAFT_INTERVAL, self.save_draft)

    def current_values(self) -> dict:
        return {block.field.id: block.get_value() for block in self.query(FieldBlock)}

    def _update_visibility(self) -> None:
        values = self.current_values()
        answers = self.record.answers
        for block in self.query(FieldBlock):
            block.display = is_visible(block.field, values, answers)

    def on_radio_set_changed(self) -> None:
        self._update_visibility()

    # -- saving ------------------------------------------------------------------------
    def save_draft(self) -> None:
        """Keep what is typed on this step, unvalidated, apart from the saved answers."""
        if not self.editable or not self.is_mounted:
            return
        values = self.current_values()
        if values == self._last_draft:
            return
        self.app.store.save_draft(self.dossier_id, self.step_id, values)
        self._last_draft = values

    def show_problems(self, problems: list[Problem]) -> None:
        summary = self.query_one("#errors", ErrorSummary)
        by_field = {p.field_id: p.message for p in problems}
        for block in self.query(FieldBlock):
            block.set_error(by_field.get(block.field.id))
        if not problems:
            summary.display = False
            return
        count = len(problems)
        head = "Il y a un problème" if count == 1 else f"Il y a {count} problèmes"
        lines = "\n".join(f"• {p.message}" for p in problems)
        summary.update(f"[b]{head} :[/b]\n{lines}")
        summary.display = True
        self.query_one("#form", VerticalScroll).scroll_home(animate=False)
        summary.focus()

    def action_save_continue(self) -> None:
        if not self.editable:
            return
        values, problems = validate_step(
            self.step,
            self.current_values(),
            today=self.app.clock().date(),
            answers=self.record.answers,
        )
        problems += self._slot_problems()
        self.show_problems(problems)
        if problems:
            return
        next_id = self.procedure.next_step_id(self.step_id)
        name = self._applicant_name(values)
        self.app.store.save_step(
            self.dossier_id, self.step_id, values, next_step=next_id, applicant_name=name
        )
        self._last_draft = self.current_values()
        if next_id is None:
            self.notify("Étape enregistrée.")
            return
        self.app.switch_screen(StepScreen(self.dossier_id, next_id))

    def _slot_problems(self) -> list[Problem]:
        """A required document needs at least one file before the step can be saved."""
        counts = self.app.attachments.counts(self.dossier_id) if self.step.slots else {}
        return [
            Problem(
                slot.id,
                slot.title,
                f"« {slot.title} » : joignez au moins un fichier (Entrée sur « Joindre un "
                "document »).",
            )
            for slot in self.step.slots
            if slot.required and counts.get(slot.id, 0) == 0
        ]

    # -- attachments -------------------------------------------------------------------
    @on(SlotWidget.AttachRequested)
    def _attach_requested(self, event: SlotWidget.AttachRequested) -> None:
        from anef_tui.files.checks import slot_limit_message
        from anef_tui.ui.screens.file_picker import FilePickerScreen

        slot = event.slot
        widget = self.query_one(f"#slot-{slot.id}", SlotWidget)
        if not self.editable:
            return
        message = slot_limit_message(len(widget.files) + 1, slot.max_files, slot.title)
        if message:
            widget.show_error(message)
            self.notify(message, severity="warning")
            return

        def picked(path: Path | None) -> None:
            if path is not None:
                self.app.remember_folder(path.parent)
                self._attach_file(slot, path)

        self.app.push_screen(
            FilePickerScreen(self.app.last_folder(), title=f"Joindre : {slot.title}"), picked
        )

    @work(thread=True, exclusive=False, group="attach")
    def _attach_file(self, slot, path: Path) -> None:
        """Check and copy in a worker: the interface never freezes on a big file."""
        from anef_tui.store.attachments import AttachmentError

        try:
            self.app.attachments.attach(
                self.dossier_id, slot.id, path, max_files=slot.max_files, slot_title=slot.title
            )
        except AttachmentError as exc:
            self.app.call_from_thread(self._attach_failed, slot, path, str(exc))
            return
        self.app.call_from_thread(self._refresh_slot, slot, None, f"« {path.name} » joint.")

    @on(SlotWidget.CombineRequested)
    def _combine_requested(self, event: SlotWidget.CombineRequested) -> None:
        from anef_tui.files.checks import slot_limit_message
        from anef_tui.ui.screens.file_picker import FilePickerScreen

        slot = event.slot
        widget = self.query_one(f"#slot-{slot.id}", SlotWidget)
        message = slot_limit_message(len(widget.files) + 1, slot.max_files, slot.title)
        if message:
            widget.show_error(message)
            return

        def picked(paths: list[Path] | None) -> None:
            if paths:
                self.app.remember_folder(paths[-1].parent)
                self._combine_and_attach(slot, paths)

        self.app.push_screen(
            FilePickerScreen(
                self.app.last_folder(), title=f"Assembler en un PDF : {slot.title}", multiple=True
            ),
            picked,
        )

    def _combine_and_attach(self, slot, paths: list[Path]) -> None:
        from anef_tui.files.convert import combine_to_pdf

        name = f"{paths[0].stem}-{len(paths)}-pages.pdf"
        self._attach_derived(
            slot,
            lambda tmp: combine_to_pdf(paths, tmp / name),
            f"{len(paths)} images assemblées en « {name} ».",
        )

    def _attach_failed(self, slot, path: Path, message: str) -> None:
        from anef_tui.files.checks import check_file
        from anef_tui.files.convert import can_convert

        widget = self.query_one(f"#slot-{slot.id}", SlotWidget)
        widget.show_error(message)
        self.notify(message, severity="error", timeout=8)
        if can_convert(check_file(path)):
            self._offer_conversion(slot, path)

    def _offer_conversion(self, slot, path: Path) -> None:
        from anef_tui.ui.screens.dialogs import ConfirmScreen

        def answered(ok: bool | None) -> None:
            if ok:
                self._convert_and_attach(slot, path)

        self.app.push_screen(
            ConfirmScreen(
                "Convertir le fichier",
                f"« {path.name} » peut être converti en JPEG accepté par l'ANEF. L'original "
                "ne sera pas modifié. Convertir et joindre la copie ?",
                confirm_label="Convertir et joindre",
                danger=False,
            ),
            answered,
        )

    def _convert_and_attach(self, slot, path: Path) -> None:
        from anef_tui.files.convert import convert_to_jpeg

        self._attach_derived(
            slot,
            lambda tmp: convert_to_jpeg(path, tmp),
            f"« {path.name} » converti en JPEG et joint.",
        )

    @work(thread=True, group="attach")
    def _attach_derived(self, slot, make_file, note: str) -> None:
        """Make a file (conversion, assembly) in a private temporary folder, then attach it.

        The user's originals are never modified; the made file is copied into the store and
        the temporary folder removed.
        """
        from anef_tui.files.convert import ConversionError
        from anef_tui.store.attachments import AttachmentError

        try:
            with self.app.scratch_dir() as tmp:
                made = make_file(tmp)
                self.app.attachments.attach(
                    self.dossier_id, slot.id, made, max_files=slot.max_files,
                    slot_title=slot.title,
                )
        except (ConversionError, AttachmentError) as exc:
            self.app.call_from_thread(self._refresh_slot, slot, str(exc), None)
            return
        self.app.call_from_thread(self._refresh_slot, slot, None, note)

    async def _refresh_slot(self, slot, error: str | None, note: str | None) -> None:
        widget = self.query_one(f"#slot-{slot.id}", SlotWidget)
        widget.files = self._slot_files(slot.id)
        widget.error = error
        await widget.recompose()
        if note:
            self.notify(note, timeout=4)
        if error:
            self.notify(error, severity="error", timeout=8)
        button = widget.query(".attach").first()
        button.focus()

    @on(SlotWidget.RemoveRequested)
    def _remove_requested(self, event: SlotWidget.RemoveRequested) -> None:
        from anef_tui.ui.screens.dialogs import ConfirmScreen

        slot, file = event.slot, event.file

        async def answered(ok: bool | None) -> None:
            if ok:
                self.app.attachments.remove(file.id)
                await self._refresh_slot(slot, None, f"« {file.name} » supprimé.")

        self.app.push_screen(
            ConfirmScreen(
                "Supprimer le fichier",
                f"Supprimer « {file.name} » de « {slot.title} » ? Le fichier d'origine, sur "
                "votre ordinateur, n'est pas touché.",
                confirm_label="SUPPRIMER",
            ),
            answered,
        )

    def _applicant_name(self, values: dict) -> str | None:
        nom = values.get("nom_naissance")
        prenoms = values.get("prenoms")
        if not nom:
            return None
        first = prenoms[0] if isinstance(prenoms, list) and prenoms else (prenoms or "")
        return f"{str(nom).upper()} {first}".strip()

    # -- navigation --------------------------------------------------------------------
    @on(Button.Pressed, "#next")
    def _next(self) -> None:
        self.action_save_continue()

    @on(Button.Pressed, "#previous")
    def action_previous(self) -> None:
        previous = self.procedure.previous_step_id(self.step_id)
        self.save_draft()
        if previous is None:
            self.notify("Vous êtes à la première étape.", severity="warning")
            return
        self.app.switch_screen(StepScreen(self.dossier_id, previous))

    @on(Button.Pressed, "#later")
    def action_quit_later(self) -> None:
        self.save_draft()
        self.app.pop_screen()
        self.app.notify("Saisie enregistrée : vous pourrez reprendre ce dossier plus tard.")

    @on(Button.Pressed, "#abandon")
    def action_abandon(self) -> None:
        from anef_tui.ui.screens.dialogs import ConfirmScreen

        if not self.editable:
            return

        def confirmed(ok: bool | None) -> None:
            if ok:
                self.app.store.abandon(self.dossier_id)
                self.app.pop_screen()
                self.app.notify("La demande a été abandonnée.")

        self.app.push_screen(
            ConfirmScreen(
                "Abandonner la demande",
                "Abandonner cette demande ? Ses réponses et ses pièces jointes seront "
                "supprimées de cet ordinateur. Cette action est définitive.",
                confirm_label="Abandonner la demande",
            ),
            confirmed,
        )

    def is_filed(self) -> bool:
        return self.record.summary.status is not DossierStatus.BROUILLON
