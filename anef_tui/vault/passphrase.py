"""The passphrase as typed: how it is read, whether it is accepted, how strong it looks, and
how long to wait after a wrong one. Pure functions, no I/O, nothing heavy.

Reading (`normalize`): Unicode NFC (« é » typed as one character or as « e » + accent is the
same phrase), spaces at either end dropped, runs of spaces inside kept as one. So a phrase
is the same on another terminal or keyboard, and a stray space is forgiven.

Rules (`assess`): at least 12 characters, or at least four words; and not « faible » — the
estimate below. The estimate is rough by design (no dictionary shipped): it counts what a
guesser would have to find — the kinds of characters used, the length once repeats,
runs (« abcd », « 4321 ») and a few very common words are discounted; for a phrase of three
words or more, about 13 bits a word (a word chosen by a person, not at random). Shown as a
word, never as a colour: « faible » (< 50 bits), « moyenne » (< 70), « bonne ».

Waiting (`wait_after`): what slows a person trying passphrases at the desk. It does not slow
a thief who copied the folder: that is the key derivation's job (argon2id, `keys`).
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field

MIN_LENGTH = 12
MIN_WORDS = 4
WEAK_BELOW = 50.0
GOOD_FROM = 70.0
WORD_BITS = 13.0
#: Very common words and patterns: each counts as one character where it appears.
COMMON = (
    "motdepasse", "password", "azerty", "qwerty", "qwertz", "123456", "bonjour", "soleil",
    "secret", "admin", "anef", "prefecture", "titre", "sejour", "france", "paris", "marseille",
    "loulou", "doudou", "chouchou", "jetaime", "amour", "nicolas", "julien", "marie",
)
#: Rows of French and English keyboards: three keys in a row count as a run.
_ROWS = ("azertyuiop", "qsdfghjklm", "wxcvbn", "qwertyuiop", "asdfghjkl", "zxcvbnm",
         "1234567890")


def normalize(phrase: str) -> str:
    """The phrase as the key is derived from it: NFC, trimmed, inner spaces as one."""
    return " ".join(unicodedata.normalize("NFC", phrase).split())


@dataclass(frozen=True)
class Assessment:
    """What `assess` found: accepted or not, the strength word, and the French reasons."""

    accepted: bool
    strength: str  # « faible », « moyenne » or « bonne »
    bits: float
    problems: list[str] = field(default_factory=list)


def _pool(text: str) -> int:
    size = 0
    if any("a" <= c <= "z" for c in text):
        size += 26
    if any("A" <= c <= "Z" for c in text):
        size += 26
    if any(c.isdigit() for c in text):
        size += 10
    if " " in text:
        size += 1
    if any(c.isalpha() and not c.isascii() for c in text):
        size += 20  # accented letters of French and other Latin scripts
    if any(not c.isalnum() and c != " " for c in text):
        size += 33
    return max(size, 1)


def _in_run(previous: str, current: str, before: str) -> bool:
    """Whether `current` continues a run started by `before`, `previous` (« ab » → « c »,
    « 32 » → « 1 », « az » → « e » on the keyboard, or the same character again)."""
    if current == previous:
        return True
    step = ord(current) - ord(previous)
    if before and step in (1, -1) and ord(previous) - ord(before) == step:
        return True
    trio = (before + previous + current).lower()
    return len(trio) == 3 and any(trio in row or trio in row[::-1] for row in _ROWS)


def _effective_length(text: str) -> int:
    """The length a guesser pays for: common words count one, runs and repeats nothing,
    a text that is a shorter unit repeated counts that unit."""
    for size in range(1, len(text) // 2 + 1):
        if len(text) % size == 0 and text[:size] * (len(text) // size) == text:
            text = text[:size]
            break
    lowered = text.lower()
    common = 0
    for word in COMMON:
        start = lowered.find(word)
        while start >= 0:
            common += 1
            lowered = lowered[:start] + "\0" * len(word) + lowered[start + len(word):]
            start = lowered.find(word)
    length = 0
    for index, char in enumerate(text):
        if lowered[index] == "\0":
            continue
        previous = text[index - 1] if index else ""
        before = text[index - 2] if index > 1 else ""
        if previous and _in_run(previous, char, before):
            continue
        length += 1
    return length + common


def _char_bits(text: str, pool: int) -> float:
    return _effective_length(text) * math.log2(pool)


_WORD = re.compile(r"[^\W_]+")


def words_of(text: str) -> list[str]:
    """The words of `text`: runs of letters and digits, whatever separates them."""
    return _WORD.findall(text)


def _is_word(segment: str) -> bool:
    """A segment a person picks from their vocabulary: letters only, written plainly."""
    return segment.isalpha() and (segment.islower() or segment.istitle() or segment.isupper())


def estimate_bits(phrase: str) -> float:
    """A rough count of the bits a guesser must find (see the module's docstring)."""
    text = normalize(phrase)
    pool = _pool(text)
    words = words_of(text)
    if len(words) < 3:
        return _char_bits(text, pool)
    bits = 0.0
    for word in dict.fromkeys(w.lower() if _is_word(w) else w for w in words):
        found = _char_bits(word, pool)
        bits += min(WORD_BITS, found) if _is_word(word) else found
    separators = len(text) - sum(len(w) for w in words) - text.count(" ")
    return bits + separators * math.log2(pool)


def strength_word(bits: float) -> str:
    """« faible », « moyenne » or « bonne »: what the screen shows, in words."""
    if bits < WEAK_BELOW:
        return "faible"
    if bits < GOOD_FROM:
        return "moyenne"
    return "bonne"


def assess(phrase: str) -> Assessment:
    """Whether `phrase` may become the passphrase, its strength in words, and why not."""
    text = normalize(phrase)
    problems: list[str] = []
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        problems.append(
            "elle contient des caractères que le terminal n'a pas su lire : tapez-la avec "
            "des lettres, des chiffres et des signes ordinaires"
        )
        return Assessment(False, "faible", 0.0, problems)
    if len(text) < MIN_LENGTH and len(words_of(text)) < MIN_WORDS:
        problems.append(
            f"elle a {len(text)} caractère{'s' if len(text) > 1 else ''} : il en faut au "
            f"moins {MIN_LENGTH}, ou au moins {MIN_WORDS} mots"
        )
    bits = estimate_bits(text)
    strength = strength_word(bits)
    if strength == "faible" and not problems:
        problems.append(
            "elle est trop facile à deviner : ajoutez des mots qui ne vont pas ensemble, ou "
            "mêlez lettres, chiffres et signes, sans suite, répétition ni mot courant"
        )
    return Assessment(not problems, strength, bits, problems)


#: Seconds to wait after the n-th wrong passphrase in a row: none after the first (a typo),
#: then doubling, at most MAX_WAIT.
MAX_WAIT = 30.0


def wait_after(failures: int) -> float:
    """Seconds before the next try is allowed, after `failures` wrong ones in a row
    (0 → 0, 1 → 0, 2 → 1, 3 → 2, 4 → 4 … at most 30). Kept in memory by the caller: a
    wrong passphrase changes nothing on disk."""
    if failures <= 1:
        return 0.0
    return min(MAX_WAIT, 2.0 ** (failures - 2))
