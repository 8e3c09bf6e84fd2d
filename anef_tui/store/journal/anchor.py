"""The journal's head kept outside the journal, so that removing its LAST entries is seen.

The chain alone cannot tell a journal whose last entries were removed from one that simply
ends there. Two anchors remember where it ended:

* `journal-tete` beside the base: {"seq", "chain", "depuis"} — sealed with the vault key in
  an encrypted folder (the vault's file format: altered or swapped, it no longer opens), a
  plain JSON file in a plain folder. Moved forward at each close of the base
  (`Database.close`: one read, and a small write only when entries were appended) and
  after each `anef-tui journal --verifier` — only forward, along the same chain: a journal
  that lost the anchored entry keeps its anchor, which keeps telling it. Set back at a
  restoration (the restored base's head, `depuis` = the restoration's time).
* each backup (`sauvegardes/`): a copy of the base, so its own journal's last entry is a
  head the live journal must still hold. The newest backup taken since the last restoration
  is read (backups « avant-restauration » / « endommagee » hold a replaced base: never).

What this does not protect against: someone who holds the key (or, in a plain folder,
anyone) can rewrite the base, the anchor file and every backup together; deleting the
anchor file is only seen as « no anchor yet ». No Textual here.
"""

from __future__ import annotations

import contextlib
from contextlib import AbstractContextManager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from anef_tui.store import driver
from anef_tui.store.errors import StoreError
from anef_tui.store.journal.anchor_file import (
    ANCHOR_FILE,
    Head,
    anchor_path,
    read_anchor,
    write_anchor,
)
from anef_tui.store.journal.chain import head

if TYPE_CHECKING:
    from anef_tui.vault.keys import VaultKey

__all__ = ["ANCHOR_FILE", "Head", "anchor_path", "anchor_problems", "backup_head",
           "head_problem", "read_anchor", "save_anchor", "write_anchor"]


class Base(Protocol):
    """What the anchor needs of the open Database (not imported: the Database calls
    `save_anchor` at close)."""

    data_dir: Path
    key: VaultKey | None

    def reading(self) -> AbstractContextManager[driver.Connection]: ...


def save_anchor(database: Base) -> None:
    """Move the anchor file forward to the live journal's head — only forward: when the
    journal no longer holds the anchored entry (or the anchor cannot be trusted), the
    anchor stays as it is, to keep telling it. Never raises: an anchor not written is an
    anchor older, not a fault."""
    with contextlib.suppress(OSError, StoreError, driver.Error, ValueError):
        found, problem = read_anchor(database.data_dir, database.key)
        if problem:
            return
        with database.reading() as conn:
            if found is not None and head_problem(conn, found):
                return
            seq, chain = head(conn)
        if found is not None and (found.seq, found.chain) == (seq, chain):
            return  # nothing appended: no write
        write_anchor(database.data_dir, database.key, seq, chain,
                     found.since if found is not None else "")


def backup_head(data_dir: Path, key: VaultKey | None, since: str = "") -> Head | None:
    """The journal's head in the newest backup taken since `since` (ISO time; "" = any)
    that can be read with `key`; None when there is none."""
    from anef_tui.store.backups.copies import list_backups, open_backup

    limit = None
    if since:
        with contextlib.suppress(ValueError):
            limit = datetime.fromisoformat(since)
    for backup in list_backups(data_dir):  # newest first
        if backup.reason in ("avant-restauration", "endommagee"):
            continue
        if limit is not None and backup.taken_at < limit:
            return None
        try:
            conn = open_backup(backup.path, key)
        except (driver.Error, StoreError):
            continue
        try:
            seq, chain = head(conn)
        except driver.Error:
            continue
        finally:
            conn.close()
        when = backup.taken_at.strftime("%d/%m/%Y %H:%M")
        return Head(seq, chain, f"la sauvegarde du {when} ({backup.name})")
    return None


def head_problem(conn: driver.Connection, known: Head) -> str | None:
    """The French problem when the journal no longer holds `known` (its last entries
    removed, or rewritten), else None."""
    if known.seq == 0:
        return None
    row = conn.execute("SELECT chain_hash FROM journal WHERE seq = ?",
                       (known.seq,)).fetchone()
    if row is None:
        last, _ = head(conn)
        removed = (f"l'entrée n° {known.seq} a été retirée" if known.seq == last + 1
                   else f"les entrées n° {last + 1} à {known.seq} ont été retirées")
        return (f"Le journal s'arrête à l'entrée n° {last}, mais {known.where} connaît "
                f"l'entrée n° {known.seq} : {removed} à la fin du journal.")
    if str(row[0]) != known.chain:
        return (f"Entrée n° {known.seq} : elle ne correspond plus à celle que {known.where} "
                "connaît (le journal a été réécrit).")
    return None


def anchor_problems(database: Base) -> tuple[list[str], list[str]]:
    """(problems, notes), French: the live journal compared with the anchor file and the
    newest backup."""
    problems: list[str] = []
    notes: list[str] = []
    found, problem = read_anchor(database.data_dir, database.key)
    if problem:
        problems.append(problem)
    heads = [found] if found is not None else []
    latest = backup_head(database.data_dir, database.key, found.since if found else "")
    if latest is not None:
        heads.append(latest)
    if found is None and problem is None:
        notes.append(f"Aucun repère « {ANCHOR_FILE} » n'avait encore été enregistré : il "
                     "l'est maintenant.")
    with database.reading() as conn:
        for known in heads:
            said = head_problem(conn, known)
            if said:
                problems.append(said)
    return problems, notes
