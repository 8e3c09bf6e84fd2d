"""The plain mode's idle lock (issue 23), for an encrypted folder at a terminal: a line
that comes after the idle time (the preference « verrouillage_minutes », default 5) is acted
on only once the passphrase is typed again (without echo). What the terminal already shows
stays on it: the lock guards what comes next, and says to clear the screen.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from anef_tui.plain.io import PlainIO
from anef_tui.vault import door
from anef_tui.vault.errors import WrongPassphrase
from anef_tui.vault.keyfile import key_file_path
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

    def ask_typed(prompt: str) -> str:
        import getpass
        import sys

        return getpass.getpass(f"{prompt} : ", stream=sys.stderr)

    typed = ask or ask_typed

    def after_wait(seconds: float) -> None:
        if seconds < limit:
            return
        from anef_tui.vault.keys import check_same_vault, unlock_with_passphrase
        from anef_tui.vault.passphrase import wait_after

        io.say(LOCKED.format(minutes=minutes))
        failures = 0
        while True:
            try:
                found = unlock_with_passphrase(key_file_path(data_dir),
                                               typed(door.PASSPHRASE_PROMPT))
            except WrongPassphrase as exc:
                failures += 1
                io.say(str(exc))
                wait = wait_after(failures)
                if wait:
                    io.say(door.wait_line(wait))
                    sleep(wait)
                continue
            except EOFError:
                from anef_tui.plain.io import EndOfInput

                raise EndOfInput from None
            check_same_vault(key, found.vault_id, data_dir)
            io.say("Déverrouillé.")
            return

    io.after_wait = after_wait
