"""The applicant's consent in plain lines (issue 24): asked when a dossier is created (one
line, Entrée for the file's defaults), renewed (« consentement N ») or withdrawn
(« retirer N », after an explicit « Oui ») from « Mes dossiers », the mandate PDF made and
its path said, and the line the list says for a consent not simply in force."""

from __future__ import annotations

from pathlib import Path

from anef_tui.domain import consent as c
from anef_tui.domain.consent import ConsentTerms, consent_rules, default_terms, duration_text
from anef_tui.oserrors import error_text
from anef_tui.plain import commands
from anef_tui.plain.commands import Command
from anef_tui.plain.context import Context
from anef_tui.plain.text import NO, YES, choices_line, pick
from anef_tui.store.consents import ConsentAlert, ConsentStore
from anef_tui.store.db import StoreError


def consents(ctx: Context) -> ConsentStore:
    return ConsentStore(ctx.store.database)


def question_lines() -> list[str]:
    rules = consent_rules()
    default = default_terms()
    manners = list(rules.manners.values())
    first = manners[list(rules.manners).index(default.manner)]
    return [
        f"Consentement de la personne. Entrée : {first.lower()}, "
        f"{duration_text(default.months)}.",
        "Sinon, le numéro de la manière puis la durée (« 1 jour », ou 1 à "
        f"{rules.max_months} mois), par exemple « 2 3 mois » :",
        *choices_line(manners),
    ]


def parse_terms(text: str) -> ConsentTerms | None:
    """« » → the defaults; « 2 » → the second manner, default duration; « 2 3 mois »,
    « 1 1 jour »; None when not understood."""
    rules = consent_rules()
    default = default_terms()
    words = text.split()
    if not words:
        return default
    codes = list(rules.manners)
    if not (words[0].isascii() and words[0].isdigit() and 1 <= int(words[0]) <= len(codes)):
        return None
    manner = codes[int(words[0]) - 1]
    if len(words) == 1:
        return ConsentTerms(manner, default.months)
    months = c.parse_months(" ".join(words[1:]))
    return None if months is None else ConsentTerms(manner, months)


def ask_terms(ctx: Context) -> ConsentTerms | None:
    """The consent's terms, asked until understood; None when a command is typed."""
    io = ctx.io
    io.say(*question_lines())
    while True:
        answer = commands.parse(io.ask())
        if isinstance(answer, Command):
            return None
        terms = parse_terms(answer)
        if terms is not None:
            return terms
        io.say("Je ne comprends pas : Entrée, ou par exemple « 1 12 mois », « 2 1 jour ».")


def make_mandate(ctx: Context, dossier_id: int) -> None:
    """The « Mandat / consentement » PDF of the dossier's latest consent; its path said."""
    from anef_tui.display import display_path
    from anef_tui.documents.mandat import issue_mandate
    from anef_tui.domain.procedure_index import procedure_index

    consent = consents(ctx).current(dossier_id)
    if consent is None:
        return
    ref = procedure_index().get(consent.procedure)
    try:
        path: Path = issue_mandate(ctx.store, consent,
                                  ref.short_label if ref else consent.procedure)
    except (OSError, ValueError) as exc:
        ctx.io.say(f"Le mandat n'a pas pu être fait : {error_text(exc)}")
        return
    ctx.io.say(f"Mandat / consentement à faire signer : {display_path(path)}")


def renew(ctx: Context, dossier_id: int) -> None:
    """« consentement N »: a new consent (manner, duration), then its mandate."""
    try:
        ctx.store.get(dossier_id)
        why = consents(ctx).refusal(dossier_id)
    except StoreError:
        ctx.io.say(f"Aucun dossier n° {dossier_id}.")
        return
    ctx.io.say("Renouveler le consentement", why or "Le consentement est en cours.")
    terms = ask_terms(ctx)
    if terms is None:
        ctx.io.say("Rien n'est enregistré.")
        return
    consents(ctx).renew(dossier_id, terms)
    ctx.io.say(f"Consentement enregistré ({duration_text(terms.months)}).")
    make_mandate(ctx, dossier_id)


def withdraw(ctx: Context, dossier_id: int) -> None:
    """« retirer N »: after « Oui », the dossier is read-only."""
    io = ctx.io
    try:
        name = ctx.store.get(dossier_id).summary.applicant_name or "(sans nom)"
    except StoreError:
        io.say(f"Aucun dossier n° {dossier_id}.")
        return
    io.say("Retirer le consentement",
           f"{name} retire son consentement ? Le dossier restera lisible mais ne pourra plus "
           "être modifié, jusqu'à un nouveau consentement. Pour effacer ses données, "
           f"tapez ensuite « abandonner {dossier_id} ».",
           *choices_line([YES, NO]))
    answer = commands.parse(io.ask())
    if isinstance(answer, Command) or pick(answer, [YES, NO]) != YES:
        io.say("Rien n'est retiré.")
        return
    consents(ctx).withdraw(dossier_id)
    io.say(f"Consentement de {name} retiré : le dossier ne peut plus être modifié.")


def alert_text(alert: ConsentAlert, dossier_id: int) -> str:
    """« Consentement : prend fin le 07/12/2026 à 10 h 37 ; « consentement 4 » pour le
    renouveler. »"""
    what = c.standing_words(alert.standing, alert.until)
    return f"  Consentement : {what} ; « consentement {dossier_id} » pour le renouveler."
