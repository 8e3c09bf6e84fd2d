"""The store's errors, in French, and the translation of SQLite (driver) and OS errors into them."""

from __future__ import annotations

import contextlib
import errno
from collections.abc import Iterator
from pathlib import Path

from anef_tui.display import display_path
from anef_tui.oserrors import advice, reason
from anef_tui.store import driver


class StoreError(Exception):
    """The store cannot do what was asked; the message is one French line for the user."""


#: The command that restores a backup, named in the messages about a damaged base.
RESTORE_COMMAND = "anef-tui sauvegardes --restaurer NOM"


LIST_BACKUPS_COMMAND = "anef-tui sauvegardes"


class StoreBusy(StoreError):
    """Another window or program holds the database's write lock (retried, then given up)."""

    def __init__(self, message: str | None = None) -> None:
        super().__init__(
            message
            or "La base est occupée par une autre fenêtre ou un autre programme : rien n'a été "
            "perdu. Réessayez dans un instant."
        )


class ServerUnreachable(StoreError):
    """The PostgreSQL server of a structure's base cannot be reached (stopped, restarting,
    network down): nothing of this operation was written; the next action connects again."""

    def __init__(self, place: str = "") -> None:
        where = f" (« {place} »)" if place else ""
        super().__init__(
            f"Le serveur de la base{where} ne répond pas : rien de ce qui était déjà "
            "enregistré n'est perdu, et votre saisie reste à l'écran. Vérifiez la connexion "
            "au réseau, ou demandez à l'administrateur de relancer le serveur, puis "
            "réessayez."
        )
        self.place = place


class ConflictError(StoreError):
    """The dossier changed (another window) since the version the caller read: nothing was
    written. Save again without `expected_version` to keep one's input, or reload it."""

    def __init__(self, message: str | None = None, *, current_version: int | None = None):
        super().__init__(
            message
            or "Ce dossier a été modifié dans une autre fenêtre depuis que vous l'avez ouvert : "
            "rien n'a été enregistré. Choisissez de garder votre saisie ou de reprendre la "
            "version enregistrée."
        )
        self.current_version = current_version


class DossierGone(StoreError):
    """No dossier with that id: abandoned (perhaps in another window) or deleted."""

    def __init__(self, message: str | None = None, *, dossier_id: int | None = None) -> None:
        number = f" n° {dossier_id}" if dossier_id is not None else ""
        super().__init__(
            message
            or f"Le dossier{number} est introuvable : il a peut-être été abandonné dans une "
            "autre fenêtre. Revenez à « Mes dossiers »."
        )
        self.dossier_id = dossier_id


class DamagedDatabase(StoreError):
    """The database file is damaged or is not a database: nothing was written to it."""

    def __init__(self, path: Path | str, detail: str = "elle est endommagée") -> None:
        super().__init__(
            f"La base de données « {display_path(path)} » est illisible ou corrompue ({detail}) : rien "
            "n'y a été écrit. "
            f"Restaurez une sauvegarde : « {LIST_BACKUPS_COMMAND} » les liste et "
            f"« {RESTORE_COMMAND} » en remet une en place (la base actuelle est gardée à "
            "côté). Sinon, choisissez un autre dossier avec --data-dir."
        )
        self.path = str(path)


class DiskFull(StoreError):
    """No space left on the device (SQLITE_FULL, ENOSPC): the write did not happen."""

    def __init__(self, path: Path | str | None = None) -> None:
        where = f" (« {display_path(path)} »)" if path else ""
        super().__init__(
            f"Le disque est plein{where} : rien n'a été perdu de ce qui était déjà "
            "enregistré. Libérez de la place puis réessayez."
        )


_DISK_FULL_ERRNOS = frozenset(
    code for code in (getattr(errno, "ENOSPC", None), getattr(errno, "EDQUOT", None)) if code
)


def is_busy(exc: BaseException) -> bool:
    """True for SQLITE_BUSY / SQLITE_LOCKED (another connection holds the lock)."""
    if not isinstance(exc, driver.Error):
        return False
    name = getattr(exc, "sqlite_errorname", "") or ""
    return name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in str(exc).lower()


def translate_error(exc: BaseException, path: Path | str) -> StoreError:
    """Turn an SQLite error (`driver.Error`, sqlcipher3's) (or an OSError) into a StoreError whose message tells the user
    what to do: StoreBusy, DiskFull, DamagedDatabase, or a plain StoreError."""
    if isinstance(exc, StoreError):
        return exc
    if isinstance(exc, OSError):
        if exc.errno in _DISK_FULL_ERRNOS:
            return DiskFull(path)
        return StoreError(
            f"Erreur de lecture ou d'écriture sur « {display_path(path)} » ({reason(exc)}) : "
            f"{advice(exc)}, ou choisissez un autre dossier avec --data-dir."
        )
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc).lower()
    if name.startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT")) or (
        "not a database" in text or "malformed" in text
    ):
        return DamagedDatabase(path)
    if is_busy(exc):
        return StoreBusy()
    if name.startswith("SQLITE_FULL") or "disk is full" in text:
        return DiskFull(path)
    if name.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM", "SQLITE_AUTH")) or (
        "readonly" in text or "unable to open" in text
    ):
        return StoreError(
            f"La base de données « {display_path(path)} » ne peut pas être ouverte en écriture : "
            "vérifiez les droits du dossier ou choisissez-en un autre avec --data-dir."
        )
    if name.startswith("SQLITE_IOERR") or "disk i/o" in text:
        return StoreError(
            f"Erreur de lecture ou d'écriture sur « {display_path(path)} » : vérifiez que le "
            "disque n'est pas plein ni débranché, puis réessayez."
        )
    return StoreError(
        f"Erreur inattendue de la base de données « {display_path(path)} » : réessayez, ou "
        f"restaurez une sauvegarde avec « {RESTORE_COMMAND} » si le problème persiste."
    )


@contextlib.contextmanager
def guard(path: Path | str) -> Iterator[None]:
    """Re-raise any SQLite error (`driver.Error`) met inside the block as a StoreError."""
    try:
        yield
    except driver.Error as exc:
        raise translate_error(exc, path) from exc
    except OSError as exc:
        if exc.errno not in _DISK_FULL_ERRNOS:
            raise
        raise DiskFull(path) from exc
