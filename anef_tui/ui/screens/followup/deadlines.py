"""« Échéances »: every upcoming deadline across dossiers, re-read whenever it is shown."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Header

from anef_tui.ui.screens.followup_common import delay_text, fr, prolongation_alert
from anef_tui.ui.screens.guarded import Screen
from anef_tui.ui.widgets.footer import Footer
from anef_tui.ui.widgets.plain import DataTable, Static


class DeadlinesScreen(Screen):
    """All deadlines, overdue first, with days left in words (not only in colour)."""

    BINDINGS = [
        Binding("escape", "close", "Mes dossiers", id="deadlines.close",
                tooltip="Retour à Mes dossiers"),
        Binding("ctrl+o", "open", "Ouvrir", id="deadlines.open",
                tooltip="Ouvrir les notifications du dossier"),
    ]

    WIDE = 100  # below this width, « 10 j » instead of « dans 10 jours »

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="")
        yield Static("", id="prolongation-warnings", classes="warning", markup=False)
        yield Static("", id="deadlines-intro", classes="intro")
        yield DataTable(id="deadlines", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Échéances"
        table = self.query_one("#deadlines", DataTable)
        table.add_columns("Échéance", "Délai", "Personne", "Pour")
        self.refresh_rows()
        table.focus()

    def on_screen_resume(self) -> None:
        # Back from a dossier's notifications (a decision recorded, a complément answered):
        # what is due is read again.
        if self.is_mounted:
            self.refresh_rows()

    def refresh_rows(self) -> None:
        today = self.app.clock().date()
        names = {r.id: r.applicant_name or "(sans nom)" for r in self.app.store.list()}
        self.rows = self.app.followup.upcoming_deadlines(today)
        table = self.query_one("#deadlines", DataTable)
        table.clear()
        compact = self.app.size.width < self.WIDE
        for d in self.rows:
            table.add_row(fr(d.date), delay_text(d.date, today, compact=compact),
                          names.get(d.dossier_id, "?"), d.label)
        warnings = self.query_one("#prolongation-warnings", Static)
        alerts = [
            f"{names.get(w.dossier_id, '?')} — {prolongation_alert(w.date, today)}"
            for w in self.app.followup.prolongation_warnings(today)
        ]
        warnings.update("\n".join(alerts))
        warnings.display = bool(alerts)
        intro = self.query_one("#deadlines-intro", Static)
        intro.update(
            f"{len(self.rows)} échéance(s), la plus proche en premier ; Entrée ouvre les "
            "notifications du dossier." if self.rows else
            "Aucune échéance : aucune notification en attente de réponse."
        )

    @on(DataTable.RowSelected, "#deadlines")
    def action_open(self) -> None:
        table = self.query_one("#deadlines", DataTable)
        if not self.rows:
            return
        deadline = self.rows[table.cursor_row]
        from anef_tui.ui.screens.followup.notifications import NotificationsScreen

        self.app.push_screen(NotificationsScreen(deadline.dossier_id))

    def action_close(self) -> None:
        self.app.pop_screen()
