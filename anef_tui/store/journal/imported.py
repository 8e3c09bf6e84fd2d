"""The journal an imported dossier brought from its source desk (`dossier_imports`, issue
24): read in words (before this desk's own entries) and checked.

What can be checked, the source desk's other entries being absent: each entry's content
against its content_hash (an altered entry), the seqs strictly increasing, and — where two
carried entries followed each other on the source desk (seq, seq + 1) — the chaining:
chain_hash = sha256(previous chain_hash | seq | at | source dossier | content_hash), the
source dossier's number being carried with each entry since this version (`dossier_id`;
older bundles lack it: content only). Across a gap (the source desk's entries of other
dossiers in between) the link cannot be checked: the previous chain_hash is not carried.
Someone who rewrites an entry's content, its content_hash and its chain_hash is still seen
when the next carried entry followed it; the last one of a run is not. No Textual here.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from anef_tui.store import driver
from anef_tui.store.journal.chain import chain_hash, sha256_text
from anef_tui.store.journal.reading import Entry, entry_of

if TYPE_CHECKING:
    from anef_tui.store.database import Database

#: The part's heading, on every front end.
HEADING = "Journal apporté par le paquet (bureau d'origine)"


def _loaded(raw: object) -> list[dict[str, Any]]:
    try:
        data = json.loads(str(raw))
    except ValueError:
        return []
    return [e for e in data if isinstance(e, dict)] if isinstance(data, list) else []


def imported_entries(database: Database, dossier_id: int) -> list[Entry]:
    """The source desk's entries of an imported dossier, oldest first ([] otherwise)."""
    with database.reading() as conn:
        row = conn.execute("SELECT entries FROM dossier_imports WHERE dossier_id = ?",
                           (int(dossier_id),)).fetchone()
    if row is None:
        return []
    found = []
    for item in _loaded(row[0]):
        try:
            found.append(entry_of((int(item["seq"]), str(item["at"]), None,
                                   item.get("content"))))
        except (KeyError, TypeError, ValueError):
            continue
    return found


def verify_imports(conn: driver.Connection) -> list[str]:
    """The problems of every imported dossier's carried journal (French)."""
    problems: list[str] = []
    for dossier_id, raw in conn.execute(
            "SELECT dossier_id, entries FROM dossier_imports ORDER BY dossier_id"):
        problems += _verify_one(int(dossier_id), _loaded(raw), raw)
    return problems


def _verify_one(dossier_id: int, entries: list[dict[str, Any]], raw: object) -> list[str]:
    where = f"Dossier n° {dossier_id}, journal apporté par le paquet"
    try:
        if not isinstance(json.loads(str(raw)), list):
            raise ValueError
    except ValueError:
        return [f"{where} : il est illisible (modifié)."]
    problems: list[str] = []
    previous: dict[str, Any] | None = None
    for entry in entries:
        try:
            seq, at = int(entry["seq"]), str(entry["at"])
            content, digest = entry["content"], str(entry["content_hash"])
            stored = str(entry["chain_hash"])
        except (KeyError, TypeError, ValueError):
            problems.append(f"{where} : une entrée n'a pas la forme attendue (modifiée).")
            previous = None
            continue
        if previous is not None and seq <= int(previous["seq"]):
            problems.append(f"{where}, entrée n° {seq} : hors de son ordre (déplacée).")
        if content is None or sha256_text(str(content)) != digest:
            problems.append(f"{where}, entrée n° {seq} ({at}) : son contenu a été modifié.")
        source = entry.get("dossier_id")
        if (previous is not None and int(previous["seq"]) == seq - 1
                and isinstance(source, int)
                and chain_hash(str(previous["chain_hash"]), seq, at, source, digest)
                != stored):
            problems.append(f"{where}, entrée n° {seq} ({at}) : le chaînage est rompu (entrée "
                            "modifiée, ajoutée ou retirée avant elle).")
        previous = entry
    return problems
