"""The PDFs the app writes for a dossier in `<data_dir>/documents/` and their plain exports
in `<data_dir>/exports/` (an encrypted folder, store/exports.py), found by their names
(deleted with the dossier when it is abandoned, see DossierStore.abandon)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

#: Where the app writes the PDFs it makes, in the data directory (see `dossier_documents`).
DOCUMENTS_DIR = "documents"
_FOLDERS = (DOCUMENTS_DIR, "exports")
_DOSSIER_PDF = re.compile(
    r"^(?:confirmation|donnees|liste|mandat|recapitulatif)-(\d+)(?:-.*)?\.(?:pdf|tmp)$"
)
_COMPLEMENT_PDF = re.compile(r"^complement-(\d+)(?:-.*)?\.(?:pdf|tmp)$")


def dossier_documents(
    data_dir: Path, dossier_id: int, notification_ids: Iterable[int] = ()
) -> list[Path]:
    """The PDFs the app wrote for a dossier in `<data_dir>/documents/`: « confirmation-0001-
    NOM.pdf », « liste-0001.pdf », « recapitulatif-0001-NOM.pdf » (the dossier's id) and
    « complement-0007-NOM.pdf » (the id of one of its notifications), with their
    interrupted « .tmp » copies; and their exports of the same names."""
    notifications = set(notification_ids)
    entries = []
    for folder in _FOLDERS:
        try:
            entries += list(os.scandir(Path(data_dir) / folder))
        except OSError:
            continue
    found = []
    for entry in entries:
        match = _DOSSIER_PDF.match(entry.name)
        if match and int(match[1]) == dossier_id:
            found.append(Path(entry.path))
            continue
        match = _COMPLEMENT_PDF.match(entry.name)
        if match and int(match[1]) in notifications:
            found.append(Path(entry.path))
    return sorted(found)
