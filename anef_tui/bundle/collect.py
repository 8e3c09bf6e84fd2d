"""Export: a dossier read whole from the base and the files, made into a bundle.

Everything is read in ONE read transaction (a consistent picture, even with another window
saving), the files' contents decrypted in memory in an encrypted folder; the bundle is
written to `<data>/exports/` (0600, whole or not at all) and « dossier exporté » appended
to the journal. The phrase is returned to be said once: it is stored nowhere.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from anef_tui.bundle import container
from anef_tui.bundle.errors import BundleRefused, refuse_on_a_server
from anef_tui.bundle.limits import MAX_BUNDLE_BYTES
from anef_tui.bundle.sealed import DEFAULT_PARAMS, new_phrase, seal
from anef_tui.store.errors import DossierGone

if TYPE_CHECKING:
    from anef_tui.store.database import Database
    from anef_tui.vault.keyfile import KdfParams

DOSSIER_EXPORTED = "dossier_exported"
SUFFIX = ".anef-dossier"
_DOC = re.compile(r"^(confirmation|liste|mandat|recapitulatif|complement)-(\d+)(?:-.*)?\.pdf$")


@dataclass(frozen=True, repr=False)
class Exported:
    """The bundle written and its phrase (to say once; its repr hides it)."""

    path: Path
    phrase: str
    files: int

    def __repr__(self) -> str:
        return f"Exported(path={self.path!r}, phrase=<masquée>, files={self.files})"


def bundle_name(dossier_id: int) -> str:
    return f"dossier-{int(dossier_id):04d}{SUFFIX}"


def _loads(value: str | None) -> Any:
    try:
        return json.loads(value or "{}")
    except ValueError:
        raise BundleRefused("ce dossier contient des données illisibles") from None


def read_dossier(database: Database, dossier_id: int) -> tuple[dict, list[dict], dict[str, bytes]]:
    """The dossier's JSON (`shape.py`), its journal entries and its files by sha256."""
    from anef_tui.paths import ATTACHMENTS_DIR

    with database.reading() as conn:
        started = not conn.in_transaction
        if started:  # one read transaction: a consistent picture of the dossier
            conn.execute("BEGIN")
        try:
            row = conn.execute(
                "SELECT procedure, status, states, current_step, applicant_name, created_at, "
                "updated_at, numero_demande, filed_at, documents_due, next_deadline, "
                "next_deadline_label FROM dossiers WHERE id = ?", (dossier_id,)).fetchone()
            if row is None:
                raise DossierGone(dossier_id=dossier_id)
            answers = conn.execute("SELECT data, drafts FROM answers WHERE dossier_id = ?",
                                   (dossier_id,)).fetchone() or ("{}", "{}")
            notes = conn.execute(
                "SELECT n.id, n.kind, n.title, n.domain, n.received_on, n.read_on, n.data, "
                "n.created_at, c.data, c.sent_on, c.notification_id FROM notifications n "
                "LEFT JOIN complement_answers c ON c.notification_id = n.id "
                "WHERE n.dossier_id = ? ORDER BY n.id", (dossier_id,)).fetchall()
            attached = conn.execute(
                "SELECT a.slot_id, a.sha256, a.original_name, a.warnings, a.added_at, "
                "a.position, b.format, b.pages, b.stored_name FROM attachments a "
                "JOIN blobs b ON b.sha256 = a.sha256 WHERE a.dossier_id = ? "
                "ORDER BY a.slot_id, a.position, a.id", (dossier_id,)).fetchall()
            deadlines = conn.execute(
                "SELECT notification_id, date, label, code FROM deadlines "
                "WHERE dossier_id = ? ORDER BY id", (dossier_id,)).fetchall()
            consents = conn.execute(
                "SELECT procedure, given_at, valid_until, manner, months, mandate_sha256, "
                "withdrawn_at FROM consents WHERE dossier_id = ? ORDER BY id",
                (dossier_id,)).fetchall()
            journal = conn.execute(
                "SELECT seq, at, content, content_hash, chain_hash FROM journal "
                "WHERE dossier_id = ? ORDER BY seq", (dossier_id,)).fetchall()
        finally:
            if started:
                conn.execute("COMMIT")
    refs = {int(n[0]): index for index, n in enumerate(notes, start=1)}
    files: dict[str, bytes] = {}
    pieces = database.data_dir / ATTACHMENTS_DIR
    attachments = []
    for slot, digest, name, warnings, added, position, fmt, pages, stored in attached:
        if digest not in files:
            files[digest] = _read(database, pieces / stored)
        attachments.append({
            "slot": _slot_ref(slot, refs), "sha256": digest, "name": name,
            "warnings": _loads(warnings) if warnings else [], "added_at": added,
            "position": int(position), "format": fmt,
            "pages": None if pages is None else int(pages)})
    dossier = {
        "procedure": row[0], "status": row[1], "states": row[2] or "", "current_step": row[3],
        "applicant_name": row[4], "created_at": row[5], "updated_at": row[6],
        "numero_demande": row[7], "filed_at": row[8], "documents_due": bool(row[9]),
        "next_deadline": row[10], "next_deadline_label": row[11],
        "answers": _loads(answers[0]), "drafts": _loads(answers[1]),
        "attachments": attachments,
        "notifications": [{
            "ref": refs[int(n[0])], "kind": n[1], "title": n[2], "domain": n[3],
            "received_on": n[4], "read_on": n[5], "data": _loads(n[6]), "created_at": n[7],
            "answer": None if n[10] is None else {"data": _loads(n[8]), "sent_on": n[9]},
        } for n in notes],
        "deadlines": [{"notification": refs.get(int(d[0]), 0), "date": d[1], "label": d[2],
                       "code": d[3]} for d in deadlines],
        "consents": [{"procedure": c[0], "given_at": c[1], "valid_until": c[2],
                      "manner": c[3], "months": int(c[4]), "mandate_sha256": c[5],
                      "withdrawn_at": c[6]} for c in consents],
        "documents": _documents(database, dossier_id, refs, files),
    }
    # The source dossier's number: with it, the importing desk checks the chaining of the
    # entries that followed each other here (store/journal/imported.py).
    entries = [{"seq": int(e[0]), "at": e[1], "content": e[2], "content_hash": e[3],
                "chain_hash": e[4], "dossier_id": int(dossier_id)} for e in journal]
    return dossier, entries, files


def _slot_ref(slot: str, refs: dict[int, int]) -> str:
    """A slot naming a notification names it by its number in the bundle."""
    from anef_tui.domain.notification_model import COMPLEMENT_SLOT_PREFIX, OFFICIAL_SLOT_PREFIX

    for prefix in (COMPLEMENT_SLOT_PREFIX, OFFICIAL_SLOT_PREFIX):
        if slot.startswith(prefix):
            number, sep, rest = slot[len(prefix):].partition(":")
            if number.isdigit() and int(number) in refs:
                return f"{prefix}{refs[int(number)]}{sep}{rest}"
    return slot


def _read(database: Database, path: Path) -> bytes:
    """A kept file's content (decrypted in an encrypted folder)."""
    if database.key is None:
        return path.read_bytes()
    from anef_tui.vault.files import decrypt_bytes

    return decrypt_bytes(path, database.key)


def _documents(database: Database, dossier_id: int, refs: dict[int, int],
               files: dict[str, bytes]) -> list[dict]:
    """The PDFs kept in `documents/` for the dossier (never the exports' plain copies)."""
    from anef_tui.store.dossier_pdfs import DOCUMENTS_DIR, dossier_documents

    found = []
    seen: set[tuple[str, int | None]] = set()
    folder = database.data_dir / DOCUMENTS_DIR
    for path in dossier_documents(database.data_dir, dossier_id, refs):
        match = _DOC.match(path.name)
        if path.parent != folder or match is None:
            continue
        kind = match[1]
        ref = refs[int(match[2])] if kind == "complement" else None
        if (kind, ref) in seen:
            continue
        seen.add((kind, ref))
        data = _read(database, path)
        digest = container.sha256(data)
        files[digest] = data
        found.append({"kind": kind, "notification": ref, "sha256": digest})
    return found


def export_dossier(database: Database, dossier_id: int, *, target: Path | None = None,
                   params: KdfParams = DEFAULT_PARAMS) -> Exported:
    """Write the dossier's bundle into `<data>/exports/` (or `target`, a file that must not
    exist yet: the command line's FICHIER); the path and the phrase to say once.
    StoreError (French) if it cannot be made; OSError of the write."""
    from anef_tui.store.exports import export_bytes

    data, phrase, entries, files = _sealed(database, dossier_id, params)
    if target is None:
        path = export_bytes(database.data_dir, bundle_name(dossier_id), data)
    else:
        path = Path(target)
        _write_new_file(path, data)
    _journalled(database, dossier_id, entries, files)
    return Exported(path=path, phrase=phrase, files=files)


def bundle_for_browser(database: Database, dossier_id: int, *,
                       params: KdfParams = DEFAULT_PARAMS) -> tuple[bytes, str]:
    """A served app's export (issue 26): the sealed bundle's bytes for the browser (nothing
    written on disk) and the phrase to say once; journalled as `export_dossier` does."""
    data, phrase, entries, files = _sealed(database, dossier_id, params)
    _journalled(database, dossier_id, entries, files)
    return data, phrase


def _sealed(database: Database, dossier_id: int,
            params: KdfParams) -> tuple[bytes, str, int, int]:
    """The bundle sealed under a new phrase: its bytes, the phrase, how many journal
    entries and files it holds."""
    import io

    refuse_on_a_server(database)
    dossier, entries, files = read_dossier(database, dossier_id)
    created = database.now_iso()
    content = container.pack(created, None if database.key is None else database.key.vault_id, dossier, entries, files)
    if len(content) > MAX_BUNDLE_BYTES:
        raise BundleRefused("ce dossier dépasse la taille permise d'un paquet")
    phrase = new_phrase()
    out = io.BytesIO()
    seal(content, phrase, out, params)
    return out.getvalue(), phrase, len(entries), len(files)


def _journalled(database: Database, dossier_id: int, entries: int, files: int) -> None:
    from anef_tui.store.journal.chain import append

    with database.transaction() as db:
        append(db.conn, database, DOSSIER_EXPORTED, dossier_id,
               {"entries": entries, "items": files})


def _write_new_file(path: Path, data: bytes) -> None:
    """`data` as the new file `path` (0600, whole or not at all; an existing file is never
    replaced: FileExistsError). The user's folder is neither made nor chmod-ed."""
    from anef_tui.vault.writing import write_bytes

    write_bytes(path, data, replace=False, own_folder=False)
