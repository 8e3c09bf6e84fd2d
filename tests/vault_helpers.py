"""Shared by the vault's tests: a cheap key derivation, a vault made in a folder, and a scan
of every byte of a folder for markers."""

from __future__ import annotations

import os
from pathlib import Path

from anef_tui.vault import keys
from anef_tui.vault.keyfile import KdfParams, key_file_path

#: argon2id at its cheapest (64 KiB, one pass): the format and the checks are the same as
#: with the defaults, the suite stays fast. The default cost is measured in bench/vault.py.
CHEAP = KdfParams(memory_kib=64, iterations=1, lanes=1)
PHRASE = "le chat dort sur le toit"
OTHER_PHRASE = "correct cheval pile agrafe"


def make_vault(folder: Path, phrase: str = PHRASE) -> keys.Created:
    """A new vault whose key file is `folder`/coffre.cle."""
    return keys.create(key_file_path(folder), phrase, CHEAP)


def encodings(marker: str) -> list[bytes]:
    """How a marker may sit on disk: UTF-8 (SQLite's text, files) and UTF-16 (a PDF's)."""
    return [marker.encode("utf-8"), marker.encode("utf-16-le"), marker.encode("utf-16-be")]


def scan(folders: list[Path], markers: list[str]) -> dict[str, list[str]]:
    """Every marker found in any file under `folders`, ASCII case ignored (FTS5 keeps its
    tokens in lower case), with the files it is in. Call it with no connection open."""
    found: dict[str, list[str]] = {}
    wanted = {m: [e.lower() for e in encodings(m)] for m in markers}
    files = 0
    for folder in folders:
        for root, _, names in os.walk(folder):
            for name in names:
                path = Path(root, name)
                data = path.read_bytes().lower()
                files += 1
                for marker, forms in wanted.items():
                    if any(form in data for form in forms):
                        found.setdefault(marker, []).append(os.fspath(path))
    assert files, "the scan read no file: it would prove nothing"
    return found


def plain_folder(folder: Path) -> Path:
    """`folder` made a data folder kept plain by choice (as after the set-up's warning), so
    the command line opens it without a passphrase, as every command did before issue 23."""
    from anef_tui.paths import ensure_data_dir
    from anef_tui.vault.folder import CHOICE_PLAIN, record_plain_choice

    ensure_data_dir(folder)
    record_plain_choice(folder, CHOICE_PLAIN)
    return folder
