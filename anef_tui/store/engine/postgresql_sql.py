"""The store's SQL said to psycopg (issue 25): the store writes `?` placeholders (and
`:name` with a mapping) as for SQLite; psycopg reads `%s` / `%(name)s`, and a literal `%`
doubled. Translated once per statement text, never inside quoted text."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from typing import Any

_QUOTED = re.compile(r"('(?:[^']|'')*'|\"(?:[^\"]|\"\")*\")")
_NAMED = re.compile(r"(?<![:\w]):([A-Za-z_]\w*)")


@functools.lru_cache(maxsize=512)
def translate(sql: str, named: bool = False) -> str:
    """The store's SQL for psycopg, outside quoted text: `%` → `%%`, then `?` → `%s`
    (positional parameters) or `:name` → `%(name)s` (a mapping)."""
    parts = _QUOTED.split(sql)
    for index in range(0, len(parts), 2):  # the even parts are outside quotes
        part = parts[index].replace("%", "%%")
        parts[index] = _NAMED.sub(r"%(\1)s", part) if named else part.replace("?", "%s")
    return "".join(parts)


def _arguments(sql: str, params: Any) -> tuple[str, Any]:
    """The statement and parameters for psycopg (without parameters it reads no `%`)."""
    if isinstance(params, Mapping):
        return translate(sql, True), dict(params)
    if not params:
        return sql, None
    return translate(sql), tuple(params)
