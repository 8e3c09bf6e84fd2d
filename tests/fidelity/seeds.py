"""The guides (seeds) as the fidelity tests read them (issue 22 item 5).

The seeds are the OCR'd official guides in /work/shared/seeds: one text file each, the
site's screens transcribed line by line, links written as Markdown (« [TÉLÉCHARGER …](#) »),
some words in bold (« **✖ Supprimer …** »). `where_it_is` says whether a line of a seed
holds an inventory string, `in_the_guides` whether a string is anywhere in them.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

SEED_DIR = Path("/work/shared/seeds")
SEEDS = {"R": "000_50250a37b125f83b.txt", "P": "002_6cae36c3a1179c8a.txt"}

#: How far after its cited line the last string of a run may be found.
RUN_REACH = 200

#: Slips of the guides' OCR, corrected where they are (seed, line, as written, as meant):
#: the same sentence is written right elsewhere in the guides, or the screenshot shows it.
OCR_SLIPS = [
    ("R", 841, "internet fixe", "internet, fixe"),  # « internet, fixe » l. 920
    ("R", 856, "oignée", "signée"),
    ("R", 957, "Veillez", "Veuillez"),  # l. 868
    ("R", 998, "un champ « destination", "un champ « Observations à destination"),  # 002 l. 837
    ("R", 1275, "Veillez", "Veuillez"),
    ("P", 655, "Passport", "Passeport"),  # l. 736
    ("P", 761, "Veillez", "Veuillez"),
    ("P", 769, "Veillez", "Veuillez"),
    ("P", 776, "Veillez", "Veuillez"),
    ("P", 800, "Veillez", "Veuillez"),  # l. 1086
    # l. 711, the same sentence on the same screen, writes the extensions with their dots
    ("P", 1027, "(jpg, pdf, png, bmp, tiff)", "(.jpg, .pdf, .png, .bmp, .tiff)"),
    ("P", 1046, "Passport", "Passeport"),  # l. 1118
    ("P", 1090, "demande d'acte", "demande d'asile"),  # l. 1235 (seed 000 l. 872)
    ("P", 1177, "Services-associés", "Services-associes"),  # the address, seed 000 l. 1738
]

_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_URL = re.compile(r"<(https?://[^>]*)>")


def clean(text: str) -> str:
    """A seed's text as a page shows it: links as their words, no bold marks, spaces
    collapsed."""
    return " ".join(_URL.sub(r"\1", _LINK.sub(r"\1", text)).replace("**", "").split())


@cache
def raw_lines(key: str) -> tuple[str, ...]:
    """The lines of seed « R » or « P » as written (index 0 is line 1)."""
    return tuple((SEED_DIR / SEEDS[key]).read_text().splitlines())


@cache
def lines(key: str) -> tuple[str, ...]:
    """The lines of seed « R » or « P », OCR slips corrected, cleaned (index 0 is line 1)."""
    found = list(raw_lines(key))
    for seed, line, written, meant in OCR_SLIPS:
        if seed == key:
            found[line - 1] = found[line - 1].replace(written, meant)
    return tuple(clean(text) for text in found)


@cache
def whole(key: str) -> str:
    return " ".join(line for line in lines(key) if line)


def _pattern(text: str) -> re.Pattern:
    return re.compile(r"(?<!\w)" + re.escape(clean(text)) + r"(?!\w)")


def in_the_guides(text: str) -> bool:
    """Whether `text` is written, as it is (case and accents), in either guide."""
    pattern = _pattern(text)
    return any(pattern.search(whole(key)) for key in SEEDS)


def shape(greeting: str) -> str:
    """« Bonjour MALADE Guide, » → « Bonjour A Aa, »: how each name is written (capitals,
    a capital then small letters, as typed), whatever the name."""
    words = greeting.split()
    return " ".join([words[0], *(
        "A" if w.rstrip(",").isupper() else "Aa" if w[:1].isupper() else "a" for w in words[1:]
    )]) + ("," if greeting.endswith(",") else "")


def run_problems(key: str, line: int, texts: list[str]) -> list[str]:
    """What is wrong with a run of strings cited at `line` of a seed: the first must start
    on that line, the others follow it in order within `RUN_REACH` lines."""
    seed = lines(key)
    if not 1 <= line <= len(seed):
        return [f"line {line} is not in the seed"]
    starts, parts, offset = [], [], 0
    for text in seed[line - 1:line - 1 + RUN_REACH]:
        starts.append(offset)
        parts.append(text)
        offset += len(text) + 1
    window = " ".join(parts)
    problems, position = [], 0
    for i, text in enumerate(texts):
        match = _pattern(text).search(window, position)
        if match is None:
            problems.append(f"« {text} » not found from l. {line} on, after the strings before it")
            continue
        if i == 0 and not (match.start() < starts[1] if len(starts) > 1 else True):
            found = max(n for n, start in enumerate(starts) if start <= match.start())
            problems.append(f"« {text} » is on l. {line + found}, not l. {line}")
        position = match.end()
    return problems
