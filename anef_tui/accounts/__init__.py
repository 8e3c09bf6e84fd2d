"""Workers' accounts on a structure's base (issue 25): no Textual here.

Each worker logs in with a name and a passphrase (argon2id-hashed, `sealing`); roles
« aidant » and « référent » are data (`assets/roles.toml`, `roles`); the structure's 256-bit
key is sealed for each account under a key derived from its passphrase, so a login yields
it (`session.Session.structure_key`, a `VaultKey`). A référent adds, disables and resets
accounts and sets the base's retention period (`manage`, `settings`); every such write is
journalled and names the worker. A base with at least one account asks for a login before
any data is read, on every engine (`rows.has_accounts`, the front ends; words in `words`).
"""

from __future__ import annotations

from anef_tui.accounts.errors import (
    AccountDisabled,
    AccountError,
    LoginRefused,
    LoginRequired,
    NotAllowed,
)
from anef_tui.accounts.login import login
from anef_tui.accounts.manage import (
    add_worker,
    change_own_passphrase,
    create_first_referent,
    disable,
    reset_passphrase,
)
from anef_tui.accounts.rows import Account, has_accounts, list_accounts
from anef_tui.accounts.session import Session

__all__ = [
    "Account", "AccountDisabled", "AccountError", "LoginRefused", "LoginRequired",
    "NotAllowed", "Session", "add_worker", "change_own_passphrase", "create_first_referent",
    "disable", "has_accounts", "list_accounts", "login", "reset_passphrase",
]
