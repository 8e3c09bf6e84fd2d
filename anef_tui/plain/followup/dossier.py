"""A filed dossier in plain lines: its references, the confirmation step's texts (ameli.fr,
the e-mail the site sends), the PDFs, the official number, then its notifications."""

from __future__ import annotations

from datetime import date

from anef_tui.documents.confirmation import reference_label
from anef_tui.domain import actions
from anef_tui.domain.catalogue import Procedure
from anef_tui.domain.summary import summary as summary_of
from anef_tui.domain.text import APP_HELP_PREFIX
from anef_tui.oserrors import error_text
from anef_tui.plain.context import Context, QuitDossier
from anef_tui.plain.dossier_commands import PDF_KINDS, say_pdf
from anef_tui.plain.followup.common import ask, ask_choice, deadline_text, fr_date
from anef_tui.plain.followup.notifications import notifications
from anef_tui.plain.followup.record import record_notification
from anef_tui.plain.followup_store import FollowUp
from anef_tui.plain.text import paragraphs
from anef_tui.store.db import StoreError

SCREEN = "confirmation"


def filed_dossier(ctx: Context, dossier_id: int, procedure: Procedure) -> None:
    """The confirmation step of a filed dossier and what comes after it."""
    io = ctx.io
    follow = FollowUp(ctx.store)
    confirmation = procedure.step_of_kind("confirmation")
    menu = actions.labels(SCREEN)
    first = True
    ctx.current_dossier = dossier_id  # « :liste » on its screens
    try:
        while True:
            record = ctx.store.get(dossier_id)
            summary = record.summary
            io.say("", f"Dossier n° {dossier_id} : {summary.applicant_name or '(sans nom)'}, "
                       f"{procedure.short_label}.")
            if confirmation is not None:
                io.say(f"Étape {confirmation.number} sur {len(procedure.steps)} : "
                       f"{confirmation.title}.")
                if first:  # the site's page heading and the step's, as the full screen
                    io.say(procedure.title, confirmation.heading)
            io.say(APP_HELP_PREFIX + "ce dossier dans anef-tui :",
                   f"{reference_label(procedure, 'numero_demande')} "
                   f"{summary.numero_demande or '—'}")
            io.say(f"Déposée le : {fr_date(summary.filed_at)}")
            io.say(f"État : {summary.states_label}")
            if first and confirmation is not None and summary.numero_demande:
                say_confirmation_texts(ctx, procedure, record, confirmation)
            first = False
            say_filing_files(ctx, follow, dossier_id)
            if summary.next_deadline or summary.next_deadline_label:
                day = (date.fromisoformat(summary.next_deadline[:10])
                       if summary.next_deadline else None)
                io.say("Prochaine échéance : " + deadline_text(
                    day, summary.next_deadline_label, ctx.today()))
            chosen = ask_choice(ctx, "Que voulez-vous faire ?", menu)
            code = actions.code_of(SCREEN, chosen) if chosen else "home"
            if code == "home":
                return
            if code == "save_continue":
                for kind in PDF_KINDS:
                    say_pdf(ctx, kind, dossier_id)
            elif code == "official_number":
                official_number(ctx, dossier_id)
            elif code == "notifications":
                notifications(ctx, follow, dossier_id, procedure)
            elif code == "record":
                record_notification(ctx, follow, dossier_id, procedure)
            elif code == "previous":
                read_back(ctx, procedure, dossier_id)
            elif code == "filing_document":
                filing_document(ctx, follow, dossier_id, procedure)
            elif code == "donnees":
                from anef_tui.plain.donnees import make

                make(ctx, dossier_id)
    except QuitDossier:
        io.say("Retour à Mes dossiers.")
    finally:
        ctx.current_dossier = None


#: What each action of the confirmation does in plain mode (tests/plain/test_parity.py).
HANDLED = {"save_continue", "official_number", "notifications", "record", "previous", "home",
           "filing_document", "renew_consent", "donnees"}


def say_confirmation_texts(ctx: Context, procedure: Procedure, record, step) -> None:
    """The confirmation step's own texts (ameli.fr among them) and the e-mail the site
    sends once the demand is filed, as the full-screen confirmation shows them."""
    from anef_tui.documents.confirmation import email_lines

    ctx.io.say(*paragraphs(step.intro))
    ctx.io.say("Aide anef-tui : les documents ci-dessous sont préparés sur cet ordinateur : "
               "ils ne remplacent pas la confirmation que délivre l'ANEF.")
    ctx.io.say("Aide anef-tui : une fois la demande déposée sur le site de l'ANEF, vous "
               "recevrez ce message à l'adresse email du dossier :")
    ctx.io.say(*email_lines(procedure, record))
    ctx.io.say("Fin du message.")


def say_filing_files(ctx: Context, follow: FollowUp, dossier_id: int) -> None:
    """The ANEF's PDF of the filing kept with the dossier, or that none is (issue 22)."""
    from anef_tui.domain.notification_kinds import filing_document_title
    from anef_tui.plain.attach import file_lines

    title = filing_document_title()
    attached = follow.filing_files(dossier_id)
    if attached:
        ctx.io.say(f"{title} :", *file_lines(attached))
    else:
        ctx.io.say(f"{title} : aucun fichier joint.")


def filing_document(ctx: Context, follow: FollowUp, dossier_id: int,
                    procedure: Procedure) -> None:
    """« Joindre la confirmation de dépôt délivrée par l'ANEF », as the full-screen
    confirmation's slot."""
    from anef_tui.domain.filing import filing_document_help
    from anef_tui.domain.notification_kinds import filing_document_title
    from anef_tui.plain.followup.notification import document_files

    document_files(
        ctx, filing_document_title(),
        filing_document_help(procedure),
        files=lambda: follow.filing_files(dossier_id),
        attach=lambda file: follow.attach_filing(dossier_id, file),
        remove=lambda attachment_id: follow.remove_filing(dossier_id, attachment_id),
    )


def read_back(ctx: Context, procedure: Procedure, dossier_id: int) -> None:
    """The answers of the filed dossier, read only (the dépôt's summary)."""
    record = ctx.store.get(dossier_id)
    files: dict[str, list[str]] = {}
    for a in ctx.attachments.list(dossier_id):
        files.setdefault(a.slot_id, []).append(a.original_name)
    depot_step = procedure.step_of_kind("depot")
    ctx.io.say(APP_HELP_PREFIX + "vos réponses, étape par étape, telles qu'elles ont été "
               "déposées (non modifiables).")
    for section in summary_of(procedure, record.answers, files,
                              until=depot_step.id if depot_step else None):
        ctx.io.say(f"Étape {section.step_number} : {section.step_title}. "
                   f"Section : {section.title}")
        for row in section.rows:
            ctx.io.say(f"{row.label} : {row.value}")
    ctx.io.say("Fin des réponses.")


def official_number(ctx: Context, dossier_id: int) -> None:
    ctx.io.say("N° de la demande donné par le site officiel (19 chiffres). Entrée : annuler.")
    text = ask(ctx, lambda: None)
    if not text.strip():
        return
    try:
        ctx.store.set_official_numero(dossier_id, "".join(text.split()))
    except (ValueError, StoreError) as exc:
        ctx.io.say(error_text(exc))
        return
    ctx.io.say("Numéro officiel enregistré : il remplace le numéro local partout.")
