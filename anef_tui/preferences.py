"""Small user preferences (the last folder the file picker used, the theme), owner-only JSON
file.

The file is read as untrusted input (it may have been hand-edited or damaged): over
`MAX_BYTES`, nested deeper than `MAX_NESTING` (checked on the text, before `json` could
recurse), not JSON, or not a JSON object, it is set aside — renamed
`preferences.json.illisible-AAAAMMJJ` — and a French notice is kept for the app to show once
(`take_notices(data_dir)`). Values of the wrong type are ignored by their readers. Never fatal.
"""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

from anef_tui.domain.data_limits import LimitError, json_nesting, read_bounded, size_label

PREFERENCES_FILE = "preferences.json"
#: A few short values: far less than this.
MAX_BYTES = 64 * 1024
#: An object of texts: 1; room for a small object inside.
MAX_NESTING = 4
SET_ASIDE = "illisible"

_notices: dict[Path, list[str]] = {}  # by data directory: one app's are not another's


def _read(path: Path) -> tuple[dict | None, str | None]:
    """(the preferences, None), or (None, why the file cannot be used, in French); OSError
    when there is no file to read."""
    try:
        text = read_bounded(path, MAX_BYTES)
    except LimitError:
        return None, f"plus de {size_label(MAX_BYTES)}"
    except UnicodeDecodeError:
        return None, "pas un texte UTF-8"
    try:
        json_nesting(text, MAX_NESTING)  # before json, which recurses on each [ and {
    except LimitError:
        return None, f"imbriqué sur plus de {MAX_NESTING} niveaux"
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):  # RecursionError: never past json_nesting; belt
        return None, "pas du JSON valide"
    if not isinstance(data, dict):
        return None, "pas un objet JSON { }"
    return data, None


def load_preferences(data_dir: Path) -> dict:
    """The preferences, or {} (no file, unreadable, or set aside: see `take_notices`)."""
    path = data_dir / PREFERENCES_FILE
    try:
        data, why = _read(path)
    except OSError:
        return {}
    if data is not None:
        return data
    _notices.setdefault(data_dir, []).append(_set_aside(path, str(why)))
    return {}


def _set_aside(path: Path, why: str) -> str:
    """Rename the file out of the way; the French notice that says so."""
    stamp = date.today().strftime("%Y%m%d")
    base = path.with_name(f"{path.name}.{SET_ASIDE}-{stamp}")
    target = base
    for number in range(2, 100):
        if not target.exists():
            break
        target = base.with_name(f"{base.name}-{number}")
    try:
        os.replace(path, target)
    except OSError:
        return (
            f"Le fichier des préférences « {path} » est inutilisable ({why}) et n'a pas pu être "
            "mis de côté : il est ignoré. Supprimez-le ; le thème et le dernier dossier choisis "
            "reviennent à leurs réglages par défaut."
        )
    return (
        f"Le fichier des préférences était inutilisable ({why}) : il a été mis de côté sous le "
        f"nom « {target.name} ». Le thème et le dernier dossier choisis reviennent à leurs "
        "réglages par défaut ; choisissez-les à nouveau si besoin."
    )


def take_notices(data_dir: Path) -> list[str]:
    """What was said about preferences files of `data_dir` set aside since the last call
    (each said once)."""
    return _notices.pop(data_dir, [])


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


#: The worker's name (issue 24): asked once per desk, read by every journal entry.
WORKER_KEY = "aidant"
#: The name a demonstration folder's entries carry when no one gave theirs.
DEMO_WORKER = "Démonstration"


def worker_name(data_dir: Path) -> str:
    """The worker's name kept for this data folder, cleaned; "" when none."""
    from anef_tui.store.journal.actor import clean_name

    value = load_preferences(data_dir).get(WORKER_KEY)
    return clean_name(value) if isinstance(value, str) else ""


def save_worker_name(data_dir: Path, name: str) -> str:
    """Keep the worker's name (cleaned: one line, no control); return it as kept.
    ValueError (French) when nothing is left of it."""
    from anef_tui.store.journal.actor import clean_name

    kept = clean_name(name)
    if not kept:
        raise ValueError("Saisissez votre nom (aidant) : il est noté dans le journal.")
    save_preference(data_dir, WORKER_KEY, kept)
    return kept
