"""The words and steps every front end shares to open a data folder (issue 23): the TUI's
unlock screens, the plain mode and the command line say the same French sentences and
follow the same rules. Textual-free.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from anef_tui.vault.errors import MistypedRecoveryKey, WrongPassphrase, WrongRecoveryKey
from anef_tui.vault.keyfile import key_file_path
from anef_tui.vault.keys import Created, VaultKey

#: What asks a line without echo, and what says a line (a terminal's, or the plain mode's).
Ask = Callable[[str], str]
Say = Callable[[str], None]


def at_a_terminal() -> bool:
    """Whether a person can type at this terminal (getpass reads the controlling one): not
    pipes, not a script."""
    import sys

    try:
        return sys.stdin.isatty() and sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


def ask_without_echo(prompt: str) -> str:
    """A line typed at the controlling terminal, not shown (getpass: a screen reader reads
    the prompt, never the phrase)."""
    import getpass
    import sys

    return getpass.getpass(f"{prompt} : ", stream=sys.stderr)


#: Typed instead of the passphrase, it asks for the recovery key.
RECOVERY_WORD = "secours"
RECOVERY_HINT = "(Phrase oubliée : tapez « secours » pour utiliser la clé de secours.)"

#: Minutes without a key before the lock, unless the preference says otherwise.
DEFAULT_IDLE_MINUTES = 5
MIN_IDLE_MINUTES = 1
MAX_IDLE_MINUTES = 120
IDLE_PREFERENCE = "verrouillage_minutes"


def idle_minutes(preferences: dict) -> int:
    """The idle time before the lock, from the preferences (an odd value: the default)."""
    value = preferences.get(IDLE_PREFERENCE)
    if isinstance(value, int) and not isinstance(value, bool) \
            and MIN_IDLE_MINUTES <= value <= MAX_IDLE_MINUTES:
        return value
    return DEFAULT_IDLE_MINUTES


PASSPHRASE_PROMPT = "Phrase secrète"
PASSPHRASE_AGAIN_PROMPT = "La même phrase secrète, une seconde fois"
RECOVERY_PROMPT = "Clé de secours"

UNLOCK_INTRO = (
    "Les dossiers de ce dossier de données sont chiffrés. Tapez la phrase secrète pour "
    "les ouvrir."
)
CREATE_INTRO = (
    "Les dossiers contiennent des données personnelles et de santé : anef-tui les chiffre. "
    "Choisissez une phrase secrète : au moins 12 caractères ou 4 mots, facile à retenir "
    "pour vous, difficile à deviner. Elle sera demandée à chaque ouverture."
)
RULES = "Au moins 12 caractères, ou au moins 4 mots ; pas une suite ni un mot courant."
MISMATCH = "Les deux phrases ne sont pas les mêmes : tapez-les de nouveau."
WRONG_RECOVERY_HINT = (
    "Phrase secrète oubliée ? Tapez la clé de secours imprimée à la création du coffre."
)
PLAIN_WARNING = (
    "Sans chiffrement, quiconque lit ce dossier de données (un autre compte, un disque "
    "volé, une sauvegarde copiée) lit l'identité, la situation et l'état de santé des "
    "personnes. Ne choisissez cela que pour un poste sans données réelles."
)
CONVERT_INTRO = (
    "Ce dossier de données a été créé avant le chiffrement : ses dossiers sont lisibles "
    "par quiconque accède à ce disque. Chiffrez-les maintenant : une copie chiffrée est "
    "faite et vérifiée d'abord, puis les fichiers en clair sont effacés."
)


def strength_line(strength: str) -> str:
    """The strength said in words (never a colour)."""
    return f"Solidité : {strength}"


def wait_line(seconds: float) -> str:
    whole = max(1, round(seconds))
    return f"Attendez {whole} seconde{'s' if whole > 1 else ''} avant d'essayer de nouveau."


def after_refusal(refusal: Exception, failures: int, say: Say,
                  sleep: Callable[[float], None], max_tries: int | None) -> None:
    """A refused phrase asked line by line (the vault's, an account's): the refusal said,
    raised again once `max_tries` are spent, else the growing wait (`wait_after`)."""
    from anef_tui.vault.passphrase import wait_after

    say(str(refusal))
    if max_tries is not None and failures >= max_tries:
        raise refusal
    wait = wait_after(failures)
    if wait:
        say(wait_line(wait))
        sleep(wait)


def recovery_sheet(created: Created, data_dir: Path) -> list[str]:
    """What the user copies on paper, once: the recovery key and which folder it opens."""
    from anef_tui.display import display_path

    return [
        "Clé de secours (affichée une seule fois) :",
        f"    {created.recovery_key}",
        f"Coffre n° {created.key.vault_id[:8]} — dossier de données {display_path(data_dir)}",
        "Recopiez-la sur papier et gardez-la sous clé, loin de cet ordinateur. Elle ouvre "
        "les dossiers si la phrase secrète est oubliée ; sans elle ni la phrase, personne, "
        "pas même anef-tui, ne peut les lire.",
    ]


def unlock_by_asking(data_dir: Path, ask: Ask, say: Say, sleep: Callable[[float], None], *,
                     max_tries: int | None = None, intro: str = UNLOCK_INTRO) -> VaultKey:
    """The key, from a passphrase typed at a terminal (`ask`, no echo): a wrong one is said
    and the next try waits longer (`wait_after`); « secours » asks for the recovery key and
    then a new passphrase. After `max_tries` wrong ones (None: never) the last refusal is
    raised. The command line and the plain mode's idle lock share it."""
    from anef_tui.vault.keys import unlock_with_passphrase

    say(intro)
    say(RECOVERY_HINT)
    failures = 0
    while True:
        typed = ask(PASSPHRASE_PROMPT)
        try:
            if typed.strip().lower() == RECOVERY_WORD:  # never a passphrase: too short
                return recover_by_asking(data_dir, ask, say)
            return unlock_with_passphrase(key_file_path(data_dir), typed)
        except (WrongPassphrase, WrongRecoveryKey, MistypedRecoveryKey) as exc:
            failures += 1
            after_refusal(exc, failures, say, sleep, max_tries)


def recover_by_asking(data_dir: Path, ask: Ask, say: Say) -> VaultKey:
    """Unlock with the recovery key, then choose a new passphrase."""
    from anef_tui.vault.keys import change_passphrase, unlock_with_recovery_key

    key = unlock_with_recovery_key(key_file_path(data_dir), ask(RECOVERY_PROMPT))
    say("Clé de secours acceptée. Choisissez une nouvelle phrase secrète.")
    phrase = new_phrase_by_asking(ask, say)
    change_passphrase(key_file_path(data_dir), key, phrase)
    say("Nouvelle phrase secrète enregistrée.")
    return key


def new_phrase_by_asking(ask: Ask, say: Say) -> str:
    """A new passphrase typed twice at a terminal, its strength said, refused until the
    rules accept it and both are the same."""
    from anef_tui.vault.passphrase import assess

    say(RULES)
    while True:
        first = ask(PASSPHRASE_PROMPT)
        found = assess(first)
        say(strength_line(found.strength))
        if not found.accepted:
            for problem in found.problems:
                say(f"Refusée : {problem}.")
            continue
        if ask(PASSPHRASE_AGAIN_PROMPT) != first:
            say(MISMATCH)
            continue
        return first
