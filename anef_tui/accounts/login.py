"""Logging in: a name and a passphrase → a `Session` (the structure's key opened), or
`LoginRefused` — the same words for an unknown name and a wrong passphrase, and the same
work (`spend_like_a_check`), so neither the text nor the time tells which names exist.

A refusal on an existing account is counted in its row; every fifth in a row is journalled
at once (« Connexions refusées », the count), and the next login says and journals how
many were refused since. The growing delay between tries is the front end's, as the vault
door's (`vault.passphrase.wait_after`): it slows a person at the desk; argon2id slows a
thief who copied the base.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from anef_tui.accounts.errors import AccountDisabled, LoginRefused
from anef_tui.accounts.rows import Account, login_of, stored_by_login, structure_id
from anef_tui.accounts.sealing import open_structure_key, phrase_matches, spend_like_a_check
from anef_tui.accounts.session import Session
from anef_tui.store.journal.actor import Actor
from anef_tui.store.journal.chain import append
from anef_tui.vault.keyfile import KdfParams

if TYPE_CHECKING:
    from anef_tui.store import driver
    from anef_tui.store.database import Database

#: Every this many refusals in a row on one account, one journal entry at once.
JOURNAL_EVERY = 5


def login(database: Database, name: str, phrase: str, *, front_end: str) -> Session:
    """The session of the account `name` opened by `phrase`; `database.actor` becomes that
    worker. LoginRefused (unknown name, wrong phrase) or AccountDisabled."""
    login_name = login_of(name)
    with database.reading() as conn:
        stored = stored_by_login(conn, login_name)
        structure = structure_id(conn)
    if stored is None or structure is None:
        spend_like_a_check(phrase, KdfParams())
        raise LoginRefused()
    key = None
    if phrase_matches(stored.passphrase_hash, phrase):
        key = open_structure_key(structure, stored.account.login, phrase, stored.sealed)
    if key is None:
        _count_refusal(database, stored.account.id, stored.account.login, front_end)
        raise LoginRefused()
    if not stored.account.active:
        raise AccountDisabled()
    account = stored.account
    database.actor = Actor(account.login, front_end)
    database.logged_in(key)
    refused = 0
    with database.transaction() as db:
        row = db.conn.execute("SELECT failures FROM workers WHERE id = ?",
                              (account.id,)).fetchone()
        refused = int(row[0]) if row else 0
        if refused:
            db.conn.execute("UPDATE workers SET failures = 0 WHERE id = ?", (account.id,))
            append(db.conn, database, "login_refused", None,
                   {"account": account.login, "refusals": refused})
    return Session(account.id, account.login, account.display_name, account.role,
                   account.must_change, key, refused)


def check_read_only(conn: driver.Connection, name: str, phrase: str) -> Account:
    """The account `name` if `phrase` opens it, reading only (`base migrer` reads a desk's
    folder and writes nothing there: no refusal is counted, nothing journalled).
    LoginRefused (the same words and work as `login`) or AccountDisabled."""
    stored = stored_by_login(conn, login_of(name))
    if stored is None:
        spend_like_a_check(phrase, KdfParams())
        raise LoginRefused()
    if not phrase_matches(stored.passphrase_hash, phrase):
        raise LoginRefused()
    if not stored.account.active:
        raise AccountDisabled()
    return stored.account


def _count_refusal(database: Database, account_id: int, login_name: str,
                   front_end: str) -> None:
    with database.transaction() as db:
        row = db.conn.execute(
            "UPDATE workers SET failures = failures + 1 WHERE id = ? RETURNING failures",
            (account_id,)).fetchone()
        failures = int(row[0]) if row else 0
        if failures and failures % JOURNAL_EVERY == 0:
            before = database.actor
            database.actor = Actor("", front_end)  # nobody is logged in
            try:
                append(db.conn, database, "login_refused", None,
                       {"account": login_name, "refusals": failures})
            finally:
                database.actor = before


def refused_line(session: Session) -> str | None:
    """What the worker reads at login when tries were refused on their account."""
    if not session.refused_before:
        return None
    count = session.refused_before
    return (f"Attention : {count} connexion{'s' if count > 1 else ''} refusée"
            f"{'s' if count > 1 else ''} sur votre compte depuis la dernière. Si ce "
            "n'était pas vous, prévenez un référent.")
