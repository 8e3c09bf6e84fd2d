"""The words and steps every front end shares to log in (issue 25): the TUI's login screen,
the plain mode and the command line say the same French sentences. Textual-free."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from anef_tui.accounts.errors import AccountDisabled, LoginRefused

if TYPE_CHECKING:
    from anef_tui.accounts.session import Session
    from anef_tui.store.database import Database

Ask = Callable[[str], str]
Say = Callable[[str], None]

LOGIN_TITLE = "anef-tui — Connexion"
LOGIN_INTRO = (
    "Cette base est partagée par les aidants de la structure : chacun a son compte. Tapez "
    "votre nom de compte et votre phrase secrète."
)
NAME_PROMPT = "Nom de compte"
PHRASE_PROMPT = "Phrase secrète"
FORGOTTEN = "Phrase oubliée : un référent de la structure vous en donne une nouvelle."
FIRST_CHANGE = (
    "Votre phrase secrète vous a été donnée par un référent : choisissez maintenant la vôtre, "
    "que vous seul connaîtrez."
)
CHANGED = "Nouvelle phrase secrète enregistrée."
#: Tries at a terminal before the command line gives up (each wrong one waits longer).
MAX_TRIES = 5


def welcome(session: Session) -> str:
    return f"Connecté : {session.display_name} ({session.login}, {session.role_shown})."


def login_by_asking(database: Database, ask_name: Ask, ask_phrase: Ask, say: Say,
                    sleep: Callable[[float], None], *, front_end: str,
                    name: str | None = None, max_tries: int | None = MAX_TRIES) -> Session:
    """A session from a name (given, or asked) and a passphrase asked (no echo at a
    terminal): a refusal is said and the next try waits longer (`wait_after`); after
    `max_tries` refusals (None: never) the last is raised. A passphrase given by a référent
    is changed at once (typed twice, the vault's rules)."""
    from anef_tui.accounts.login import login, refused_line
    from anef_tui.vault.door import after_refusal

    say(LOGIN_INTRO)
    failures = 0
    while True:
        typed_name = name if name else ask_name(NAME_PROMPT)
        try:
            session = login(database, typed_name, ask_phrase(PHRASE_PROMPT),
                            front_end=front_end)
            break
        except (LoginRefused, AccountDisabled) as exc:
            failures += 1
            after_refusal(exc, failures, say, sleep, max_tries)
    say(welcome(session))
    warning = refused_line(session)
    if warning:
        say(warning)
    if session.must_change:
        session = change_by_asking(database, session, ask_phrase, say)
    return session


def change_by_asking(database: Database, session: Session, ask_phrase: Ask,
                     say: Say) -> Session:
    """The worker's own passphrase, typed twice (the vault's rules and words)."""
    from anef_tui.accounts.manage import change_own_passphrase
    from anef_tui.vault.door import new_phrase_by_asking

    say(FIRST_CHANGE)
    session = change_own_passphrase(database, session, new_phrase_by_asking(ask_phrase, say))
    say(CHANGED)
    return session
