"""Étape « Dépôt de la demande »: check every answer and file, then file the application.

Each section has a « Modifier » button that opens its step and comes back here once saved.
« Déposer la demande » asks for an explicit confirmation: it cannot be undone.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll

from anef_tui.domain import flow
from anef_tui.domain.filing import filing_note, filing_question
from anef_tui.domain.form_check import depot_check
from anef_tui.domain.summary import summary
from anef_tui.ui.screens.base import DossierScreen, ErrorSummary, ProgressBar, page_title
from anef_tui.ui.widgets.fields import FieldBlock, app_help
from anef_tui.ui.widgets.footer import Footer
from anef_tui.ui.widgets.header import Header
from anef_tui.ui.widgets.plain import Button, Static, headed


class DepotScreen(DossierScreen):
    BINDINGS = [
        Binding("ctrl+s,f2", "save_continue", "Déposer", id="dossier.next",
                tooltip="Déposer la demande"),
        # Filed: never « Déposer » again; the same keys show the confirmation.
        Binding("ctrl+s,f2", "view_next", "Suivante", id="dossier.view_next",
                tooltip="Étape suivante (dossier déposé : rien n'est modifié)"),
    ]

    def compose(self) -> ComposeResult:
        record = self.load()
        self.step = self.procedure.step(self.position)
        files: dict[str, list[str]] = {}
        for attachment in self.services.attachments.list(self.dossier_id):
            files.setdefault(attachment.slot_id, []).append(attachment.original_name)
        values = {
            **record.answers.get(self.position, {}),
            **self.draft_shown(record, self.position),
        }
        self._last_draft = dict(values)
        yield Header(show_clock=False, icon="")
        yield ProgressBar(self.procedure, self.position)
        with VerticalScroll(id="form"):
            yield ErrorSummary("", id="errors")
            yield page_title(self.procedure)
            if self.step.heading:  # seed 002's dépôt has none
                yield Static(self.step.heading, classes="step-heading", markup=False)
            if not self.editable:
                yield Static(self.read_only_notice(record), classes="notice")
            for paragraph in self.step.intro:
                yield Static(paragraph, classes="intro", markup=False)
            # Not on the site (its dépôt step has no summary): anef-tui's own, in its voice —
            # its headings too; under them, the site's section names and labels.
            yield app_help(
                "vos réponses, étape par étape, pour les vérifier avant le dépôt (« Modifier » "
                "rouvre l'étape)."
                if self.editable else "vos réponses, étape par étape, telles qu'elles ont été "
                "déposées."
            )
            shown_steps: set[str] = set()
            for section in summary(self.procedure, record.answers, files, until=self.position):
                if section.step_id not in shown_steps:
                    shown_steps.add(section.step_id)
                    with Horizontal(classes="summary-step"):
                        yield app_help(
                            f"vos réponses de l'étape {section.step_number} "
                            f"« {section.step_title} » :",
                            classes="summary-step-title",
                        )
                        if self.editable:
                            yield Button(
                                "Modifier", id=f"edit-{section.step_id}", classes="edit"
                            )
                yield Static(section.title, classes="summary-title", markup=False)
                yield Static(
                    "\n".join(f"{r.label} : {r.value}" for r in section.rows),
                    classes="summary-rows",
                    markup=False,
                )
            for part in self.step.sections:
                for paragraph in part.intro:
                    yield Static(paragraph, classes="intro", markup=False)
                for field in part.fields:
                    yield FieldBlock(field, values.get(field.id), editable=self.editable)
            # The procedure's own words for its buttons (`[nav]`, the step's `submit_label`).
            nav = self.procedure.nav
            with Horizontal(classes="nav"):
                yield Button(f"< {nav.back}", id="previous")
                if self.editable:
                    yield Button(nav.abandon, id="abandon", variant="error")
            with Horizontal(classes="nav"):
                if not self.editable:
                    # Filed: never « Déposer la demande » again (it did nothing, silently).
                    yield from self.filed_buttons()
                else:
                    yield Button(nav.save_later, id="later")
                    yield Button(f"{self.procedure.submit_label(self.step)} >", id="next",
                                 variant="primary")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = f"{self.procedure.short_label} — Étape {self.step.number} : {self.step.title}"
        self.query_one("#errors").display = False
        self.query_one("#form", VerticalScroll).focus()

    def current_values(self) -> dict:
        return {b.field.id: b.get_value() for b in self.query(FieldBlock)}

    def save_draft(self) -> None:
        if not self.editable or not self.is_mounted:
            return
        values = self.current_values()
        if values != self._last_draft:
            self.services.dossiers.save_draft(self.dossier_id, self.position, values)
            self._last_draft = values

    @on(Button.Pressed, ".edit")
    def _edit(self, event: Button.Pressed) -> None:
        step_id = (event.button.id or "").removeprefix("edit-")
        self.save_draft()
        self.goto(step_id, return_to=self.position)

    def action_save_continue(self) -> None:
        from anef_tui.ui.screens.dialogs import ConfirmScreen

        if not self.editable:
            return
        # The same check as the plain mode's dépôt (domain/form_check.py).
        values, problems, missing = depot_check(
            self.procedure, self.position, self.current_values(),
            answers=self.services.dossiers.get(self.dossier_id).answers,
            today=self.services.today(),
        )
        messages = [p.message for p in problems]
        messages += [
            f"L'étape « {step.title} » n'a pas été validée : ouvrez-la avec « Modifier » et "
            "utilisez « Enregistrer et poursuivre »."
            for step in missing
        ]
        errors = self.query_one("#errors", ErrorSummary)
        if messages:
            errors.update(headed("Avant de déposer :", [f"• {m}" for m in messages]))
            errors.display = True
            self.query_one("#form", VerticalScroll).scroll_home(animate=False)
            errors.focus()
            return
        errors.display = False

        def confirmed(ok: bool | None) -> None:
            if not ok:
                return
            confirmation = flow.next_position(self.procedure, self.position)
            self.services.dossiers.save_step(
                self.dossier_id, self.position, values, next_step=confirmation
            )
            numero = self.services.dossiers.file_dossier(
                self.dossier_id, filed_at=self.services.clock(), current_step=confirmation
            )
            self.app.notify(f"Demande déposée : N° de la demande {numero}.", timeout=6)
            self.goto(confirmation)

        label = self.procedure.submit_label(self.step)
        self.app.push_screen(
            ConfirmScreen(
                label,
                " ".join(filing_question(self.procedure, self.step)),
                confirm_label=label,
                danger=False,
                app_note=filing_note(self.procedure, self.step),
            ),
            confirmed,
        )

