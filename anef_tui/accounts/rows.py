"""The accounts as the base keeps them (`workers`, migration 18), read; login names checked.

A login name is kept normalized (NFC, lower case, no space): « Marie.Dupont » and
« marie.dupont » are one account, and the base's UNIQUE index says so on every engine.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from anef_tui.accounts.errors import AccountError
from anef_tui.accounts.roles import role_label
from anef_tui.accounts.sealing import SealedKey
from anef_tui.vault.keyfile import KdfParams

if TYPE_CHECKING:
    from anef_tui.store import driver
    from anef_tui.store.database import Database

MIN_LOGIN = 2
MAX_LOGIN = 40
_LOGIN = re.compile(r"^[^\W_][\w.-]*$")

_COLUMNS = ("id, login, display_name, role, passphrase_hash, kdf_memory_kib, kdf_iterations, "
            "kdf_lanes, kdf_salt, key_nonce, key_sealed, must_change, failures, created_at, "
            "disabled_at")


def login_of(typed: str) -> str:
    """The login name as kept: NFC, trimmed, lower case (what a login compares)."""
    return unicodedata.normalize("NFC", str(typed)).strip().lower()


def checked_login(typed: str) -> str:
    """A new account's login name, or AccountError (French) saying what is allowed."""
    login = login_of(typed)
    if not MIN_LOGIN <= len(login) <= MAX_LOGIN or not _LOGIN.match(login):
        raise AccountError(
            f"Nom de compte refusé : de {MIN_LOGIN} à {MAX_LOGIN} lettres ou chiffres, avec "
            "au besoin des points, tirets ou soulignés, sans espace (par exemple "
            "« marie.dupont »).")
    return login


@dataclass(frozen=True)
class Account:
    """One account as listed (nothing secret)."""

    id: int
    login: str
    display_name: str
    role: str
    must_change: bool
    created_at: str
    disabled_at: str | None

    @property
    def role_shown(self) -> str:
        return role_label(self.role)

    @property
    def active(self) -> bool:
        return self.disabled_at is None

    def line(self) -> str:
        """« marie.dupont — Marie Dupont — référent — actif », as read aloud."""
        state = "actif" if self.active else f"désactivé le {_day(self.disabled_at or '')}"
        if self.active and self.must_change:
            state += ", phrase à changer à la prochaine connexion"
        return f"{self.login} — {self.display_name} — {self.role_shown} — {state}"


def _day(iso: str) -> str:
    day = iso.partition("T")[0].split("-")
    return "/".join(reversed(day)) if len(day) == 3 else iso


@dataclass(frozen=True, repr=False)
class Stored:
    """One account's row with its secrets (hash, sealed key): for a login only."""

    account: Account
    passphrase_hash: str
    sealed: SealedKey
    failures: int


def _stored(row: tuple) -> Stored:
    account = Account(int(row[0]), str(row[1]), str(row[2]), str(row[3]), bool(row[11]),
                      str(row[13]), None if row[14] is None else str(row[14]))
    params = KdfParams(int(row[5]), int(row[6]), int(row[7]))
    return Stored(account, str(row[4]),
                  SealedKey(params, bytes(row[8]), bytes(row[9]), bytes(row[10])),
                  int(row[12]))


def stored_by_login(conn: driver.Connection, login: str) -> Stored | None:
    row = conn.execute(f"SELECT {_COLUMNS} FROM workers WHERE login = ?",
                       (login_of(login),)).fetchone()
    return None if row is None else _stored(row)


def stored_by_id(conn: driver.Connection, account_id: int) -> Stored | None:
    row = conn.execute(f"SELECT {_COLUMNS} FROM workers WHERE id = ?",
                       (int(account_id),)).fetchone()
    return None if row is None else _stored(row)


def has_accounts(database: Database) -> bool:
    """Whether the base holds at least one account (then a login comes before any data)."""
    with database.reading() as conn:
        return conn.execute("SELECT id FROM workers LIMIT 1").fetchone() is not None


def list_accounts(database: Database) -> list[Account]:
    """Every account, active ones first, by login name."""
    with database.reading() as conn:
        rows = conn.execute(f"SELECT {_COLUMNS} FROM workers").fetchall()
    accounts = [_stored(row).account for row in rows]
    return sorted(accounts, key=lambda a: (not a.active, a.login))


def structure_id(conn: driver.Connection) -> str | None:
    row = conn.execute("SELECT structure_id FROM structure WHERE id = 1").fetchone()
    return None if row is None else str(row[0])
