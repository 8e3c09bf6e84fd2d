"""Import: a bundle opened and checked whole in memory, then brought in as a NEW dossier in
one transaction, or not at all.

Order: the phrase and the authentication of every chunk (`sealed.py`), the manifest, every
part's size and sha256 (`container.py`), the dossier's JSON and the journal's shape and
codes (`shape.py`), every file the dossier names present and no other: only then is
anything written. In ONE write transaction: the dossier (its number on this desk), its
answers, notifications, complément answers, deadlines, consents, attachment rows, the
source desk's journal as a record (`dossier_imports`), « dossier importé » in this desk's
journal; then the files (content-addressed pieces: a piece already here is shared; the
dossier's PDFs renamed to its new numbers), written before the commit and removed if
anything fails. A path from the bundle is never used as a path.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from anef_tui.bundle.container import Unpacked, dumps, unpack
from anef_tui.bundle.errors import BundleRefused, refuse_on_a_server
from anef_tui.bundle.sealed import open_sealed
from anef_tui.bundle.shape import check_dossier, check_journal
from anef_tui.store.connection import inserted_id

if TYPE_CHECKING:
    from anef_tui.store.database import Database

DOSSIER_IMPORTED = "dossier_imported"


@dataclass(frozen=True)
class Opened:
    """A bundle opened and checked: what the summary shows, and what the import writes."""

    content: Unpacked

    @property
    def dossier(self) -> dict[str, Any]:
        return dict(self.content.dossier)

    @property
    def applicant_name(self) -> str:
        return str(self.content.dossier["applicant_name"])

    @property
    def procedure(self) -> str:
        return str(self.content.dossier["procedure"])

    def counts(self) -> dict[str, int]:
        dossier = self.content.dossier
        return {
            "fichiers": len(dossier["attachments"]),
            "documents": len(dossier["documents"]),
            "notifications": len(dossier["notifications"]),
            "consentements": len(dossier["consents"]),
            "journal": len(self.content.journal),
        }

    def summary_lines(self) -> list[str]:
        """The summary shown before « Importer », in French (the name is data)."""
        from anef_tui.store.keys import procedure_label

        n = self.counts()
        name = self.applicant_name or "(sans nom)"
        return [
            f"Personne : {name}",
            f"Démarche : {procedure_label(self.procedure)}",
            f"Pièces jointes : {n['fichiers']} ; documents PDF : {n['documents']}",
            f"Notifications : {n['notifications']} ; consentements : {n['consentements']}",
            f"Entrées du journal d'origine : {n['journal']}",
            f"Paquet créé le {_day(self.content.created_at)}",
        ]


def _day(moment: str) -> str:
    day, _, time = moment.partition("T")
    parts = day.split("-")
    return ("/".join(reversed(parts)) if len(parts) == 3 else day) + (
        f" à {time[:5]}" if time else "")


def check_unpacked(content: Unpacked) -> Opened:
    """Every check of the content: shapes, codes, and the files named exactly present."""
    check_dossier(content.dossier)
    check_journal(content.journal)
    named = {row["sha256"] for row in content.dossier["attachments"]}
    named |= {row["sha256"] for row in content.dossier["documents"]}
    if named != set(content.files):
        raise BundleRefused("les fichiers du paquet ne sont pas ceux que le dossier nomme")
    return Opened(content)


def open_bundle(path: Path, phrase: str) -> Opened:
    """The bundle at `path`, opened with `phrase` and checked whole; nothing written.
    BundleRefused (French) for any problem."""
    return check_unpacked(unpack(open_sealed(Path(path), phrase)))


def _slot(slot: str, ids: dict[int, int]) -> str:
    from anef_tui.domain.notification_model import COMPLEMENT_SLOT_PREFIX, OFFICIAL_SLOT_PREFIX

    for prefix in (COMPLEMENT_SLOT_PREFIX, OFFICIAL_SLOT_PREFIX):
        if slot.startswith(prefix):
            number, sep, rest = slot[len(prefix):].partition(":")
            if number.isdigit():
                return f"{prefix}{ids[int(number)]}{sep}{rest}"
    return slot


def import_bundle(database: Database, opened: Opened) -> int:
    """Bring the checked bundle in as a new dossier; its number on this desk. Whole or
    nothing: StoreError/OSError leave no row and no new file."""
    from anef_tui.store.keys import index_search_key, n_etranger_of, search_key_for

    refuse_on_a_server(database)
    dossier = opened.content.dossier
    created: list[Path] = []
    try:
        with database.transaction() as db:
            conn = db.conn
            key = search_key_for(dossier["applicant_name"], dossier["procedure"],
                                 dossier["numero_demande"],
                                 n_etranger_of(dossier["answers"], dossier["procedure"]))
            cursor = conn.execute(
                "INSERT INTO dossiers (procedure, status, states, current_step, "
                "applicant_name, search_key, created_at, updated_at, numero_demande, "
                "filed_at, documents_due, next_deadline, next_deadline_label) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                (dossier["procedure"], dossier["status"], dossier["states"],
                 dossier["current_step"], dossier["applicant_name"], key,
                 dossier["created_at"], dossier["updated_at"], dossier["numero_demande"],
                 dossier["filed_at"], int(dossier["documents_due"]),
                 dossier["next_deadline"], dossier["next_deadline_label"]))
            new_id = inserted_id(cursor)
            index_search_key(conn, new_id, key)
            states = dossier["states"].split(" ") if dossier["states"] else []
            conn.executemany(
                "INSERT INTO dossier_states (status, dossier_id) VALUES (?, ?)",
                [(s, new_id) for s in states[1:]])
            conn.execute("INSERT INTO answers (dossier_id, data, drafts) VALUES (?, ?, ?)",
                         (new_id, _json(dossier["answers"]), _json(dossier["drafts"])))
            ids = _notifications(conn, new_id, dossier)
            conn.executemany(
                "INSERT INTO deadlines (dossier_id, notification_id, date, label, code) "
                "VALUES (?, ?, ?, ?, ?)",
                [(new_id, ids[d["notification"]], d["date"], d["label"], d["code"])
                 for d in dossier["deadlines"]])
            conn.executemany(
                "INSERT INTO consents (dossier_id, procedure, given_at, valid_until, manner, "
                "months, mandate_sha256, withdrawn_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [(new_id, c["procedure"], c["given_at"], c["valid_until"], c["manner"],
                  c["months"], c["mandate_sha256"], c["withdrawn_at"])
                 for c in dossier["consents"]])
            created += _attachments(database, conn, new_id, dossier, ids, opened.content.files)
            created += _documents(database, new_id, dossier, ids, opened.content.files)
            conn.execute(
                "INSERT INTO dossier_imports (dossier_id, imported_at, source_vault, "
                "bundle_created_at, entries) VALUES (?, ?, ?, ?, ?)",
                (new_id, database.now_iso(), opened.content.source_vault,
                 opened.content.created_at, dumps(opened.content.journal).decode("utf-8")))
            from anef_tui.store.journal.chain import append

            append(conn, database, DOSSIER_IMPORTED, new_id, {
                "procedure": dossier["procedure"], "entries": len(opened.content.journal),
                "items": len(opened.content.files),
                "reference": opened.content.source_vault})
    except BaseException:
        for path in created:
            with contextlib.suppress(OSError):
                os.unlink(path)
        raise
    return new_id


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _notifications(conn: Any, new_id: int, dossier: dict) -> dict[int, int]:
    ids: dict[int, int] = {}
    for row in dossier["notifications"]:
        cursor = conn.execute(
            "INSERT INTO notifications (dossier_id, kind, title, domain, received_on, "
            "read_on, data, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            (new_id, row["kind"], row["title"], row["domain"], row["received_on"],
             row["read_on"], _json(row["data"]), row["created_at"]))
        ids[row["ref"]] = inserted_id(cursor)
        if row["answer"] is not None:
            conn.execute(
                "INSERT INTO complement_answers (notification_id, data, sent_on) "
                "VALUES (?, ?, ?)",
                (ids[row["ref"]], _json(row["answer"]["data"]), row["answer"]["sent_on"]))
    return ids


def _write_new(database: Database, target: Path, data: bytes) -> bool:
    """Write a file that must not exist yet (sealed in an encrypted folder); whether it was
    written (False: already there)."""
    from anef_tui.store.attachment_copy import make_private_dir

    if target.exists():
        return False
    make_private_dir(target.parent)
    if database.key is None:
        from anef_tui.vault.writing import write_bytes

        write_bytes(target, data, replace=False)
    else:
        from anef_tui.vault.files import encrypt_bytes

        encrypt_bytes(data, target, database.key)
    return True


def _attachments(database: Database, conn: Any, new_id: int, dossier: dict,
                 ids: dict[int, int], files: dict[str, bytes]) -> list[Path]:
    from anef_tui.paths import ATTACHMENTS_DIR
    from anef_tui.store.attachment_copy import stored_name

    created: list[Path] = []
    pieces = database.data_dir / ATTACHMENTS_DIR
    now = database.now_iso()
    for row in dossier["attachments"]:
        digest = row["sha256"]
        data = files[digest]
        blob = conn.execute("SELECT stored_name FROM blobs WHERE sha256 = ?",
                            (digest,)).fetchone()
        if blob is None:
            name = stored_name(digest, row["format"])
            conn.execute(
                "INSERT INTO blobs (sha256, size, format, pages, stored_name, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (digest, len(data), row["format"], row["pages"], name, now))
            if _write_new(database, pieces / name, data):
                created.append(pieces / name)
        conn.execute(
            "INSERT INTO attachments (dossier_id, slot_id, sha256, original_name, warnings, "
            "added_at, position) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (new_id, _slot(row["slot"], ids), digest, row["name"],
             json.dumps(row["warnings"], ensure_ascii=False), row["added_at"],
             row["position"]))
    return created


def _documents(database: Database, new_id: int, dossier: dict, ids: dict[int, int],
               files: dict[str, bytes]) -> list[Path]:
    """The dossier's PDFs under its new numbers (kind and number only: no name in a file
    name); an existing file of that name is replaced only by a new one of ours, never."""
    from anef_tui.store.dossier_pdfs import DOCUMENTS_DIR

    folder = database.data_dir / DOCUMENTS_DIR
    created: list[Path] = []
    for row in dossier["documents"]:
        number = ids[row["notification"]] if row["kind"] == "complement" else new_id
        target = folder / f"{row['kind']}-{number:04d}.pdf"
        if not _write_new(database, target, files[row["sha256"]]):
            raise BundleRefused(f"un document « {target.name} » existe déjà dans vos données")
        created.append(target)
    return created
