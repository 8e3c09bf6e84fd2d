"""Checking the whole journal again (`anef-tui journal --verifier`).

Each entry's content is hashed again and compared with its content_hash (an altered entry),
its chain_hash computed again from the one before (an entry removed, inserted or moved breaks
it), and its seq must follow the previous one (a gap: entries removed). A tombstoned entry
(content NULL, dossier NULL: a person erased) has lost what identified it: its chain_hash is
accepted if it is the one of a dossier named in `journal_erasures` — a tombstone without its
erasure is reported.

What the chain cannot tell: the LAST entries removed (the chain simply ends earlier) unless
the head is known from elsewhere (`anchor.py`: the anchor file and the newest backup,
compared by `verify_whole`); the whole journal rewritten and re-chained by someone holding
the key (the hashes are not keyed). See NOTES.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from anef_tui.store import driver
from anef_tui.store.journal.chain import GENESIS, chain_hash, sha256_text


@dataclass(frozen=True)
class Verdict:
    """How many entries were read, and the problems found (French, one line each)."""

    entries: int
    problems: list[str]
    notes: list[str] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        return not self.problems


def verify_connection(conn: driver.Connection) -> Verdict:
    erased = [int(r[0]) for r in conn.execute(
        "SELECT dossier_id FROM journal_erasures ORDER BY dossier_id")]
    problems: list[str] = []
    previous = GENESIS
    expected = 1
    count = 0
    recent: list[int] = []  # erased dossiers found lately: tried first
    for seq, at, dossier_id, content, content_hash, stored_chain in conn.execute(
        "SELECT seq, at, dossier_id, content, content_hash, chain_hash FROM journal "
        "ORDER BY seq"
    ):
        count += 1
        seq = int(seq)
        gap = seq > expected
        if gap:
            missing = (f"l'entrée n° {expected} manque" if seq == expected + 1
                       else f"les entrées n° {expected} à {seq - 1} manquent")
            problems.append(f"Entrée n° {seq} : {missing} (retirée du journal).")
        elif seq < expected:  # not after ORDER BY on a primary key; belt
            problems.append(f"Entrée n° {seq} : numéro en double.")
        expected = seq + 1
        if content is None:
            if not _tombstone_chains(previous, seq, at, content_hash, stored_chain,
                                     erased, recent):
                problems.append(
                    f"Entrée n° {seq} : effacée sans effacement de personne enregistré, "
                    "ou son chaînage est rompu.")
            previous = str(stored_chain)
            continue
        if sha256_text(str(content)) != content_hash:
            problems.append(f"Entrée n° {seq} ({at}) : son contenu a été modifié.")
        elif not _readable(str(content)):
            problems.append(f"Entrée n° {seq} ({at}) : son contenu est illisible.")
        # After a gap the chain cannot hold: the gap said it already.
        if not gap and chain_hash(previous, seq, at, dossier_id, content_hash) != stored_chain:
            problems.append(
                f"Entrée n° {seq} ({at}) : le chaînage est rompu (entrée ajoutée, "
                "retirée ou modifiée avant elle ou à sa place).")
        previous = str(stored_chain)
    return Verdict(count, problems)


def _tombstone_chains(previous: str, seq: int, at: str, content_hash: str,
                      stored_chain: str, erased: list[int], recent: list[int]) -> bool:
    """Whether a tombstoned entry chains for one of the erased dossiers."""
    for dossier_id in [*recent, *erased]:
        if chain_hash(previous, seq, at, dossier_id, content_hash) == stored_chain:
            if dossier_id not in recent:
                recent.insert(0, dossier_id)
                del recent[8:]
            return True
    return False


def _readable(content: str) -> bool:
    try:
        data = json.loads(content)
    except ValueError:
        return False
    return isinstance(data, dict) and isinstance(data.get("action"), str)


def check_head(conn: driver.Connection, seq: int, chain: str) -> str | None:
    """A head known from elsewhere (a backup's): the French problem if the journal no
    longer holds that entry with that chain_hash (its last entries removed), else None."""
    row = conn.execute("SELECT chain_hash FROM journal WHERE seq = ?", (seq,)).fetchone()
    if row is None:
        return f"Le journal s'arrête avant l'entrée n° {seq} connue : des entrées finales ont été retirées."
    if str(row[0]) != chain:
        return f"Entrée n° {seq} : elle ne correspond plus à celle qui était connue."
    return None
