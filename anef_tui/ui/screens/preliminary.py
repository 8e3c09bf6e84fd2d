"""The screens before the numbered steps: « Je sollicite… pour : », « Votre situation
actuelle », the préambule (renewal) and the profile choice (first application).

Every choice of the real site is shown; those anef-tui does not cover say so and cannot be
continued with.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import RadioSet

from anef_tui.domain import flow
from anef_tui.ui.format import paragraphs
from anef_tui.ui.screens.base import DossierScreen, ProgressBar, page_title
from anef_tui.ui.widgets.choice import Choice, ChoiceSet
from anef_tui.ui.widgets.footer import Footer
from anef_tui.ui.widgets.header import Header
from anef_tui.ui.widgets.plain import Button, ErrorLine, Static


class PreliminaryScreen(DossierScreen):
    # Ctrl+S is the screen's button (« Je continue », « Je commence »: the procedure's words,
    # `button`), named in the footer by the app's own short word, as on the steps.

    def compose(self) -> ComposeResult:
        record = self.load()
        self.prelim = next(p for p in self.procedure.preliminaries if p.id == self.position)
        saved = self.prelim.choice_of(record.answers.get(self.position, {}).get("choix"))
        yield Header(show_clock=False, icon="")
        yield ProgressBar(self.procedure, self.position)
        with VerticalScroll(id="form"):
            yield ErrorLine(id="errors")
            if self.prelim.page_title:
                yield page_title(self.procedure)
            yield Static(self.prelim.heading, classes="step-heading", markup=False)
            if self.prelim.text:
                yield Static(paragraphs(self.prelim.text), classes="intro", markup=False)
            main = [c for c in self.prelim.choices if not c.in_section]
            other = [c for c in self.prelim.choices if c.in_section]
            if main:
                with ChoiceSet(id="choices-main", classes="choices"):
                    for choice in main:
                        yield Choice(choice.label, value=choice is saved)
            if other:
                yield Static(self.prelim.section_label or "", classes="section-title")
                with ChoiceSet(id="choices-other", classes="choices"):
                    for choice in other:
                        yield Choice(choice.label, value=choice is saved)
            yield Static("", id="note", classes="notice")
            if self.prelim.show_steps:
                yield Static(self.prelim.steps_heading or "", classes="section-title")
                lines = [
                    f"{s.number}. {s.title}" + (f" — {s.description}" if s.description else "")
                    for s in self.procedure.steps
                ]
                yield Static("\n".join(lines), classes="intro", markup=False)
            if self.prelim.after_text:
                yield Static(paragraphs(self.prelim.after_text), classes="intro", markup=False)
            if self.prelim.download_label:
                yield Button(self.prelim.download_label, id="download")
            with Horizontal(classes="nav"):
                if self.prelim.secondary_buttons and self.editable:
                    # The words of the procedure's own buttons (`[nav]`), as on its steps.
                    yield Button(self.procedure.nav.abandon, id="abandon", variant="error")
                    yield Button(self.procedure.nav.save_later, id="later")
                elif not self.editable:
                    yield Button("Retour à Mes dossiers", id="home")
                yield Button(self.prelim.button, id="next", variant="primary")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = f"{self.procedure.short_label} — {self.prelim.heading}"
        self.query_one("#errors").display = False
        self._show_note()
        focus = self.query(".choices").first() if self.query(".choices") else None
        (focus or self.query_one("#next", Button)).focus()

    def chosen(self) -> str | None:
        for radio_set in self.query(RadioSet):
            if radio_set.pressed_button is not None:
                return str(radio_set.pressed_button.label)
        return None

    @on(RadioSet.Changed)
    def _changed(self, event: RadioSet.Changed) -> None:
        # The two lists behave as one group of radio buttons.
        for radio_set in self.query(RadioSet):
            if radio_set is not event.radio_set and radio_set.pressed_button is not None:
                radio_set.pressed_button.value = False
        self._show_note()

    def _show_note(self) -> None:
        note = self.query_one("#note", Static)
        label = self.chosen()
        choice = next((c for c in self.prelim.choices if c.label == label), None)
        text = choice.note if choice is not None and not choice.in_scope else None
        note.update(text or "")
        note.display = bool(text)

    def _error(self, message: str) -> None:
        errors = self.query_one("#errors", Static)
        errors.update(message)
        errors.display = True
        self.query_one("#form", VerticalScroll).scroll_home(animate=False)

    def action_save_continue(self) -> None:
        values = {}
        if self.prelim.choices:
            label = self.chosen()
            choice = next((c for c in self.prelim.choices if c.label == label), None)
            if choice is None:
                self._error(f"« {self.prelim.heading} » : choisissez une des réponses proposées.")
                return
            if not choice.in_scope:
                self._error(choice.note or "Cette démarche n'est pas couverte par anef-tui.")
                return
            values = {"choix": choice.value}
        next_position = flow.next_position(self.procedure, self.position)
        if self.editable:
            self.services.dossiers.save_step(
                self.dossier_id, self.position, values, next_step=next_position
            )
        self.goto(next_position)

    @on(Button.Pressed, "#download")
    def _download(self) -> None:
        self.make_documents_list()
