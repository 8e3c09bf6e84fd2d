"""Journal entries for what leaves the base as a file: a PDF made (kept in `documents/`),
a file exported in plain to `exports/`. The file is written first; the entry follows in its
own transaction (a file cannot share SQLite's): a failed write leaves no entry."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from anef_tui.store.journal.chain import Detail, append

if TYPE_CHECKING:
    from anef_tui.store.database import Database


def record_pdf(database: Database, dossier_id: int, document: str, data: bytes, *,
               exported: bool, delivered: bool = False) -> None:
    """« PDF préparé » (and « PDF exporté en clair » when a plain copy was written outside
    the vault: an encrypted folder's export, a path the user chose; « PDF envoyé au
    navigateur » when a served app sent it to the browser, issue 26). `document`: its kind
    (confirmation, liste, recapitulatif, complement)."""
    details: dict[str, Detail] = {"document": document, "size": len(data),
               "sha256": hashlib.sha256(data).hexdigest()}
    with database.transaction() as db:
        append(db.conn, database, "pdf_made", dossier_id, details)
        if exported:
            append(db.conn, database, "pdf_exported", dossier_id, details)
        if delivered:
            append(db.conn, database, "pdf_delivered", dossier_id, details)


def record_file_export(database: Database, dossier_id: int, slot: str, sha256: str,
                       size: int, *, delivered: bool = False) -> None:
    """« Fichier exporté en clair »: an attached file decrypted into `exports/`; « Fichier
    envoyé au navigateur » (`delivered`): sent to the browser by a served app (issue 26)."""
    with database.transaction() as db:
        append(db.conn, database, "file_delivered" if delivered else "file_exported", dossier_id,
               {"slot": slot, "sha256": sha256, "size": size})
