"""The rows of a person in one base: found (the dossier and the dossiers linked to it),
counted, and deleted — the same SQL for the live base and for each backup rewritten.

A renewal made from a dossier (`dossiers.parent_id`) is the same person: the family of a
dossier is every dossier reached through `parent_id`, up and down. Tables a base does not
have yet (a backup made before a migration) are skipped.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from anef_tui.store import driver
from anef_tui.store.engine import engine_for

#: Tables whose rows name a dossier by `dossier_id`, deleted before `dossiers`.
_BY_DOSSIER = (
    "deadlines", "dossier_states", "search_words", "attachments", "consents", "answers",
    "events", "notifications",
)


@dataclass(frozen=True)
class Found:
    """What a base holds of a person."""

    dossiers: tuple[int, ...]
    notifications: tuple[int, ...]
    hashes: tuple[str, ...]  # the sha256 of their files
    steps: int  # answered steps and profiles (and drafts), all dossiers together
    files: int  # attachment rows
    names: tuple[str, ...]  # the dossiers' names, for the worker to check (never stored)


def tables(conn: driver.Connection) -> set[str]:
    return engine_for(conn).table_names(conn)


def _marks(values: Iterable[object]) -> str:
    return ",".join("?" for _ in values)


def family(conn: driver.Connection, dossier_ids: Iterable[int]) -> tuple[int, ...]:
    """`dossier_ids` and every dossier linked to them through `parent_id`, present in
    this base, sorted."""
    seen: set[int] = set()
    todo = [int(i) for i in dossier_ids]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        row = conn.execute("SELECT parent_id FROM dossiers WHERE id = ?", (current,)).fetchone()
        if row is None:
            continue
        seen.add(current)
        if row[0] is not None:
            todo.append(int(row[0]))
        todo += [int(r[0]) for r in conn.execute(
            "SELECT id FROM dossiers WHERE parent_id = ?", (current,))]
    return tuple(sorted(seen))


def find(conn: driver.Connection, dossier_id: int) -> Found:
    """What the base holds of the person of `dossier_id` (empty if it is not there)."""
    ids = family(conn, [dossier_id])
    return found_for(conn, ids)


def found_for(conn: driver.Connection, ids: tuple[int, ...]) -> Found:
    if not ids:
        return Found((), (), (), 0, 0, ())
    marks = _marks(ids)
    present = tables(conn)
    notifications: tuple[int, ...] = ()
    if "notifications" in present:
        notifications = tuple(int(r[0]) for r in conn.execute(
            f"SELECT id FROM notifications WHERE dossier_id IN ({marks}) ORDER BY id", ids))
    hashes: tuple[str, ...] = ()
    files = 0
    if "attachments" in present:
        hashes = tuple(str(r[0]) for r in conn.execute(
            f"SELECT DISTINCT sha256 FROM attachments WHERE dossier_id IN ({marks}) "
            "ORDER BY sha256", ids))
        files = int(conn.execute(
            f"SELECT count(*) FROM attachments WHERE dossier_id IN ({marks})", ids
        ).fetchone()[0])
    steps = 0
    import json

    for data, drafts in conn.execute(
            f"SELECT data, drafts FROM answers WHERE dossier_id IN ({marks})", ids):
        for text in (data, drafts):
            try:
                value = json.loads(text or "{}")
            except ValueError:
                value = {}
            steps += len(value) if isinstance(value, dict) else 0
    names = tuple(str(r[0]) for r in conn.execute(
        f"SELECT applicant_name FROM dossiers WHERE id IN ({marks}) ORDER BY id", ids))
    return Found(ids, notifications, hashes, steps, files, names)


def delete_rows(conn: driver.Connection, ids: tuple[int, ...],
                notifications: tuple[int, ...]) -> None:
    """Delete every row of the dossiers `ids` (and of their notifications) in the caller's
    transaction; the journal is not touched here (`tombstone`)."""
    if not ids:
        return
    present = tables(conn)
    if notifications and "complement_answers" in present:
        conn.execute(
            f"DELETE FROM complement_answers WHERE notification_id IN ({_marks(notifications)})",
            notifications)
    if {"complement_answers", "notifications"} <= present:  # one not listed (a backup)
        conn.execute(
            "DELETE FROM complement_answers WHERE notification_id IN (SELECT id FROM "
            f"notifications WHERE dossier_id IN ({_marks(ids)}))", ids)
    for table in _BY_DOSSIER:
        if table in present:
            conn.execute(f"DELETE FROM {table} WHERE dossier_id IN ({_marks(ids)})", ids)
    conn.execute(f"UPDATE dossiers SET parent_id = NULL WHERE parent_id IN ({_marks(ids)}) "
                 f"AND id NOT IN ({_marks(ids)})", ids + ids)
    conn.execute(f"DELETE FROM dossiers WHERE id IN ({_marks(ids)})", ids)


def unreferenced(conn: driver.Connection, hashes: Iterable[str]) -> list[tuple[str, str]]:
    """Of `hashes`, the blobs no attachment refers to any more: (sha256, stored_name)."""
    if "blobs" not in tables(conn):
        return []
    out = []
    for sha in hashes:
        row = conn.execute(
            "SELECT stored_name FROM blobs b WHERE sha256 = ? AND NOT EXISTS "
            "(SELECT 1 FROM attachments a WHERE a.sha256 = b.sha256)", (sha,)).fetchone()
        if row is not None:
            out.append((sha, str(row[0])))
    return out


def still_referenced(conn: driver.Connection, sha256: str) -> bool:
    return conn.execute(
        "SELECT 1 FROM attachments WHERE sha256 = ? LIMIT 1", (sha256,)).fetchone() is not None


def tombstone(conn: driver.Connection, ids: tuple[int, ...], at: str) -> None:
    """The journal's entries of `ids` emptied (a backup's journal: no entry appended, the
    live base's journal says it happened). The journal's own rule: an erasure row first."""
    if not ids or "journal_erasures" not in tables(conn):
        return
    for dossier in ids:
        conn.execute("INSERT INTO journal_erasures (dossier_id, at) VALUES (?, ?) "
                     "ON CONFLICT DO NOTHING",
                     (dossier, at))
    conn.execute(
        "UPDATE journal SET content = NULL, dossier_id = NULL "
        f"WHERE dossier_id IN ({_marks(ids)})", ids)
