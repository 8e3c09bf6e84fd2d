"""A « Demande de complément » in plain lines: the renewal's answer document by document
(« Maintenir » with its reasons, or « Mettre à jour » with files and the « Message à
l'agent »), checked by the same store call as the full-screen app before « Valider et
envoyer »; a sent answer read back; a first application's e-mail and its compléments."""

from __future__ import annotations

from anef_tui.domain.catalogue import Procedure
from anef_tui.domain.text import APP_HELP_PREFIX, SITE_LINK
from anef_tui.oserrors import error_text
from anef_tui.plain.attach import ASSEMBLE, ASSEMBLE_HELP, assemble, attach_typed, file_lines
from anef_tui.plain.context import Context
from anef_tui.plain.followup.common import ask, ask_choice, fr_date
from anef_tui.plain.followup_store import CHOICES, MAINTENIR, METTRE_A_JOUR, FollowUp
from anef_tui.plain.text import NO, YES
from anef_tui.store.db import StoreError


def complement(ctx: Context, follow: FollowUp, item, procedure: Procedure) -> None:
    """Answer a renewal's complément document by document, then send it on a « Oui »."""
    io = ctx.io
    stored = follow.answer(item.id) or {}
    answers = stored.get("data") or {"invalid": {}, "missing": {}}
    answers.setdefault("invalid", {})
    answers.setdefault("missing", {})
    sent = stored.get("sent_on")
    if sent:
        io.say(f"Réponse envoyée le {fr_date(sent)}.")
    invalid = item.data.get("invalid", [])
    if invalid:
        io.say("Les documents mentionnés ci-dessous ne sont pas valides :")

    def save() -> None:
        try:
            follow.save_answer(item.id, answers)
        except (StoreError, ValueError) as exc:
            io.say(f"La réponse n'a pas pu être enregistrée : {error_text(exc)}")

    for doc in invalid:
        slot_id = doc["slot_id"]
        io.say(f"{doc['title']} :", doc.get("file_name") or "—", f"{SITE_LINK} VOIR LE DOCUMENT")
        if doc is invalid[0]:
            io.say(APP_HELP_PREFIX + "« VOIR LE DOCUMENT » montre, sur le site de l'ANEF, le "
                   "fichier déposé avec la demande ; anef-tui le garde à l'étape "
                   "« Justificatifs » du dossier.")
        io.say(f"Observations : {doc.get('observations') or '—'}")
        current = answers["invalid"].get(slot_id) or {}
        if sent:
            say_sent(ctx, follow, item.id, slot_id, current)
            continue
        chosen = ask_choice(ctx, "Votre réponse (Entrée : plus tard) :", list(CHOICES.values()))
        if chosen is None:
            continue
        choice = MAINTENIR if chosen == CHOICES[MAINTENIR] else METTRE_A_JOUR
        entry = {"choice": choice, "reason": current.get("reason", ""),
                 "message": current.get("message", "")}
        if choice == MAINTENIR:
            io.say("Veuillez préciser les raisons du maintien du document :"
                   + (f" (actuellement : {entry['reason']} ; Entrée : garder)"
                      if entry["reason"] else ""))
            entry["reason"] = ask(ctx, lambda: None).strip() or entry["reason"]
        answers["invalid"][slot_id] = entry
        save()
        if choice == METTRE_A_JOUR:
            files(ctx, follow, item.id, doc)
            io.say("Message à l'agent (facultatif)"
                   + (f" (actuellement : {entry['message']} ; Entrée : garder)"
                      if entry["message"] else " :"))
            entry["message"] = ask(ctx, lambda: None).strip() or entry["message"]
            save()
    missing = item.data.get("missing", [])
    if missing:
        io.say("Les documents mentionnés ci-dessous sont manquants :")
    for doc in missing:
        io.say(f"{doc['title']} :", f"Observations : {doc.get('observations') or '—'}")
        if sent:
            say_sent(ctx, follow, item.id, doc["slot_id"], {})
            continue
        files(ctx, follow, item.id, doc)
        answers["missing"][doc["slot_id"]] = {}
        save()
    io.say(procedure.followup.complement_warning)
    if sent:
        return
    problems = follow.problems(item.id, answers)
    if problems:
        io.say("La réponse n'est pas complète :", *(f"• {p}" for p in problems))
        io.say("Elle est enregistrée : rouvrez la notification pour la compléter.")
        return
    ok = ask_choice(ctx, "Valider et envoyer. Une fois envoyée, la réponse ne peut plus être "
                         "modifiée. Valider et envoyer la réponse ?", [YES, NO])
    if ok != YES:
        io.say("Rien n'est envoyé ; la réponse est enregistrée.")
        return
    try:
        follow.send(item.id, answers, ctx.today())
    except (StoreError, ValueError) as exc:
        io.say(f"La réponse n'est pas envoyée : {error_text(exc)}")
        return
    io.say("Réponse enregistrée comme envoyée. Faites la même réponse sur le site de l'ANEF "
           "avec « Valider et envoyer ».")


def say_sent(ctx: Context, follow: FollowUp, notification_id: int, slot_id: str,
             entry: dict) -> None:
    """What was answered for one document, read back."""
    if entry.get("choice"):
        ctx.io.say(f"Votre réponse : {CHOICES[entry['choice']]}")
    if entry.get("reason"):
        ctx.io.say(f"Raisons du maintien du document : {entry['reason']}")
    names = [a.original_name for a in follow.files(notification_id, slot_id)]
    if names:
        ctx.io.say(f"Fichiers joints : {', '.join(names)}.")
    if entry.get("message"):
        ctx.io.say(f"Message à l'agent : {entry['message']}")


def files(ctx: Context, follow: FollowUp, notification_id: int, doc: dict) -> None:
    io = ctx.io
    while True:
        attached = follow.files(notification_id, doc["slot_id"])
        if attached:
            io.say(f"Fichiers joints ({len(attached)}) :", *file_lines(attached))
        io.say("Chemin d'un fichier à joindre, « retirer N » pour retirer le fichier N, "
               f"{ASSEMBLE_HELP} (Entrée : terminé) :")
        text = ask(ctx, lambda: None).strip()
        if not text:
            return
        if text.lower() == ASSEMBLE:
            assemble(io, lambda path: follow.attach(notification_id, doc["slot_id"], path),
                     ask_line=lambda prompt: ask(ctx, lambda: None, prompt),
                     data_dir=ctx.data_dir)
            continue
        words = text.split()
        if len(words) == 2 and words[0].lower() == "retirer" and words[1].isdigit():
            n = int(words[1])
            if not 1 <= n <= len(attached):
                io.say(f"Aucun fichier n° {n}.")
                continue
            try:
                follow.remove_file(notification_id, attached[n - 1].id)
            except (StoreError, ValueError) as exc:
                io.say(error_text(exc))
                continue
            io.say(f"Fichier « {attached[n - 1].original_name} » retiré.")
            continue
        attach_typed(io, lambda path: follow.attach(notification_id, doc["slot_id"], path),
                     text, ask_line=lambda prompt: ask(ctx, lambda: None, prompt),
                     data_dir=ctx.data_dir)
