"""Body of the ``anef-tui pdf N [--document confirmation|liste|recapitulatif] [--sortie F]``
subcommand. The argparse wiring lives in ``anef_tui.cli``.

Writes the PDF (default: ``<data dir>/documents/<default_filename>``; the folder is made
0700, the file 0600, written to a temporary file then renamed) and prints its path. An
unknown dossier, or the confirmation of a dossier not yet filed, prints one French line on
stderr and returns 1.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from anef_tui.display import display_path, display_text
from anef_tui.oserrors import advice, error_text, reason

if TYPE_CHECKING:
    from anef_tui.store.dossiers import DossierStore
    from anef_tui.store.journal.actor import Actor
    from anef_tui.vault.keys import VaultKey

DOCUMENTS_DIR = "documents"
FILE_MODE = 0o600
DIR_MODE = 0o700


def _fail(message: str) -> int:
    print(f"anef-tui : {display_text(message)}", file=sys.stderr)
    return 1


def write_private(path: Path, data: bytes) -> None:
    """Write `data` to `path` (0600) through a temporary file in the same folder."""
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".pdf", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, FILE_MODE)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def run(
    data_dir: Path,
    dossier_id: int,
    kind: str,
    output: Path | None,
    *,
    today: date | None = None,
    key: VaultKey | None = None,
    actor: Actor | None = None,
    require_name: bool = False,
) -> int:
    """Make the PDF; the dossier's journal records it as made by `actor` (the command line
    gives `require_name`: no actor, no PDF — the journal must name who made it)."""
    from anef_tui.documents import KINDS
    from anef_tui.store.db import StoreError
    from anef_tui.store.dossiers import DossierStore

    if kind not in KINDS:
        return _fail(f"type de document inconnu « {kind} » : choisissez {', '.join(KINDS)}.")
    today = today or date.today()
    try:
        store = DossierStore(Path(data_dir), key=key)
    except StoreError as exc:
        return _fail(str(exc))
    if actor is not None:
        store.database.actor = actor
    try:
        return _made(store, dossier_id, kind, output, today, key, named=actor is not None or not require_name)
    finally:
        store.close()


def _made(store: DossierStore, dossier_id: int, kind: str, output: Path | None, today: date,
          key: VaultKey | None, *, named: bool = True) -> int:
    from anef_tui.documents import default_filename, make_pdf
    from anef_tui.domain.catalogue import CatalogueError, load_procedure
    from anef_tui.store.attachments import AttachmentStore
    from anef_tui.store.db import DossierGone, StoreError
    from anef_tui.store.journal.actor import NO_NAME_COMMAND_LINE

    data_dir = store.data_dir
    try:
        try:
            record = store.get(dossier_id)
        except DossierGone:
            # Not the interface's « Revenez à Mes dossiers »: the command line's own words.
            return _fail(
                f"aucun dossier n° {dossier_id} dans « {display_path(data_dir)} » : "
                "« anef-tui liste » donne les numéros des dossiers."
            )
        attachments = AttachmentStore(store).list(dossier_id)
        procedure = load_procedure(record.summary.procedure)
        data = make_pdf(kind, procedure, record, attachments, today=today)
    except (StoreError, CatalogueError, ValueError) as exc:
        return _fail(error_text(exc))
    if not named:
        return _fail(NO_NAME_COMMAND_LINE)

    if output is None and key is not None:
        # An encrypted folder: kept encrypted in documents/, exported in plain.
        from anef_tui.store.exports import keep_document

        try:
            target = keep_document(Path(data_dir), default_filename(kind, record), data, key)
        except OSError as exc:
            return _fail(f"le PDF n'a pas pu être enregistré ({reason(exc)}) : {advice(exc)}.")
        except StoreError as exc:
            return _fail(str(exc))
        return _recorded(store, dossier_id, kind, data, target, exported=True)
    if output is None:
        folder = Path(data_dir) / DOCUMENTS_DIR
        target = folder / default_filename(kind, record)
        try:
            folder.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
            os.chmod(folder, DIR_MODE)
        except OSError as exc:
            return _fail(
                f"impossible de créer le dossier « {display_path(folder)} » ({reason(exc)}) : "
                f"{advice(exc)}, ou choisissez où enregistrer le PDF avec --sortie FICHIER."
            )
    else:
        target = Path(output).expanduser()
    try:
        write_private(target, data)
    except OSError as exc:
        return _fail(
            f"impossible d'écrire « {display_path(target)} » ({reason(exc)}) : {advice(exc)}."
        )
    return _recorded(store, dossier_id, kind, data, target, exported=output is not None)


def _recorded(store: DossierStore, dossier_id: int, kind: str, data: bytes, target: Path, *,
              exported: bool) -> int:
    """The journal's entry for the PDF written at `target`, then its path on stdout."""
    from anef_tui.store.db import StoreError
    from anef_tui.store.journal.documents import record_pdf

    try:
        record_pdf(store.database, dossier_id, kind, data, exported=exported)
    except StoreError as exc:
        return _fail(f"le PDF est écrit dans « {display_path(target)} », mais le journal "
                     f"n'a pas pu le noter : {exc}")
    print(display_path(target))
    return 0
