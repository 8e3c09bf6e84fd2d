"""The dépôt of a plain dossier session: the summary, « Modifier », the filing itself."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from anef_tui.domain import flow
from anef_tui.domain.filing import filing_note, filing_question
from anef_tui.domain.form_check import depot_check
from anef_tui.domain.summary import summary
from anef_tui.domain.text import APP_HELP_PREFIX
from anef_tui.oserrors import error_text
from anef_tui.plain import commands
from anef_tui.plain.commands import Command
from anef_tui.plain.context import Context, QuitDossier
from anef_tui.plain.followup import say_pdf
from anef_tui.plain.host import SessionPart
from anef_tui.plain.interruptions import signals_held
from anef_tui.plain.parts import Back, position_label
from anef_tui.plain.text import (
    NO,
    YES,
    choices_line,
    paragraphs,
    pick,
    sentence,
)
from anef_tui.store.db import StoreError

if TYPE_CHECKING:
    from anef_tui.domain.catalogue import DocumentSlot


class DepotQuestions(SessionPart):
    """DossierSession's dépôt (a mixin: it uses the session's ctx, io, procedure and
    dossier_id)."""

    if TYPE_CHECKING:  # provided by SlotQuestions, the other part of DossierSession
        def attach(self, slot: DocumentSlot, text: str, prefix: str = "",
                   ask: Any = None) -> bool: ...

    # -- dépôt ----------------------------------------------------------------------------
    def depot(self, position: str) -> tuple[str | None, str | None]:
        """« Vérifiez vos réponses », the dépôt's own questions, then filing on an explicit
        confirmation. Return (next position, position to come back to after it)."""
        proc = self.procedure
        step = proc.step(position)
        record = self.ctx.store.get(self.dossier_id)
        files: dict[str, list[str]] = {}
        for a in self.ctx.attachments.list(self.dossier_id):
            files.setdefault(a.slot_id, []).append(a.original_name)
        self.io.say("", sentence(position_label(proc, position)), proc.title,
                    *([step.heading] if step.heading else []))
        self.io.say(*paragraphs(step.intro))
        # anef-tui's own summary (the site's dépôt has none), said in its voice.
        self.io.say(APP_HELP_PREFIX + "vos réponses, étape par étape, pour les vérifier "
                    "avant le dépôt.")
        shown: set[str] = set()
        for section in summary(proc, record.answers, files, until=position):
            if section.step_id not in shown:
                shown.add(section.step_id)
                self.io.say(f"Étape {section.step_number} : {section.step_title}")
            self.io.say(f"Section : {section.title}")
            for row in section.rows:
                self.io.say(f"{row.label} : {row.value}")
        self.io.say("Fin des réponses.")
        values = {**record.answers.get(position, {}), **record.drafts.get(position, {})}
        items = self.items(step)
        self.ask_items(step, position, items, values, record.answers, first_is_back=True)
        # The same check as the full-screen dépôt (domain/form_check.py).
        normalised, problems, missing = depot_check(
            proc, position, values, answers=self.ctx.store.get(self.dossier_id).answers,
            today=self.ctx.today(),
        )
        messages = [p.message for p in problems]
        editable_steps = [s for s in proc.steps if s.number < step.number and s.fields()]
        messages += [
            f"L'étape « {s.title} » n'a pas été validée : modifiez-la (choix 2) et "
            "enregistrez-la."
            for s in missing
        ]
        if messages:
            self.io.say("Avant de déposer :", *(f"• {m}" for m in messages))
        label = proc.submit_label(step)
        menu = [label, "Modifier une étape", proc.nav.save_later,
                "Enregistrer la liste des pièces justificatives (PDF)"]

        def show() -> None:
            self.io.say("Que voulez-vous faire ?", *choices_line(menu))

        self.where = "Question : que voulez-vous faire ?"
        show()
        while True:
            answer = commands.parse(self.io.ask())
            if isinstance(answer, Command):
                if self.command(answer, show) == "back":
                    raise Back
                continue
            chosen = pick(answer, menu)
            if chosen == menu[2]:
                raise QuitDossier
            if chosen == menu[3]:
                say_pdf(self.ctx, "liste", self.dossier_id)
                show()
                continue
            if chosen == menu[1]:
                target = self.choose_step(editable_steps)
                if target is not None:
                    return target, position
                show()
                continue
            if chosen != menu[0]:
                self.io.say(f"Choisissez par le numéro (1 à {len(menu)}) ou le texte.")
                continue
            if messages:
                self.io.say("La demande ne peut pas être déposée :", *(f"• {m}" for m in messages))
                show()
                continue
            if self.confirm_filing(proc, step):
                break
            show()
        confirmation = flow.next_position(proc, position)
        if not self.write(lambda expected: self.ctx.store.save_step(
                self.dossier_id, position, normalised, next_step=confirmation,
                expected_version=expected)):
            return position, None
        with signals_held():  # Ctrl+C waits: never filed without its PDFs
            try:
                numero = self.ctx.store.file_dossier(
                    self.dossier_id, filed_at=self.ctx.clock(), current_step=confirmation,
                    documents_due=True,
                )
            except StoreError as exc:
                self.io.say(f"La demande n'est pas déposée : {error_text(exc)}")
                return position, None
            self.io.say(f"Demande déposée : N° de la demande {numero}.")
            self.io.say("anef-tui ne transmet rien : déposez-la aussi sur le site de l'ANEF.")
            made = [say_pdf(self.ctx, kind, self.dossier_id) for kind in FILING_PDFS]
            if all(made):
                self.ctx.store.documents_made(self.dossier_id)
        return confirmation, None

    def confirm_filing(self, proc, step) -> bool:
        """Asked before the dossier is recorded as filed: the site's sentences of the dépôt
        step, what filing does here (anef-tui's voice), then its button's own words."""
        self.io.say(
            *filing_question(proc, step),
            APP_HELP_PREFIX + filing_note(proc, step),
            f"{proc.submit_label(step)} ?",
            *choices_line([YES, NO]),
        )
        answer = commands.parse(self.io.ask())
        if isinstance(answer, Command):
            if answer.name == "quitter":
                raise QuitDossier
            return False
        if pick(answer, [YES, NO]) == YES:
            return True
        self.io.say("Rien n'est déposé.")
        return False

    def choose_step(self, steps) -> str | None:
        self.io.say("Quelle étape modifier ?")
        self.io.say(*(f"{s.number}. {s.title}" for s in steps))
        answer = commands.parse(self.io.ask())
        if isinstance(answer, Command):
            if answer.name == "quitter":
                raise QuitDossier
            return None
        text = answer.strip()
        for s in steps:
            if text == str(s.number) or text.casefold() == s.title.casefold():
                return s.id
        if text:
            self.io.say(f"Aucune étape « {text} » à modifier.")
        return None


def make_owed_documents(ctx: Context) -> None:
    """The PDFs of a filing whose session was killed before it wrote them."""
    for dossier_id in ctx.store.documents_owed():
        ctx.io.say(
            f"Le dossier n° {dossier_id} a été déposé pendant une session interrompue : "
            "ses PDF sont faits maintenant."
        )
        made = [say_pdf(ctx, kind, dossier_id) for kind in FILING_PDFS]
        if all(made):
            ctx.store.documents_made(dossier_id)


#: The PDFs the plain mode makes at once after a filing.
FILING_PDFS = ("confirmation", "recapitulatif")
