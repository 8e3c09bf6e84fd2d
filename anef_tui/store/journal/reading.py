"""Reading a dossier's journal, in words: for the screen, the plain mode, the command line
and the text export."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from anef_tui.store.journal.actor import UNKNOWN_NAME
from anef_tui.store.journal.chain import append
from anef_tui.store.journal.vocabulary import action_label, detail_label, front_end_label

if TYPE_CHECKING:
    from pathlib import Path

    from anef_tui.store.database import Database

JOURNAL_EXPORTED = "journal_exported"


@dataclass(frozen=True)
class Entry:
    seq: int
    at: str
    dossier_id: int | None
    action: str
    worker: str
    front_end: str
    details: dict[str, object] = field(default_factory=dict)

    @property
    def when(self) -> str:
        """« 06/12/2026 14:03 »."""
        day, _, time = self.at.partition("T")
        parts = day.split("-")
        shown = "/".join(reversed(parts)) if len(parts) == 3 else day
        return f"{shown} {time[:5]}".strip()

    @property
    def label(self) -> str:
        return action_label(self.action)

    @property
    def worker_shown(self) -> str:
        return self.worker or UNKNOWN_NAME

    @property
    def front_end_shown(self) -> str:
        return front_end_label(self.front_end)

    @property
    def details_words(self) -> str:
        """« étape : etat_civil ; taille (octets) : 1200 », or ""."""
        return " ; ".join(f"{detail_label(k)} : {v}" for k, v in sorted(self.details.items()))

    def line(self) -> str:
        """The whole entry in one line, as read aloud."""
        words = (f"{self.when} — {self.worker_shown} ({self.front_end_shown}) — "
                 f"{self.label}")
        return words + (f" — {self.details_words}" if self.details else "")


def entry_of(row: tuple) -> Entry:
    """An entry read from (seq, at, dossier_id, content)."""
    seq, at, dossier_id, content = row
    data: dict = {}
    if content is not None:
        try:
            loaded = json.loads(content)
        except ValueError:
            loaded = {}
        data = loaded if isinstance(loaded, dict) else {}
    details = data.get("details")
    return Entry(
        seq=int(seq), at=str(at), dossier_id=None if dossier_id is None else int(dossier_id),
        action=str(data.get("action", "?")), worker=str(data.get("aidant", "")),
        front_end=str(data.get("interface", "inconnu")),
        details=details if isinstance(details, dict) else {},
    )


def dossier_entries(database: Database, dossier_id: int) -> list[Entry]:
    """The dossier's entries, oldest first."""
    with database.reading() as conn:
        rows = conn.execute(
            "SELECT seq, at, dossier_id, content FROM journal WHERE dossier_id = ? "
            "ORDER BY seq", (int(dossier_id),)).fetchall()
    return [entry_of(row) for row in rows]


def journal_text(dossier_id: int, entries: list[Entry]) -> str:
    """The text file a journal export writes (no applicant data: the dossier's number)."""
    lines = [f"Journal du dossier n° {dossier_id}", ""]
    lines += [f"{entry.seq:>6}  {entry.line()}" for entry in entries]
    if not entries:
        lines.append("Aucune entrée.")
    return "\n".join(lines) + "\n"


def export_name(dossier_id: int) -> str:
    return f"journal-dossier-{int(dossier_id):04d}.txt"


def export_journal(database: Database, dossier_id: int) -> Path:
    """Write the dossier's journal into `<data>/exports/` and append « journal exporté »;
    the file's path. OSError / StoreError for the caller to say."""
    from anef_tui.store.exports import export_bytes

    entries = dossier_entries(database, dossier_id)
    path = export_bytes(database.data_dir, export_name(dossier_id),
                        journal_text(dossier_id, entries).encode("utf-8"))
    with database.transaction() as db:
        append(db.conn, database, JOURNAL_EXPORTED, dossier_id, {"entries": len(entries)})
    return path


def journal_for_browser(database: Database, dossier_id: int) -> tuple[str, bytes]:
    """A served app's export (issue 26): the journal's text, its file name and bytes for
    the browser, nothing written on disk; « journal exporté » appended as by
    `export_journal`."""
    entries = dossier_entries(database, dossier_id)
    data = journal_text(dossier_id, entries).encode("utf-8")
    with database.transaction() as db:
        append(db.conn, database, JOURNAL_EXPORTED, dossier_id, {"entries": len(entries)})
    return export_name(dossier_id), data
