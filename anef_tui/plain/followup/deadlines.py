"""« Échéances » in plain lines (the full-screen F6): every deadline still due across
dossiers, overdue first, from the same kept deadlines; the prolongation warnings above."""

from __future__ import annotations

from anef_tui.domain.catalogue import CatalogueError, load_procedure
from anef_tui.domain.deadlines import prolongation_alert
from anef_tui.plain.context import Context, QuitDossier
from anef_tui.plain.followup.common import ask, deadline_text
from anef_tui.plain.followup.notifications import notifications
from anef_tui.plain.followup_store import FollowUp
from anef_tui.store.db import StoreError

PAGE = 100
MAX_WARNINGS = 5

#: The actions of « Échéances » this module does (tests/plain/test_parity.py): « donnees N »
#: at its question is the full screen's Ctrl+G on the row of dossier N.
HANDLED = {"open", "close", "donnees"}


def deadlines(ctx: Context) -> None:
    from anef_tui.store.deadlines import DeadlineIndex

    io = ctx.io
    today = ctx.today()
    index = DeadlineIndex(ctx.store)
    alerts, alert_total = index.prolongation_alerts(today, limit=MAX_WARNINGS)
    io.say("", "Échéances")
    for a in alerts:
        if a.date is not None:  # a prolongation's end always has one
            io.say(f"{a.applicant_name or '(sans nom)'} — {prolongation_alert(a.date, today)}")
    if alert_total > len(alerts):
        io.say(f"… et {alert_total - len(alerts)} autre(s) dans la liste ci-dessous.")
    rows = []
    page = index.page(today, limit=PAGE)
    while page:
        rows += page
        page = index.page(today, after=page[-1].key, limit=PAGE) if len(page) == PAGE else []
    if not rows:
        io.say("Aucune échéance : aucune notification en attente de réponse.")
        return
    io.say(f"{len(rows)} échéance(s), la plus proche en premier :")
    for n, d in enumerate(rows, 1):
        io.say(f"{n}. {d.applicant_name or '(sans nom)'}, dossier {d.dossier_id} : "
               + deadline_text(d.date, d.label, today))
    io.say("Numéro d'une échéance pour ouvrir les notifications de son dossier, ou « donnees "
           "N » pour le PDF « Ce que anef-tui sait de vous » du dossier N (Entrée : retour) :")
    text = ask(ctx, lambda: None).strip()
    word, _, number = text.partition(" ")
    if word.lower() in ("donnees", "données"):
        if number.strip() in {str(d.dossier_id) for d in rows}:
            from anef_tui.plain.donnees import make

            make(ctx, int(number))
        else:
            io.say(f"Aucun dossier n° {number.strip()} dans cette liste.")
    elif text.isdigit() and text.isascii() and 1 <= int(text) <= len(rows):
        open_notifications(ctx, rows[int(text) - 1].dossier_id)
    elif text:
        io.say(f"Aucune échéance n° {text}.")


def open_notifications(ctx: Context, dossier_id: int) -> None:
    """« Mes notifications » of one dossier (F4 on « Mes dossiers »)."""
    try:
        record = ctx.store.get(dossier_id)
        procedure = load_procedure(record.summary.procedure)
    except (StoreError, CatalogueError):
        ctx.io.say(f"Aucun dossier n° {dossier_id} à ouvrir.")
        return
    if record.summary.status.editable:
        ctx.io.say("Ce dossier n'est pas déposé : il n'a pas encore de notifications.")
        return
    try:
        notifications(ctx, FollowUp(ctx.store), dossier_id, procedure)
    except QuitDossier:
        ctx.io.say("Retour à Mes dossiers.")
