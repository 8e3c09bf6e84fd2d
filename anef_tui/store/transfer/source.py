"""The desk's folder being moved, read and never written (issue 25, `base migrer`).

A read-only SQLite connection (as `accounts/probe.py`: `immutable` when no -wal is beside
the base, so no file is created), one read transaction for the whole move (a snapshot), the
files of `pieces/` read as they are and opened with the folder's key when it is encrypted.
Nothing is migrated, backed up or swept: the folder stays as it was, for the user to erase
after checking the server.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from anef_tui.paths import ATTACHMENTS_DIR, DB_NAME
from anef_tui.store.errors import StoreError
from anef_tui.store.transfer.words import MoveRefused

if TYPE_CHECKING:
    from anef_tui.vault.keys import VaultKey

#: Tables that stay with the folder: its accounts and desks are its own (the server has
#: its own), the journal moves through `journal.py`; SQLite's bookkeeping and the vault's
#: stamp (which vault an encrypted base belongs to) are not data.
NOT_MOVED = frozenset({"workers", "structure", "presence", "journal", "sqlite_sequence",
                       "sqlite_stat1", "sqlite_stat4", "vault"})

#: The order that keeps every reference valid as rows arrive; a table not named here
#: (a newer version's) comes after them.
ORDER = ("dossiers", "answers", "blobs", "attachments", "notifications",
         "complement_answers", "events", "search_words", "deadlines", "dossier_states",
         "consents", "journal_erasures", "dossier_imports", "erasures_pending")


def _alone(data_dir: Path) -> Any:
    """The folder's lock taken exclusively for the move (the one a restore takes): no
    window of anef-tui has the folder open, and none opens it meanwhile — what is typed
    on this desk during the move would not reach the server."""
    from anef_tui.store.housekeeping import DataDirLock

    try:
        return DataDirLock(data_dir, exclusive=True)
    except BlockingIOError:
        raise MoveRefused(
            "anef-tui est ouvert sur ce dossier de données (une fenêtre, le mode texte ou "
            "une commande) : fermez-le, puis relancez le déplacement. Rien n'a été envoyé."
        ) from None


class Folder:
    """The folder's base, open read-only inside one read transaction."""

    def __init__(self, data_dir: Path, key: VaultKey | None,
                 login: Callable[[Any], None] | None = None) -> None:
        from anef_tui.store import driver
        from anef_tui.store.schema import SCHEMA_VERSION
        from anef_tui.store.sqlite_file import _readonly_uri, connect_to

        self.data_dir = Path(data_dir)
        self.key = key
        path = self.data_dir / DB_NAME
        if not os.path.lexists(path):
            raise MoveRefused(
                f"Le dossier de données « {self.data_dir} » n'a pas de base à déplacer : "
                "vérifiez --data-dir.")
        self._lock = _alone(self.data_dir)
        uri = _readonly_uri(path)
        if not os.path.lexists(f"{path}-wal"):
            uri += "&immutable=1"
        try:
            self.conn: Any = connect_to(uri, key, path, uri=True, isolation_level=None)
            self.conn.execute("BEGIN")
            version = int(self.conn.execute("PRAGMA user_version").fetchone()[0])
        except driver.Error as exc:
            self._lock.release()
            raise StoreError(
                f"La base du dossier « {self.data_dir} » ne peut pas être lue : fermez "
                "anef-tui sur ce poste, puis relancez la commande.") from exc
        except BaseException:  # the vault's refusals (French) among them
            self._lock.release()
            raise
        if version != SCHEMA_VERSION:
            self.close()
            raise MoveRefused(
                "La base de ce dossier n'est pas à la version de cette application : "
                "ouvrez-la une fois (« anef-tui liste ») pour la mettre à jour, puis relancez "
                "le déplacement.")
        if self.conn.execute("SELECT id FROM workers LIMIT 1").fetchone() is not None:
            # A base with accounts is read after a login only (issue 25): the folder's
            # own, checked by reading (its accounts stay with it: the server has its own).
            try:
                if login is None:
                    raise MoveRefused(
                        "Ce dossier de données a des comptes d'aidants : connectez-vous à "
                        "l'un d'eux (--compte-dossier). Rien n'a été envoyé.")
                login(self.conn)
            except BaseException:
                self.close()
                raise

    def close(self) -> None:
        self.conn.close()
        self._lock.release()

    def tables(self) -> list[str]:
        """The tables to move, in an order that keeps references valid."""
        names = {str(r[0]) for r in self.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")} - NOT_MOVED
        known = [t for t in ORDER if t in names]
        return known + sorted(names - set(known))

    def columns(self, table: str) -> list[str]:
        return [str(r[1]) for r in self.conn.execute(f"PRAGMA table_info({table})")]

    def rows(self, table: str, columns: list[str]) -> list[tuple[Any, ...]]:
        order = " ORDER BY id" if "id" in columns else ""
        return [tuple(r) for r in self.conn.execute(
            f"SELECT {', '.join(columns)} FROM {table}{order}")]

    def count(self, table: str) -> int:
        return int(self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

    def highest_ids(self) -> dict[str, int]:
        """The highest id each table ever gave (SQLite's AUTOINCREMENT remembers the ids of
        rows since deleted: the server must not give them again)."""
        if self.conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'"
                             ).fetchone() is None:
            return {}
        return {str(n): int(s) for n, s in self.conn.execute(
            "SELECT name, seq FROM sqlite_sequence")}

    def blobs(self) -> Iterator[tuple[str, str]]:
        """(sha256, stored name) of every kept file."""
        for sha, stored in self.conn.execute(
                "SELECT sha256, stored_name FROM blobs ORDER BY sha256"):
            yield str(sha), str(stored)

    def file_bytes(self, sha256: str, stored_name: str) -> bytes:
        """A kept file's plaintext, checked against its sha256 (MoveRefused if it differs
        or is missing: the folder's copy is damaged, nothing is sent)."""
        path = self.data_dir / ATTACHMENTS_DIR / stored_name
        try:
            if self.key is None:
                data = path.read_bytes()
            else:
                from anef_tui.vault.files import decrypt_bytes

                data = decrypt_bytes(path, self.key)
        except OSError as exc:
            from anef_tui.oserrors import reason

            raise MoveRefused(
                f"Le fichier « {stored_name} » du dossier de données ne peut pas être lu "
                f"({reason(exc)}) : rien n'a été envoyé. Vérifiez le dossier « pieces », "
                "puis relancez la commande.") from exc
        if hashlib.sha256(data).hexdigest() != sha256:
            raise MoveRefused(
                f"Le fichier « {stored_name} » du dossier de données ne correspond plus à ce "
                "qui a été joint (endommagé) : rien n'a été envoyé.")
        return data

    def read_kept(self, path: Path) -> bytes:
        """A file the folder keeps (a PDF of `documents/`), in plain."""
        try:
            if self.key is None:
                return path.read_bytes()
            from anef_tui.vault.files import decrypt_bytes

            return decrypt_bytes(path, self.key)
        except OSError as exc:
            from anef_tui.oserrors import reason

            raise MoveRefused(
                f"Le fichier « {path.name} » du dossier de données ne peut pas être lu "
                f"({reason(exc)}) : rien n'a été envoyé.") from exc

    def fingerprint(self) -> str:
        """What names this folder's data in the server's record of the move: its journal's
        head and every dossier's id, dates and version (the same folder, unchanged since,
        gives the same; another folder, or this one changed since, another)."""
        digest = hashlib.sha256()
        for seq, chain in self.conn.execute(
                "SELECT seq, chain_hash FROM journal ORDER BY seq DESC LIMIT 1"):
            digest.update(f"journal|{seq}|{chain}\n".encode())
        for row in self.conn.execute(
                "SELECT id, created_at, updated_at, version FROM dossiers ORDER BY id"):
            digest.update(("|".join(str(v) for v in row) + "\n").encode())
        return digest.hexdigest()
