"""Shared by the erasure tests: a desk with a person to erase (a dossier and its renewal,
answers, drafts, files, a notification, PDFs, exports, a backup) and another person who
stays, each with unique markers; and the scans that look for them everywhere."""

from __future__ import annotations

import io
import os
import shutil
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from PIL import Image

from anef_tui.store.attachments import AttachmentStore
from anef_tui.store.backups import backups_dir, list_backups, make_backup, restore_backup
from anef_tui.store.dossiers import DossierStore
from anef_tui.store.exports import export_bytes, keep_document
from anef_tui.store.followup import FollowUpStore
from anef_tui.store.sqlite_file import _readonly_uri, connect_to
from tests.store_helpers import mark_filed
from tests.vault_helpers import encodings

NOW = datetime(2026, 12, 6, 9, 0)


def marker(kind: str) -> str:
    return f"MARQ{kind}{uuid.uuid4().hex[:10].upper()}"


def png(text: str) -> bytes:
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", text)
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (90, 60, 30)).save(out, "PNG", pnginfo=info)
    return out.getvalue()


@dataclass
class Desk:
    data_dir: Path
    erased: int  # the dossier whose person is erased
    renewal: int  # the renewal made from it (same person)
    other: int  # another person's dossier
    gone: dict[str, str] = field(default_factory=dict)  # markers that must disappear
    kept: dict[str, str] = field(default_factory=dict)  # markers that must stay
    shared_bytes: bytes = b""  # a file attached to both persons


def build(data_dir: Path, source_dir: Path, key=None, clock=lambda: NOW) -> Desk:
    """The desk (store closed when it returns)."""
    source_dir.mkdir(parents=True, exist_ok=True)
    gone = {k: marker(k) for k in ("NOM", "REPONSE", "BROUILLON", "FICHIER", "NOMFICHIER",
                                   "NOTIF", "COMPLEMENT", "PDF")}
    kept = {k: marker(k) for k in ("AUTRENOM", "AUTREREPONSE", "AUTREFICHIER")}
    shared = png("fichier commun aux deux personnes")
    store = DossierStore(data_dir, clock=clock, key=key)
    try:
        files = AttachmentStore(store)
        erased = store.create("renouvellement", applicant_name=gone["NOM"],
                              answers={"etat_civil": {"nom": gone["REPONSE"]}},
                              drafts={"adresse": {"ville": gone["BROUILLON"]}})
        source = source_dir / f"{gone['NOMFICHIER']}.png"
        source.write_bytes(png(gone["FICHIER"]))
        files.attach(erased, "passeport", source, max_files=3, slot_title="Passeport")
        common = source_dir / "commun.png"
        common.write_bytes(shared)
        files.attach(erased, "photo", common, max_files=3, slot_title="Photo")
        mark_filed(store, erased, numero_demande="ANEF-X", filed_at="2026-10-01T10:00:00")
        follow = FollowUpStore(store)
        nid = follow.add_notification(erased, "complement", received_on=date(2026, 11, 20), data={
            "invalid": [{"slot_id": "passeport", "title": "Passeport",
                         "file_name": "a.png", "observations": gone["NOTIF"]}],
            "missing": []})
        with store.transaction() as db:  # a complément's answer being written
            db.conn.execute("INSERT OR REPLACE INTO complement_answers (notification_id, data) "
                            "VALUES (?, ?)", (nid, f'{{"texte": "{gone["COMPLEMENT"]}"}}'))
        renewal = store.create_renewal_from(erased)
        other = store.create("renouvellement", applicant_name=kept["AUTRENOM"],
                             answers={"etat_civil": {"nom": kept["AUTREREPONSE"]}})
        own = source_dir / "autre.png"
        own.write_bytes(png(kept["AUTREFICHIER"]))
        files.attach(other, "passeport", own, max_files=3, slot_title="Passeport")
        files.attach(other, "photo", common, max_files=3, slot_title="Photo")
        pdf = b"%PDF-1.4\n" + gone["PDF"].encode() + b"\n%%EOF\n"
        keep_document(data_dir, f"recapitulatif-{erased:04d}-{gone['NOM']}.pdf", pdf, key)
        keep_document(data_dir, f"complement-{nid:04d}-{gone['NOM']}.pdf", pdf, key)
        export_bytes(data_dir, f"{gone['NOMFICHIER']}.png", png(gone["FICHIER"]))
        with store.database.lock:
            make_backup(store.db.conn, backups_dir(data_dir), now=NOW, key=key)
    finally:
        store.close()
    for path in source_dir.iterdir():
        path.unlink()
    return Desk(data_dir, erased, renewal, other, gone, kept, shared)


def raw_scan(folders: list[Path], markers: dict[str, str]) -> dict[str, list[str]]:
    """Markers found in any byte or any file name under `folders` (no connection open)."""
    found: dict[str, list[str]] = {}
    for top in folders:
        for root, _, names in os.walk(top):
            for name in names:
                path = Path(root, name)
                data = path.read_bytes().lower()
                for label, text in markers.items():
                    if text.lower() in name.lower() or any(
                            e.lower() in data for e in encodings(text)):
                        found.setdefault(label, []).append(os.fspath(path))
    return found


def dump(path: Path, key) -> str:
    """Every row of the base at `path`, decrypted, as SQL text."""
    conn = connect_to(_readonly_uri(path), key, path, uri=True, isolation_level=None)
    try:
        lines = []
        for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'"
                                     ).fetchall():
            lines += [repr(row) for row in conn.execute(f'SELECT * FROM "{table}"')]
        return "\n".join(lines)
    finally:
        conn.close()


def restored_dumps(data_dir: Path, scratch: Path, key) -> list[str]:
    """Each backup of `data_dir` restored (the app's own restore) into a copy of the folder
    in `scratch`, and the restored base dumped."""
    out = []
    for backup in list_backups(data_dir):
        copy = scratch / backup.name
        shutil.copytree(data_dir, copy)
        restore_backup(copy, backup.name, now=NOW, key=key)
        out.append(dump(copy / "anef-tui.db", key))
    return out
