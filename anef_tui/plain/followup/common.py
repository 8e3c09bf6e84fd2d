"""What every part of the plain follow-up shares: dates and deadlines in words, PDFs, one
answer with the commands handled, a date, a choice."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal, overload

from anef_tui.domain.deadlines import deadline_words
from anef_tui.domain.rules import FieldError, validate
from anef_tui.plain import commands
from anef_tui.plain.commands import Command
from anef_tui.plain.context import Context, QuitDossier
from anef_tui.plain.dossier_commands import run_dossier_command
from anef_tui.plain.io import PROMPT
from anef_tui.plain.text import choices_line, pick


def fr_date(value: str | date | None) -> str:
    if not value:
        return "—"
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value).strftime("%d/%m/%Y")
        except ValueError:
            return value
    return value.strftime("%d/%m/%Y")


def deadline_text(day: date | None, label: str | None, today: date) -> str:
    """« 22/12/2026 (dans 30 jours) : Répondre au complément » (domain/deadlines.py, the same
    words in the full-screen « Mes notifications »)."""
    return deadline_words(day, label, today)


def ask(ctx: Context, show, prompt: str = PROMPT) -> str:
    """One answer; commands are handled here (« :retour » gives the empty answer)."""
    while True:
        answer = commands.parse(ctx.io.ask(prompt))
        if not isinstance(answer, Command):
            return answer
        if answer.name == "quitter":
            raise QuitDossier
        if answer.name == "retour":
            return ""
        if answer.name == "aide":
            ctx.io.say(*commands.help_lines())
        elif ctx.current_dossier is not None and run_dossier_command(
                ctx, answer.name, ctx.current_dossier):
            pass  # « :liste », « :journal », « :consentement », « :donnees »
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
