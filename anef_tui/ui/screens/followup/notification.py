"""One notification, opened: its texts, the official document, the certificate checklist,
a complément's answer (document by document) or « Reprendre ma demande »."""

from __future__ import annotations

from datetime import date

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll

from anef_tui.domain.complement_answers import answer_field_ids, choice_of
from anef_tui.domain.deadlines import prolongation_warning
from anef_tui.domain.notification_deadlines import checklist_due_lines
from anef_tui.domain.notification_form import checklist_fields, read_checklist
from anef_tui.domain.notification_kinds import frame, kinds
from anef_tui.domain.notifications import (
    MAINTENIR,
    METTRE_A_JOUR,
    fill,
    has_official_document,
    kind_lines,
    official_document_title,
)
from anef_tui.oserrors import error_text
from anef_tui.ui.delivery import Handout, hand_over
from anef_tui.ui.screens.base import ErrorSummary
from anef_tui.ui.screens.donnees import DonneesKey, donnees_binding
from anef_tui.ui.screens.followup.complement_view import SITE_LINK, ComplementView
from anef_tui.ui.screens.followup_common import (
    DRAFT_INTERVAL,
    days_words,
    fr,
    prolongation_alert,
)
from anef_tui.ui.screens.form_problems import FormProblems
from anef_tui.ui.screens.guarded import Screen
from anef_tui.ui.screens.slots import NotificationSlots
from anef_tui.ui.sight import keep_in_sight, show_from_the_top
from anef_tui.ui.widgets.choice import ChoiceSet
from anef_tui.ui.widgets.fields import FieldBlock, app_help
from anef_tui.ui.widgets.footer import Footer
from anef_tui.ui.widgets.header import Header
from anef_tui.ui.widgets.plain import Button, Static
from anef_tui.ui.widgets.slot import SlotWidget


class NotificationScreen(FormProblems, ComplementView, NotificationSlots, DonneesKey, Screen):
    # The blocks shown by « Maintenir » / « Mettre à jour » take the height of what they
    # hold: a Vertical is 1fr high by default, which in the scrolling form drew a blank line.
    DEFAULT_CSS = """
    NotificationScreen .keep, NotificationScreen .update { height: auto; }
    """

    BINDINGS = [
        Binding("ctrl+s", "send", "Valider", id="notification.send",
                tooltip="Valider et envoyer / Enregistrer"),
        # A first application's complément: the same key opens the Justificatifs step.
        Binding("ctrl+s", "resume", "Reprendre", id="notification.resume",
                tooltip="Reprendre ma demande"),
        Binding("escape", "close", "Notifications", id="notification.close",
                tooltip="< RETOUR A TOUTES MES NOTIFICATIONS"),
        donnees_binding("notification"),
    ]

    def __init__(self, notification_id: int, dossier_id: int) -> None:
        super().__init__()
        self.notification_id = notification_id
        self.dossier_id = dossier_id
        # This screen's main action: « Reprendre ma demande », or « Valider et envoyer ».
        self.resumes = self.sends = False

    def notification(self):
        return self.services.followup.get(self.notification_id)

    def compose(self) -> ComposeResult:
        n = self.notification()
        self.kind = n.kind
        kind = kinds().get(n.kind)
        self.documents = bool(kind and kind.documents)
        record = self.services.dossiers.get(self.dossier_id)
        today = self.services.today()
        yield Header(show_clock=False, icon="")
        with VerticalScroll(id="form"):
            yield ErrorSummary("", id="errors", classes="error-line")
            yield Static(n.title, classes="step-heading", markup=False)
            yield from self._compose_deadline(n, today)
            yield from self._compose_checklist_deadlines(n, today)
            if kind is not None and kind.warning and n.deadline is not None:
                if prolongation_warning(n.deadline, today):
                    yield Static(prolongation_alert(n.deadline, today), classes="warning",
                                 id="prolongation-warning", markup=False)
            if kind is not None and kind.documents and n.resumes_application:
                # A first application's complément is the e-mail the site sends.
                yield from self._compose_complement(n, record)
                yield Button("< RETOUR A TOUTES MES NOTIFICATIONS", id="back")
                yield Footer()
                return
            values = self._dossier_values(record)
            lines = kind_lines(n, values)
            greeting, closing = frame()
            yield Static(fill(greeting, {}, values) or greeting.replace(" {prenom} {nom}", ""),
                         classes="intro site-text", markup=False)
            yield from self._compose_lines([t for t in lines if t.part == "notification"])
            if kind is not None and kind.documents:
                yield from self._compose_complement(n, record)
            yield Static("\n".join(closing), classes="intro site-text closing", markup=False)
            if self.sends:
                yield Button("Valider et envoyer", id="send", variant="primary")
            attached = [t for t in lines if t.part == "document"]
            if attached:
                yield app_help("ce que dit le document joint à cette notification (à "
                               "télécharger sur votre espace ANEF), avec les dates que vous "
                               "avez enregistrées :")
                title = (official_document_title(n.kind, n.data) or "").upper()
                # The attestation's second line (« D'UNE DEMANDE DE RENOUVELLEMENT DE TITRE DE
                # SÉJOUR », seed 000 l. 1682, 1815), as the procedure's data gives it.
                subtitle = self._procedure(record).followup.official_subtitles.get(n.kind)
                yield Static(f"{title}\n{subtitle}" if subtitle else title,
                             classes="section-title", markup=False)
                yield from self._compose_lines(attached)
            if kind is not None and kind.checklist_for(n.data):
                yield from self._compose_certificate(n, kind)
            if has_official_document(n.kind):
                yield from self._compose_official(n)
            yield Button("< RETOUR A TOUTES MES NOTIFICATIONS", id="back")
        yield Footer()

    def _procedure(self, record):
        return self.services.catalogue[record.summary.procedure]

    def _dossier_values(self, record) -> dict:
        """What the notification's texts cite of the dossier (as in the plain mode)."""
        from anef_tui.documents.confirmation import notification_values
        return notification_values(self._procedure(record), record)

    def _compose_lines(self, lines) -> ComposeResult:
        """The kind's texts: the site's as the site writes them, a link of the site as its
        words marked « [lien du site] », anef-tui's own words in its voice."""
        for line in lines:
            if line.app:
                yield app_help(line.text)
            elif line.link:
                yield Static(f"{SITE_LINK} {line.text}", classes="intro site-link",
                             markup=False)
            else:
                yield Static(line.text, classes="intro site-text", markup=False)
            if line.help:
                yield app_help(line.help)

    def _compose_deadline(self, n, today: date) -> ComposeResult:
        """« à faire avant le … », or, once done, when it was done: anef-tui's own words
        (the site's notification has no such line), in its voice."""
        if n.deadline is None:
            return
        if n.done_on is not None:
            answered = kinds()[n.kind].ends_when == "answered"
            yield app_help(
                (f"répondu le {fr(n.done_on)}" if answered else f"fait le {fr(n.done_on)}")
                + f" (à faire avant le {fr(n.deadline)}) : {n.deadline_label or ''}",
                id="deadline-line",
            )
            return
        yield app_help(
            f"à faire avant le {fr(n.deadline)} ({days_words(n.deadline, today)}) : "
            f"{n.deadline_label or ''}",
            classes="notice", id="deadline-line",
        )

    def _compose_checklist_deadlines(self, n, today: date) -> ComposeResult:
        """What its checklist still asks, each with its date (issue 22): the information
        the OFII doctor asked for, a convocation, the timbre fiscal… as « Échéances » keeps
        them."""
        from anef_tui.store.deadlines import DeadlineIndex

        kept = DeadlineIndex(self.services.dossiers).of_dossier(n.dossier_id, today)
        lines = checklist_due_lines(kept, n, today)
        if lines:
            yield Static("\n".join(lines), classes="notice", id="checklist-deadlines",
                         markup=False)

    def _compose_official(self, n) -> ComposeResult:
        """The official PDF the ANEF issued with this notification, kept with it."""
        yield app_help(
            "document officiel : téléchargez-le depuis votre espace ANEF, puis joignez-le "
            "ici pour le garder avec le dossier (mêmes formats et taille que les "
            "justificatifs)."
        )
        slot = self.official_slot(official_document_title(n.kind, n.data))
        yield SlotWidget(slot, self.slot_file_views(slot), editable=True,
                         exportable=self.services.files_exportable)

    def _compose_certificate(self, n, kind) -> ComposeResult:
        from anef_tui.ui.format import paragraphs

        if kind.checklist_help:  # the kind's own notice in brief (the OFII's), as the data says
            yield app_help(paragraphs(kind.checklist_help))
        yield Static("Ce qui est fait, et quand (dates seulement) :", classes="section-title")
        checklist = n.data.get("checklist", {}) or {}
        # The steps' FieldBlock: a date refused is said under its field, which takes the
        # focus and comes into sight (show_form_problems), as on a step.
        for item, field in zip(kind.checklist_for(n.data), checklist_fields(kind, n.data),
                               strict=True):
            yield FieldBlock(field, fr(checklist[item.id]) if checklist.get(item.id) else "")
        self.sends = True
        yield Button("Enregistrer", id="send", variant="primary")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "send":
            return self.sends
        if action == "resume":
            return self.resumes
        return True

    def on_mount(self) -> None:
        self.sub_title = "Mes Notifications"
        self.refresh_bindings()
        self.query_one("#errors").display = False
        self._toggle_answers()
        first = next((w for b in self.query(FieldBlock) if (w := b.first_focusable())), None)
        if first is None and self.query("#resume"):
            first = self.query_one("#resume", Button)
        if first is None and self.query("Input"):
            first = self.query("Input").first()
        opening = first or self.query_one("#back", Button)
        opening.focus()
        self.call_after_refresh(show_from_the_top, opening)
        if self.documents and self.sends:
            # What is typed in the answer is kept as a draft, as on the steps.
            self._last_answers = self._answers()
            self.set_interval(DRAFT_INTERVAL, self.save_draft)
        self._checklist_untouched = self._checklist_values()

    def save_draft(self) -> None:
        """Keep the answer being written (choices, reasons, messages), unsent."""
        if not (self.documents and self.sends and self.is_mounted):
            return
        answers = self._answers()
        if answers == getattr(self, "_last_answers", None):
            return
        from anef_tui.store.db import StoreError

        try:
            self.services.followup.save_complement_answer(self.notification_id, answers)
        except (StoreError, ValueError):
            return  # sent meanwhile, or nothing to keep: the screen says so on « Valider »
        self._last_answers = answers

    def on_descendant_focus(self, event) -> None:
        # Whatever has the focus is in view, also a field shown by a choice just made.
        self.call_after_refresh(keep_in_sight, event.widget)

    def _typed(self, field_id: str) -> str:
        return str(self.query_one(f"#fb-{field_id}", FieldBlock).get_value() or "")

    @on(ChoiceSet.Changed)
    def _toggle_answers(self) -> None:
        for slot_id in self.answer_slots:
            choice = choice_of(self._typed(answer_field_ids(slot_id)[0]))
            self.query_one(f"#keep-{slot_id}").display = choice == MAINTENIR
            self.query_one(f"#update-{slot_id}").display = choice == METTRE_A_JOUR

    def _answers(self) -> dict:
        result: dict = {"invalid": {}, "missing": {}}
        for slot_id in self.answer_slots:
            choice_id, reason_id, message_id = answer_field_ids(slot_id)
            result["invalid"][slot_id] = {
                "choice": choice_of(self._typed(choice_id)),
                "reason": self._typed(reason_id).strip(),
                "message": self._typed(message_id).strip(),
            }
        for doc in self.notification().data.get("missing", []):
            result["missing"][doc["slot_id"]] = {}
        return result

    @on(Button.Pressed, "#send")
    def action_send(self) -> None:
        today = self.services.today()
        if self.documents:
            if not self.query("#send"):
                return  # already sent
            self._confirm_send()
        else:
            values = {b.field.id: b.get_value() for b in self.query(FieldBlock)}
            kind = kinds()[self.kind]
            checklist, problems = read_checklist(kind, values, today=today,
                                                 data=self.notification().data)
            self.show_form_problems(problems, self.query_one("#errors", ErrorSummary))
            if problems:
                return
            try:
                self.services.followup.update_certificate_checklist(self.notification_id, checklist)
            except ValueError as exc:
                self.show_problems(error_text(exc))
                return
            self.app.notify(kind.checklist_saved)
            self.app.pop_screen()

    def _confirm_send(self) -> None:
        """« Valider et envoyer »: what is missing first, then a confirmation (as « Déposer
        les compléments » asks), then the answer is kept as sent."""
        from anef_tui.ui.screens.dialogs import ConfirmScreen

        answers = self._answers()
        try:
            problems = self.services.followup.complement_problem_list(
                self.notification_id, answers)
        except ValueError as exc:
            self.show_problems(error_text(exc))
            return
        # As on a step: each problem under its question or document, the summary above,
        # the first question in error focused and brought into sight.
        self.show_form_problems(problems, self.query_one("#errors", ErrorSummary))
        if problems:
            return

        def answered(ok: bool | None) -> None:
            if ok:
                self._send(answers)

        self.app.push_screen(
            ConfirmScreen(
                "Valider et envoyer",
                "Une fois envoyée, la réponse ne peut plus être modifiée. Valider et envoyer "
                "la réponse ?",
                confirm_label="Valider et envoyer",
                danger=False,
            ),
            answered,
        )

    def _send(self, answers: dict) -> None:
        try:
            self.services.followup.send_complement_answer(
                self.notification_id, answers, self.services.today()
            )
        except ValueError as exc:
            self.show_problems(error_text(exc))
            return
        self.app.notify("Réponse enregistrée comme envoyée. Faites la même réponse sur le "
                        "site de l'ANEF avec « Valider et envoyer ».", timeout=8)
        self.app.pop_screen()

    @on(Button.Pressed, "#resume")
    def action_resume(self) -> None:
        """« Reprendre ma demande »: the Justificatifs step, reopened for the compléments."""
        from anef_tui.ui.screens.complement import ResumeApplicationScreen

        self.app.push_screen(ResumeApplicationScreen(self.notification_id, self.dossier_id))

    @on(Button.Pressed, "#answer-pdf")
    def _answer_pdf(self) -> None:
        self.make_answer_pdf()

    @work(thread=True, group="pdf")
    def make_answer_pdf(self) -> None:
        """The kept answer as a local PDF, in the data directory (worker: no freeze)."""
        from anef_tui.documents import ascii_slug
        from anef_tui.documents.complement import complement_answer_pdf

        record = self.services.dossiers.get(self.dossier_id)
        notification = self.notification()
        files: dict[str, list[str]] = {}
        for attachment in self.services.followup.complement_files(self.notification_id):
            slot_id = attachment.slot_id.rsplit(":", 1)[-1]
            files.setdefault(slot_id, []).append(attachment.original_name)
        data = complement_answer_pdf(
            record.summary.applicant_name, record.summary.numero_demande, notification,
            self.services.followup.get_complement_answer(self.notification_id) or {}, files,
            prepared_on=self.services.today(),
        )
        name = f"complement-{self.notification_id:04d}-{ascii_slug(record.summary.applicant_name)}.pdf"
        handout = self.services.hand_document(name, data, dossier_id=self.dossier_id,
                                              kind="complement")
        self.app.call_from_thread(self._answer_pdf_done, handout)

    def _answer_pdf_done(self, handout: Handout) -> None:
        line, toast = hand_over(self.app, handout, self.services.pdf_saved)
        self.query_one("#answer-pdf-path", Static).update(line)
        self.notify(toast, timeout=8)

    def _checklist_values(self) -> dict:
        """The checklist's dates as typed (a certificate's, a decision's tasks); {} else."""
        if self.documents or not self.sends:
            return {}
        return {b.field.id: b.get_value() for b in self.query(FieldBlock)}

    @on(Button.Pressed, "#back")
    def action_close(self) -> None:
        """Échap: an answer being written is kept as a draft; dates typed in a checklist and
        not recorded (« Enregistrer ») are left only once the user says so."""
        from anef_tui.ui.screens.dialogs import ask_discard

        self.save_draft()
        if self._checklist_values() != self._checklist_untouched:
            ask_discard(self.app, self.app.pop_screen)
            return
        self.app.pop_screen()
