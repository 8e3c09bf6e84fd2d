"""« Échéances »: every upcoming deadline across dossiers, re-read whenever it is shown."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding

from anef_tui.domain.deadlines import NO_DATE
from anef_tui.ui.screens.donnees import DonneesKey, donnees_binding
from anef_tui.ui.screens.followup_common import delay_text, fr, prolongation_alert
from anef_tui.ui.screens.guarded import Screen
from anef_tui.ui.widgets.footer import Footer
from anef_tui.ui.widgets.header import Header
from anef_tui.ui.widgets.plain import DataTable, Static


class DeadlinesScreen(DonneesKey, Screen):
    """All deadlines, overdue first, with days left in words (not only in colour).

    Read from the kept deadlines (store/deadlines.py) in a worker thread, a page at a time:
    the first page is painted as soon as it is read, the next one when the cursor comes
    near the end of what is shown. Nothing is recomputed, whatever the number of dossiers.
    Read again whenever the screen is shown again (a decision recorded meanwhile).
    """

    BINDINGS = [
        Binding("escape", "close", "Mes dossiers", id="deadlines.close",
                tooltip="Retour à Mes dossiers"),
        Binding("ctrl+o", "open", "Ouvrir", id="deadlines.open",
                tooltip="Ouvrir les notifications du dossier"),
        donnees_binding("deadlines"),
    ]

    WIDE = 100  # below this width, « 10 j » instead of « dans 10 jours »
    PAGE = 100  # rows read and added at a time
    MAX_WARNINGS = 5

    def __init__(self) -> None:
        super().__init__()
        self.rows: list = []
        self._total = 0
        self._loading = False
        self._exhausted = False
        self._keep: tuple | None = None  # the deadline to put the cursor back on

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="")
        yield Static("", id="prolongation-warnings", classes="warning", markup=False)
        yield Static("Lecture des échéances…", id="deadlines-intro", classes="intro")
        yield DataTable(id="deadlines", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Échéances"
        table = self.query_one("#deadlines", DataTable)
        table.add_columns("Échéance", "Délai", "Personne", "Pour")
        self.query_one("#prolongation-warnings", Static).display = False
        table.focus()
        self.refresh_rows()

    def on_screen_resume(self) -> None:
        # Back from a dossier's notifications (a decision recorded, a complément answered):
        # what is due is read again.
        if self.is_mounted and self.rows is not None and not self._loading:
            self.refresh_rows()

    def on_resize(self) -> None:
        # 120 → 80 columns: « 10 j » instead of « dans 10 jours » (and back).
        compact = getattr(self, "_compact", None)
        if (self.is_mounted and self.rows is not None and not self._loading
                and compact is not None and compact != (self.app.size.width < self.WIDE)):
            self.refresh_rows()

    def desks_changed(self, change: object) -> None:
        """Another desk changed something (issue 25): read again, the cursor kept on the
        same deadline when it is still in the first page."""
        if self.is_current and not self._loading:
            table = self.query_one("#deadlines", DataTable)
            if self.rows and table.cursor_row is not None:
                self._keep = self.rows[min(table.cursor_row, len(self.rows) - 1)].key
            self.refresh_rows()

    def refresh_rows(self) -> None:
        self._today = self.services.today()
        self._compact = self.app.size.width < self.WIDE
        self.rows = []
        self._exhausted = False
        self._loading = True
        self.query_one("#deadlines", DataTable).clear()
        self._read_first()

    def _index(self):
        from anef_tui.store.deadlines import DeadlineIndex

        return DeadlineIndex(self.services.dossiers)

    @work(thread=True, exclusive=True, group="deadlines")
    def _read_first(self) -> None:
        index = self._index()
        rows = index.page(self._today, limit=self.PAGE)
        total = index.count(self._today)
        alerts, alert_total = index.prolongation_alerts(self._today, limit=self.MAX_WARNINGS)
        self.app.call_from_thread(self._show_first, rows, total, alerts, alert_total)

    @work(thread=True, exclusive=True, group="deadlines")
    def _read_more(self, after: tuple) -> None:
        rows = self._index().page(self._today, after=after, limit=self.PAGE)
        self.app.call_from_thread(self._add_page, rows)

    def _show_first(self, rows: list, total: int, alerts: list, alert_total: int) -> None:
        if not self.is_attached:
            return
        today = self._today
        self._total = total
        warnings = self.query_one("#prolongation-warnings", Static)
        lines = [
            f"{a.applicant_name or '(sans nom)'} — {prolongation_alert(a.date, today)}"
            for a in alerts if a.date is not None  # a prolongation's end always has one
        ]
        if alert_total > len(alerts):
            lines.append(f"… et {alert_total - len(alerts)} autre(s) dans la liste ci-dessous.")
        warnings.update("\n".join(lines))
        warnings.display = bool(lines)
        intro = self.query_one("#deadlines-intro", Static)
        intro.update(
            f"{total:,}".replace(",", "\u202f") + " échéance(s), la plus proche en premier ; "
            "Entrée ouvre les notifications du dossier." if total else
            "Aucune échéance : aucune notification en attente de réponse."
        )
        self._add_page(rows)

    def _add_page(self, rows: list) -> None:
        self._loading = False
        if not self.is_attached:
            return
        if len(rows) < self.PAGE:
            self._exhausted = True
        table = self.query_one("#deadlines", DataTable)
        today, compact = self._today, self._compact
        for d in rows:
            # A task the guide gives no date (issue 22) is listed last, « sans date ».
            table.add_row(fr(d.date) if d.date else NO_DATE,
                          delay_text(d.date, today, compact=compact),
                          d.applicant_name or "(sans nom)", d.label)
        self.rows.extend(rows)
        keep, self._keep = self._keep, None
        index = next((i for i, d in enumerate(self.rows) if d.key == keep), None)
        if index is not None:
            table.move_cursor(row=index)

    @on(DataTable.RowHighlighted, "#deadlines")
    def _near_the_end(self, event: DataTable.RowHighlighted) -> None:
        """Read the next page when the cursor is within a screenful of the last row."""
        if self._loading or self._exhausted or not self.rows:
            return
        if event.cursor_row >= len(self.rows) - 40:
            self._loading = True
            self._read_more(self.rows[-1].key)

    def donnees_dossier(self) -> int | None:
        """The dossier of the deadline under the cursor."""
        if not self.rows:
            return None
        table = self.query_one("#deadlines", DataTable)
        return int(self.rows[min(table.cursor_row, len(self.rows) - 1)].dossier_id)

    @on(DataTable.RowSelected, "#deadlines")
    def action_open(self) -> None:
        table = self.query_one("#deadlines", DataTable)
        if not self.rows:
            return
        deadline = self.rows[min(table.cursor_row, len(self.rows) - 1)]
        from anef_tui.ui.screens.followup.notifications import NotificationsScreen

        self.app.push_screen(NotificationsScreen(deadline.dossier_id))

    def action_close(self) -> None:
        self.app.pop_screen()
