"""After the filing, in plain lines: references, PDFs, the official number, the notifications
of the administration (recorded, opened) and the answer to a « Demande de complément »."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Literal, overload

from anef_tui.display import display_path
from anef_tui.domain.catalogue import Procedure
from anef_tui.domain.rules import FieldError, validate
from anef_tui.oserrors import error_message, error_text
from anef_tui.plain import commands
from anef_tui.plain.commands import Command
from anef_tui.plain.context import Context, QuitDossier
from anef_tui.plain.followup_store import (
    CHOICES,
    COMPLEMENT,
    DECISION,
    MAINTENIR,
    METTRE_A_JOUR,
    PROLONGATION,
    TITLES,
    FollowUp,
)
from anef_tui.plain.text import NO, YES, choices_line, file_problem, paragraphs, pick
from anef_tui.store.db import StoreError

PDF_KINDS = {
    "confirmation": "confirmation de dépôt",
    "liste": "liste des pièces justificatives",
    "recapitulatif": "récapitulatif de la demande",
}


def fr_date(value: str | date | None) -> str:
    if not value:
        return "—"
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value).strftime("%d/%m/%Y")
        except ValueError:
            return value
    return value.strftime("%d/%m/%Y")


def deadline_text(day: date, label: str | None, today: date) -> str:
    """« 22/12/2026 (dans 30 jours) Répondre au complément », overdue in words."""
    days = (day - today).days
    if days < 0:
        when = f"EN RETARD de {-days} jour{'s' if -days > 1 else ''}"
    elif days == 0:
        when = "aujourd'hui"
    else:
        when = f"dans {days} jour{'s' if days > 1 else ''}"
    return f"{fr_date(day)} ({when})" + (f" : {label}" if label else "")


def say_pdf(ctx: Context, kind: str, dossier_id: int) -> Path | None:
    """Write one PDF and say where; a fault is said in French, nothing else changes."""
    try:
        path = ctx.write_pdf(kind, dossier_id)
    except OSError as exc:
        ctx.io.say(f"Le PDF « {PDF_KINDS[kind]} » n'a pas pu être enregistré. "
                   + error_message(exc))
        return None
    except (StoreError, ValueError) as exc:
        ctx.io.say(f"Le PDF « {PDF_KINDS[kind]} » n'a pas pu être fait : {error_text(exc)}")
        return None
    ctx.io.say(f"PDF « {PDF_KINDS[kind]} » enregistré : {display_path(path)}")
    return path


def ask(ctx: Context, show) -> str:
    """One answer; commands are handled here (« :retour » gives the empty answer)."""
    while True:
        answer = commands.parse(ctx.io.ask())
        if not isinstance(answer, Command):
            return answer
        if answer.name == "quitter":
            raise QuitDossier
        if answer.name == "retour":
            return ""
        if answer.name == "aide":
            ctx.io.say(*commands.help_lines())
        elif answer.name == "repeter" or answer.name == "ou":
            show()
        else:
            ctx.io.say(f"Commande « :{answer.name} » sans effet ici. Tapez :aide.")


@overload
def ask_date(
    ctx: Context, label: str, *, empty_is_today: bool, optional: Literal[False] = False
) -> date: ...
@overload
def ask_date(ctx: Context, label: str, *, empty_is_today: bool, optional: bool) -> date | None: ...
def ask_date(ctx: Context, label: str, *, empty_is_today: bool, optional: bool = False
             ) -> date | None:
    def show() -> None:
        extra = " Entrée : aujourd'hui." if empty_is_today else (
            " Entrée : aucune." if optional else "")
        ctx.io.say(f"{label} (format JJ/MM/AAAA).{extra}")

    show()
    while True:
        text = ask(ctx, show).strip()
        if not text:
            if empty_is_today:
                return ctx.today()
            if optional:
                return None
            ctx.io.say(f"« {label} » est obligatoire.")
            continue
        try:
            shown = validate("date", label, text, today=ctx.today())
        except FieldError as exc:
            ctx.io.say(exc.message)
            continue
        return datetime.strptime(shown, "%d/%m/%Y").date()


def ask_choice(ctx: Context, question: str, labels: list[str]) -> str | None:
    def show() -> None:
        ctx.io.say(question, *choices_line(labels))

    show()
    while True:
        text = ask(ctx, show)
        if not text.strip():
            return None
        chosen = pick(text, labels)
        if chosen is not None:
            return chosen
        ctx.io.say(f"Choisissez par le numéro (1 à {len(labels)}) ou le texte.")


def filed_dossier(ctx: Context, dossier_id: int, procedure: Procedure) -> None:
    """The confirmation step of a filed dossier and what comes after it."""
    io = ctx.io
    follow = FollowUp(ctx.store)
    confirmation = next((s for s in procedure.steps if s.kind == "confirmation"), None)
    menu = [
        "Enregistrer les PDF",
        "Enregistrer le N° de la demande officiel",
        "Mes notifications",
        "Enregistrer une notification reçue",
        "Retour à Mes dossiers",
    ]
    try:
        while True:
            summary = ctx.store.get(dossier_id).summary
            io.say("", f"Dossier n° {dossier_id} : {summary.applicant_name or '(sans nom)'}, "
                       f"{procedure.short_label}.")
            if confirmation is not None:
                io.say(f"Étape {confirmation.number} sur {len(procedure.steps)} : "
                       f"{confirmation.title}.")
            io.say(f"N° de la demande : {summary.numero_demande or '—'}")
            io.say(f"Déposée le : {fr_date(summary.filed_at)}")
            io.say(f"État : {summary.status.label}")
            if summary.next_deadline:
                io.say("Prochaine échéance : " + deadline_text(
                    date.fromisoformat(summary.next_deadline[:10]),
                    summary.next_deadline_label, ctx.today()))
            chosen = ask_choice(ctx, "Que voulez-vous faire ?", menu)
            if chosen is None or chosen == menu[4]:
                return
            if chosen == menu[0]:
                for kind in PDF_KINDS:
                    say_pdf(ctx, kind, dossier_id)
            elif chosen == menu[1]:
                official_number(ctx, dossier_id)
            elif chosen == menu[2]:
                notifications(ctx, follow, dossier_id, procedure)
            else:
                record_notification(ctx, follow, dossier_id, procedure)
    except QuitDossier:
        io.say("Retour à Mes dossiers.")


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


def record_notification(ctx: Context, follow: FollowUp, dossier_id: int,
                        procedure: Procedure) -> None:
    kinds = list(TITLES)
    title = ask_choice(ctx, "Quelle notification avez-vous reçue ? (Entrée : aucune)",
                       [TITLES[k] for k in kinds])
    if title is None:
        return
    kind = kinds[[TITLES[k] for k in kinds].index(title)]
    received = ask_date(ctx, "Date de réception", empty_is_today=True)
    data: dict = {}
    if kind == COMPLEMENT:
        data = {"invalid": [], "missing": []}
        ctx.io.say("Pour chaque pièce, dites ce que demande la notification.")
        states = ["Rien", "Document non valide", "Document manquant"]
        for slot in procedure.all_slots():
            state = ask_choice(ctx, f"{slot.title} : (Entrée : rien)", states)
            if state in (states[1], states[2]):
                entry = {"slot_id": slot.id, "title": slot.title, "observations": ""}
                data["invalid" if state == states[1] else "missing"].append(entry)
    elif kind == PROLONGATION:
        data = {
            "valid_from": ask_date(ctx, "Début de validité de l'attestation",
                                   empty_is_today=False).isoformat(),
            "valid_until": ask_date(ctx, "Fin de validité de l'attestation",
                                    empty_is_today=False).isoformat(),
        }
    elif kind == DECISION:
        favorable = None
        while favorable is None:
            favorable = ask_choice(ctx, "La décision est-elle favorable ?", [YES, NO])
        decided = ask_date(ctx, "Date de la décision", empty_is_today=False)
        data = {"favorable": favorable == YES, "decided_on": decided.isoformat()}
    try:
        follow.add(dossier_id, kind, received, data)
    except (StoreError, ValueError) as exc:
        ctx.io.say(f"La notification n'est pas enregistrée : {error_text(exc)}")
        return
    ctx.io.say(f"Notification « {title} » enregistrée.")


def notifications(ctx: Context, follow: FollowUp, dossier_id: int,
                  procedure: Procedure) -> None:
    io = ctx.io
    items = follow.notifications(dossier_id)
    if not items:
        io.say("Aucune notification enregistrée pour ce dossier.")
        return
    io.say(f"Mes notifications ({len(items)}) :")
    for n, item in enumerate(items, 1):
        line = f"{n}. {item.title}, reçue le {fr_date(item.received_on)}, {item.read_label}."
        io.say(line)
        if item.deadline:
            io.say("   Échéance : " + deadline_text(item.deadline, item.deadline_label,
                                                     ctx.today()))
    io.say("Numéro de la notification à ouvrir (Entrée : retour) :")
    text = ask(ctx, lambda: None).strip()
    if not text:
        return
    if not (text.isdigit() and 1 <= int(text) <= len(items)):
        io.say(f"Aucune notification n° {text}.")
        return
    item = items[int(text) - 1]
    try:
        follow.mark_read(item.id, ctx.today())
    except (StoreError, ValueError) as exc:
        io.say(error_text(exc))
    item = follow.get(item.id)
    io.say(f"{item.title} : reçue le {fr_date(item.received_on)}, lue le "
           f"{fr_date(item.read_on)}.")
    if item.kind == COMPLEMENT:
        complement(ctx, follow, item)


def complement(ctx: Context, follow: FollowUp, item) -> None:
    """Answer a « Demande de complément » document by document, then send it on an explicit
    confirmation."""
    io = ctx.io
    stored = follow.answer(item.id)
    if stored and stored.get("sent_on"):
        io.say(f"Réponse envoyée le {fr_date(stored['sent_on'])}.")
        return
    answers = (stored or {}).get("data") or {"invalid": {}, "missing": {}}
    answers.setdefault("invalid", {})
    answers.setdefault("missing", {})

    def save() -> None:
        try:
            follow.save_answer(item.id, answers)
        except (StoreError, ValueError) as exc:
            io.say(f"La réponse n'a pas pu être enregistrée : {error_text(exc)}")

    for doc in item.data.get("invalid", []):
        io.say(f"Document non valide : {doc['title']}.")
        if doc.get("observations"):
            io.say(*paragraphs([doc["observations"]]))
        if item.resumes_application:
            files(ctx, follow, item.id, doc)
            continue
        current = answers["invalid"].get(doc["slot_id"]) or {}
        labels = list(CHOICES.values())
        chosen = ask_choice(ctx, "Que faites-vous de ce document ? (Entrée : plus tard)", labels)
        if chosen is None:
            continue
        choice = MAINTENIR if chosen == CHOICES[MAINTENIR] else METTRE_A_JOUR
        entry = {"choice": choice, "reason": current.get("reason", ""),
                 "message": current.get("message", "")}
        if choice == MAINTENIR:
            io.say("Précisez les raisons du maintien du document :")
            reason = ask(ctx, lambda: None).strip()
            entry["reason"] = reason or entry["reason"]
        answers["invalid"][doc["slot_id"]] = entry
        save()
        if choice == METTRE_A_JOUR:
            files(ctx, follow, item.id, doc)
    for doc in item.data.get("missing", []):
        io.say(f"Document manquant : {doc['title']}.")
        files(ctx, follow, item.id, doc)
        answers["missing"][doc["slot_id"]] = {"attached": bool(
            follow.files(item.id, doc["slot_id"]))}
        save()
    problems = follow.problems(item.id, answers)
    if problems:
        io.say("La réponse n'est pas complète :", *(f"• {p}" for p in problems))
        io.say("Elle est enregistrée : rouvrez la notification pour la compléter.")
        return
    ok = ask_choice(ctx, "Valider et envoyer la réponse ? Elle ne pourra plus être modifiée.",
                    [YES, NO])
    if ok != YES:
        io.say("Rien n'est envoyé ; la réponse est enregistrée.")
        return
    try:
        follow.send(item.id, answers, ctx.today())
    except (StoreError, ValueError) as exc:
        io.say(f"La réponse n'est pas envoyée : {error_text(exc)}")
        return
    io.say("Réponse au complément envoyée : état « Complément envoyé ».")


def files(ctx: Context, follow: FollowUp, notification_id: int, doc: dict) -> None:
    io = ctx.io
    while True:
        attached = follow.files(notification_id, doc["slot_id"])
        if attached:
            io.say(f"Fichiers joints : {', '.join(a.original_name for a in attached)}.")
        io.say("Chemin d'un fichier à joindre (Entrée : terminé) :")
        text = ask(ctx, lambda: None).strip()
        if not text:
            return
        try:
            attachment = follow.attach(notification_id, doc["slot_id"], Path(text).expanduser())
        except (StoreError, ValueError, OSError) as exc:
            io.say(file_problem(text, exc))
            continue
        io.say(f"Fichier « {attachment.original_name} » joint.")
