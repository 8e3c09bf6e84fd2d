"""The journal's words, from `assets/journal.toml`: action codes and their French labels,
the front ends, the names of the details. Code uses the codes; only words are shown."""

from __future__ import annotations

import functools
import tomllib

from anef_tui.paths import assets_dir

JOURNAL_FILE = "journal.toml"


@functools.cache
def _vocabulary() -> dict[str, dict[str, str]]:
    with open(assets_dir() / JOURNAL_FILE, "rb") as handle:
        data = tomllib.load(handle)
    return {part: {str(k): str(v) for k, v in data.get(part, {}).items()}
            for part in ("actions", "front_ends", "details")}


def action_codes() -> frozenset[str]:
    """Every action the journal records."""
    return frozenset(_vocabulary()["actions"])


def action_label(code: str) -> str:
    """« Étape enregistrée » for `step_saved`; an unknown code (a newer version's) as is."""
    return _vocabulary()["actions"].get(code, code)


def front_end_codes() -> frozenset[str]:
    return frozenset(_vocabulary()["front_ends"])


def front_end_label(code: str) -> str:
    return _vocabulary()["front_ends"].get(code, code)


def detail_label(key: str) -> str:
    return _vocabulary()["details"].get(key, key)
