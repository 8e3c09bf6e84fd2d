"""A complément on its notification: the renewal's answer document by document, or the
first application's e-mail and « Reprendre ma demande » (a mixin of NotificationScreen)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Vertical

from anef_tui.domain import roles
from anef_tui.domain.complement_answers import answer_fields
from anef_tui.domain.notifications import COMPLEMENT_CHOICES
from anef_tui.domain.text import SITE_LINK
from anef_tui.ui.screens.followup_common import fr
from anef_tui.ui.widgets.fields import FieldBlock, app_help
from anef_tui.ui.widgets.plain import Button, Static
from anef_tui.ui.widgets.slot import SlotWidget

if TYPE_CHECKING:
    from anef_tui.ui.screens.slots import NotificationSlots as _Host
else:
    _Host = object

__all__ = ["SITE_LINK", "ComplementView"]


class ComplementView(_Host):
    """The complément part of NotificationScreen (its host provides `app`,
    `notification_id`, `dossier_id`, `complement_slot`, `slot_file_views`)."""

    notification_id: int
    dossier_id: int
    answer_slots: list[str] = []

    def _compose_complement(self, n, record) -> ComposeResult:
        answer = self.services.followup.get_complement_answer(self.notification_id) or {}
        sent = bool(answer.get("sent_on"))
        if n.resumes_application:
            yield from self._compose_first_application_complement(n, record, answer)
            return
        answers = answer.get("data", answer) if isinstance(answer, dict) else {}
        if sent:
            yield Static(f"Réponse envoyée le {fr(answer.get('sent_on'))}.", classes="notice")
            yield Button("Récapitulatif de la réponse (PDF)", id="answer-pdf")
            yield Static("", id="answer-pdf-path", markup=False)
        invalid = n.data.get("invalid", [])
        #: The documents answered « Maintenir » or « Mettre à jour » (one choice each).
        self.answer_slots = [doc["slot_id"] for doc in invalid]
        missing = n.data.get("missing", [])
        if invalid:
            yield Static("Les documents mentionnés ci-dessous ne sont pas valides :",
                         classes="section-title")
        for doc in invalid:
            slot_id = doc["slot_id"]
            previous = answers.get("invalid", {}).get(slot_id, {})
            yield Static(f"{doc['title']} :", classes="slot-title", markup=False)
            yield Static(doc.get("file_name") or "—", markup=False)
            yield Static(f"{SITE_LINK} VOIR LE DOCUMENT", classes="site-link", markup=False)
            if doc is invalid[0]:
                yield app_help("« VOIR LE DOCUMENT » montre, sur le site de l'ANEF, le "
                               "fichier déposé avec la demande ; anef-tui le garde à l'étape "
                               "« Justificatifs » du dossier.")
            yield Static(f"Observations : {doc.get('observations') or '—'}", markup=False)
            # The steps' field engine: same widgets, error lines and focus as a step.
            choice, reason, message = answer_fields(slot_id)
            yield FieldBlock(choice, COMPLEMENT_CHOICES.get(previous.get("choice") or ""),
                             editable=not sent)
            with Vertical(id=f"keep-{slot_id}", classes="keep"):
                yield FieldBlock(reason, previous.get("reason", ""), editable=not sent)
            with Vertical(id=f"update-{slot_id}", classes="update"):
                yield self._slot_widget(slot_id, doc["title"], editable=not sent)
                yield FieldBlock(message, previous.get("message", ""), editable=not sent)
        if missing:
            yield Static("Les documents mentionnés ci-dessous sont manquants :",
                         classes="section-title")
        for doc in missing:
            yield Static(f"{doc['title']} :", classes="slot-title", markup=False)
            yield Static(f"Observations : {doc.get('observations') or '—'}", markup=False)
            yield self._slot_widget(doc["slot_id"], doc["title"], editable=not sent)
        policy = self.services.catalogue[record.summary.procedure].followup
        yield Static(policy.complement_warning, classes="intro site-text", markup=False)
        # « Valider et envoyer » follows the closing, as on the site.
        self.sends = not sent

    def _slot_widget(self, slot_id: str, title: str, *, editable: bool) -> SlotWidget:
        procedure = self.services.catalogue[self.services.dossiers.get(self.dossier_id).summary.procedure]
        slot = self.complement_slot(procedure.slot(slot_id), slot_id, title)
        return SlotWidget(slot, self.slot_file_views(slot), editable=editable,
                          exportable=self.services.files_exportable)

    def _compose_first_application_complement(self, n, record, answer: dict) -> ComposeResult:
        """The e-mail of a first application's complément, then « Reprendre ma demande »."""
        self.resumes = not answer.get("sent_on")
        from anef_tui.documents.confirmation import identity
        from anef_tui.domain.complement import request_line, requested_documents

        procedure = self.services.catalogue[record.summary.procedure]
        values = identity(procedure, record)
        prenoms = values.get(roles.PRENOMS)
        first = prenoms[0] if isinstance(prenoms, list) and prenoms else prenoms
        # The e-mail writes the prénom as typed and the nom in capitals (« Malade USAGER »).
        name = " ".join(str(v) for v in (first, str(values.get(roles.NOM) or "").upper())
                        if v)
        numero = record.summary.numero_demande or "—"
        days = procedure.followup.complement_days
        yield Static(f"Bonjour {name}," if name else "Bonjour,", classes="intro site-text",
                     markup=False)
        yield Static(
            f"Après avoir pris connaissance des éléments de votre dossier n°{numero}, nous "
            "avons besoin d'éléments complémentaires pour pouvoir l'instruire.\n"
            "Les précisions nécessaires portent sur :",
            classes="intro site-text", markup=False,
        )
        requested = requested_documents(n.data)
        for doc, state in requested:
            yield Static(f"- {request_line(doc, state)}", classes="intro site-text complement-doc",
                         markup=False)
        if requested:
            yield app_help("; ".join(f"« {doc['slot_id'].upper()} » est le « {doc['title']} »"
                                     for doc, _ in requested) + " de l'étape 4.")
        yield Static(
            f"Vous disposez dès réception de ce message d'un délai de {days} jours pour "
            "compléter votre dossier. Pour accéder à votre demande et compléter les "
            "informations, vous pouvez vous connecter avec le lien suivant et les "
            "identifiants de votre compte d'accès temporaire.",
            classes="intro site-text", markup=False,
        )
        if answer.get("sent_on"):
            yield Static(f"Compléments déposés le {fr(answer.get('sent_on'))}.",
                         classes="notice")
            for attachment in self.services.followup.complement_files(self.notification_id):
                yield Static(f"• {attachment.original_name}", markup=False)
            yield Button("Récapitulatif de la réponse (PDF)", id="answer-pdf")
            yield Static("", id="answer-pdf-path", markup=False)
        else:
            yield Button("Reprendre ma demande", id="resume", variant="primary")
        yield Static(
            "Passé ce délai, votre dossier pourra être considéré comme incomplet et de ce fait "
            "clôturé.\nCordialement,\nLa Direction Générale des Etrangers en France",
            classes="intro site-text closing", markup=False,
        )
