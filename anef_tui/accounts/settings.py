"""The base's own settings once it has accounts (issue 25): the retention period.

Without accounts the period stays the data folder's preference (« conservation_mois »,
`store/erasure/retention.py`): one desk, one folder. With accounts it is the base's
(`structure.retention_months`), set by a référent and journalled, the same at every desk;
until a référent sets it, the folder's value (or the default) applies.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from anef_tui.accounts import roles
from anef_tui.accounts.errors import NotAllowed
from anef_tui.store.journal.chain import append

if TYPE_CHECKING:
    from anef_tui.accounts.session import Session
    from anef_tui.store.database import Database, HasDatabase

_WHAT = "changer la durée de conservation de la base"


def retention_months(owner: Database | HasDatabase) -> int:
    """The period that applies to this base, in months."""
    from anef_tui.store.database import database_of
    from anef_tui.store.erasure import retention

    database = database_of(owner)
    with database.reading() as conn:
        row = conn.execute("SELECT retention_months FROM structure WHERE id = 1").fetchone()
    if row is not None and row[0] is not None \
            and retention.MIN_MONTHS <= int(row[0]) <= retention.MAX_MONTHS:
        return int(row[0])
    return retention.retention_months(database.data_dir)


def save_retention_months(owner: Database | HasDatabase, session: Session | None,
                          text: str) -> int:
    """Keep the period typed (« 36 », « 36 mois »); return it. A base with accounts: only a
    référent (NotAllowed otherwise), in the base, journalled. ValueError (French) for an
    unusable period; OSError when a folder's preferences cannot be written."""
    from anef_tui.accounts.rows import has_accounts
    from anef_tui.store.database import database_of
    from anef_tui.store.erasure import retention

    database = database_of(owner)
    if not has_accounts(database):
        return retention.save_retention_months(database.data_dir, text)
    if session is None or not session.may(roles.SET_RETENTION):
        raise NotAllowed(_WHAT)
    months = retention.parse_months(text)
    with database.transaction() as db:
        from anef_tui.accounts.manage import acting

        acting(db.conn, session, roles.SET_RETENTION, _WHAT)
        db.conn.execute("UPDATE structure SET retention_months = ? WHERE id = 1", (months,))
        append(db.conn, database, "retention_set", None, {"retention": months})
    return months


def may_set_retention(owner: Database | HasDatabase, session: Session | None) -> bool:
    """Whether the period may be changed here (no accounts: anyone at the desk)."""
    from anef_tui.accounts.rows import has_accounts
    from anef_tui.store.database import database_of

    if not has_accounts(database_of(owner)):
        return True
    return session is not None and session.may(roles.SET_RETENTION)
