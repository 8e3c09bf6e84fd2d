"""Étape « Confirmation »: the filed dossier, its N° de la demande and its PDFs.

The PDFs are made locally, in a worker, into the data directory; the path is shown and the
system viewer opens them when there is one. The number the official site gave can be
recorded here: it then replaces the local one everywhere.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll

from anef_tui.domain.filing import filing_document_help
from anef_tui.domain.text import APP_HELP_PREFIX
from anef_tui.oserrors import error_text
from anef_tui.store.db import StoreError
from anef_tui.ui.delivery import Handout, hand_over, viewer_allowed
from anef_tui.ui.format import fr_datetime, paragraphs
from anef_tui.ui.screens.base import DossierScreen, ProgressBar, page_title
from anef_tui.ui.screens.slots import SlotActions
from anef_tui.ui.widgets.fields import app_help
from anef_tui.ui.widgets.footer import Footer
from anef_tui.ui.widgets.header import Header
from anef_tui.ui.widgets.plain import Button, ErrorLine, Input, Label, Static
from anef_tui.ui.widgets.slot import SlotWidget

if TYPE_CHECKING:
    from anef_tui.domain.catalogue import DocumentSlot
    from anef_tui.files.memory import MemoryFile
    from anef_tui.store.attachments import Attachment


#: Where the PDFs below are made, said on the confirmation (served to a browser, issue 26:
#: not on the worker's computer, but on the one that serves anef-tui).
MADE_HERE = ("les documents ci-dessous sont préparés sur cet ordinateur : ils ne remplacent "
             "pas la confirmation que délivre l'ANEF.")
MADE_BY_THE_SERVER = ("les documents ci-dessous sont préparés par l'ordinateur qui sert "
                      "anef-tui : ils ne remplacent pas la confirmation que délivre l'ANEF.")


def documents_made_where() -> str:
    from anef_tui.ui.served import served

    return MADE_BY_THE_SERVER if served() else MADE_HERE


def open_with_viewer(path: Path) -> bool:
    """Open a file with the desktop's viewer when there is one (never over the network)."""
    opener = shutil.which("xdg-open") or shutil.which("open")
    if opener is None:
        return False
    subprocess.Popen(
        [opener, str(path)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    return True


class ConfirmationScreen(SlotActions, DossierScreen):
    BINDINGS = [
        Binding("ctrl+s,f2", "save_continue", "Ouvrir le PDF", id="dossier.next",
                tooltip="J'ouvre ma confirmation de dépôt de demande (PDF)"),
    ]
    FILED_MAIN_ACTION = True  # the PDF
    ESCAPE_HOME = True  # filed or not: nothing is typed here

    def _references(self, summary) -> str:
        """The dossier's references in anef-tui's voice (after « Aide anef-tui : »), the N°
        named as the procedure names it."""
        from anef_tui.documents.confirmation import reference_label

        return (f"ce dossier dans anef-tui :\n{reference_label(self.procedure, 'numero_demande')} "
                f"{summary.numero_demande}\nDéposée le : {fr_datetime(summary.filed_at)}\n"
                f"État : {summary.states_label}")

    def compose(self) -> ComposeResult:
        record = self.load()
        self.step = self.procedure.step(self.position)
        summary = record.summary
        yield Header(show_clock=False, icon="")
        yield ProgressBar(self.procedure, self.position)
        with VerticalScroll(id="form"):
            yield page_title(self.procedure)
            yield Static(self.step.heading, classes="step-heading", markup=False)
            # The dossier as anef-tui keeps it (the site's screen has no such block): in its
            # voice, apart from the site's text.
            if summary.numero_demande:
                yield app_help(
                    self._references(summary),
                    id="references",
                )
            else:
                yield app_help(
                    "cette demande n'est pas encore déposée : revenez à l'étape « Dépôt de la "
                    "demande ».",
                    classes="notice",
                )
            if self.step.intro:
                yield Static(paragraphs(self.step.intro), classes="intro", markup=False)
            yield app_help(documents_made_where())
            yield Button(
                self.step.submit_label or "J'ouvre ma confirmation de dépôt de demande (PDF)",
                id="open-confirmation",
                variant="primary",
                disabled=not summary.numero_demande,
            )
            with Horizontal(classes="nav"):
                yield Button("Liste des pièces (PDF)", id="pdf-liste")
                yield Button("Récapitulatif (PDF)", id="pdf-recapitulatif")
            yield Static("", id="pdf-path", markup=False)
            if summary.numero_demande:
                yield Label("N° de la demande donné par le site officiel (19 chiffres) :")
                with Horizontal(classes="nav"):
                    yield Input(id="official", placeholder="5901202310040000310")
                    yield Button("Enregistrer le numéro", id="save-official")
                yield ErrorLine(id="official-error")
                # The ANEF's own PDF of the filing, kept like a prolongation's (issue 22).
                yield app_help(filing_document_help(self.procedure))
                slot = self.filing_slot()
                yield SlotWidget(slot, self.slot_file_views(slot), editable=True,
                                 exportable=self.services.files_exportable)
            if summary.numero_demande:
                # The e-mail the site sends once the demand is filed (seeds: étape
                # « Confirmation »): what the applicant should find in their mailbox.
                from anef_tui.documents.confirmation import email_lines

                yield app_help(
                    "une fois la demande déposée sur le site de l'ANEF, vous recevrez ce "
                    "message à l'adresse email du dossier :"
                )
                yield Static("\n\n".join(email_lines(self.procedure, record)),
                             classes="site-email", id="email", markup=False)
            yield Button("Retour à Mes dossiers", id="home")
        yield Footer()

    # -- the filing's official PDF (SlotActions' hooks) --------------------------------
    def filing_slot(self) -> DocumentSlot:
        from anef_tui.domain.catalogue import DocumentSlot
        from anef_tui.domain.notification_kinds import filing_document_title
        from anef_tui.domain.notifications import FILING_SLOT_ID, OFFICIAL_MAX_FILES

        return DocumentSlot(id=FILING_SLOT_ID, title=filing_document_title(), section="",
                            required=False, max_files=OFFICIAL_MAX_FILES)

    def slot_attach(self, slot: DocumentSlot, path: Path | MemoryFile) -> Attachment:
        return self.services.followup.attach_filing_document(self.dossier_id, path)

    def slot_files(self, slot: DocumentSlot) -> list[Attachment]:
        return self.services.followup.filing_document_files(self.dossier_id)

    def slot_remove(self, slot: DocumentSlot, attachment_id: int) -> None:
        self.services.followup.remove_filing_document(self.dossier_id, attachment_id)

    def on_mount(self) -> None:
        self.sub_title = f"{self.procedure.short_label} — Étape {self.step.number} : {self.step.title}"
        for widget_id in ("#pdf-path", "#official-error"):
            for widget in self.query(widget_id):
                widget.display = False
        self.query_one("#open-confirmation", Button).focus()

    @on(Button.Pressed, "#open-confirmation")
    def action_save_continue(self) -> None:
        if self.record.summary.numero_demande:
            self.make_pdf("confirmation", open_it=True)

    @on(Button.Pressed, "#pdf-liste")
    def _liste(self) -> None:
        self.make_pdf("liste")

    @on(Button.Pressed, "#pdf-recapitulatif")
    def _recap(self) -> None:
        self.make_pdf("recapitulatif")

    @work(thread=True, group="pdf")
    def make_pdf(self, kind: str, open_it: bool = False) -> None:
        """Make the PDF in a worker: the interface never freezes."""
        try:
            handout = self.services.hand_pdf(kind, self.dossier_id)
        except (OSError, ValueError, StoreError) as exc:
            self.app.call_from_thread(self.notify, error_text(exc), severity="error")
            return
        # Headless (tests, demos by snapshot): no viewer, the path is shown instead. Served
        # (issue 26): never a viewer on the server, the browser gets the file.
        opened = (open_with_viewer(handout.path)
                  if open_it and handout.path is not None and viewer_allowed(self.app)
                  else False)
        self.app.call_from_thread(self._pdf_done, handout, opened)

    def _pdf_done(self, handout: Handout, opened: bool) -> None:
        label = self.query_one("#pdf-path", Static)
        # The toast: the path's end (its file name), « … » where it was cut (issue 21).
        line, toast = hand_over(self.app, handout, self.services.pdf_saved)
        label.update(line + (" (ouvert)" if opened else ""))
        label.display = True
        # Where the PDF went, in sight (below the buttons, it was under the bottom edge at
        # 80×24 once the help above took a line more); the focus stays where it was.
        self.call_after_refresh(label.scroll_visible, animate=False)
        self.notify(toast, timeout=8)

    @on(Button.Pressed, "#save-official")
    @on(Input.Submitted, "#official")
    def _save_official(self) -> None:
        raw = self.query_one("#official", Input).value
        error = self.query_one("#official-error", Static)
        numero = "".join(raw.split())
        try:
            self.services.dossiers.set_official_numero(self.dossier_id, numero)
        except (ValueError, StoreError) as exc:
            error.update(error_text(exc))
            error.display = True
            return
        error.display = False
        references = self.query_one("#references", Static)
        summary = self.record.summary
        references.update(APP_HELP_PREFIX + self._references(summary))
        self.notify("Numéro officiel enregistré : il remplace le numéro local partout.")
