"""The accounts' journal (issue 25): the entries about the accounts and the base's settings
(added, disabled, passphrases changed or reset, logins refused, retention set), for a
référent only (`read_all_journals`): an aidant reads the dossiers' journals, not who
tried whose account."""

from __future__ import annotations

from typing import TYPE_CHECKING

from anef_tui.accounts.errors import NotAllowed
from anef_tui.accounts.roles import READ_ALL_JOURNALS

if TYPE_CHECKING:
    from anef_tui.accounts.session import Session
    from anef_tui.store.database import Database
    from anef_tui.store.journal.reading import Entry

#: The journal's action codes (`assets/journal.toml`) about accounts and the base.
ACCOUNT_ACTIONS = frozenset({
    "account_added", "account_disabled", "passphrase_changed", "passphrase_reset",
    "login_refused", "retention_set", "folder_moved",
})


def account_entries(database: Database, session: Session) -> list[Entry]:
    """Every entry about the accounts, oldest first; NotAllowed for an aidant."""
    from anef_tui.store.journal.reading import entry_of

    if not session.may(READ_ALL_JOURNALS):
        raise NotAllowed("lire le journal des comptes")
    with database.reading() as conn:
        rows = conn.execute("SELECT seq, at, dossier_id, content FROM journal "
                            "WHERE dossier_id IS NULL ORDER BY seq").fetchall()
    return [entry for entry in map(entry_of, rows) if entry.action in ACCOUNT_ACTIONS]
