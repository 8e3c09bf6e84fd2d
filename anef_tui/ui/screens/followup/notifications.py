"""« Mes Notifications » of one dossier: the list, the filter, « Clôturée »."""

from __future__ import annotations

import textwrap

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding

from anef_tui.oserrors import error_text
from anef_tui.ui.screens.donnees import DonneesKey, donnees_binding
from anef_tui.ui.screens.followup_common import fr
from anef_tui.ui.screens.guarded import Screen
from anef_tui.ui.widgets.footer import Footer
from anef_tui.ui.widgets.header import Header
from anef_tui.ui.widgets.plain import DataTable, Static


class NotificationsScreen(DonneesKey, Screen):
    WIDE = 110  # below this width, the compact table (several lines per notification)
    READ_WIDTH = 16  # « Lu le 08/11/2023 »

    BINDINGS = [
        Binding("ctrl+n", "record", "Enregistrer", id="notif.new",
                tooltip="Enregistrer une notification reçue"),
        Binding("ctrl+f", "toggle_filter", "Filtrer", id="notif.filter",
                tooltip="Toutes les notifications / non lues"),
        Binding("f8", "closed", "Clôturée", id="notif.closed",
                tooltip="La préfecture a clôturé la demande"),
        Binding("escape", "close", "Mes dossiers", id="notif.close",
                tooltip="Retour à Mes dossiers"),
        donnees_binding("notif"),
    ]

    def __init__(self, dossier_id: int) -> None:
        super().__init__()
        self.dossier_id = dossier_id
        self.only_unread = False

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "closed":
            from anef_tui.domain.status import DossierStatus, can_transition

            status = self.services.dossiers.get(self.dossier_id).summary.status
            return can_transition(status, DossierStatus.CLOTUREE)
        return True

    def action_closed(self) -> None:
        """Record that the administration closed the request (after a confirmation)."""
        from anef_tui.ui.screens.dialogs import ConfirmScreen

        def answered(ok: bool | None) -> None:
            if not ok:
                return
            try:
                self.services.followup.record_closure(self.dossier_id)
            except ValueError as exc:  # TransitionError: French, one line
                self.app.notify(error_text(exc), severity="error", timeout=8)
                return
            self.app.notify("Dossier enregistré comme « Clôturée ».")
            self.refresh_rows()
            self.refresh_bindings()

        self.app.push_screen(
            ConfirmScreen(
                "Demande clôturée",
                "La préfecture a-t-elle clôturé cette demande (par exemple parce que les "
                "compléments n'ont pas été fournis dans le délai) ? Le dossier passera à "
                "l'état « Clôturée » et n'aura plus d'échéance.",
                confirm_label="Enregistrer la clôture",
            ),
            answered,
        )

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="")
        # The site's page heading, with its capital N (seed 000 l. 1468).
        yield Static("Mes Notifications", classes="step-heading")
        yield Static(
            "Vous pouvez suivre votre correspondance avec l'administration ci-dessous. "
            "L'ouverture d'une notification fait office, pour l'administration, d'accusé de "
            "réception et déclenche donc le délai dans lequel vous devez répondre à une "
            "demande de l'agent en charge de votre dossier.",
            classes="intro",
        )
        yield Static("", id="dossier-state")
        # Every deadline of the dossier, each its own (issue 22), as « Échéances » keeps them.
        yield Static("", id="dossier-deadlines", classes="notice")
        yield Static("", id="filter-label")
        yield DataTable(id="notifications", cursor_type="row", zebra_stripes=True)
        yield Static("", id="notif-empty", classes="intro")
        yield Footer()

    def on_mount(self) -> None:
        record = self.services.dossiers.get(self.dossier_id)
        self.sub_title = f"Mes Notifications — {record.summary.applicant_name or '(sans nom)'}"
        table = self.query_one("#notifications", DataTable)
        self._build_columns(table)
        self.refresh_rows()
        table.focus()

    def on_resize(self) -> None:
        """The terminal resized (120 → 80 columns): the columns are measured again, so that
        « Lu le » and the end of a long title are never past the right edge."""
        table = self.query_one("#notifications", DataTable)
        if self._columns_for == (self.app.size.width < self.WIDE, self.title_width()):
            return
        cursor = table.cursor_row
        table.clear(columns=True)
        self._build_columns(table)
        self.refresh_rows()
        if self.rows:
            table.move_cursor(row=min(cursor, len(self.rows) - 1))

    def _build_columns(self, table: DataTable) -> None:
        self.compact = self.app.size.width < self.WIDE
        self._columns_for = (self.compact, self.title_width())
        # The guide's columns (seed 000 l. 1481, 1628): date · SEJOUR · title and « lue » /
        # « non lue » · « Lu le … », with no header line, as on the site.
        table.show_header = False
        if self.compact:
            # 80 columns: the domain under the date, the title wrapped on several lines, so
            # that no column needs → and no title is cut.
            table.add_column("Date", width=10)
            table.add_column("Notification", width=self.title_width())
            table.add_column("Lu le", width=self.READ_WIDTH)
        else:
            table.add_column("Date", width=10)
            table.add_column("Domaine", width=6)
            table.add_column("Notification", width=self.title_width())
            table.add_column("Lu le", width=self.READ_WIDTH)

    def title_width(self) -> int:
        # Screen width less the date (and domain) and « Lu le » columns, the cells' padding
        # and the scrollbar.
        if self.app.size.width < self.WIDE:
            return max(20, self.app.size.width - 10 - self.READ_WIDTH - 6 - 4)
        return max(20, self.app.size.width - 10 - 6 - self.READ_WIDTH - 8 - 4)

    def on_screen_resume(self) -> None:
        if self.is_mounted:
            self.refresh_rows()

    def desks_changed(self, change: object) -> None:
        """Another desk changed something (issue 25): read again, the cursor kept."""
        if self.is_current:
            table = self.query_one("#notifications", DataTable)
            cursor = table.cursor_row
            self.refresh_rows()
            if self.rows:
                table.move_cursor(row=min(cursor, len(self.rows) - 1))

    def refresh_rows(self) -> None:
        self.rows = self.services.followup.list_notifications(
            self.dossier_id, only_unread=self.only_unread
        )
        table = self.query_one("#notifications", DataTable)
        table.clear()
        summary = self.services.dossiers.get(self.dossier_id).summary
        self.query_one("#dossier-state", Static).update(
            f"État du dossier : {summary.states_label}",
        )
        self._show_deadlines()
        for n in self.rows:
            title = f"{n.title} {'lue' if n.read_on else 'non lue'}"
            read = f"Lu le {fr(n.read_on)}" if n.read_on else ""
            title = "\n".join(textwrap.wrap(title, self.title_width()))
            if self.compact:
                table.add_row(Text(f"{fr(n.received_on)}\n{n.domain}"), Text(title),
                              Text(read), height=None)
            else:
                table.add_row(Text(fr(n.received_on)), Text(n.domain), Text(title), Text(read),
                              height=None)
        self.query_one("#filter-label", Static).update(
            "Filtrer mes notifications : "
            + ("Notifications non lues" if self.only_unread else "Toutes les notifications")
            + " (Ctrl+F pour changer)"
        )
        empty = self.query_one("#notif-empty", Static)
        empty.display = not self.rows
        empty.update(
            "Aucune notification. Quand l'administration en envoie une (sur le site de l'ANEF "
            "ou par e-mail), enregistrez-la ici avec Ctrl+N."
        )

    def _show_deadlines(self) -> None:
        from anef_tui.domain.deadlines import deadline_words
        from anef_tui.domain.text import APP_HELP_PREFIX
        from anef_tui.store.deadlines import DeadlineIndex

        today = self.services.today()
        due = DeadlineIndex(self.services.dossiers).of_dossier(self.dossier_id, today)
        box = self.query_one("#dossier-deadlines", Static)
        box.display = bool(due)
        box.update(APP_HELP_PREFIX + "échéances de ce dossier :\n" + "\n".join(
            "• " + deadline_words(d.date, d.label, today) for d in due))

    def action_toggle_filter(self) -> None:
        self.only_unread = not self.only_unread
        self.refresh_rows()

    @on(DataTable.RowSelected, "#notifications")
    def _open(self) -> None:
        if not self.rows:
            return
        notification = self.rows[self.query_one("#notifications", DataTable).cursor_row]
        self.services.followup.mark_read(notification.id, self.services.today())
        from anef_tui.ui.screens.followup.notification import NotificationScreen

        self.app.push_screen(NotificationScreen(notification.id, self.dossier_id))

    def action_record(self) -> None:
        def recorded(ok: bool | None) -> None:
            if ok:
                self.refresh_rows()

        from anef_tui.ui.screens.followup.record import RecordNotificationScreen

        self.app.push_screen(RecordNotificationScreen(self.dossier_id), recorded)

    def action_close(self) -> None:
        self.app.pop_screen()
