"""« Mes notifications » of one dossier in plain lines: the list (all, or the unread ones),
the deadlines still due (the same kept deadlines as « Échéances »), opening one, recording
one, the closure of the request."""

from __future__ import annotations

from anef_tui.domain import actions
from anef_tui.domain.catalogue import Procedure
from anef_tui.domain.status import DossierStatus, can_transition
from anef_tui.oserrors import error_text
from anef_tui.plain.context import Context
from anef_tui.plain.followup.common import ask, ask_choice, deadline_text, fr_date
from anef_tui.plain.followup.notification import open_notification
from anef_tui.plain.followup.record import record_notification
from anef_tui.plain.followup_store import FollowUp
from anef_tui.plain.text import NO, YES
from anef_tui.store.db import StoreError

SCREEN = "notifications"

#: The full-screen screen's intro, as it says it.
INTRO = (
    "Vous pouvez suivre votre correspondance avec l'administration ci-dessous. "
    "L'ouverture d'une notification fait office, pour l'administration, d'accusé de "
    "réception et déclenche donc le délai dans lequel vous devez répondre à une "
    "demande de l'agent en charge de votre dossier."
)


def due_by_notification(ctx: Context, dossier_id: int) -> dict[int | None, list]:
    """The dossier's deadlines still due, as « Échéances » (F6) reads them, by notification."""
    from anef_tui.store.deadlines import DeadlineIndex

    out: dict[int | None, list] = {}
    for d in DeadlineIndex(ctx.store).of_dossier(dossier_id, ctx.today()):
        out.setdefault(d.notification_id, []).append(d)
    return out


def notifications(ctx: Context, follow: FollowUp, dossier_id: int,
                  procedure: Procedure) -> None:
    before, ctx.current_dossier = ctx.current_dossier, dossier_id  # « :donnees » here too
    try:
        _notifications(ctx, follow, dossier_id, procedure)
    finally:
        ctx.current_dossier = before


def _notifications(ctx: Context, follow: FollowUp, dossier_id: int,
                   procedure: Procedure) -> None:
    io = ctx.io
    only_unread = False
    io.say("Mes Notifications", INTRO)  # the site's page heading (seed 000 l. 1468)
    while True:
        items = follow.notifications(dossier_id, only_unread=only_unread)
        summary = ctx.store.get(dossier_id).summary
        status = summary.status
        due = due_by_notification(ctx, dossier_id)
        io.say("", f"Mes Notifications : {len(items)}. "
                   f"État du dossier : {summary.states_label}")
        io.say("Filtrer mes notifications : " + (
            "Notifications non lues" if only_unread else "Toutes les notifications"))
        for n, item in enumerate(items, 1):
            read = f", Lu le {fr_date(item.read_on)}" if item.read_on else ""
            # As the site's list: the domain (« SEJOUR »), the title « lue » / « non lue ».
            io.say(f"{n}. {item.domain} : {item.title} {'lue' if item.read_on else 'non lue'}, "
                   f"reçue le {fr_date(item.received_on)}{read}.")
            for d in due.get(item.id, []):
                io.say("   Échéance : " + deadline_text(d.date, d.label, ctx.today()))
        if not items:
            io.say("Aucune notification. Quand l'administration en envoie une (sur le site "
                   "de l'ANEF ou par e-mail), enregistrez-la ici (« Enregistrer une "
                   "notification reçue »).")
        offered = [a for a in actions.SCREENS[SCREEN].values()
                   if (a.code != "open" or items)
                   and (a.code != "closed" or can_transition(status, DossierStatus.CLOTUREE))]
        chosen = ask_choice(ctx, "Que voulez-vous faire ? (Entrée : retour)",
                            [a.label for a in offered])
        code = actions.code_of(SCREEN, chosen) if chosen else "close"
        if code == "close":
            return
        if code == "toggle_filter":
            only_unread = not only_unread
        elif code == "record":
            record_notification(ctx, follow, dossier_id, procedure)
        elif code == "closed":
            record_closure(ctx, follow, dossier_id)
        elif code == "donnees":
            from anef_tui.plain.donnees import make

            make(ctx, dossier_id)
        elif code == "open":
            item = choose(ctx, items)
            if item is not None:
                try:
                    follow.mark_read(item.id, ctx.today())
                except (StoreError, ValueError) as exc:
                    io.say(error_text(exc))
                open_notification(ctx, follow, follow.get(item.id), procedure)


#: The actions of « Mes notifications » this module does (tests/plain/test_parity.py).
HANDLED = {"open", "record", "toggle_filter", "closed", "close", "donnees"}


def choose(ctx: Context, items: list):
    if len(items) == 1:
        return items[0]
    ctx.io.say(f"Numéro de la notification à ouvrir (1 à {len(items)}, Entrée : retour) :")
    text = ask(ctx, lambda: None).strip()
    if not text:
        return None
    if not (text.isdigit() and text.isascii() and 1 <= int(text) <= len(items)):
        ctx.io.say(f"Aucune notification n° {text}.")
        return None
    return items[int(text) - 1]


def record_closure(ctx: Context, follow: FollowUp, dossier_id: int) -> None:
    """« Clôturée », after a confirmation, as the full-screen F8 asks it."""
    answer = ask_choice(
        ctx,
        "Demande clôturée. La préfecture a-t-elle clôturé cette demande (par exemple parce "
        "que les compléments n'ont pas été fournis dans le délai) ? Le dossier passera à "
        "l'état « Clôturée » et n'aura plus d'échéance.",
        [YES, NO],
    )
    if answer != YES:
        ctx.io.say("Rien n'est enregistré.")
        return
    try:
        follow.record_closure(dossier_id)
    except (ValueError, StoreError) as exc:
        ctx.io.say(error_text(exc))
        return
    ctx.io.say("Dossier enregistré comme « Clôturée ».")
