"""The PDFs the app keeps, and the one folder where plaintext may be written: the exports.

In an encrypted data folder (a `VaultKey`, issue 23) no plaintext of an applicant touches
the disk except what the user explicitly exports: a PDF to print or to upload to the ANEF
site, a scan to upload. Those go to ONE folder the user sees, `<data folder>/exports`
(0700), each file written whole or not at all (0600, a temporary file renamed); they are
listed (`list_exports`), « Nettoyer les exports » removes them (`clean_exports`: each file
overwritten, then removed), and the app reminds the user at quit while any remain.

The PDFs the app makes are kept in `<data folder>/documents/` as before: plain and under
the same names in a plain folder; encrypted in an encrypted one, named by their kind and
number only (« recapitulatif-0001.pdf »: no applicant's name in a file name), which
`dossier_pdfs.dossier_documents` still finds (`keep_document`).
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from anef_tui.paths import make_private_dir

if TYPE_CHECKING:
    from anef_tui.vault.keys import VaultKey

#: The folders, in the data folder.
DOCUMENTS_DIR = "documents"
EXPORTS_DIR = "exports"
#: The action that removes every export (French, verbatim).
CLEAN_EXPORTS = "Nettoyer les exports"
#: What overwriting can and cannot do (said where the exports are cleaned).
OVERWRITE_CAVEAT = (
    "Chaque fichier est écrasé puis supprimé ; sur un disque SSD ou une clé USB, "
    "l'écrasement ne garantit pas que d'anciennes copies disparaissent du support."
)
_BLOCK = 1024 * 1024
_KIND_NUMBER = re.compile(r"^([a-z]+-\d+)(?:-.*)?\.pdf$")


@dataclass(frozen=True)
class Export:
    """One file of the exports folder."""

    path: Path
    size: int

    @property
    def name(self) -> str:
        return self.path.name


def exports_dir(data_dir: Path) -> Path:
    return Path(data_dir) / EXPORTS_DIR


def export_name(name: str) -> str:
    """A file name for the exports folder from a document's or an attachment's name: its
    last part only, never hidden (no leading « . »), never empty."""
    base = str(name).replace("\x00", "").replace("\\", "/").rsplit("/", 1)[-1]
    base = base.strip().lstrip(".").strip()
    return base or "document"


def list_exports(data_dir: Path) -> list[Export]:
    """The files now in the exports folder, by name (an interrupted write's temporary file
    is counted too: it holds plaintext as well)."""
    try:
        entries = list(os.scandir(exports_dir(data_dir)))
    except OSError:
        return []
    found = []
    for entry in entries:
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if stat.S_ISREG(info.st_mode):
            found.append(Export(Path(entry.path), info.st_size))
    return sorted(found, key=lambda e: e.name)


def export_bytes(data_dir: Path, name: str, data: bytes) -> Path:
    """Write `data` (a PDF made in memory) as `<exports>/<name>`, 0600, whole or not at all
    (an earlier export of the same name replaced); its path."""
    from anef_tui.vault.writing import write_bytes

    target = _folder(exports_dir(data_dir)) / export_name(name)
    write_bytes(target, data)  # the folder made 0700 (tightened if wider)
    return target


def _folder(folder: Path) -> Path:
    """`folder`, made 0700 if missing; FileExistsError (said « un fichier … du même nom
    existe déjà ») when a file is in its place, naming the folder."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    make_private_dir(folder)
    return folder


def export_stored(data_dir: Path, stored: Path, name: str, key: VaultKey) -> Path:
    """Decrypt the kept file `stored` (an attachment, a PDF) into `<exports>/<name>`;
    its path. A damaged file or one of another vault is refused (DamagedFile,
    ForeignFile: French) and nothing is written."""
    from anef_tui.vault.files import decrypt_to

    target = _folder(exports_dir(data_dir)) / export_name(name)
    decrypt_to(stored, target, key)
    return target


def keep_document(data_dir: Path, name: str, data: bytes, key: VaultKey | None,
                  database: Any = None) -> Path:
    """Keep a PDF the app made as `<data folder>/documents/<name>` and return the path the
    user opens: in a plain folder that file itself (0600, written whole); in an encrypted
    folder it is kept encrypted there and exported in plain to the exports folder, whose
    copy is returned (the user asked for the PDF: to print it or upload it). On a server's
    base (`database`, issue 25) with the structure's key, it is kept sealed in the base
    (`server_files.keep_document`, gone with its dossier) and exported."""
    kept = keep_only(data_dir, name, data, key, database)
    if key is None and kept is not None:
        return kept
    return export_bytes(data_dir, name, data)


def keep_only(data_dir: Path, name: str, data: bytes, key: VaultKey | None,
              database: Any = None) -> Path | None:
    """Keep a PDF the app made as `keep_document` does, without any export (a served app
    sends it to the browser instead, issue 26): the kept file's path in documents/ (plain
    in a plain folder, sealed in an encrypted one), None when kept in a server's base."""
    from anef_tui.vault.writing import write_bytes

    if key is not None and database is not None and not database.db.engine.in_data_folder:
        from anef_tui.store import server_files

        server_files.keep_document(database, kept_name(name), data)
        return None

    folder = _folder(Path(data_dir) / DOCUMENTS_DIR)
    if key is None:
        target = folder / export_name(name)
        write_bytes(target, data)
        return target
    from anef_tui.vault.files import encrypt_bytes

    target = folder / kept_name(name)
    encrypt_bytes(data, target, key)
    return target


def kept_name(name: str) -> str:
    """The name of an encrypted PDF in documents/: the document's kind and number only
    (« recapitulatif-0001-NOM-Prenom.pdf » → « recapitulatif-0001.pdf »), so that no
    applicant's name shows in a file name; the export keeps the whole name. Any other
    name becomes a hash of it."""
    base = export_name(name)
    match = _KIND_NUMBER.match(base)
    if match:
        return f"{match[1]}.pdf"
    import hashlib

    return "document-" + hashlib.sha256(base.encode("utf-8", "replace")).hexdigest()[:16] + ".pdf"


def clean_exports(data_dir: Path) -> int:
    """« Nettoyer les exports »: overwrite each file of the exports folder with zeros, then
    remove it; how many were removed. OSError of the first file that cannot be removed (the
    ones before it are gone)."""
    removed = 0
    for export in list_exports(data_dir):
        _overwrite(export.path)
        os.unlink(export.path)
        removed += 1
    return removed


def shred(path: Path) -> int:
    """Overwrite `path` with zeros, then remove it (as `clean_exports` does each export);
    1 if it was there, 0 if it was already gone. OSError if it cannot be removed."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return 0
    if stat.S_ISREG(info.st_mode):
        _overwrite(path)
    try:
        os.unlink(path)
    except FileNotFoundError:
        return 0
    return 1


def _overwrite(path: Path) -> None:
    """Zeros over the whole file, flushed to the disk (best effort: a file that cannot be
    opened for writing is still removed by the caller)."""
    try:
        fd = os.open(path, os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return
    try:
        size = os.fstat(fd).st_size
        zeros = bytes(min(size, _BLOCK))
        left = size
        while left > 0:
            left -= os.write(fd, zeros[: min(left, _BLOCK)])
        with contextlib.suppress(OSError):
            os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
