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

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll

from anef_tui.domain import roles
from anef_tui.domain.complement import request_line, requested_documents
from anef_tui.domain.text import SITE_LINK
from anef_tui.oserrors import error_text
from anef_tui.ui.delivery import list_handed
from anef_tui.ui.screens.base import ErrorSummary, ProgressBar
from anef_tui.ui.screens.followup_common import days_words, fr
from anef_tui.ui.screens.form_problems import FormProblems
from anef_tui.ui.screens.guarded import Screen
from anef_tui.ui.screens.slots import NotificationSlots, file_views
from anef_tui.ui.widgets.fields import FieldBlock, app_help, section_heading
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
        # Étape 4 as the site shows it again (seed 002 l. 1020-1140): its texts, what was
        # filed (each value and file with the site's « ✖ Supprimer », marked as the site's:
        # they stay as filed here), the documents asked for taking new files.
        with VerticalScroll(id="form"):
            yield ErrorSummary("", id="errors", classes="error-line")
            yield Static(step.heading, classes="step-heading", markup=False)
            deadline = (
                f" ; déposez les compléments avant le {fr(n.deadline)} "
                f"({days_words(n.deadline, today)})" if n.deadline else ""
            )
            yield app_help(
                f"demande de pièces complémentaires reçue le {fr(n.received_on)}{deadline}. "
                "Ce qui a été déposé avec la demande reste tel quel (« ✖ Supprimer », lien du "
                "site, le retire sur le site de l'ANEF) ; joignez les documents demandés, "
                "puis « Déposer les compléments ».",
                classes="notice",
            )
            for paragraph in step.intro:
                yield Static(paragraph, classes="intro", markup=False)
            if step.download_label:
                yield Button(step.download_label, id="download")
            group = None
            for section in step.sections:
                yield from section_heading(section, group)
                group = section.group or group
                for field in section.fields:
                    if field.confirm_of or not answers.get(field.id):
                        continue
                    yield from self._filed_value(field, answers[field.id])
                for slot in step.slots_in(section):
                    yield from self._slot(slot, asked)
            # A document asked for that is not on this step (an older catalogue): still
            # answerable.
            base_ids = {slot.id for slot in step.slots}
            for slot_id, (doc, state) in asked.items():
                if slot_id in base_ids:
                    continue
                new = self.complement_slot(step.slots[0], doc["slot_id"], doc["title"])
                yield SlotWidget(new, self.slot_file_views(new), editable=True,
                                 exportable=self.services.files_exportable,
                                 request=f"demandé : {request_line(doc, state)}.")
            yield from self._observations(procedure, record)
            with Horizontal(classes="nav"):
                yield Button(f"< {procedure.nav.back}", id="previous")
                yield Button("Déposer les compléments", id="deposit", variant="primary")
        yield Footer()

    def _filed_value(self, field, value) -> ComposeResult:
        """« Numéro ephoto (22 chiffres) * : », the number filed, « ✖ Supprimer le numéro
        ephoto » (the site's, marked: the value stays as filed)."""
        yield Static(f"{field.label}{' *' if field.required else ''} :", classes="field-label",
                     markup=False)
        yield Static(str(value), classes="readonly", markup=False)
        if field.remove_label:
            yield Static(f"{SITE_LINK} {field.remove_label}", classes="site-link",
                         markup=False)

    def _slot(self, slot, asked: dict) -> ComposeResult:
        filed = file_views(self.services.attachments.list(self.dossier_id, slot.id))
        if slot.id in asked:
            doc, state = asked[slot.id]
            # The new files, in the complément's own slot, under the step's title, « * » and
            # accepted documents.
            new = self.complement_slot(slot, doc["slot_id"], slot.title).model_copy(
                update={"required": slot.required, "accepted": slot.accepted})
            yield SlotWidget(new, self.slot_file_views(new), editable=True,
                                 exportable=self.services.files_exportable, filed=filed,
                             request=f"demandé : {request_line(doc, state)}.")
        elif filed:
            yield SlotWidget(slot, [], editable=False, filed=filed)
        # Neither asked nor filed (an optional document left empty): the site does not show
        # it again (seed 002 l. 1052-1057: no « Justificatif d'entrée régulière »).

    def _observations(self, procedure, record) -> ComposeResult:
        """« Observations à destination de l'administration : » (seed 002 l. 1097): the
        dépôt's, as filed."""
        depot = procedure.step_of_kind("depot")
        if depot is None:
            return
        filed = record.answers.get(depot.id, {})
        for field in depot.fields():
            yield FieldBlock(field, filed.get(field.id), editable=False)
        yield app_help("les observations déposées avec la demande ; sur le site, ce champ "
                       "peut accompagner les compléments.")

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

    @on(Button.Pressed, "#download")
    def _download(self) -> None:
        self.make_documents_list()

    @work(thread=True, group="pdf")
    def make_documents_list(self) -> None:
        """« TÉLÉCHARGER LA LISTE DES PIÈCES JUSTIFICATIVES. »: the PDF, made locally."""
        handout = self.services.hand_pdf("liste", self.dossier_id)
        self.app.call_from_thread(list_handed, self.app, handout, self.services.list_saved())
