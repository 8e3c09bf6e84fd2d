"""« Reprendre ma demande » in plain lines: the first application's étape 4 as the site shows it
again for a complément (seed 002 l. 1020-1140), as the full-screen app does
(`ui/screens/complement.py`): its texts, what was filed (each value and file with the site's
« ✖ Supprimer … », marked: it stays as filed here), the documents asked for taking new files,
the dépôt's observations, then « Déposer les compléments »."""

from __future__ import annotations

from anef_tui.domain import roles
from anef_tui.domain.catalogue import Procedure
from anef_tui.domain.complement import request_line
from anef_tui.domain.text import APP_HELP_PREFIX, SITE_LINK
from anef_tui.oserrors import error_text
from anef_tui.plain.context import Context
from anef_tui.plain.followup.common import ask_choice, fr_date
from anef_tui.plain.followup.complement import files
from anef_tui.plain.followup_store import FollowUp
from anef_tui.plain.text import NO, YES, download_line, paragraphs
from anef_tui.store.db import StoreError


def resume_application(ctx: Context, follow: FollowUp, n, procedure: Procedure, record,
                       requested: list) -> None:
    io = ctx.io
    step = roles.step(procedure, procedure.followup.complement_step or roles.JUSTIFICATIFS)
    asked = {doc["slot_id"].lower(): (doc, state) for doc, state in requested}
    answers = record.answers.get(step.id, {})
    deadline = (f" ; déposez les compléments avant le {fr_date(n.deadline)}"
                if n.deadline else "")
    io.say("Reprendre ma demande.", step.heading)
    io.say(APP_HELP_PREFIX + "ce qui a été déposé avec la demande reste tel quel (« ✖ "
           "Supprimer », lien du site, le retire sur le site de l'ANEF) ; joignez les documents "
           f"demandés{deadline}, puis « Déposer les compléments ».")
    io.say(*paragraphs(step.intro))
    if step.download_label:
        io.say(download_line(step.download_label))
    group = None
    for section in step.sections:
        if section.group and section.group != group:
            group = section.group
            io.say(group, *paragraphs(section.group_intro))
        if section.title:
            io.say(f"Section : {section.title}.")
        io.say(*paragraphs(section.intro))
        for field in section.fields:
            if field.confirm_of or not answers.get(field.id):
                continue
            io.say(f"{field.label}{' *' if field.required else ''} : {answers[field.id]}")
            if field.remove_label:
                io.say(f"{SITE_LINK} {field.remove_label}")
        for slot in step.slots_in(section):
            _slot(ctx, follow, n, slot, asked)
    base_ids = {slot.id for slot in step.slots}
    for slot_id, (doc, state) in asked.items():
        if slot_id not in base_ids:  # asked, not on this step (an older catalogue)
            io.say(f"{doc['title']} :", APP_HELP_PREFIX + f"demandé : {request_line(doc, state)}.")
            files(ctx, follow, n.id, doc)
    depot = procedure.step_of_kind("depot")
    if depot is not None:
        filed = record.answers.get(depot.id, {})
        for field in depot.fields():
            io.say(f"{field.label} : {filed.get(field.id) or '—'}")
        io.say(APP_HELP_PREFIX + "les observations déposées avec la demande ; sur le site, ce "
               "champ peut accompagner les compléments.")
    _deposit(ctx, follow, n)


def _slot(ctx: Context, follow: FollowUp, n, slot, asked: dict) -> None:
    """A document of the step: shown again when it was filed or is asked for (a document
    left empty and not asked for is not, as on the site)."""
    io = ctx.io
    filed = ctx.attachments.list(n.dossier_id, slot.id)
    if slot.id not in asked and not filed:
        return
    io.say(f"{slot.title}{' *' if slot.required else ''}")
    for group in slot.accepted:
        io.say(*[x for x in (group.heading, group.lead) if x], *(f"  • {i}" for i in group.items))
    if slot.id in asked:
        doc, state = asked[slot.id]
        io.say(APP_HELP_PREFIX + f"demandé : {request_line(doc, state)}.")
    for a in filed:
        io.say(a.original_name, f"  {SITE_LINK} ✖ SUPPRIMER {a.original_name.upper()}")
    if slot.id in asked:
        files(ctx, follow, n.id, asked[slot.id][0])


def _deposit(ctx: Context, follow: FollowUp, n) -> None:
    io = ctx.io
    problems = follow.problems(n.id, {})
    if problems:
        io.say("Déposer les compléments : pas encore, il manque :", *(f"• {p}" for p in problems))
        return
    if ask_choice(ctx, "Déposer les compléments ?", [YES, NO]) != YES:
        return
    try:
        follow.send(n.id, {}, ctx.today())
    except (StoreError, ValueError) as exc:
        io.say(f"Les compléments ne sont pas déposés : {error_text(exc)}")
        return
    io.say("Compléments déposés.")


def first_application_email(ctx: Context, follow: FollowUp, n, procedure: Procedure,
                            record) -> None:
    """The e-mail of a first application's complément, then the documents it asks for
    (« Reprendre ma demande ») and « Déposer les compléments », or what was sent."""
    from anef_tui.documents.confirmation import identity
    from anef_tui.domain.complement import request_line, requested_documents

    io = ctx.io
    values = identity(procedure, record)
    prenoms = values.get(roles.PRENOMS)
    first = prenoms[0] if isinstance(prenoms, list) and prenoms else prenoms
    name = " ".join(str(v) for v in (first, str(values.get(roles.NOM) or "").upper()) if v)
    numero = record.summary.numero_demande or "—"
    io.say(f"Bonjour {name}," if name else "Bonjour,")
    io.say(f"Après avoir pris connaissance des éléments de votre dossier n°{numero}, nous "
           "avons besoin d'éléments complémentaires pour pouvoir l'instruire.",
           "Les précisions nécessaires portent sur :")
    requested = requested_documents(n.data)
    io.say(*(f"- {request_line(doc, state)}" for doc, state in requested))
    io.say(f"Vous disposez dès réception de ce message d'un délai de "
           f"{procedure.followup.complement_days} jours pour compléter votre dossier. Pour "
           "accéder à votre demande et compléter les informations, vous pouvez vous "
           "connecter avec le lien suivant et les identifiants de votre compte d'accès "
           "temporaire.")
    answer = follow.answer(n.id) or {}
    if answer.get("sent_on"):
        io.say(f"Compléments déposés le {fr_date(answer['sent_on'])}.")
        io.say(*(f"• {a.original_name}" for a in follow.files(n.id)))
    else:
        resume_application(ctx, follow, n, procedure, record, requested)
    io.say("Passé ce délai, votre dossier pourra être considéré comme incomplet et de ce fait "
           "clôturé.", "Cordialement,", "La Direction Générale des Etrangers en France")


#: « Reprendre ma demande » of a first application (tests/plain/test_parity.py).
HANDLED = {
    "deposit": "« Déposer les compléments ? » once the documents are joined",
    "back": "Entrée on a document: the next one, then the notification",
}
