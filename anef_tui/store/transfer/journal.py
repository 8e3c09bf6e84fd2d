"""The folder's journal moved whole onto the server's, and still verifiable there.

The server's journal already holds its own entries (the accounts': the first référent's
creation, logins refused…), so the folder's entries follow them: each keeps its time, its
dossier (ids are kept, `move.py`), its content and content hash, and gets the server's next
number and a chain hash computed again on the server's chain. A tombstone (an erased
person's entry: content and dossier gone) chains on the server for the erased dossier it
chained for on the desk (found as `journal --verifier` finds it; the erasures move with the
rows). The move's own entry (`folder_moved`) follows, naming the folder's head (its last
number and chain hash) and how many entries came: the desk's chain can be matched with the
server's. The folder's chain is verified first: a broken one is not moved.
"""

from __future__ import annotations

from typing import Any

from anef_tui.store.journal.chain import GENESIS, chain_hash, head
from anef_tui.store.journal.verify import verify_connection
from anef_tui.store.transfer.words import journal_broken

Entry = tuple[int, str, Any, Any, str, str]  # seq, at, dossier_id, content, hashes


def folder_entries(conn: Any) -> list[Entry]:
    """The folder's journal, verified (MoveRefused if its chain is broken)."""
    verdict = verify_connection(conn)
    if not verdict.intact:
        raise journal_broken(verdict.problems[0])
    return [tuple(r) for r in conn.execute(
        "SELECT seq, at, dossier_id, content, content_hash, chain_hash FROM journal "
        "ORDER BY seq")]


def _erased_dossier(previous: str, entry: Entry, erased: list[int]) -> int | None:
    seq, at, _, _, content_hash, stored = entry
    for dossier_id in erased:
        if chain_hash(previous, seq, at, dossier_id, content_hash) == stored:
            return dossier_id
    return None


def append_entries(conn: Any, entries: list[Entry], erased: list[int]) -> int:
    """Append `entries` after the server's last one (inside the move's transaction);
    return the server's number of the first."""
    last, previous = head(conn)
    desk_previous = GENESIS
    for offset, entry in enumerate(entries, start=1):
        seq, at, dossier_id, content, content_hash, stored = entry
        chained_for = dossier_id
        if content is None:  # a tombstone: the erased dossier it chained for
            chained_for = _erased_dossier(desk_previous, entry, erased)
        new_seq = last + offset
        previous = chain_hash(previous, new_seq, at, chained_for, content_hash)
        conn.execute(
            "INSERT INTO journal (seq, at, dossier_id, content, content_hash, chain_hash) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (new_seq, at, dossier_id, content, content_hash, previous))
        desk_previous = stored
    return last + 1
