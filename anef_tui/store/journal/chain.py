"""Appending to the journal: the canonical content, its hash, and the chain.

content      = canonical JSON of {"action", "aidant", "interface", "details"}
content_hash = sha256(content)
chain_hash   = sha256(previous chain_hash | seq | at | dossier_id | content_hash)

The first entry's previous chain_hash is GENESIS. An entry is appended inside the
transaction of the action it records: rolled back with it, never without it.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any, Protocol

from anef_tui.store import driver
from anef_tui.store.journal.actor import Actor
from anef_tui.store.journal.vocabulary import action_codes

GENESIS = "0" * 64

#: A detail is a short code, a number or a hash: never applicant data.
Detail = str | int | None


class Journalled(Protocol):
    """What an entry needs from the open Database: who acts, and the time."""

    actor: Actor

    def now_iso(self) -> str: ...


def canonical(content: dict[str, Any]) -> str:
    """The one text of `content` that is stored and hashed."""
    return json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def chain_hash(previous: str, seq: int, at: str, dossier_id: int | None,
               content_hash: str) -> str:
    dossier = "" if dossier_id is None else str(int(dossier_id))
    return sha256_text(f"{previous}|{int(seq)}|{at}|{dossier}|{content_hash}")


def head(conn: driver.Connection) -> tuple[int, str]:
    """The last entry's seq and chain_hash; (0, GENESIS) for an empty journal."""
    row = conn.execute(
        "SELECT seq, chain_hash FROM journal ORDER BY seq DESC LIMIT 1").fetchone()
    return (0, GENESIS) if row is None else (int(row[0]), str(row[1]))


def append(
    conn: driver.Connection,
    database: Journalled,
    action: str,
    dossier_id: int | None,
    details: dict[str, Detail] | None = None,
    *,
    at: str | None = None,
) -> int:
    """Append one entry (inside the caller's write transaction); return its seq. `at`: the
    action's own time when the caller has read the clock already (an injected clock may
    move at every reading)."""
    if action not in action_codes():
        raise ValueError(f"Action du journal inconnue : « {action} ».")
    actor = database.actor
    content = canonical({
        "action": action,
        "aidant": actor.name,
        "interface": actor.front_end,
        "details": {k: v for k, v in (details or {}).items() if v is not None},
    })
    return append_content(conn, at or database.now_iso(), dossier_id, content)


def append_content(conn: driver.Connection, at: str, dossier_id: int | None,
                   content: str) -> int:
    """Append an entry whose canonical content is already made."""
    last, previous = head(conn)
    seq = last + 1
    digest = sha256_text(content)
    conn.execute(
        "INSERT INTO journal (seq, at, dossier_id, content, content_hash, chain_hash) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (seq, at, dossier_id, content, digest,
         chain_hash(previous, seq, at, dossier_id, digest)),
    )
    return seq
