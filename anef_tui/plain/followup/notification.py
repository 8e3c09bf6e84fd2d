"""One notification opened, in plain lines: its texts read verbatim (data files and domain),
what is due and by when, the prolongation warning, the certificate checklist, the official
document kept with it, and a complément's answer (plain/followup/complement.py)."""

from __future__ import annotations

from datetime import date

from anef_tui.domain.catalogue import Procedure
from anef_tui.domain.conversion_texts import COMBINE_LABEL
from anef_tui.domain.deadlines import days_left, describe, prolongation_alert, prolongation_warning
from anef_tui.domain.notification_deadlines import checklist_due_lines
from anef_tui.domain.notification_kinds import frame, kinds
from anef_tui.domain.notifications import (
    fill,
    has_official_document,
    kind_lines,
    official_document_title,
)
from anef_tui.domain.rules import FieldError, validate
from anef_tui.domain.text import APP_HELP_PREFIX as APP_HELP
from anef_tui.domain.text import SITE_LINK
from anef_tui.oserrors import error_text
from anef_tui.plain.attach import assemble, attach_typed, file_lines
from anef_tui.plain.context import Context
from anef_tui.plain.followup.common import ask, ask_choice, fr_date
from anef_tui.plain.followup.complement import complement
from anef_tui.plain.followup.reprise import first_application_email
from anef_tui.plain.followup_store import FollowUp
from anef_tui.plain.text import paragraphs
from anef_tui.store.db import StoreError


def deadline_line(n, today: date) -> str | None:
    """« Aide anef-tui : à faire avant le … (dans N jours) : … », or, once done, when it was
    done: anef-tui's words (the site's notification has no such line), in its voice."""
    if n.deadline is None:
        return None
    label = n.deadline_label or ""
    if n.done_on is not None:
        answered = kinds()[n.kind].ends_when == "answered"
        done = f"répondu le {fr_date(n.done_on)}" if answered else f"fait le {fr_date(n.done_on)}"
        return f"{APP_HELP}{done} (à faire avant le {fr_date(n.deadline)}) : {label}"
    return (f"{APP_HELP}à faire avant le {fr_date(n.deadline)} "
            f"({describe(days_left(n.deadline, today))}) : {label}")


def say_lines(ctx: Context, lines) -> None:
    """The kind's texts: the site's as written, a link as its words, anef-tui's in its voice."""
    for line in lines:
        if line.app:
            ctx.io.say(APP_HELP + line.text)
        elif line.link:
            ctx.io.say(f"{SITE_LINK} {line.text}")
        else:
            ctx.io.say(line.text)
        if line.help:
            ctx.io.say(APP_HELP + line.help)


def open_notification(ctx: Context, follow: FollowUp, n, procedure: Procedure) -> None:
    io = ctx.io
    from anef_tui.documents.confirmation import notification_values

    record = ctx.store.get(n.dossier_id)
    today = ctx.today()
    kind = kinds().get(n.kind)
    io.say("", n.title, f"Reçue le {fr_date(n.received_on)}, lue le {fr_date(n.read_on)}.")
    line = deadline_line(n, today)
    if line:
        io.say(line)
    # What its checklist still asks, each with its date (issue 22), as « Échéances » has it.
    from anef_tui.store.deadlines import DeadlineIndex

    kept = DeadlineIndex(ctx.store).of_dossier(n.dossier_id, today)
    io.say(*checklist_due_lines(kept, n, today))
    if kind is not None and kind.warning and n.deadline is not None \
            and prolongation_warning(n.deadline, today):
        io.say(prolongation_alert(n.deadline, today))
    if kind is not None and kind.documents and n.resumes_application:
        first_application_email(ctx, follow, n, procedure, record)
        return
    values = notification_values(procedure, record)
    lines = kind_lines(n, values)
    greeting, closing = frame()
    io.say(fill(greeting, {}, values) or greeting.replace(" {prenom} {nom}", ""))
    say_lines(ctx, [t for t in lines if t.part == "notification"])
    if kind is not None and kind.documents:
        complement(ctx, follow, n, procedure)
    io.say(*closing)
    attached = [t for t in lines if t.part == "document"]
    if attached:
        io.say(APP_HELP + "ce que dit le document joint à cette notification (à télécharger "
               "sur votre espace ANEF), avec les dates que vous avez enregistrées :")
        io.say((official_document_title(n.kind, n.data) or "").upper(),
               *filter(None, [procedure.followup.official_subtitles.get(n.kind)]))
        say_lines(ctx, attached)
    if kind is not None and kind.checklist_for(n.data):
        checklist(ctx, follow, n, kind)
    if has_official_document(n.kind):
        official_documents(ctx, follow, n)


def checklist(ctx: Context, follow: FollowUp, n, kind) -> None:
    """The kind's notice in brief (`checklist_help`: the OFII's), then each item of the certificate checklist: a date (done,
    or the day of a convocation), kept as soon as it is given; nothing medical."""
    io = ctx.io
    if kind.checklist_help:  # the kind's own notice in brief (the OFII's), as the data says
        notice = paragraphs(kind.checklist_help)
        io.say(APP_HELP + notice[0], *notice[1:])
    io.say("Ce qui est fait, et quand (dates seulement) : tapez une date JJ/MM/AAAA, "
           "« aucune » pour l'effacer, Entrée pour garder.")
    for item in kind.checklist_for(n.data):
        label = item.screen_label or item.label
        while True:
            current = (follow.get(n.id).data.get("checklist") or {}).get(item.id)
            io.say(f"{label} — le (JJ/MM/AAAA) : actuellement {fr_date(current) if current else 'aucune'}.")
            text = ask(ctx, lambda lb=label: io.say(lb)).strip()
            if not text:
                break
            value: str | None = None
            if text.casefold() != "aucune":
                try:
                    shown = validate("date_passee" if item.done else "date", label, text,
                                     today=ctx.today())
                except FieldError as exc:
                    io.say(exc.message)
                    continue
                day, month, year = (int(p) for p in shown.split("/"))
                value = date(year, month, day).isoformat()
            try:
                follow.update_checklist(n.id, {item.id: value})
            except (ValueError, StoreError) as exc:
                io.say(error_text(exc))
                continue
            io.say("Enregistré.")
            break
    io.say(kind.checklist_saved)


def official_documents(ctx: Context, follow: FollowUp, n) -> None:
    """The official PDF the ANEF issued with this notification, kept with it."""
    document_files(
        ctx, official_document_title(n.kind, n.data),
        "document officiel : téléchargez-le depuis votre espace ANEF, puis joignez-le ici "
        "pour le garder avec le dossier (mêmes formats et taille que les justificatifs).",
        files=lambda: follow.official_files(n.id),
        attach=lambda file: follow.attach_official(n.id, file),
        remove=lambda attachment_id: follow.remove_official(n.id, attachment_id),
    )


def document_files(ctx: Context, title: str, help_text: str, *, files, attach, remove) -> None:
    """An official document kept with the dossier (a notification's, the filing's): its
    files said, then « Joindre un fichier », « Retirer un fichier », « Assembler… »."""
    io = ctx.io
    io.say(APP_HELP + help_text)
    while True:
        attached = files()
        if attached:
            io.say(f"{title} :", *file_lines(attached))
        else:
            io.say(f"{title} : aucun fichier joint.")
        chosen = ask_choice(ctx, "Document officiel (Entrée : terminé) :",
                            ["Joindre un fichier", "Retirer un fichier", COMBINE_LABEL])
        if chosen is None:
            return
        if chosen == COMBINE_LABEL:
            assemble(io, attach, ask_line=lambda prompt: ask(ctx, lambda: None, prompt),
                     data_dir=ctx.data_dir, title=title)
            continue
        if chosen == "Retirer un fichier":
            if not attached:
                io.say("Aucun fichier à retirer.")
                continue
            io.say(f"Numéro du fichier à retirer (1 à {len(attached)}) :")
            text = ask(ctx, lambda: None).strip()
            if not (text.isdigit() and text.isascii() and 1 <= int(text) <= len(attached)):
                io.say("Aucun fichier retiré.")
                continue
            try:
                remove(attached[int(text) - 1].id)
            except (ValueError, StoreError) as exc:
                io.say(error_text(exc))
                continue
            io.say(f"Fichier « {attached[int(text) - 1].original_name} » retiré.")
            continue
        io.say("Chemin du fichier :")
        path = ask(ctx, lambda: None).strip()
        if not path:
            continue
        attach_typed(io, attach, path, ask_line=lambda prompt: ask(ctx, lambda: None, prompt),
                     data_dir=ctx.data_dir, title=title)


#: The actions of an opened notification and how the plain mode does each
#: (tests/plain/test_parity.py): asked in turn once it is opened.
HANDLED = {
    "send": "« Valider et envoyer » / each checklist date, asked once the answer is given",
    "resume": "the documents of a first application's complément, asked in turn",
    "close": "the end of the notification: back to « Mes notifications »",
    "donnees": "« :donnees » at any of its questions (the dossier is the one shown)",
}
