"""« Effacer cette personne » (issue 24 item 5): every trace of the applicant of a dossier,
and of the dossiers linked to it (a renewal made from it, the dossier it renews), removed in
one operation — no Textual here.

1. One transaction: the intention recorded (`erasures_pending`: dossier ids, notification
   ids, file hashes — nothing that names the person), every row of the person deleted
   (`rows.py`, `secure_delete` on: the deleted content is overwritten in the pages), the
   journal's entries tombstoned with one pseudonymous « personne effacée » line.
2. After the commit, each step redone until done (an erasure cut short by a crash is
   finished at the next open of the folder, `finish_pending`): the person's files that no
   other dossier refers to overwritten then removed (`files.py`), their PDFs and exports,
   every backup that holds them rewritten (`backups.py`), the base vacuumed, the intention
   deleted, the write-ahead log emptied (checkpoint TRUNCATE).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from anef_tui.store.erasure import rows
from anef_tui.store.erasure.backups import holding, rewrite_backups
from anef_tui.store.erasure.files import (
    shred_documents,
    shred_exported_files,
    shred_pieces,
)
from anef_tui.store.errors import DossierGone

if TYPE_CHECKING:
    from anef_tui.store.database import Database, HasDatabase

log = logging.getLogger("anef_tui.store.erasure")

#: Called with a short step name after each durable step (tests kill the process there).
Checkpoint = Callable[[str], None]

PENDING_TABLE = "erasures_pending"


@dataclass(frozen=True)
class Preview:
    """What « Effacer cette personne » would remove, for the confirmation."""

    dossiers: tuple[int, ...]
    names: tuple[str, ...]
    steps: int
    files: int
    notifications: int
    backups: int
    unreadable_backups: int


@dataclass(frozen=True)
class Erased:
    """What an erasure did."""

    dossiers: tuple[int, ...]
    steps: int
    files: int  # attachment rows
    notifications: int
    removed_files: int  # files overwritten then removed (pieces, PDFs, exports)
    backups: int  # backups rewritten without the person
    unreadable_backups: int
    compacted: bool  # the base vacuumed and its log emptied


def _database(owner: Database | HasDatabase) -> Database:
    from anef_tui.store.database import database_of

    return database_of(owner)


def preview(owner: Database | HasDatabase, dossier_id: int) -> Preview:
    """What erasing the person of `dossier_id` removes. DossierGone if it is not there."""
    database = _database(owner)
    with database.reading() as conn:
        found = rows.find(conn, dossier_id)
    if not found.dossiers:
        raise DossierGone(dossier_id=dossier_id)
    held, unreadable = holding(database.data_dir, found.dossiers, database.key)
    return Preview(found.dossiers, found.names, found.steps, found.files,
                   len(found.notifications), held, unreadable)


def erase_person(owner: Database | HasDatabase, dossier_id: int, *,
                 checkpoint: Checkpoint | None = None) -> Erased:
    """Erase the person of `dossier_id` (see the module). DossierGone if no such dossier.
    StoreError / OSError after the first step: the rows are gone, the rest is finished at
    the next open (or the next erasure)."""
    database = _database(owner)
    step = checkpoint or (lambda _name: None)
    from anef_tui.store.journal.erasure import tombstone_dossier

    at = database.now_iso()
    with database.transaction() as db:
        conn = db.conn
        found = rows.find(conn, dossier_id)
        if not found.dossiers:
            raise DossierGone(dossier_id=dossier_id)
        for dossier in found.dossiers:
            notifications = [n for n in found.notifications if _belongs(conn, n, dossier)]
            conn.execute(
                f"INSERT INTO {PENDING_TABLE} (dossier_id, notifications, hashes, at) "
                "VALUES (?, ?, ?, ?) ON CONFLICT(dossier_id) DO UPDATE SET "
                "notifications = excluded.notifications, hashes = excluded.hashes, "
                "at = excluded.at",
                (dossier, json.dumps(notifications), json.dumps(list(found.hashes)), at))
        rows.delete_rows(conn, found.dossiers, found.notifications)
        first, *others = found.dossiers
        rows.tombstone(conn, tuple(others), at)
        tombstone_dossier(database, first)  # joins this transaction: one line for the person
    step("lignes")
    removed, backups, unreadable, compacted = _finish(database, step)
    return Erased(found.dossiers, found.steps, found.files, len(found.notifications),
                  removed, backups, unreadable, compacted)


def _belongs(conn: object, notification: int, dossier: int) -> bool:
    row = conn.execute(  # type: ignore[attr-defined]
        "SELECT 1 FROM notifications WHERE id = ? AND dossier_id = ?",
        (notification, dossier)).fetchone()
    return row is not None


def pending(owner: Database | HasDatabase) -> tuple[int, ...]:
    """The dossiers whose erasure is not finished."""
    database = _database(owner)
    with database.reading() as conn:
        if PENDING_TABLE not in rows.tables(conn):
            return ()
        return tuple(int(r[0]) for r in conn.execute(
            f"SELECT dossier_id FROM {PENDING_TABLE} ORDER BY dossier_id"))


def finish_pending(owner: Database | HasDatabase, *,
                   checkpoint: Checkpoint | None = None) -> bool:
    """Finish the erasures cut short (a crash, a file that could not be removed); True if
    there were some. StoreError / OSError: tried again at the next open."""
    database = _database(owner)
    if not pending(database):
        return False
    _finish(database, checkpoint or (lambda _name: None))
    return True


def _finish(database: Database, step: Checkpoint) -> tuple[int, int, int, bool]:
    with database.reading() as conn:
        records = [(int(d), json.loads(n or "[]"), json.loads(h or "[]"), str(at))
                   for d, n, h, at in conn.execute(
                       f"SELECT dossier_id, notifications, hashes, at FROM {PENDING_TABLE}")]
    if not records:
        return 0, 0, 0, True
    ids = tuple(sorted(r[0] for r in records))
    hashes = sorted({h for r in records for h in r[2]})
    notifications = [n for r in records for n in r[1]]
    removed = _shred_pieces(database, hashes)
    step("pieces")
    removed += shred_documents(database.data_dir, ids, notifications)
    removed += _shred_exports(database, hashes)
    step("documents")
    done = rewrite_backups(database.data_dir, ids, records[0][3], database.key, step)
    step("sauvegardes")
    compacted = _compact(database, ids)
    step("fini")
    return removed, done.rewritten, done.unreadable, compacted


def _shred_pieces(database: Database, hashes: list[str]) -> int:
    """The person's stored files that no remaining dossier refers to: the file overwritten
    and removed, then its row (a file that cannot be removed keeps its row: tried again)."""
    removed = 0
    with database.reading() as conn:
        gone = rows.unreferenced(conn, hashes)
    for sha, stored in gone:
        removed += shred_pieces(database.data_dir, [stored])
        with database.transaction() as db:
            if not rows.still_referenced(db.conn, sha):
                db.conn.execute("DELETE FROM blobs WHERE sha256 = ?", (sha,))
    from anef_tui.store.attachment_cleanup import cleanup_quietly

    cleanup_quietly(database)  # empty shards, leftovers
    return removed


def _shred_exports(database: Database, hashes: list[str]) -> int:
    with database.reading() as conn:
        kept = {h for h in hashes if rows.still_referenced(conn, h)}
    return shred_exported_files(database.data_dir, [h for h in hashes if h not in kept])


def _compact(database: Database, ids: tuple[int, ...]) -> bool:
    """VACUUM (no freed page left in the base), the intention deleted, the log emptied.
    False if another window kept the base or its log busy (done again at the next open:
    the intention stays until VACUUM has run)."""
    engine = database.db.engine  # SQLite: VACUUM, then the -wal emptied (store/engine/)
    with database.lock:
        if not engine.compact(database.db.conn):
            return False
    marks = ",".join("?" for _ in ids)
    with database.transaction() as db:
        db.conn.execute(f"DELETE FROM {PENDING_TABLE} WHERE dossier_id IN ({marks})", ids)
    with database.lock:
        return engine.flush(database.db.conn)
