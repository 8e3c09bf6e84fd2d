"""What FollowUpStore provides to its parts (complément answers, notification files).

Only type declarations: FollowUpStore (store/followup.py) has these; its parts inherit this
class so that a type checker knows them, declared once.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from anef_tui.store import driver

if TYPE_CHECKING:
    from anef_tui.domain.deadlines import Deadline
    from anef_tui.domain.notifications import Notification
    from anef_tui.store.dossiers import DossierStore


def complement_open(conn: driver.Connection, dossier_id: int, notification_id: int) -> bool:
    """Whether a notification still counts on its dossier (domain/dossier_state.py): not
    replaced by a later one of its kind, not ended by a decision, the dossier not closed."""
    from anef_tui.domain.dossier_state import KEPT, in_force
    from anef_tui.store.deadline_rows import notifications_of
    from anef_tui.store.records import read_status

    if read_status(conn, dossier_id) in KEPT:
        return False
    return any(n.id == notification_id for n in in_force(notifications_of(conn, dossier_id)))


class FollowUpPart:
    """Base of the parts of FollowUpStore (a mixin)."""

    def _require_consent(self, conn: driver.Connection, dossier_id: int) -> None:
        """ConsentRequired (French) unless the dossier's consent allows writing now."""
        from anef_tui.store.consents import require_consent

        require_consent(conn, dossier_id, self.store.database.local_now())

    if TYPE_CHECKING:  # provided by FollowUpStore (store/followup.py)
        store: DossierStore
        _loads: Callable[[str | None], dict]
        _dumps: Callable[[Any], str]

        def _reading(self) -> contextlib.AbstractContextManager[driver.Connection]: ...
        def _get(self, conn: driver.Connection, notification_id: int) -> Notification: ...
        def get(self, notification_id: int) -> Notification: ...
        def _today(self) -> date: ...
        def _not_future(self, day: date, what: str) -> None: ...
        def _log(
            self, conn: driver.Connection, dossier_id: int, kind: str, detail: str
        ) -> None: ...
        def _refresh(
            self, dossier_id: int, today: date, *, detail: str = ""
        ) -> Deadline | None: ...
