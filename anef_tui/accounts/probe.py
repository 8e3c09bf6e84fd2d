"""Whether a data folder's base has accounts, read without opening the store: a read-only
SQLite connection (`immutable` when no -wal is beside the base: no file created), nothing
written (no migration, no daily backup, no lock taken) — so
that a command asks the login first and the commands that must work on a base that
cannot be opened (`sauvegardes --restaurer` on a damaged one) still do."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from anef_tui.paths import DB_NAME

if TYPE_CHECKING:
    from anef_tui.vault.keys import VaultKey


def folder_has_accounts(data_dir: Path, key: VaultKey | None = None) -> bool:
    """True when the base holds at least one account. False when it has none, does not
    exist yet, predates the accounts, or cannot be read now (damaged, not ours): the
    command then opens it as before and says why."""
    from anef_tui.store import base_choice, driver
    from anef_tui.store.sqlite_file import _readonly_uri, connect_to

    server = base_choice.chosen()
    if server is not None:
        return bool(server_has_accounts(server))
    path = Path(data_dir) / DB_NAME
    if not os.path.lexists(path):
        return False
    uri = _readonly_uri(path)
    if not os.path.lexists(f"{path}-wal"):
        # No log beside it: every row is in the file, and a read-only connection would
        # create an empty -wal and -shm that it cannot remove. Read it as it is.
        uri += "&immutable=1"
    conn = None
    try:
        conn = connect_to(uri, key, path, uri=True, isolation_level=None)
        if conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                        "AND name = 'workers'").fetchone() is None:
            return False
        return conn.execute("SELECT id FROM workers LIMIT 1").fetchone() is not None
    except (driver.Error, OSError):
        return False
    except Exception as exc:  # the store's own refusals (StoreError) of an unreadable file
        from anef_tui.store.errors import StoreError

        if isinstance(exc, StoreError):
            return False
        raise
    finally:
        if conn is not None:
            conn.close()


def server_has_accounts(url: str) -> bool | None:
    """Whether the structure's base on a server has an account: one connection, one read,
    nothing written (a base not migrated yet has no `workers` table: no account). None
    when the server cannot be asked now: the command opens the store, which says why."""
    from anef_tui.store.engine.postgresql import ServerConnection
    from anef_tui.store.errors import StoreError

    try:
        conn = ServerConnection(url)
    except StoreError:
        return None
    try:
        if conn.execute("SELECT to_regclass('workers') IS NOT NULL").fetchone() != (True,):
            return False
        return conn.execute("SELECT id FROM workers LIMIT 1").fetchone() is not None
    except StoreError:
        return None
    finally:
        conn.close()


def server_without_accounts(url: str) -> str:
    """What every front end says on a server's base that has no account yet (French): on
    a base shared by a structure nobody works without one; how to begin."""
    from anef_tui.store.engine.postgresql import where

    return (f"La base partagée de la structure (« {where(url)} ») n'a encore aucun compte "
            "d'aidant : sur une base partagée, personne n'y travaille sans compte. "
            "Commencez par créer le premier référent : « anef-tui --base … base "
            "initialiser --compte NOM » (la même adresse de base), puis ouvrez anef-tui "
            "avec ce compte.")
