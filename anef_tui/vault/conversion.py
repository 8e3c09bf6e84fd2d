"""Encrypting a data folder made before encryption (issue 23, « Existing data »).

`encrypt_folder(data_dir, key, progress=…)`, called by a front end once the user has chosen
a passphrase (`coffre.cle` is already in the folder, made by `keys.create`) and before any
store is open on the folder. In order:

1. the plain base's log folded into it (`journal_mode = DELETE`: one file, no -wal), then
   its verified encrypted copy `.anef-tui-chiffree.db` (`database.encrypt_copy`);
2. every plain file of `pieces/` and `documents/` encrypted in place (`files.encrypt_file`;
   `files.is_encrypted` tells which are done);
3. every plain backup of `sauvegardes/` re-made encrypted under its own name (with its copy
   of `coffre.cle`); one that cannot be read (a damaged base set aside) is overwritten and
   removed: no plaintext backup remains;
4. the copy verified again, then renamed over the base.

A plain file is never removed before its encrypted version is in place: it is first given a
second name (`.<nom>.en-clair`, a hard link), the encrypted file is renamed over the first
name, then the second name is overwritten with zeros, synced and removed.

**Resumable, kill-safe, derived from disk** (no state file): the folder has `coffre.cle`,
so no store opens it without the key, and with the key a plain base is refused
(`NotEncryptedDatabase`): nothing can change the plain data between two attempts.
`conversion_pending(data_dir)` says whether a conversion is unfinished; calling
`encrypt_folder` again finishes it from wherever it stopped (each step above looks at what
is on disk). `OVERWRITE_CAVEAT` is the honest sentence on what overwriting can do.
"""

from __future__ import annotations

import contextlib
import functools
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from anef_tui.paths import ATTACHMENTS_DIR, DB_NAME
from anef_tui.store.errors import StoreBusy, StoreError, translate_error
from anef_tui.vault.errors import ConversionFailed, KeyFileMissing
from anef_tui.vault.keyfile import key_file_path
from anef_tui.vault.keys import VaultKey, check_same_vault
from anef_tui.vault.writing import TEMP_PREFIX, fsync_folder

#: The encrypted copy of the base, until it is renamed over the base (step 4).
COPY_NAME = ".anef-tui-chiffree.db"
#: The second name a plain file has while its encrypted version takes its place.
SIDE_SUFFIX = ".en-clair"
DOCUMENTS_DIR = "documents"
BACKUPS_DIR = "sauvegardes"
_SQLITE_HEADER = b"SQLite format 3\x00"

#: Said to the user before and after a conversion (issue 23: « an honest sentence »).
OVERWRITE_CAVEAT = (
    "Les fichiers en clair ont été recouverts de zéros puis supprimés. Sur un disque SSD, une "
    "clé USB ou un système de fichiers journalisé ou à instantanés (la plupart aujourd'hui), "
    "l'ancien contenu peut pourtant rester lisible ailleurs sur le support, car ces "
    "supports écrivent souvent les nouvelles données à un autre endroit. Si ces données "
    "ont pu être copiées ou si le disque quitte le service, seul le chiffrement du disque "
    "entier (BitLocker, FileVault, LUKS) ou sa destruction protège vraiment."
)


def overwrite_caveat() -> str:
    """The honest sentence on what overwriting the plain files can and cannot do."""
    return OVERWRITE_CAVEAT


@dataclass
class Converted:
    """What a conversion did (this call; counts of a resumed one start again at 0)."""

    files: int = 0  # attachments and documents encrypted
    backups: int = 0  # backups re-made encrypted
    removed: int = 0  # unreadable plain backups overwritten and removed
    wiped: int = 0  # plain files overwritten and removed


#: Called with a short step name after each durable step (tests kill the process there).
Checkpoint = Callable[[str], None]


def _is_plain_base(path: Path) -> bool:
    """Whether the file at `path` is a plain SQLite base (its first 16 bytes). Only called
    while no connection of this process is open on it."""
    try:
        with open(path, "rb") as handle:
            return handle.read(len(_SQLITE_HEADER)) == _SQLITE_HEADER
    except FileNotFoundError:
        return False


def _plain_files(folder: Path) -> Iterator[Path]:
    if not folder.is_dir():
        return
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink() and not path.name.startswith(
            (TEMP_PREFIX, ".tmp-")
        ) and not path.name.endswith(SIDE_SUFFIX):
            yield path


def _side(path: Path) -> Path:
    return path.with_name(f".{path.name}{SIDE_SUFFIX}")


def _wipe(path: Path) -> None:
    """Overwrite the file at `path` with zeros, sync it, remove it."""
    with contextlib.suppress(FileNotFoundError):
        size = os.lstat(path).st_size
        with open(path, "r+b", buffering=0) as handle:
            zeros = bytes(min(size, 1 << 20) or 1)
            done = 0
            while done < size:
                done += handle.write(zeros[: min(len(zeros), size - done)])
            os.fsync(handle.fileno())
        os.unlink(path)
    fsync_folder(path.parent)


def _finish_side(path: Path, encrypted: Callable[[Path], bool]) -> bool:
    """A second name left by an interrupted swap: wiped if `path` already holds the
    encrypted version, else only unlinked (it is the plain file itself: redone). Whether
    `path` is done."""
    side = _side(path)
    if not os.path.lexists(side):
        return False
    if not os.path.lexists(path):  # cannot happen (link, then rename): the plain file back
        os.rename(side, path)
        return False
    if os.path.samefile(side, path) or not encrypted(path):
        os.unlink(side)
        return False
    _wipe(side)
    return True


def _swap(path: Path, make: Callable[[Path, Path], None], step: Checkpoint) -> None:
    """Put the encrypted version of the plain file `path` in its place: a second name for
    the plain file, `make(plain, path)` writes the encrypted file over `path` atomically,
    then the plain one is overwritten and removed."""
    side = _side(path)
    os.link(path, side)
    step("lien")
    make(side, path)
    step("remplace")
    _wipe(side)


def conversion_pending(data_dir: Path) -> bool:
    """Whether the folder (with its `coffre.cle`) still holds plain data or the leftovers of
    an interrupted conversion: then `encrypt_folder` must run (again) before the store
    opens it with the key."""
    from anef_tui.vault.files import is_encrypted

    data_dir = Path(data_dir)
    if not os.path.lexists(key_file_path(data_dir)):
        return False
    base = data_dir / DB_NAME
    if _is_plain_base(base) or os.path.lexists(data_dir / COPY_NAME) or os.path.lexists(
        _side(base)
    ):
        return True
    for folder in (data_dir / ATTACHMENTS_DIR, data_dir / DOCUMENTS_DIR):
        if folder.is_dir() and any(p.name.endswith(SIDE_SUFFIX) for p in folder.rglob("*")):
            return True
        if any(not is_encrypted(p) for p in _plain_files(folder)):
            return True
    backups = data_dir / BACKUPS_DIR
    return backups.is_dir() and any(
        p.name.endswith(SIDE_SUFFIX) or (p.suffix == ".db" and (
            _is_plain_base(p) or not os.path.lexists(p.with_suffix(".cle"))))
        for p in backups.iterdir()
    )


def encrypt_folder(data_dir: Path, key: VaultKey, *,
                   progress: Callable[[str, int, int], None] | None = None,
                   checkpoint: Checkpoint | None = None) -> Converted:
    """Encrypt the plain folder `data_dir` with the vault `key` (see the module's docstring).
    `progress(what, done, total)`: « base », « fichiers », « sauvegardes », in French words
    the caller may show. StoreBusy while anef-tui has the folder open; ConversionFailed (the
    plain data untouched) if the copy of the base cannot be verified; other refusals are
    the vault's French errors."""
    from anef_tui.store.housekeeping import DataDirLock

    data_dir = Path(data_dir)
    if not os.path.lexists(key_file_path(data_dir)):
        raise KeyFileMissing(key_file_path(data_dir))
    try:
        lock = DataDirLock(data_dir, exclusive=True)
    except BlockingIOError as exc:
        raise StoreBusy(
            "anef-tui est ouvert sur ces données (une autre fenêtre ?) : fermez toutes ses "
            "fenêtres, puis relancez le chiffrement."
        ) from exc
    except OSError as exc:
        raise translate_error(exc, data_dir) from exc
    try:
        return _convert(data_dir, key, progress or (lambda what, done, total: None),
                        checkpoint or (lambda name: None))
    except OSError as exc:
        raise translate_error(exc, data_dir) from exc
    finally:
        lock.release()


def _convert(data_dir: Path, key: VaultKey, progress: Callable[[str, int, int], None],
             step: Checkpoint) -> Converted:
    from anef_tui.vault import database

    done = Converted()
    base, copy = data_dir / DB_NAME, data_dir / COPY_NAME
    # 1. The base: its verified encrypted copy (the plain base only read, once checkpointed).
    progress("base", 0, 1)
    for leftover in data_dir.iterdir():  # an encrypted copy cut short by a kill
        if leftover.name.startswith(TEMP_PREFIX) and leftover.is_file():
            _wipe(leftover)
    if _is_plain_base(base):
        _fold_log(base)
        if os.path.lexists(copy):
            try:
                database.verify_copy(base, copy, key)
            except ConversionFailed:
                os.unlink(copy)  # it does not match the base: made again below
        if not os.path.lexists(copy):
            database.encrypt_copy(base, copy, key)
        step("copie")
    # 2. Attachments and documents, one by one.
    _files(data_dir, key, done, progress, step)
    # 3. Backups.
    _backups(data_dir, key, done, progress, step)
    # 4. The base swapped for its copy.
    if os.path.lexists(copy) and _is_plain_base(base):
        database.verify_copy(base, copy, key)
        _finish_side(base, lambda p: not _is_plain_base(p))
        _swap(base, lambda plain, target: os.replace(copy, target), _named(step, "base"))
        done.wiped += 1
    elif _finish_side(base, lambda p: not _is_plain_base(p)):
        done.wiped += 1
    for leftover in (Path(f"{base}-journal"), Path(f"{copy}-journal")):
        _wipe(leftover)
    # 5. The journal's head anchor, plain in a plain folder, sealed like the rest.
    _seal_anchor(data_dir, key)
    progress("base", 1, 1)
    _check_stamp(base, key, data_dir)
    return done


def _seal_anchor(data_dir: Path, key: VaultKey) -> None:
    """`journal-tete` sealed with the key (it holds the journal's last number and hash, no
    personal data): left plain, `journal --verifier` took it for one swapped in by an
    adversary. Unreadable, it is removed: the next close writes it sealed. Idempotent."""
    from anef_tui.store.journal.anchor_file import anchor_path, read_anchor, write_anchor
    from anef_tui.vault.files import is_encrypted

    path = anchor_path(data_dir)
    if not path.is_file() or is_encrypted(path):
        return
    head, _ = read_anchor(data_dir, None)
    if head is None:
        _wipe(path)
        return
    write_anchor(data_dir, key, head.seq, head.chain, head.since)


def _named(step: Checkpoint, prefix: str) -> Checkpoint:
    return lambda name: step(f"{prefix}-{name}")


def _fold_log(base: Path) -> None:
    """The plain base's -wal folded into it and removed (`journal_mode = DELETE`), so that
    the base is one file: no log of plain pages is left beside the encrypted base."""
    from anef_tui.store import driver

    conn = driver.connect(os.fspath(base), isolation_level=None)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        conn.execute("PRAGMA journal_mode = DELETE").fetchall()
    except driver.Error as exc:
        raise ConversionFailed(base, "la base d'origine est occupée ou illisible") from exc
    finally:
        conn.close()


def _files(data_dir: Path, key: VaultKey, done: Converted,
           progress: Callable[[str, int, int], None], step: Checkpoint) -> None:
    from anef_tui.vault.files import encrypt_file, is_encrypted

    folders = (data_dir / ATTACHMENTS_DIR, data_dir / DOCUMENTS_DIR)
    for folder in folders:  # leftovers of a kill first: sides and temporary files
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if path.name.startswith((TEMP_PREFIX, ".tmp-")) and path.is_file():
                _wipe(path)  # ours, or a copy of an attachment cut short (plaintext)
            elif path.name.endswith(SIDE_SUFFIX):
                original = path.with_name(path.name[1:-len(SIDE_SUFFIX)])
                if _finish_side(original, is_encrypted):
                    done.wiped += 1
    todo = [p for folder in folders for p in _plain_files(folder) if not is_encrypted(p)]
    for number, path in enumerate(todo):
        progress("fichiers", number, len(todo))

        def make(plain: Path, target: Path) -> None:
            encrypt_file(plain, target, key)

        _swap(path, make, _named(step, "fichier"))
        done.files += 1
        done.wiped += 1
    progress("fichiers", len(todo), len(todo))


def _backups(data_dir: Path, key: VaultKey, done: Converted,
             progress: Callable[[str, int, int], None], step: Checkpoint) -> None:
    from anef_tui.store.backups.copies import key_copy_path
    from anef_tui.vault import database
    from anef_tui.vault.writing import write_bytes

    folder = data_dir / BACKUPS_DIR
    if not folder.is_dir():
        return
    for path in sorted(folder.iterdir()):
        if path.name.startswith(TEMP_PREFIX) and path.is_file():
            _wipe(path)
        elif path.name.endswith(SIDE_SUFFIX):
            original = path.with_name(path.name[1:-len(SIDE_SUFFIX)])
            if _finish_side(original, lambda p: not _is_plain_base(p)):
                done.wiped += 1
    todo = []
    for path in sorted(folder.iterdir()):
        if path.suffix != ".db" or not path.is_file():
            continue
        if _is_plain_base(path):
            todo.append(path)
        elif not _opens_with(path, key):  # neither SQLite nor ours: a damaged copy set aside
            for plain in (path, Path(f"{path}-wal"), Path(f"{path}-journal")):
                _wipe(plain)
            done.removed += 1
    with open(key_file_path(data_dir), "rb") as handle:
        key_file = handle.read(64 * 1024)
    for number, path in enumerate(todo):
        progress("sauvegardes", number, len(todo))
        staged = path.with_name(f"{TEMP_PREFIX}{path.name}")
        _wipe(staged)
        try:
            database.encrypt_copy(path, staged, key)
        except ConversionFailed:  # unreadable (a damaged base set aside): not kept plain
            for plain in (path, Path(f"{path}-wal"), Path(f"{path}-journal")):
                _wipe(plain)
            done.removed += 1
            continue
        write_bytes(key_copy_path(path), key_file)
        _swap(path, functools.partial(_put, staged), _named(step, "sauvegarde"))
        _wipe(Path(f"{path}-wal"))
        done.backups += 1
        done.wiped += 1
    progress("sauvegardes", len(todo), len(todo))


def _opens_with(path: Path, key: VaultKey) -> bool:
    """Whether the backup at `path` is a base encrypted with `key` (made by this
    conversion before a kill, or since)."""
    from anef_tui.store.backups.copies import open_backup

    try:
        conn = open_backup(path, key)
    except StoreError:
        return False
    conn.close()
    return True


def _put(staged: Path, plain: Path, target: Path) -> None:
    os.replace(staged, target)


def _check_stamp(base: Path, key: VaultKey, data_dir: Path) -> None:
    """The base in place opens with the key and records this vault."""
    from anef_tui.vault import database

    if not os.path.lexists(base):
        return
    conn = database.connect(base, database.database_key(key))
    try:
        check_same_vault(key, database.stamped_vault(conn), data_dir)
    finally:
        conn.close()
