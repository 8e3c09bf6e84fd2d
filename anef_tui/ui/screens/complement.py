"""« Reprendre ma demande »: a first application's complément, answered as on the ANEF.

The e-mail of the administration lists the documents it needs (« « JUSTIFICATIF_IDENTITE »
(Document manquant) : veuillez joindre un autre document ») and gives 15 days from receipt.
« Reprendre ma demande » reopens étape 4 « Justificatifs » with the files already there; the
user joins the documents asked for and ends with « Déposer les compléments ».

The files filed with the application stay as they were (they are the record of what was
filed); the new ones are kept with the complément (store/followup.py), through the same
checks as any attachment.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll

from anef_tui.domain import roles
from anef_tui.domain.complement import request_line, requested_documents
from anef_tui.oserrors import error_text
from anef_tui.ui.screens.base import ErrorSummary, ProgressBar
from anef_tui.ui.screens.followup_common import days_words, fr
from anef_tui.ui.screens.form_problems import FormProblems
from anef_tui.ui.screens.guarded import Screen
from anef_tui.ui.screens.slots import NotificationSlots, file_views
from anef_tui.ui.widgets.footer import Footer
from anef_tui.ui.widgets.header import Header
from anef_tui.ui.widgets.plain import Button, Static
from anef_tui.ui.widgets.slot import SlotWidget


class ResumeApplicationScreen(FormProblems, NotificationSlots, Screen):
    """Étape 4 « Justificatifs » of a filed first application, reopened for a complément."""

    BINDINGS = [
        Binding("ctrl+s", "deposit", "Déposer", id="resume.deposit",
                tooltip="Déposer les compléments"),
        Binding("f2", "deposit", "Déposer", show=False, id="resume.deposit_f2",
                tooltip="Déposer les compléments"),
        Binding("f3", "back", "Revenir", id="resume.back",
                tooltip="Revenir à la notification sans déposer"),
        Binding("escape", "back", "Revenir", show=False, id="resume.back_escape",
                tooltip="Revenir à la notification sans déposer"),
    ]

    def __init__(self, notification_id: int, dossier_id: int) -> None:
        super().__init__()
        self.notification_id = notification_id
        self.dossier_id = dossier_id

    def compose(self) -> ComposeResult:
        n = self.services.followup.get(self.notification_id)
        record = self.services.dossiers.get(self.dossier_id)
        procedure = self.services.catalogue[record.summary.procedure]
        # The step the procedure's follow-up policy reopens (`[followup] complement_step`).
        step = roles.step(procedure, procedure.followup.complement_step or roles.JUSTIFICATIFS)
        asked = {doc["slot_id"].lower(): (doc, state) for doc, state in requested_documents(n.data)}
        self.asked = asked
        today = self.services.today()
        answers = record.answers.get(step.id, {})
        yield Header(show_clock=False, icon="")
        yield ProgressBar(procedure, step.id)
        with VerticalScroll(id="form"):
            yield ErrorSummary("", id="errors", classes="error-line")
            yield Static(step.heading, classes="step-heading", markup=False)
            deadline = (
                f" Déposez les compléments avant le {fr(n.deadline)} "
                f"({days_words(n.deadline, today)})." if n.deadline else ""
            )
            yield Static(
                f"Demande de pièces complémentaires reçue le {fr(n.received_on)}.{deadline} "
                "Les documents déjà déposés restent dans la demande ; joignez les documents "
                "demandés, puis « Déposer les compléments ».",
                classes="notice", markup=False,
            )
            for paragraph in step.intro:
                yield Static(paragraph, classes="intro", markup=False)
            group = None
            for section in step.sections:
                if section.group and section.group != group:
                    group = section.group
                    yield Static(group, classes="group-title", markup=False)
                if section.title:
                    yield Static(section.title, classes="section-title", markup=False)
                for field in section.fields:
                    if field.confirm_of or not answers.get(field.id):
                        continue
                    yield Static(f"{field.label} : {answers[field.id]}", classes="readonly",
                                 markup=False)
                for slot in step.slots_in(section):
                    filed = file_views(self.services.attachments.list(self.dossier_id, slot.id))
                    if slot.id not in asked:
                        yield SlotWidget(slot, filed, editable=False)
                        continue
                    doc, state = asked[slot.id]
                    yield Static(f"Demandé — {request_line(doc, state)}", classes="notice",
                                 markup=False)
                    if filed:
                        names = ", ".join(f.name for f in filed)
                        yield Static(f"Déjà déposé avec la demande : {names}",
                                     classes="intro", markup=False)
                    new = self.complement_slot(slot, doc["slot_id"], slot.title)
                    yield SlotWidget(new, self.slot_file_views(new), editable=True)
            # A document asked for that is not on this step (an older catalogue): still
            # answerable.
            base_ids = {slot.id for slot in step.slots}
            for slot_id, (doc, state) in asked.items():
                if slot_id in base_ids:
                    continue
                yield Static(f"Demandé — {request_line(doc, state)}", classes="notice",
                             markup=False)
                new = self.complement_slot(step.slots[0], doc["slot_id"], doc["title"])
                yield SlotWidget(new, self.slot_file_views(new), editable=True)
            with Horizontal(classes="nav"):
                yield Button(f"< {procedure.nav.back}", id="previous")
                yield Button("Déposer les compléments >", id="deposit", variant="primary")
        yield Footer()

    def on_mount(self) -> None:
        record = self.services.dossiers.get(self.dossier_id)
        self.sub_title = (
            f"{self.services.catalogue[record.summary.procedure].short_label} — Reprendre ma demande"
        )
        self.query_one("#errors").display = False
        attach = self.query(".attach")
        (attach.first() if attach else self.query_one("#deposit", Button)).focus()

    @on(Button.Pressed, "#deposit")
    def action_deposit(self) -> None:
        from anef_tui.ui.screens.dialogs import ConfirmScreen

        problems = self.services.followup.complement_problem_list(self.notification_id, {})
        # As on a step: the summary above, each document's problem under its slot, the
        # first « Joindre un document » in error focused and brought into sight.
        self.show_form_problems(problems, self.query_one("#errors", ErrorSummary))
        if problems:
            return

        def answered(ok: bool | None) -> None:
            if ok:
                self._deposit()

        self.app.push_screen(
            ConfirmScreen(
                "Déposer les compléments",
                "Une fois déposés, les compléments ne peuvent plus être modifiés. Déposer "
                "les compléments ?",
                confirm_label="Déposer les compléments",
                danger=False,
            ),
            answered,
        )

    def _deposit(self) -> None:
        try:
            self.services.followup.send_complement_answer(
                self.notification_id, {}, self.services.today()
            )
        except ValueError as exc:
            self.show_problems(error_text(exc))
            return
        self.app.notify(
            "Compléments enregistrés comme déposés. Faites le même dépôt sur le site de "
            "l'ANEF : « Reprendre ma demande », puis « Déposer les compléments ».",
            timeout=8,
        )
        # Back to « Mes notifications »: this screen and the notification it came from.
        self.app.pop_screen()
        self.app.pop_screen()

    @on(Button.Pressed, "#previous")
    def action_back(self) -> None:
        self.app.pop_screen()
