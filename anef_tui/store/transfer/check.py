"""The move checked, after its COMMIT: read back from the server and compared with the
folder — every moved table's row count and rows, the journal's moved entries (time,
dossier, content, content hash) and the server's whole chain verified, and every file
fetched, unsealed with the structure's key and its sha256 computed again."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from anef_tui.store.journal.verify import verify_connection
from anef_tui.store.transfer.documents import folder_documents
from anef_tui.store.transfer.words import check_failed

if TYPE_CHECKING:
    from anef_tui.store.database import Database
    from anef_tui.store.transfer.source import Folder


@dataclass
class Moved:
    """What was moved (and checked): rows per table, files, journal entries."""

    counts: dict[str, int] = field(default_factory=dict)
    files: int = 0
    documents: int = 0  # PDFs kept with their dossiers
    entries: int = 0
    already: bool = False  # an earlier run had moved it: only checked this time


def _plain(value: Any) -> Any:
    return bytes(value) if isinstance(value, bytes | bytearray | memoryview) else value


def _rows(conn: Any, table: str, columns: list[str]) -> list[tuple[Any, ...]]:
    rows = [tuple(_plain(v) for v in r) for r in conn.execute(
        f"SELECT {', '.join(columns)} FROM {table}")]
    return sorted(rows, key=repr)  # NULLs sort apart on each engine: sorted here


def check_move(folder: Folder, database: Database, conn: Any, entries: list,
               first: int, moved: Moved) -> None:
    """StoreError (French, every difference) unless the server holds what the folder
    holds; fills `moved` with what was counted."""
    from anef_tui.store.server_files import sealed_content, unseal

    problems: list[str] = []
    for table in folder.tables():
        columns = folder.columns(table)
        here = folder.rows(table, columns)
        there = _rows(conn, table, columns)
        moved.counts[table] = len(there)
        if len(here) != len(there):
            problems.append(f"« {table} » : {len(here)} lignes ici, {len(there)} sur le "
                            "serveur.")
        elif sorted((tuple(_plain(v) for v in r) for r in here), key=repr) != there:
            problems.append(f"« {table} » : des lignes diffèrent.")
    stored = [tuple(r) for r in conn.execute(
        "SELECT at, dossier_id, content, content_hash FROM journal WHERE seq >= ? "
        "AND seq < ? ORDER BY seq", (first, first + len(entries)))]
    if stored != [(e[1], e[2], e[3], e[4]) for e in entries]:
        problems.append("le journal déplacé diffère de celui du poste.")
    verdict = verify_connection(conn)
    if not verdict.intact:
        problems.append("le journal du serveur ne se vérifie pas : " + verdict.problems[0])
    moved.entries = len(entries)
    key = database.key
    assert key is not None
    for sha256, stored_name in folder.blobs():
        sealed = sealed_content(conn, sha256)
        if sealed is None:
            problems.append(f"le fichier « {stored_name} » manque sur le serveur.")
        elif hashlib.sha256(unseal(sealed, key, stored_name)).hexdigest() != sha256:
            problems.append(f"le fichier « {stored_name} » diffère sur le serveur.")
        moved.files += 1
    for name, owner, _, data in folder_documents(folder):
        row = conn.execute("SELECT dossier_id, sealed FROM kept_documents WHERE name = ?",
                           (name,)).fetchone()
        if row is None or int(row[0]) != owner:
            problems.append(f"le PDF « {name} » manque sur le serveur.")
        elif (hashlib.sha256(unseal(bytes(row[1]), key, name)).digest()
              != hashlib.sha256(data).digest()):
            problems.append(f"le PDF « {name} » diffère sur le serveur.")
        moved.documents += 1
    if problems:
        raise check_failed(problems)
