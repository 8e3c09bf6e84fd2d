"""The state of a filed dossier, derived from its notifications (issue 22).

The administration sends what it sends in any order: a « Demande de complément », the next
day the blank medical certificate form (seed 000, l. 1148-1167 and 1451), an attestation de
prolongation while both are still open. A dossier is therefore in several states at once,
one per notification still open, each with its own deadline (domain/notification_deadlines):

* a notification whose kind ends when answered or by its checklist (`ends_when`) brings its
  `status` while it is open, its `status_when_ended` once done (« Complément envoyé »);
* of a kind `superseded` (the prolongation), only the latest one counts;
* a decision (`ends_all`) ends everything else: only the latest decision's state is left.

The states are listed in the order the kinds file declares its kinds; the open ones only,
or, when nothing is open any more, what was done (« Complément envoyé », « Certificat médical
envoyé »); « Déposée » when there is nothing. The state is a function of the notifications
alone: recording them in another order changes nothing. What the user records by hand — the
filing, the closure — is not derived (domain/status.py `TRANSITIONS`).
"""

from __future__ import annotations

from collections.abc import Iterable

from anef_tui.domain.notification_kinds import kinds
from anef_tui.domain.notification_model import Notification
from anef_tui.domain.status import DossierStatus

#: States recorded by hand that the notifications never change.
KEPT = frozenset({DossierStatus.BROUILLON, DossierStatus.CLOTUREE, DossierStatus.ABANDONNEE})


def received_order(notifications: Iterable[Notification]) -> list[Notification]:
    """Oldest first: by the day each came, then by the order they were recorded."""
    return sorted(notifications, key=lambda n: (n.received_on, n.id))


def deciding(notifications: Iterable[Notification]) -> Notification | None:
    """The decision that ends everything (the latest notification of an `ends_all` kind)."""
    every = kinds()
    decisions = [n for n in received_order(notifications)
                 if n.kind in every and every[n.kind].ends_all]
    return decisions[-1] if decisions else None


def in_force(notifications: Iterable[Notification]) -> list[Notification]:
    """The notifications that still count, oldest first: all of them but the prolongations
    a later one replaced; only the decision once there is one."""
    ordered = received_order(notifications)
    decision = deciding(ordered)
    if decision is not None:
        return [decision]
    every = kinds()
    latest = {n.kind: n for n in ordered}
    return [n for n in ordered if n.kind in every
            and (every[n.kind].ends_when != "superseded" or latest[n.kind] is n)]


def is_open(notification: Notification) -> bool:
    """Whether a notification in force still waits for something (not answered, not done)."""
    kind = kinds().get(notification.kind)
    if kind is None:
        return False
    if kind.ends_when in ("answered",) or (kind.ends_when or "").startswith("checklist."):
        return notification.done_on is None
    return True


def _unique(states: Iterable[DossierStatus]) -> list[DossierStatus]:
    return list(dict.fromkeys(states))


def derive_states(notifications: Iterable[Notification]) -> list[DossierStatus]:
    """The states a filed dossier is in, from its notifications (never empty)."""
    counted = in_force(notifications)
    every = kinds()
    order = {kind_id: index for index, kind_id in enumerate(every)}
    counted.sort(key=lambda n: order[n.kind])  # stable: oldest first within a kind
    opened = [every[n.kind].target_status(n.data) for n in counted if is_open(n)]
    done = [DossierStatus(str(every[n.kind].status_when_ended)) for n in counted
            if not is_open(n) and every[n.kind].status_when_ended]
    return _unique(opened) or _unique(done) or [DossierStatus.DEPOSEE]


def dossier_states(current: DossierStatus,
                   notifications: Iterable[Notification]) -> list[DossierStatus]:
    """The states of a dossier now `current` (as stored): a draft, a closed or abandoned
    dossier stays so; a filed one takes the states its notifications give."""
    if current in KEPT:
        return [current]
    return derive_states(notifications)
