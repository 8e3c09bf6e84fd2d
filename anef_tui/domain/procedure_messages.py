"""French messages for a broken procedure file: TOML and pydantic errors said in words, with
the line of the file where each problem is (found only when there is one)."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from typing import Any

from anef_tui.domain.data_limits import capped, shown
from anef_tui.domain.procedure_model import CatalogueError


def _at(prefix: str, line: int | None, message: str) -> str:
    """« « fichier.toml », ligne 12 : message » (what is known of the place)."""
    where = f"{prefix}ligne {line}" if line else prefix.removesuffix(", ")
    return f"{where} : {message}" if where else message



def _invalid(problems: list[str], what: str = "invalide") -> CatalogueError:
    """The error for these problems (the first MAX_PROBLEMS of them: `data_limits.capped`)."""
    problems = capped(problems)
    return CatalogueError(f"Fichier de procédure {what} : " + " ; ".join(problems) + ".", problems)



def _bracketed(node: object, loc: tuple):
    """Locations of the texts holding a square bracket (Rich markup on the screens)."""
    if isinstance(node, str):
        if "[" in node or "]" in node:
            yield loc
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _bracketed(value, (*loc, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _bracketed(value, (*loc, index))



_TOML_AT = re.compile(r"\s*\(at line (\d+), column (\d+)\)|\s*\(at end of document\)")



_TOML_MESSAGES = {
    "Invalid value": "valeur invalide (texte entre guillemets, nombre, true/false, liste [ ])",
    "Expected '=' after a key in a key/value pair": "« = » attendu après la clé",
    "Unclosed array": "liste [ ] non fermée",
    "Unterminated string": "texte non fermé (guillemet manquant)",
    "Invalid statement": "ligne incomprise (ni « clé = valeur », ni [table])",
    "Expected ']' at the end of a table declaration": "« ] » attendu à la fin du nom de table",
    "Expected newline or end of document after a statement": (
        "fin de ligne attendue après la valeur"
    ),
    "Expected ']]' at the end of an array declaration": "« ]] » attendu à la fin du nom de table",
    "Unclosed inline table": "table { } non fermée",
    "Invalid date or datetime": "date ou heure invalide (AAAA-MM-JJ)",
    "Invalid hex value": "code hexadécimal invalide après « \\u »",
    "Invalid initial character for a key part": "nom de clé invalide",
    "Unescaped '\\' in a string": "« \\ » seul dans un texte (écrivez « \\\\ »)",
    "Escaped character is not a Unicode scalar value": "caractère échappé invalide",
}

#: Messages of tomllib that name a key or a character: their French by how they begin.
_TOML_PREFIXES = (
    ("Cannot mutate immutable namespace", "table complétée après sa fin (regroupez ses clés)"),
    ("Duplicate inline table key", "clé déclarée deux fois dans une table { }"),
    ("Found invalid character", "caractère non permis"),
    ("Illegal character", "caractère non permis dans un texte"),
    ("Expected", "caractère attendu manquant"),
)


def _toml_french(message: str) -> str:
    """French for one of tomllib's messages; never its English text."""
    if message in _TOML_MESSAGES:
        return _TOML_MESSAGES[message]
    for start, french in _TOML_PREFIXES:
        if message.startswith(start):
            return french
    return "syntaxe TOML incorrecte"



def _toml_error(exc: tomllib.TOMLDecodeError) -> tuple[int | None, str]:
    """(line, French detail) of a TOML syntax error: Python 3.11 gives the line in the text."""
    text = str(exc)
    match = _TOML_AT.search(text)
    line = int(match.group(1)) if match and match.group(1) else None
    message = _TOML_AT.sub("", text).strip()
    if message.startswith(("Cannot overwrite a value", "Cannot redefine namespace")) or (
        "twice" in message
    ):
        detail = "clé ou table déclarée deux fois"
    else:
        detail = _toml_french(message)
    if match and match.group(1):
        return line, f"{detail} (colonne {match.group(2)})"
    return line, detail + " (fin du fichier)"



_CONTAINERS = {
    "steps": "étape",
    "sections": "section",
    "fields": "champ",
    "slots": "justificatif",
    "preliminaries": "écran",
    "documents_list": "entrée de la liste",
    "choices": "choix",
    "accepted": "groupe",
    "checks": "contrôle",
    # A notification kinds file (`notification_kinds`).
    "kinds": "notification",
    "checklist": "élément",
    "texts": "texte",
    "overrides": "règle",
}



def _describe_loc(data: object, loc: tuple) -> str:
    """« étape « motif », champ « x », clé « type » : » from a pydantic error location."""
    parts: list[str] = []
    node = data
    container = None
    for key in loc:
        if isinstance(key, int) and isinstance(node, list) and 0 <= key < len(node):
            node = node[key]
            label = _CONTAINERS.get(str(container), "élément")
            ident = node.get("id") if isinstance(node, dict) else None
            parts.append(f"{label} « {shown(str(ident))} »" if ident else f"{label} n° {key + 1}")
        elif isinstance(key, str) and isinstance(node, dict) and key in node:
            container = key
            node = node[key]
            if not isinstance(node, list | dict):
                parts.append(f"clé « {shown(str(key))} »")
            elif key == "profile":
                parts.append("profil")
            elif key in ("nav", "followup", "renewal_from"):
                parts.append(f"table « {key} »")
        else:
            parts.append(f"clé « {shown(str(key))} »")
            break
    return (", ".join(parts) + " : ") if parts else ""



_PYDANTIC_MESSAGES = {
    "missing": "clé obligatoire absente",
    "extra_forbidden": "clé inconnue (faute de frappe ?)",
    "string_type": "texte entre guillemets attendu",
    "int_type": "nombre entier attendu",
    "int_parsing": "nombre entier attendu",
    "int_from_float": "nombre entier attendu",
    "bool_type": "true ou false attendu",
    "bool_parsing": "true ou false attendu",
    "list_type": "liste [ ] attendue",
    "model_type": "table attendue",
    "dict_type": "table attendue",
}



def _pydantic_message(err: Mapping[str, Any]) -> str:
    if err["type"] == "literal_error":
        expected = str((err.get("ctx") or {}).get("expected", ""))
        expected = expected.replace("' or '", "', '").replace("'", "")
        return f"valeur non permise « {shown(str(err.get('input')))} » (permises : {expected})"
    return _PYDANTIC_MESSAGES.get(err["type"], err["msg"])



_HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.\s-]+?)\s*\]\]?\s*(#.*)?$")



_KEY = re.compile(r"^\s*([A-Za-z0-9_-]+)\s*=")



_ID_LINE = re.compile(r'^\s*id\s*=\s*"([^"]*)"')



_QUOTED = re.compile(r"«\s([^»]+?)\s»")



class _LineFinder:
    """Line numbers of a procedure file's tables and keys, for the messages of `check_file`.

    Tables (`[nav]`, `[[steps]]`, `[[steps.sections.fields]]`…) and `key =` lines are mapped
    to their path as pydantic names it: ("steps", 2, "sections", 0, "fields", 3, "type").
    """

    def __init__(self, text: str) -> None:
        self.text_lines = text.splitlines()
        self.paths: dict[tuple, int] = {}
        self._ids: list[tuple[int, str]] | None = None
        latest: dict[tuple[str, ...], int] = {}  # array-of-tables name -> current index
        counts: dict[tuple, int] = {}
        current: tuple = ()
        in_multiline = False
        for number, raw in enumerate(self.text_lines, 1):
            if in_multiline:
                if raw.count('"""') % 2 == 1:
                    in_multiline = False
                continue
            header = _HEADER.match(raw)
            if header:
                names = tuple(n.strip() for n in header.group(2).split("."))
                parent = self._resolve(names[:-1], latest)
                if header.group(1) == "[[":
                    path = (*parent, names[-1])
                    index = counts.get(path, 0)
                    counts[path] = index + 1
                    latest[names] = index
                    current = (*path, index)
                else:
                    current = (*parent, names[-1])
                self.paths.setdefault(current, number)
                continue
            key = _KEY.match(raw)
            if key:
                self.paths.setdefault((*current, key.group(1)), number)
                if raw.count('"""') % 2 == 1:
                    in_multiline = True

    @staticmethod
    def _resolve(names: tuple[str, ...], latest: dict[tuple[str, ...], int]) -> tuple:
        path: list = []
        for i, name in enumerate(names):
            path.append(name)
            if names[: i + 1] in latest:
                path.append(latest[names[: i + 1]])
        return tuple(path)

    def line_of_loc(self, loc: tuple) -> int | None:
        """The line of the key named by `loc`, else of the closest table that holds it."""
        for end in range(len(loc), 0, -1):
            line = self.paths.get(loc[:end])
            if line is not None:
                return line
        return None

    def line_of_message(self, message: str) -> int | None:
        """The line of the last `id = "…"` named in a cross-check message, searched in order
        (« étape « a », champ « b » » finds b's `id` after a's)."""
        if self._ids is None:  # the `id = "…"` lines, found once
            self._ids = [(number, match.group(1)) for number, match in
                         enumerate(map(_ID_LINE.match, self.text_lines), 1) if match]
        start = 0
        found = None
        for name in _QUOTED.findall(message):
            for index in range(start, len(self._ids)):
                number, ident = self._ids[index]
                if ident == name:
                    found = number
                    start = index + 1
                    break
        return found
