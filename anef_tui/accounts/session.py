"""A worker logged in: who, with which role, and the structure's key their passphrase
opened. Held by the front end for the session; never written anywhere."""

from __future__ import annotations

from dataclasses import dataclass

from anef_tui.accounts.roles import may, role_label
from anef_tui.vault.keys import VaultKey


@dataclass(frozen=True, repr=False)
class Session:
    account_id: int
    login: str
    display_name: str
    role: str
    #: The passphrase was given by a référent (a new account, a reset): the worker chooses
    #: their own before anything else.
    must_change: bool
    #: The structure's key (`VaultKey`: id and 32 bytes), for sealing files.
    structure_key: VaultKey
    #: Logins refused on this account since its last one (said once at login).
    refused_before: int = 0

    def __repr__(self) -> str:
        return f"Session(login={self.login!r}, role={self.role!r}, structure_key=<masquée>)"

    def may(self, permission: str) -> bool:
        return may(self.role, permission)

    @property
    def role_shown(self) -> str:
        return role_label(self.role)
