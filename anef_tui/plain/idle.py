"""The plain mode's idle lock (issue 23), for an encrypted folder at a terminal: a line
that comes after the idle time (the preference « verrouillage_minutes », default 5) is acted
on only once the passphrase is typed again (without echo). What the terminal already shows
stays on it: the lock guards what comes next, and says to clear the screen.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from anef_tui.plain.io import EndOfInput, PlainIO
from anef_tui.vault import door
from anef_tui.vault.keys import VaultKey

if TYPE_CHECKING:
    from anef_tui.accounts.session import Session
    from anef_tui.store.database import Database

LOCKED = (
    "anef-tui était verrouillé (aucune réponse depuis {minutes} min). Tapez la phrase "
    "secrète pour continuer ; pensez à effacer l'écran du terminal si d'autres le voient."
)


def install(io: PlainIO, data_dir: Path, key: VaultKey, preferences: dict, *,
            ask: Callable[[str], str] | None = None,
            sleep: Callable[[float], None] = time.sleep) -> None:
    """Guard `io`'s lines with the passphrase after the idle time."""
    minutes = door.idle_minutes(preferences)
    limit = minutes * 60.0

    typed = ask or door.ask_without_echo

    def after_wait(seconds: float) -> None:
        if seconds < limit:
            return
        from anef_tui.vault.keys import check_same_vault

        try:
            found = door.unlock_by_asking(data_dir, typed, io.say, sleep,
                                          intro=LOCKED.format(minutes=minutes))
        except EOFError:
            raise EndOfInput from None
        check_same_vault(key, found.vault_id, data_dir)
        io.say("Déverrouillé.")

    io.after_wait = after_wait


ACCOUNT_LOCKED = (
    "anef-tui était verrouillé (aucune réponse depuis {minutes} min). Tapez la phrase "
    "secrète du compte « {login} » pour continuer ; pensez à effacer l'écran du terminal si "
    "d'autres le voient."
)


def install_for_account(io: PlainIO, database: Database, session: Session,
                        preferences: dict, *, ask: Callable[[str], str] | None = None,
                        sleep: Callable[[float], None] = time.sleep) -> None:
    """On a base with accounts (issue 25): after the idle time, the logged-in worker's
    passphrase again (a refusal said, each next try waiting longer)."""
    from anef_tui.accounts.errors import AccountDisabled, LoginRefused
    from anef_tui.accounts.login import login
    from anef_tui.accounts.words import PHRASE_PROMPT
    from anef_tui.store.journal.actor import PLAIN
    from anef_tui.vault.passphrase import wait_after

    minutes = door.idle_minutes(preferences)
    limit = minutes * 60.0
    typed = ask or door.ask_without_echo

    def after_wait(seconds: float) -> None:
        if seconds < limit:
            return
        io.say(ACCOUNT_LOCKED.format(minutes=minutes, login=session.login))
        failures = 0
        while True:
            try:
                login(database, session.login, typed(PHRASE_PROMPT), front_end=PLAIN)
                break
            except EOFError:
                raise EndOfInput from None
            except (LoginRefused, AccountDisabled) as exc:
                failures += 1
                io.say(str(exc))
                wait = wait_after(failures)
                if wait:
                    io.say(door.wait_line(wait))
                    sleep(wait)
        io.say("Déverrouillé.")

    io.after_wait = after_wait
