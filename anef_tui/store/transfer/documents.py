"""The PDFs a desk kept (`documents/` of its folder: plain, or sealed with its vault's key)
moved with their dossiers into the server's `kept_documents`, sealed with the structure's
key under their kept name (« recapitulatif-0001.pdf »: no person's name), as a desk on
the server keeps them. A PDF whose name tells no dossier of the folder (a dossier since
abandoned, a name of another kind) stays behind; of two files for one kept name (a plain
folder's names carry the person's name, which may have changed) the newest goes."""

from __future__ import annotations

import os
from datetime import datetime
from typing import TYPE_CHECKING

from anef_tui.store.exports import DOCUMENTS_DIR, kept_name
from anef_tui.store.server_files import document_owner

if TYPE_CHECKING:
    from anef_tui.store.transfer.source import Folder

#: (kept name, dossier id, kept at, plaintext)
Document = tuple[str, int, str, bytes]


def folder_documents(folder: Folder) -> list[Document]:
    """The folder's kept PDFs that go with a dossier, by kept name."""
    directory = folder.data_dir / DOCUMENTS_DIR
    try:
        paths = [p for p in directory.iterdir() if p.suffix == ".pdf" and p.is_file()]
    except FileNotFoundError:
        return []
    found: dict[str, Document] = {}
    for path in sorted(paths, key=lambda p: (os.stat(p).st_mtime_ns, p.name)):
        name = kept_name(path.name)
        owner = document_owner(folder.conn, name)
        if owner is None:
            continue
        at = datetime.fromtimestamp(os.stat(path).st_mtime).isoformat(timespec="seconds")
        found[name] = (name, owner, at, folder.read_kept(path))
    return [found[name] for name in sorted(found)]
