"""Moving a desk's folder into the structure's base on the server (`base migrer`).

One write transaction on the server holds the whole move: the rows of every table (ids
kept), the files sealed with the structure's key, the journal's entries, and the move's
own journal entry, the record that these dossiers come from this folder. Killed at any
point before its COMMIT, the server forgets all of it (the connection gone, the transaction
is rolled back): run again, it starts over on a base as it was, never doubling a row.
Killed after it, the record is there: run again, it checks the move and says it is done.

Ids are kept. The move is made only into a base with no dossier yet (anything else would
mix two desks' numbers: refused, `words.overwrite_refused`), so each id is free; the
dossiers keep the numbers their workers know, every reference (answers, files,
notifications, deadlines, consents, erasures, the journal's dossier column) stays true
without rewriting, and the identities continue after the highest id the desk ever gave
(SQLite's AUTOINCREMENT: an abandoned dossier's number is never given again, so its
journal entries stay its own).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from anef_tui.store.errors import StoreError
from anef_tui.store.journal.chain import append
from anef_tui.store.transfer.check import Moved, check_move
from anef_tui.store.transfer.documents import folder_documents
from anef_tui.store.transfer.journal import append_entries, folder_entries
from anef_tui.store.transfer.source import Folder
from anef_tui.store.transfer.words import MoveRefused, overwrite_refused

if TYPE_CHECKING:
    from anef_tui.store.database import Database
    from anef_tui.vault.keys import VaultKey

MOVED = "folder_moved"

#: Tables whose rows mean the base already holds dossiers (or held some: the events and
#: the erasures outlive them, and their ids would be taken again).
_OCCUPIED = ("dossiers", "events", "blobs", "file_contents", "kept_documents",
             "journal_erasures", "erasures_pending")


def record_of(conn: Any) -> dict[str, Any] | None:
    """The details of the base's record of a folder moved into it, or None."""
    for (content,) in conn.execute(
            "SELECT content FROM journal WHERE dossier_id IS NULL AND content LIKE ? "
            "ORDER BY seq", (f'%"action":"{MOVED}"%',)):
        data = json.loads(content)
        if data.get("action") == MOVED:
            details: dict[str, Any] = data.get("details", {})
            return details
    return None


def _occupied(conn: Any) -> bool:
    for table in _OCCUPIED:
        if conn.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone() is not None:
            return True
    return conn.execute("SELECT 1 FROM journal WHERE dossier_id IS NOT NULL LIMIT 1"
                        ).fetchone() is not None


def move_folder(data_dir: Path, folder_key: VaultKey | None, database: Database, *,
                checkpoint: Callable[[str], None] = lambda name: None,
                say: Callable[[str], None] = lambda line: None,
                folder_login: Callable[[Any], None] | None = None) -> Moved:
    """Move the folder `data_dir` (its vault's key, or None when plain) into the server's
    `database` (logged in: its key is the structure's), then check it. MoveRefused (nothing
    written) when the base holds other dossiers; StoreError when the check finds a
    difference. `checkpoint(name)` is called after each stage (the crash tests kill there);
    `folder_login(conn)` checks a worker of the folder when it has accounts (read only)."""
    from anef_tui.store.server_files import require_key

    require_key(database.key)
    folder = Folder(data_dir, folder_key, folder_login)
    try:
        if folder.count("dossiers") == 0:
            # Its record would take the base for nothing: no other folder could come.
            raise MoveRefused("Ce dossier de données n'a aucun dossier : il n'y a rien à "
                              "déplacer, rien n'a été envoyé.")
        fingerprint = folder.fingerprint()
        entries = folder_entries(folder.conn)
        with database.reading() as conn:
            record = record_of(conn)
        moved = Moved(already=record is not None and record.get("folder") == fingerprint)
        if not moved.already:
            say("Envoi des dossiers, des fichiers et du journal vers le serveur…")
            moved.already = not _copy(folder, database, fingerprint, entries, checkpoint)
        checkpoint("validee")
        say("Vérification : chaque table comptée, chaque fichier relu depuis le serveur…")
        with database.reading() as conn:
            record = record_of(conn)
            if record is None:  # pragma: no cover - written in the same transaction
                raise StoreError("Le déplacement n'a pas été enregistré : relancez-le.")
            check_move(folder, database, conn, entries, int(record["first"]), moved)
        return moved
    finally:
        folder.close()


def _copy(folder: Folder, database: Database, fingerprint: str, entries: list,
          checkpoint: Callable[[str], None]) -> bool:
    """The move's one transaction; False if another run had just made it."""
    from anef_tui.store.server_files import keep, seal

    key = database.key
    assert key is not None
    with database.transaction() as db:
        conn = db.conn
        record = record_of(conn)  # again, under the base's write lock
        if record is not None and record.get("folder") == fingerprint:
            return False
        if record is not None or _occupied(conn):
            raise overwrite_refused()
        erased = _copy_rows(folder, conn, db.engine)
        checkpoint("lignes")
        files = list(folder.blobs())
        for number, (sha256, stored_name) in enumerate(files, start=1):
            keep(conn, sha256, seal(folder.file_bytes(sha256, stored_name), key))
            if number == (len(files) + 1) // 2:
                checkpoint("fichiers")
        documents = folder_documents(folder)
        for name, owner, at, data in documents:
            conn.execute("INSERT INTO kept_documents (name, dossier_id, sealed, kept_at) "
                         "VALUES (?, ?, ?, ?)", (name, owner, seal(data, key), at))
        first = append_entries(conn, entries, erased)
        checkpoint("journal")
        _identities_after(conn, folder)
        head_seq, head = (entries[-1][0], entries[-1][5]) if entries else (0, "")
        append(conn, database, MOVED, None, {
            "folder": fingerprint, "first": first, "entries": len(entries),
            "head_seq": head_seq, "head": head or None,
            "dossiers": folder.count("dossiers"), "files": len(files) + len(documents)})
        checkpoint("avant-validation")
    return True


def _copy_rows(folder: Folder, conn: Any, engine: Any) -> list[int]:
    """Every moved table's rows, ids kept; return the erased dossiers (for the journal)."""
    target_tables = engine.table_names(conn)
    parents: list[tuple[int, int]] = []
    versions: list[tuple[int, int]] = []
    for table in folder.tables():
        columns = folder.columns(table)
        if table not in target_tables or set(engine.column_names(conn, table)) != set(columns):
            raise StoreError(
                f"La table « {table} » n'est pas la même sur le serveur et dans ce dossier "
                "de données : mettez anef-tui à jour sur les deux postes, puis relancez.")
        rows = folder.rows(table, columns)
        if table == "dossiers":  # parents and versions set once every dossier is there
            at_parent, at_version = columns.index("parent_id"), columns.index("version")
            parents = [(r[at_parent], r[0]) for r in rows if r[at_parent] is not None]
            versions = [(r[at_version], r[0]) for r in rows]
            rows = [tuple(None if i == at_parent else v for i, v in enumerate(r))
                    for r in rows]
        if rows:
            marks = ", ".join("?" for _ in columns)
            conn.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})",
                             rows)
    conn.executemany("UPDATE dossiers SET parent_id = ? WHERE id = ?", parents)
    # The rows added under a dossier moved its version (triggers): put back the desk's,
    # which the screens compare (a version equal to the stored one is left as it is).
    conn.executemany("UPDATE dossiers SET version = ? WHERE id = ? AND version <> ?",
                     [(v, i, v) for v, i in versions])
    return [int(r[0]) for r in folder.conn.execute(
        "SELECT dossier_id FROM journal_erasures ORDER BY dossier_id")]


def _identities_after(conn: Any, folder: Folder) -> None:
    """The server's identities go on after the highest id the desk ever gave."""
    highest = folder.highest_ids()
    for table in folder.tables():
        if "id" not in folder.columns(table):
            continue
        row = conn.execute(f"SELECT max(id) FROM {table}").fetchone()
        top = max(int(row[0] or 0), highest.get(table, 0))
        if top > 0:
            conn.execute("SELECT setval(pg_get_serial_sequence(?, 'id'), ?)", (table, top))
