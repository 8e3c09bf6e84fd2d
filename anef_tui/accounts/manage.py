"""What a référent does with the accounts, and the first référent of a base.

Every write is one transaction with its journal entry (`assets/journal.toml`: account
added, disabled, passphrase changed or reset, retention set), the entry naming the acting
worker (`Database.actor`, set at login) and the account concerned — never a passphrase.
Each operation reads the acting account again inside its transaction: a référent disabled
at another desk meanwhile is refused (`NotAllowed`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from anef_tui.accounts import roles
from anef_tui.accounts.errors import AccountError, NotAllowed
from anef_tui.accounts.rows import checked_login, login_of, stored_by_id, stored_by_login
from anef_tui.accounts.sealing import SealedKey, hash_phrase, new_structure_key, seal_structure_key
from anef_tui.accounts.session import Session
from anef_tui.store.journal.actor import Actor, clean_name
from anef_tui.store.journal.chain import append
from anef_tui.vault.keyfile import KdfParams
from anef_tui.vault.keys import VaultKey

if TYPE_CHECKING:
    from anef_tui.store import driver
    from anef_tui.store.database import Database

ALREADY = ("Cette base a déjà des comptes : le premier référent ne se crée qu'une fois. "
           "Connectez-vous, puis un référent ajoute les autres comptes.")


def _checked_phrase(phrase: str) -> None:
    """The vault's rules (`vault.passphrase.assess`): WeakPassphrase with its French
    reasons."""
    from anef_tui.vault.errors import WeakPassphrase
    from anef_tui.vault.passphrase import assess

    found = assess(phrase)
    if not found.accepted:
        raise WeakPassphrase(found.problems)


def _name(display_name: str, login: str) -> str:
    return clean_name(display_name) or login


def _insert(conn: driver.Connection, database: Database, login: str, display_name: str,
            role: str, phrase: str, key: VaultKey, params: KdfParams, *,
            must_change: bool, created_by: int | None) -> int:
    sealed = seal_structure_key(key, login, phrase, params)
    row = conn.execute(
        "INSERT INTO workers (login, display_name, role, passphrase_hash, kdf_memory_kib, "
        "kdf_iterations, kdf_lanes, kdf_salt, key_nonce, key_sealed, must_change, failures, "
        "created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?) "
        "RETURNING id",
        (login, display_name, role, hash_phrase(phrase, params), params.memory_kib,
         params.iterations, params.lanes, sealed.salt, sealed.nonce, sealed.sealed,
         int(must_change), database.now_iso(), created_by),
    ).fetchone()
    return int(row[0])


def create_first_referent(database: Database, login: str, display_name: str, phrase: str,
                          *, front_end: str, params: KdfParams | None = None) -> Session:
    """The base's first account, a référent, and the structure's new key: only while the
    base has no account (AccountError otherwise). Logged in as that référent."""
    login = checked_login(login)
    _checked_phrase(phrase)
    params = params or KdfParams()
    role = roles.managing_role()
    key = new_structure_key()
    with database.transaction() as db:
        conn = db.conn
        if conn.execute("SELECT id FROM workers LIMIT 1").fetchone() is not None:
            raise AccountError(ALREADY)
        conn.execute("INSERT INTO structure (id, structure_id, created_at) VALUES (1, ?, ?)",
                     (key.vault_id, database.now_iso()))
        name = _name(display_name, login)
        database.actor = Actor(login, front_end)
        account_id = _insert(conn, database, login, name, role, phrase, key, params,
                             must_change=False, created_by=None)
        append(conn, database, "account_added", None, {"account": login, "role": role})
    return Session(account_id, login, name, role, False, key)


def acting(conn: driver.Connection, session: Session, permission: str, what: str) -> None:
    """NotAllowed unless the session's account is still active and holds `permission`."""
    stored = stored_by_id(conn, session.account_id)
    if stored is None or not stored.account.active \
            or not roles.may(stored.account.role, permission):
        raise NotAllowed(what)


def _target(conn: driver.Connection, login: str):
    stored = stored_by_login(conn, login)
    if stored is None:
        raise AccountError(f"Aucun compte « {login_of(login)} » dans cette base.")
    return stored


def add_worker(database: Database, session: Session, login: str, display_name: str,
               role: str, initial_phrase: str, *, params: KdfParams | None = None) -> int:
    """A référent adds an account with an initial passphrase (the worker changes it at the
    first login); the structure's key sealed for it. Its id."""
    if role not in roles.role_codes():
        raise AccountError("Rôle inconnu : « aidant » ou « référent ».")
    if not session.may(roles.MANAGE_ACCOUNTS):
        raise NotAllowed("ajouter un compte")
    login = checked_login(login)
    _checked_phrase(initial_phrase)
    params = params or KdfParams()
    with database.transaction() as db:
        conn = db.conn
        acting(conn, session, roles.MANAGE_ACCOUNTS, "ajouter un compte")
        if stored_by_login(conn, login) is not None:
            raise AccountError(f"Un compte « {login} » existe déjà : choisissez un autre nom.")
        account_id = _insert(conn, database, login, _name(display_name, login), role,
                             initial_phrase, session.structure_key, params, must_change=True,
                             created_by=session.account_id)
        append(conn, database, "account_added", None, {"account": login, "role": role})
    return account_id


def disable(database: Database, session: Session, login: str) -> None:
    """A référent disables an account: it can no longer log in; its journal entries stay.
    Never one's own (a structure always keeps a référent who can undo a mistake)."""
    if not session.may(roles.MANAGE_ACCOUNTS):
        raise NotAllowed("désactiver un compte")
    with database.transaction() as db:
        conn = db.conn
        acting(conn, session, roles.MANAGE_ACCOUNTS, "désactiver un compte")
        target = _target(conn, login).account
        if target.id == session.account_id:
            raise AccountError("Vous ne pouvez pas désactiver votre propre compte : demandez "
                               "à un autre référent.")
        if not target.active:
            raise AccountError(f"Le compte « {target.login} » est déjà désactivé.")
        conn.execute("UPDATE workers SET disabled_at = ?, disabled_by = ? WHERE id = ?",
                     (database.now_iso(), session.account_id, target.id))
        append(conn, database, "account_disabled", None, {"account": target.login})


def _reseal(conn: driver.Connection, account_id: int, login: str, phrase: str,
            key: VaultKey, params: KdfParams, must_change: bool) -> None:
    sealed: SealedKey = seal_structure_key(key, login, phrase, params)
    conn.execute(
        "UPDATE workers SET passphrase_hash = ?, kdf_memory_kib = ?, kdf_iterations = ?, "
        "kdf_lanes = ?, kdf_salt = ?, key_nonce = ?, key_sealed = ?, must_change = ?, "
        "failures = 0 WHERE id = ?",
        (hash_phrase(phrase, params), params.memory_kib, params.iterations, params.lanes,
         sealed.salt, sealed.nonce, sealed.sealed, int(must_change), account_id),
    )


def reset_passphrase(database: Database, session: Session, login: str, new_phrase: str, *,
                     params: KdfParams | None = None) -> None:
    """A référent gives an account a new initial passphrase (forgotten): the structure's
    key sealed again for it; the worker changes it at the next login."""
    if not session.may(roles.MANAGE_ACCOUNTS):
        raise NotAllowed("donner une nouvelle phrase secrète à un compte")
    _checked_phrase(new_phrase)
    params = params or KdfParams()
    with database.transaction() as db:
        conn = db.conn
        acting(conn, session, roles.MANAGE_ACCOUNTS,
                "donner une nouvelle phrase secrète à un compte")
        target = _target(conn, login).account
        if target.id == session.account_id:
            raise AccountError("Pour votre propre compte, changez votre phrase secrète "
                               "(elle ne vous sera pas redemandée à la connexion).")
        _reseal(conn, target.id, target.login, new_phrase, session.structure_key, params,
                must_change=True)
        append(conn, database, "passphrase_reset", None, {"account": target.login})


def change_own_passphrase(database: Database, session: Session, new_phrase: str, *,
                          params: KdfParams | None = None) -> Session:
    """The worker logged in chooses their passphrase (at the first login, or any time): the
    key sealed under it; the session, without `must_change`."""
    _checked_phrase(new_phrase)
    params = params or KdfParams()
    with database.transaction() as db:
        conn = db.conn
        stored = stored_by_id(conn, session.account_id)
        if stored is None or not stored.account.active:
            raise NotAllowed("changer la phrase secrète d'un compte désactivé")
        _reseal(conn, session.account_id, session.login, new_phrase, session.structure_key,
                params, must_change=False)
        append(conn, database, "passphrase_changed", None, {"account": session.login})
    from dataclasses import replace

    return replace(session, must_change=False)
