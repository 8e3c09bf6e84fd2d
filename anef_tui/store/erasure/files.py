"""The person's files outside the base: their copies under `pieces/` that no other dossier
refers to, the PDFs made for their dossiers in `documents/`, and what the app exported for
them in `exports/` (named by the dossier or notification number, or with the content of one
of their files). Each is overwritten, then removed (`exports.shred`, with the same caveat
as « Nettoyer les exports »). Every step may be done again: a file already gone is skipped.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from pathlib import Path

from anef_tui.paths import ATTACHMENTS_DIR
from anef_tui.store.dossier_pdfs import dossier_documents
from anef_tui.store.exports import list_exports, shred
from anef_tui.store.journal.reading import export_name as journal_export_name

_BLOCK = 1024 * 1024


def shred_pieces(data_dir: Path, stored_names: Iterable[str]) -> int:
    """Overwrite and remove the stored copies `stored_names` (relative to `pieces/`)."""
    removed = 0
    pieces = Path(data_dir) / ATTACHMENTS_DIR
    for name in stored_names:
        removed += shred(pieces / name)
    return removed


def shred_documents(data_dir: Path, dossier_ids: Iterable[int],
                    notification_ids: Iterable[int]) -> int:
    """The PDFs made for the dossiers (and their notifications), in `documents/` and their
    exports of the same names; the journals and the bundles exported for them (a bundle is
    encrypted, but its passphrase may have been written down next to this desk)."""
    from anef_tui.bundle.collect import bundle_name  # the bundle package reads the store

    notifications = list(notification_ids)
    removed = 0
    for dossier in dossier_ids:
        for path in dossier_documents(data_dir, dossier, notifications):
            removed += shred(path)
        removed += shred(Path(data_dir) / "exports" / journal_export_name(dossier))
        removed += shred(Path(data_dir) / "exports" / bundle_name(dossier))
    return removed


def shred_exported_files(data_dir: Path, hashes: Iterable[str]) -> int:
    """The files of `exports/` whose content is one of the person's files (an attachment
    exported in plain keeps its original name: it is found by its sha256)."""
    wanted = set(hashes)
    if not wanted:
        return 0
    removed = 0
    for export in list_exports(data_dir):
        if _sha256(export.path) in wanted:
            removed += shred(export.path)
    return removed


def _sha256(path: Path) -> str | None:
    digest = hashlib.sha256()
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        while chunk := os.read(fd, _BLOCK):
            digest.update(chunk)
    except OSError:
        return None
    finally:
        os.close(fd)
    return digest.hexdigest()
