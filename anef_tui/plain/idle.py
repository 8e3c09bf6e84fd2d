"""The plain mode's idle lock (issue 23), for an encrypted folder at a terminal: a line
that comes after the idle time (the preference « verrouillage_minutes », default 5) is acted
on only once the passphrase is typed again (without echo). What the terminal already shows
stays on it: the lock guards what comes next, and says to clear the screen.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from anef_tui.plain.io import EndOfInput, PlainIO
from anef_tui.vault import door
from anef_tui.vault.keys import VaultKey

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
