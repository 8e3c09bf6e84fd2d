"""Shared by the follow-up screens and « Reprendre ma demande » (ui/screens/complement.py):
dates and delays in words. A module of its own so that no screen module imports another."""

from __future__ import annotations

from datetime import date

from anef_tui.domain.deadlines import prolongation_alert  # noqa: F401 - re-exported

DRAFT_INTERVAL = 3.0  # seconds between draft saves of a complément answer


def fr(iso: str | date | None) -> str:
    if not iso:
        return "—"
    value = iso if isinstance(iso, date) else date.fromisoformat(str(iso)[:10])
    return value.strftime("%d/%m/%Y")


def delay_text(deadline: date | None, today: date, *, compact: bool = False) -> str:
    """The time left, overdue in capitals: « dans 10 jours », « EN RETARD DE 2 JOURS »;
    compact (80 columns): « 10 j », « auj. », « RETARD 2 j »; « — » for a task the guide
    gives no date."""
    from anef_tui.domain.deadlines import days_left

    if deadline is None:
        return "—"
    days = days_left(deadline, today)
    if compact:
        if days < 0:
            return f"RETARD {-days} j"
        return "auj." if days == 0 else f"{days} j"
    words = days_words(deadline, today)
    return words.upper() if days < 0 else words


def days_words(deadline: date | None, today: date) -> str:
    from anef_tui.domain.deadlines import days_left, describe

    if deadline is None:
        return "—"
    return describe(days_left(deadline, today))
