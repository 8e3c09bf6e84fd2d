"""« Effacer cette personne » and the retention period in plain lines (issue 24): « effacer
N » says what will go and erases after « oui »; « echus » lists the persons past the
retention period and « effacer echus » erases them after « oui »; « conservation [MOIS] »
says or changes the period."""

from __future__ import annotations

from anef_tui.accounts.settings import retention_months as base_retention
from anef_tui.oserrors import error_text
from anef_tui.plain import commands
from anef_tui.plain.commands import Command
from anef_tui.plain.context import Context
from anef_tui.plain.text import NO, YES, choices_line, pick
from anef_tui.store.db import StoreError

HELP = [
    "effacer N : effacer définitivement la personne du dossier N (et ses dossiers liés), "
    "après confirmation ;",
    "echus : les personnes dont la durée de conservation est passée ; « effacer echus » les "
    "efface, après confirmation ;",
    "conservation MOIS : changer la durée de conservation (en mois) ;",
]


def _confirmed(ctx: Context, question: str) -> bool:
    ctx.io.say(question, *choices_line([YES, NO]))
    answer = commands.parse(ctx.io.ask())
    return not isinstance(answer, Command) and pick(answer, [YES, NO]) == YES


def erase(ctx: Context, dossier_id: int) -> None:
    from anef_tui.store import erasure
    from anef_tui.store.erasure import words

    try:
        seen = erasure.preview(ctx.store, dossier_id)
    except StoreError:
        ctx.io.say(f"Aucun dossier n° {dossier_id}.")
        return
    ctx.io.say(words.ERASE_PERSON, *words.preview_lines(seen))
    if not _confirmed(ctx, "Effacer définitivement cette personne ?"):
        ctx.io.say("Rien n'a été effacé.")
        return
    _erase(ctx, [seen.dossiers[0]])


def _erase(ctx: Context, dossiers: list[int]) -> None:
    from anef_tui.store import erasure
    from anef_tui.store.erasure import words

    for dossier in dossiers:
        try:
            done = erasure.erase_person(ctx.store, dossier)
        except (StoreError, OSError) as exc:
            ctx.io.say(f"L'effacement n'a pas pu être terminé : {error_text(exc)} Il sera "
                       "terminé à la prochaine ouverture.")
            return
        ctx.io.say(words.done_message(done))


def alert(ctx: Context) -> list[str]:
    """The line « Mes dossiers » says when persons are past the period ([] otherwise)."""
    from anef_tui.store.erasure import retention, words

    months = base_retention(ctx.store)
    count = len(retention.due(ctx.store, months))
    if not count:
        return []
    return [f"{words.alert_text(count, months).capitalize()} : tapez « echus »."]


def past(ctx: Context, *, erase_them: bool = False) -> None:
    from anef_tui.store.erasure import retention, words

    months = base_retention(ctx.store)
    due = retention.due(ctx.store, months)
    if not due:
        ctx.io.say(f"Aucune personne à effacer : rien n'a dépassé la durée de conservation "
                   f"({months} mois).")
        return
    ctx.io.say(f"{words.alert_text(len(due), months).capitalize()} :",
               *(f"- {words.due_line(item)}" for item in due))
    if not erase_them:
        ctx.io.say("« effacer echus » pour les effacer ; « conservation MOIS » pour changer "
                   "la durée.")
        return
    if not _confirmed(ctx, f"Effacer définitivement ces {len(due)} personne(s) ?"):
        ctx.io.say("Rien n'a été effacé.")
        return
    _erase(ctx, [item.dossiers[0] for item in due])


def period(ctx: Context, text: str) -> None:
    from anef_tui.accounts.errors import NotAllowed
    from anef_tui.accounts.settings import save_retention_months

    if not text.strip():
        months = base_retention(ctx.store)
        ctx.io.say(f"Durée de conservation : {months} mois. « conservation MOIS » pour la "
                   "changer.")
        return
    try:
        months = save_retention_months(ctx.store, ctx.session, text)
    except (ValueError, NotAllowed) as exc:
        ctx.io.say(str(exc))
        return
    except OSError as exc:
        ctx.io.say(f"La durée n'a pas pu être enregistrée : {error_text(exc)}")
        return
    ctx.io.say(f"Durée de conservation enregistrée : {months} mois.")
