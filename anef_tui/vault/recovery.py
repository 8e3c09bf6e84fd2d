"""The recovery key: shown once, copied by hand, typed back the day the passphrase is lost.

Eight groups of four characters (« 7KQX-M3PA-… »). Each group holds three random characters
and one check character, so a typo is caught before any decryption is tried, and the message
names the group to read again; a key well formed but not this vault's is told apart
(`WrongRecoveryKey`, raised by `keys`).

The alphabet has 31 symbols: digits and capitals without 0, O, 1, I and L, which handwriting
and fonts confuse. 31 is prime, so the check `(d0 + 2·d1 + 3·d2 + 4·(n+1)) mod 31` of group
n catches every single wrong character, every swap of two neighbours (the check character
included), and two whole groups typed in each other's place. 24 random symbols: 31^24, about
2^119 keys — out of reach of a search even with the key file in hand, so a fast key
derivation (HKDF, in `keys`) is enough for it.

No Textual and nothing heavy here: pure Python.
"""

from __future__ import annotations

import secrets

from anef_tui.display import display_text
from anef_tui.vault.errors import MistypedRecoveryKey

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
GROUPS = 8
GROUP_SIZE = 4
RANDOM_PER_GROUP = GROUP_SIZE - 1
LENGTH = GROUPS * GROUP_SIZE
#: Typed between groups, or anywhere, and ignored.
SEPARATORS = frozenset(" -_.\t\u00a0\u202f")
_VALUE = {symbol: value for value, symbol in enumerate(ALPHABET)}
_CONFUSED = "0, O, 1, I ni L"


def check_symbol(group: int, symbols: str) -> str:
    """The check character of group number `group` (0-based) whose random part is
    `symbols` (three characters of the alphabet)."""
    total = 4 * (group + 1)
    for weight, symbol in enumerate(symbols, start=1):
        total += weight * _VALUE[symbol]
    return ALPHABET[total % len(ALPHABET)]


def generate() -> str:
    """A new random recovery key, normalized (32 characters, no separators)."""
    parts = []
    for group in range(GROUPS):
        body = "".join(secrets.choice(ALPHABET) for _ in range(RANDOM_PER_GROUP))
        parts.append(body + check_symbol(group, body))
    return "".join(parts)


def shown(key: str) -> str:
    """The key as printed for the user: groups of four joined by « - »."""
    return "-".join(key[i:i + GROUP_SIZE] for i in range(0, len(key), GROUP_SIZE))


def _numbers(groups: list[int]) -> str:
    names = [f"n° {g + 1}" for g in groups]
    if len(names) == 1:
        return f"le groupe {names[0]}"
    return "les groupes " + ", ".join(names[:-1]) + " et " + names[-1]


def parse(typed: str) -> str:
    """The recovery key as the user typed it, normalized (capitals, no separators).

    MistypedRecoveryKey, in French, for a key that cannot be one: too short or too long, a
    character outside the alphabet (named, with its group), or a group whose check
    character does not match (a typo: the groups to read again are named)."""
    letters = [c.upper() for c in typed if c not in SEPARATORS]
    if len(letters) != LENGTH:
        raise MistypedRecoveryKey(
            f"Une clé de secours a {LENGTH} caractères ({GROUPS} groupes de {GROUP_SIZE}) ; "
            f"{len(letters)} ont été tapés : vérifiez qu'aucun groupe ne manque ni n'est "
            "tapé deux fois."
        )
    for index, letter in enumerate(letters):
        if letter not in _VALUE:
            raise MistypedRecoveryKey(
                f"Le caractère « {display_text(letter)} » (groupe n° {index // GROUP_SIZE + 1}) "
                f"n'existe pas dans une clé de secours, qui n'utilise ni {_CONFUSED} : "
                "relisez ce groupe sur la feuille imprimée."
            )
    key = "".join(letters)
    wrong = [
        group for group in range(GROUPS)
        if check_symbol(group, key[group * GROUP_SIZE:group * GROUP_SIZE + RANDOM_PER_GROUP])
        != key[group * GROUP_SIZE + RANDOM_PER_GROUP]
    ]
    if wrong:
        quoted = ", ".join(
            f"« {key[g * GROUP_SIZE:(g + 1) * GROUP_SIZE]} »" for g in wrong
        )
        raise MistypedRecoveryKey(
            f"Faute de frappe dans {_numbers(wrong)} ({quoted}) de la clé de secours : "
            "relisez-les sur la feuille imprimée, puis retapez la clé."
        )
    return key
