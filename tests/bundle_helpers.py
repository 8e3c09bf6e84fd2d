"""Shared by the bundle's tests: a cheap key derivation, a data folder's bytes as hashes,
and bundles crafted by an adversary who knows the phrase (made with the real encryption)."""

from __future__ import annotations

import hashlib
import io
import os
from pathlib import Path

from anef_tui.bundle import container
from anef_tui.bundle.sealed import new_phrase, seal
from tests.vault_helpers import CHEAP


def folder_hashes(folder: Path) -> dict[str, str]:
    """Every file under `folder` (its -shm left out: any read of a WAL base maps it) by
    relative path, with its sha256 and mode. Call it with no connection open."""
    found = {}
    for root, dirs, names in os.walk(folder):
        for name in names:
            if name.endswith("-shm"):
                continue
            path = Path(root, name)
            found[os.fspath(path.relative_to(folder))] = (
                hashlib.sha256(path.read_bytes()).hexdigest() + f" {path.stat().st_mode:o}")
        for name in dirs:
            found[os.fspath(Path(root, name).relative_to(folder)) + "/"] = "dossier"
    return found


def sealed_bytes(content: bytes, phrase: str | None = None) -> tuple[bytes, str]:
    phrase = phrase or new_phrase()
    out = io.BytesIO()
    seal(content, phrase, out, CHEAP)
    return out.getvalue(), phrase


def crafted(dossier: dict, journal: list, files: dict[str, bytes], *,
            created: str = "2026-11-22T10:30:00", vault: str | None = None) -> bytes:
    """A container whose manifest tells the truth about what it holds."""
    return container.pack(created, vault, dossier, journal, files)
