"""The limits every data file is held to, checked in bounded time before a parser sees it.

Procedure files, notification kinds files and `preferences.json` are untrusted input (an
association's folder, a hand-edited file). Python's parsers are not built for hostile text:
tomllib and json recurse on each « [ » and « { » (RecursionError past ~1,000 levels), tomllib
takes time quadratic in the parts of a dotted key, and pydantic and the cross-checks take
time in proportion to what the file holds. So, in this order, each costing time linear in
the size of the file at most:

1. a file over its size limit is refused unread (`read_bounded`: `stat`, then at most the
   limit plus one byte is read);
2. the raw text is scanned for nesting (`toml_nesting`, `json_nesting`): table names,
   dotted keys, « [ » and « { » counted together; deeper than `MAX_NESTING` is refused
   before any parser runs;
3. once parsed, before pydantic: every list and table holds at most `MAX_ITEMS` entries
   (`MAX_STEPS` steps, `MAX_FIELDS` fields in a section, `MAX_KINDS` notification kinds),
   every text at most `MAX_TEXT` characters, and every identifier the file declares
   (procedure, step, section, field, slot, screen, check, role, key of a table of labels…)
   matches `IDENT`: it becomes a widget id, a CSS selector, a key of the answers and of the
   database, and a part of « étape.champ » references (`shape_problems`).

The shipped files use far less (README « Fichiers de procédure : limites »).
"""

from __future__ import annotations

import re
import stat
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

#: A procedure or notification kinds file (the shipped ones: 25 and 31 Ko, 11 Ko).
MAX_BYTES = 256 * 1024
#: Table names, dotted keys, « [ » and « { » on the way to a value (the shipped files: 7).
MAX_NESTING = 10
#: Characters in one text (the shipped files' longest: 410).
MAX_TEXT = 2_000
#: Entries of any list or table (paragraphs, options, slots, roles, labels…).
MAX_ITEMS = 200
#: Steps of a procedure (the shipped ones: 5 and 6).
MAX_STEPS = 30
#: Fields of one section (the shipped ones: 8 at most).
MAX_FIELDS = 100
#: Kinds of notification (shipped: 4).
MAX_KINDS = 50
#: Files read from an extra folder (procedures or notification kinds)…
MAX_EXTRA_FILES = 50
#: … and bytes of procedures read from it in all (« Mes dossiers » waits for them).
MAX_EXTRA_BYTES = 1024 * 1024
#: Problems said for one file; the rest are counted.
MAX_PROBLEMS = 20

#: Every identifier a data file declares: a widget id, a key, a part of « étape.champ ».
IDENT = re.compile(r"[a-z][a-z0-9_]{0,39}")
IDENT_RULE = (
    "lettres minuscules sans accent, chiffres et « _ » seulement (40 au plus), en commençant "
    "par une lettre"
)


class LimitError(ValueError):
    """A data file beyond a limit; the message is French and says what to do."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def capped(problems: list[str]) -> list[str]:
    """The first MAX_PROBLEMS problems, then how many more there are: a file with thousands
    of faults is said in a screenful, and in bounded time."""
    if len(problems) <= MAX_PROBLEMS:
        return problems
    rest = len(problems) - MAX_PROBLEMS
    plural = "s" if rest > 1 else ""
    return [*problems[:MAX_PROBLEMS],
            f"… et {rest} autre{plural} problème{plural} : corrigez d'abord ceux-ci, puis "
            "vérifiez à nouveau"]


def size_label(size: int) -> str:
    """« 256 Ko », « 1,5 Mo »."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} Ko"
    return f"{size / (1024 * 1024):.1f} Mo".replace(".", ",")


def too_large(size: int, limit: int) -> LimitError:
    return LimitError(
        f"fichier de {size_label(size)}, plus que les {size_label(limit)} permis : il n'a pas "
        "été lu (un fichier de données est bien plus petit ; vérifiez qu'il s'agit du bon)"
    )


def read_bounded(path: Path, limit: int = MAX_BYTES) -> str:
    """The text of `path`, read only if it is at most `limit` bytes long.

    Raises LimitError (too large: never read), OSError (also for what is not a regular
    file: a pipe would block), UnicodeDecodeError."""
    status = path.stat()
    if not stat.S_ISREG(status.st_mode):
        raise OSError(f"« {path} » n'est pas un fichier ordinaire")
    size = status.st_size
    if size > limit:
        raise too_large(size, limit)
    with path.open("rb") as handle:
        raw = handle.read(limit + 1)  # the file may have grown since stat()
    if len(raw) > limit:
        raise too_large(len(raw), limit)
    return raw.decode("utf-8")


def check_text_size(text: str, limit: int = MAX_BYTES) -> None:
    """LimitError if `text` would be over `limit` bytes in UTF-8."""
    if len(text) > limit or len(text.encode("utf-8", "surrogatepass")) > limit:
        raise too_large(len(text.encode("utf-8", "surrogatepass")), limit)


def _too_deep(line: int, limit: int) -> LimitError:
    return LimitError(
        f"imbrication de plus de {limit} niveaux (noms de table, clés pointées, listes [ ] et "
        "tables { } comptés ensemble) : enlevez les [ ], { } ou parties de clé en trop, comme "
        "dans les fichiers livrés avec anef-tui",
        line,
    )


# --- TOML: nesting, in one pass over the text -------------------------------------------------

_TOML_MARK = re.compile(r"[\"'#\[\]{}.,=\n]")
_BASIC_END = re.compile(r'["\\\n]')
_LITERAL_END = re.compile(r"['\n]")
_ML_BASIC_END = re.compile(r'"""|\\')


def toml_nesting(text: str, limit: int = MAX_NESTING) -> None:
    """LimitError (with its line) where `text` nests deeper than `limit`; linear time.

    The level of a value is the parts of its table's name, plus the parts of its key, plus
    one per « [ » or « { » around it, plus the parts of the keys inside those « { ».
    Strings and comments are skipped as TOML reads them, so every « [ » or « { » tomllib
    would recurse on is counted; a text that is not valid TOML may be counted deeper than
    it is (tomllib refuses it anyway, at its first error)."""
    pos, line = 0, 1
    stack: list[tuple[str, int]] = []  # open « [ » / « { », with the level outside them
    header = 0  # parts of the current table's name
    level = 0  # the level at this point
    key = True  # reading a key: statement start, or after « { » or « , » in an inline table
    in_header = after_header = False
    line_start = 0
    while True:
        mark = _TOML_MARK.search(text, pos)
        if mark is None:
            return
        char, where = mark.group(), mark.start()
        pos = where + 1
        if char in "\"'":
            pos, line = _skip_string(text, where, line)
            continue
        if char == "#":
            end = text.find("\n", where)
            if end < 0:
                return
            pos = end
            continue
        if char == "\n":
            line += 1
            line_start = pos
            if not stack:  # a new statement
                key, level, in_header, after_header = True, header, False, False
            continue
        if after_header:
            continue
        if in_header:
            if char == ".":
                level += 1
            elif char == "]":
                header, in_header, after_header = level, False, True
        elif key and not stack and char == "[" and not text[line_start:where].strip():
            in_header, level = True, 1  # [table] or [[array.of.tables]]
            if text.startswith("[", pos):
                pos += 1
        elif key and char in ".=":
            level += 1
            key = char == "."
        elif char in "[{":
            stack.append((char, level))
            level += 1
            key = char == "{"
        elif char in "]}":
            level = stack.pop()[1] if stack else level
            key = False
        elif char == "," and stack:
            level = stack[-1][1] + 1
            key = stack[-1][0] == "{"
        if level > limit:
            raise _too_deep(line, limit)


def _skip_string(text: str, start: int, line: int) -> tuple[int, int]:
    """(position after the string that starts at `start`, line there)."""
    quote = text[start]
    if text.startswith(quote * 3, start):
        if quote == "'":
            end = text.find("'''", start + 3)
            stop = len(text) if end < 0 else end + 3
        else:
            pos = start + 3
            while True:
                found = _ML_BASIC_END.search(text, pos)
                if found is None:
                    stop = len(text)
                    break
                if found.group() == "\\":
                    pos = found.end() + 1
                    continue
                stop = found.end()
                break
        for _ in range(2):  # the content may end with one or two quotes
            if text.startswith(quote, stop):
                stop += 1
        return stop, line + text.count("\n", start, stop)
    finder = _BASIC_END if quote == '"' else _LITERAL_END
    pos = start + 1
    while True:
        found = finder.search(text, pos)
        if found is None:
            return len(text), line
        if found.group() == "\\":
            pos = found.end() + 1
            continue
        if found.group() == "\n":
            return found.start(), line  # not closed on its line: tomllib refuses it
        return found.end(), line


# --- JSON: nesting ------------------------------------------------------------------------------

_JSON_MARK = re.compile(r'"|[\[\]{}\n]')
_JSON_STRING_END = re.compile(r'["\\]')


def json_nesting(text: str, limit: int) -> None:
    """LimitError (with its line) where the JSON `text` nests deeper than `limit`."""
    pos, line, depth = 0, 1, 0
    while True:
        mark = _JSON_MARK.search(text, pos)
        if mark is None:
            return
        char, pos = mark.group(), mark.end()
        if char == '"':
            while True:
                found = _JSON_STRING_END.search(text, pos)
                if found is None:
                    return
                pos = found.end() + (1 if found.group() == "\\" else 0)
                if found.group() == '"':
                    break
        elif char == "\n":
            line += 1
        elif char in "[{":
            depth += 1
            if depth > limit:
                raise _too_deep(line, limit)
        else:
            depth -= 1


# --- after parsing, before pydantic: counts, texts, identifiers --------------------------------


@dataclass(frozen=True)
class Shape:
    """What a kind of data file may hold, read on its parsed data by key name."""

    #: Most entries of a list, by the key holding it (else MAX_ITEMS).
    lists: Mapping[str, int] = field(default_factory=dict)
    #: Keys whose value is an identifier.
    ids: frozenset[str] = frozenset()
    #: Keys whose value is an identifier, or two joined by one « . » (« étape.champ »).
    dotted: frozenset[str] = frozenset()
    #: Keys whose list holds identifiers.
    id_lists: frozenset[str] = frozenset()
    #: Keys whose table is keyed by identifiers.
    id_tables: frozenset[str] = frozenset()


def shown(value: str, width: int = 40) -> str:
    """`value` as a message may quote it: controls and invisible characters written
    « U+0000 », cut after `width` characters."""
    cut = value if len(value) <= width else value[:width] + "…"
    return "".join(
        f"U+{ord(c):04X}" if not c.isprintable() or c in "\u200b\u202e" else c for c in cut
    )


def _ident_problem(value: object, dotted: bool = False) -> str | None:
    if not isinstance(value, str):
        return None  # pydantic says « texte attendu »
    parts = value.split(".", 1) if dotted else [value]
    if all(IDENT.fullmatch(part) for part in parts):
        return None
    return f"identifiant « {shown(value)} » non permis : {IDENT_RULE}"


def shape_problems(data: object, shape: Shape) -> list[tuple[tuple, str]]:
    """(location, French problem) for what `data` holds beyond `shape`; one pass, no
    recursion (the nesting is already bounded)."""
    return list(_walk(data, shape))


def _walk(data: object, shape: Shape) -> Iterator[tuple[tuple, str]]:
    todo: list[tuple[object, tuple, str | None]] = [(data, (), None)]
    while todo:
        node, loc, name = todo.pop()
        if isinstance(node, str):
            if len(node) > MAX_TEXT:
                yield loc, f"texte de {len(node)} caractères : {MAX_TEXT} au plus"
            elif name in shape.ids or name in shape.dotted:
                problem = _ident_problem(node, name in shape.dotted)
                if problem:
                    yield loc, problem
        elif isinstance(node, list):
            most = shape.lists.get(str(name), MAX_ITEMS)
            if len(node) > most:
                yield (*loc, most), (f"{most + 1}e élément de « {name} » (il y en a {len(node)}, "
                                     f"{most} au plus)")
                continue
            for index in reversed(range(len(node))):
                item = node[index]
                if name in shape.id_lists:
                    problem = _ident_problem(item)
                    if problem:
                        yield (*loc, index), problem
                        continue
                todo.append((item, (*loc, index), name))
        elif isinstance(node, dict):
            if len(node) > MAX_ITEMS:
                yield (*loc, list(node)[MAX_ITEMS]), (
                    f"{MAX_ITEMS + 1}e clé de la table (il y en a {len(node)}, {MAX_ITEMS} au plus)")
                continue
            for key in reversed(list(node)):
                if len(key) > MAX_TEXT:
                    yield loc, f"clé de {len(key)} caractères : {MAX_TEXT} au plus"
                    continue
                if name in shape.id_tables:
                    problem = _ident_problem(key)
                    if problem:
                        yield (*loc, key), problem
                        continue
                todo.append((node[key], (*loc, key), key))
