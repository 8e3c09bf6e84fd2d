"""An attached file as the store gives it (`Attachment`), read from its row, and the error
the attachment store raises (`AttachmentError`, a French sentence)."""

from __future__ import annotations

import json
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from anef_tui.store.errors import StoreError


class AttachmentError(StoreError):
    """An attachment cannot be added or removed; the message is one French sentence."""


@dataclass(frozen=True)
class Attachment:
    id: int
    dossier_id: int
    slot_id: str
    sha256: str
    original_name: str
    format: str
    size: int
    pages: int | None
    warnings: tuple[str, ...]
    added_at: str
    stored_path: Path
    position: int = 0  # 1, 2, … within the slot, in the order the files were attached

    @property
    def missing(self) -> bool:
        """True when the stored copy has disappeared from `pieces/` (shown « (fichier
        manquant) »; the user removes it and attaches the file again)."""
        try:
            return not stat.S_ISREG(os.stat(self.stored_path).st_mode)
        except (OSError, ValueError):
            return True


_COLUMNS = (
    "a.id, a.dossier_id, a.slot_id, a.sha256, a.original_name, b.format, b.size, b.pages, "
    "a.warnings, a.added_at, b.stored_name, a.position"
)
_FROM = "FROM attachments a JOIN blobs b ON b.sha256 = a.sha256"


def attachment_from_row(row: tuple, pieces_dir: Path) -> Attachment:
    """The Attachment of a row of `SELECT {_COLUMNS} {_FROM}`; its warnings, stored as JSON,
    are an empty tuple when unreadable."""
    try:
        notes = json.loads(row[8]) if row[8] else []
    except ValueError:
        notes = []
    if not isinstance(notes, list):
        notes = []
    return Attachment(
        id=row[0],
        dossier_id=row[1],
        slot_id=row[2],
        sha256=row[3],
        original_name=row[4] or "",
        format=row[5],
        size=row[6],
        pages=row[7],
        warnings=tuple(str(note) for note in notes),
        added_at=row[9],
        stored_path=pieces_dir / row[10],
        position=row[11],
    )
