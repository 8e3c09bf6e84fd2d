"""« Mes dossiers »: the alerts above the table (an attestation de prolongation that ends
soon while no decision is known), read in a worker after the first paint."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.containers import Vertical

from anef_tui.ui.widgets.plain import Static

if TYPE_CHECKING:
    from typing import Any

    from anef_tui.ui.screens.guarded import Screen

    _Host = Screen[Any]  # what the mixin is mixed into, for the type checker
else:
    _Host = object

ALERTS_DELAY = 0.35  # seconds after the first paint
MAX_ALERTS = 3


def alert_line(name: str | None, valid_until, today) -> str:
    """« Attention : POPESCU Elena — l'attestation de prolongation prend fin le 07/02/2027
    (dans 8 jours). »"""
    from anef_tui.domain.deadlines import prolongation_end

    return (
        f"Attention : {name or '(sans nom)'} — l'attestation de prolongation "
        f"{prolongation_end(valid_until, today)}."
    )


class HomeAlerts(_Host):
    """Mixin of HomeScreen (which provides `refresh_rows` and the `#home` container)."""

    def refresh_rows(self, select_id: int | None = None, all_at_once: bool = False) -> None:
        raise NotImplementedError

    def refresh_alerts(self) -> None:
        """Warn, above the table, of each attestation de prolongation that ends within 15
        days (or has ended) while no decision is known. Read from the kept deadlines in a
        worker thread (the interface never waits for it); the line is mounted only when
        there is something to say."""
        if not self.is_attached:
            return
        rows = getattr(self, "_rows", [])
        self._read_alerts(self.services.today(), {r.id: r.applicant_name for r in rows})

    @work(thread=True, exclusive=True, group="alerts")
    def _read_alerts(self, today, names: dict[int, str]) -> None:
        from anef_tui.store.deadlines import DeadlineIndex
        from anef_tui.ui.screens.home.consent import consent_line

        index = DeadlineIndex(self.services.dossiers)
        changed = index.roll_over(today)  # the date turned: a past convocation is no more due
        warnings, total = index.prolongation_alerts(today, limit=MAX_ALERTS)
        # Issue 24: the consents of the dossiers listed that end soon, ended, were withdrawn
        # or are missing, in words (the line is not told by its colour).
        consents = self.services.consents
        now = consents.now()
        found = sorted(consents.alerts(list(names)).values(),
                       key=lambda a: (a.until is not None, a.until or now))
        consent_lines = [consent_line(names[a.dossier_id], a, now) for a in found]
        if len(consent_lines) > MAX_ALERTS:
            more = len(consent_lines) - MAX_ALERTS
            consent_lines = [*consent_lines[:MAX_ALERTS],
                             f"… et {more} autre(s) consentement(s) à renouveler."]
        # Issue 24 item 5: the persons past the retention period, in words.
        from anef_tui.accounts.settings import retention_months as base_retention
        from anef_tui.store.erasure import retention
        from anef_tui.store.erasure.words import alert_text

        months = base_retention(self.services.dossiers)
        due = len(retention.due(self.services.dossiers, months))
        if due:
            consent_lines.append(f"{alert_text(due, months).capitalize()} : Ctrl+P "
                                 "« Personnes à effacer ».")
        self.app.call_from_thread(self._show_alerts, warnings, total, today, changed,
                                  consent_lines)

    def _show_alerts(self, warnings, total: int, today, changed: int,
                     consent_lines: list[str] | None = None) -> None:
        if not self.is_attached:
            return
        if changed:
            self.refresh_rows()
        lines = [alert_line(w.applicant_name, w.date, today) for w in warnings
                 if w.date is not None]  # a prolongation's end always has one
        if total > MAX_ALERTS:
            lines.append(f"… et {total - MAX_ALERTS} autre(s) : F6 « Échéances ».")
        lines += consent_lines or []
        existing = self.query("#alerts")
        if not lines:
            existing.remove()
            return
        text = Text("\n".join(lines))
        if existing:
            existing.first(Static).update(text)
        else:
            self.query_one("#home", Vertical).mount(
                Static(text, id="alerts", classes="warning"), before="#dossiers"
            )
