"""Small user preferences (the last folder the file picker used), owner-only JSON file."""

from __future__ import annotations

import json
import os
from pathlib import Path

PREFERENCES_FILE = "preferences.json"


def load_preferences(data_dir: Path) -> dict:
    try:
        data = json.loads((data_dir / PREFERENCES_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save_preference(data_dir: Path, key: str, value: str) -> None:
    """Write atomically (temp file + rename), mode 0600."""
    data = load_preferences(data_dir)
    data[key] = value
    target = data_dir / PREFERENCES_FILE
    tmp = data_dir / f".{PREFERENCES_FILE}.tmp"
    fd = os.open(
        tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0), 0o600
    )
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        os.fchmod(fh.fileno(), 0o600)  # a leftover temporary file may have had wider rights
        json.dump(data, fh, ensure_ascii=False)
    os.replace(tmp, target)
