"""Nobody in without a login (issue 26): a served base must ask one before any data — an
encrypted folder's passphrase (a single desk), or the accounts of a base that has them (a
folder's, or a server's, where they are required anyway). A plain folder without accounts
would be open to whoever reaches the page: it is not served.

Checked by `anef-tui servir` before it listens, and again by every session's process before
it shows anything (the folder may have changed since).
"""

from __future__ import annotations

from pathlib import Path

NO_LOGIN = (
    "Ce dossier des données ne demande ni phrase secrète ni compte : servi à un navigateur, "
    "il serait ouvert à quiconque atteint la page. anef-tui ne le sert pas. Servez un "
    "dossier chiffré, ou créez d'abord le premier compte de la structure (anef-tui base "
    "initialiser), puis relancez anef-tui servir."
)


def refusal(data_dir: Path, base_url: str | None) -> str | None:
    """Why this base cannot be served (French), or None when it asks a login first."""
    from anef_tui.accounts.probe import (
        folder_has_accounts,
        server_has_accounts,
        server_without_accounts,
    )
    from anef_tui.store import base_choice
    from anef_tui.vault.folder import FolderKind, folder_kind

    if base_url is not None:
        # A server's base is always worked with accounts; None: unreachable now, the
        # session says so when it opens the base.
        if server_has_accounts(base_url) is False:
            return server_without_accounts(base_url)
        return None
    if folder_kind(data_dir) is FolderKind.ENCRYPTED:
        return None
    before = base_choice.chosen()
    base_choice.choose(None)
    try:
        if folder_has_accounts(data_dir):
            return None
    finally:
        base_choice.choose(before)
    return NO_LOGIN
