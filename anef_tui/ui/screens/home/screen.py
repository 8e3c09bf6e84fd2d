"""« Mes dossiers »: every dossier in a table, filtered as you type, with keys to act on them."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical

from anef_tui.documents.where import abandon_question
from anef_tui.domain.consent import ConsentTerms, default_terms
from anef_tui.store.dossiers import COUNT_CAP, DossierSummary
from anef_tui.ui.format import fr_datetime, procedure_label, step_label
from anef_tui.ui.screens.donnees import DonneesKey, donnees_binding
from anef_tui.ui.screens.guarded import Screen
from anef_tui.ui.screens.home.alerts import ALERTS_DELAY, HomeAlerts
from anef_tui.ui.screens.home.consent import HomeConsent
from anef_tui.ui.screens.home.rows import deadline_text, states_cell
from anef_tui.ui.screens.home.search import HomeSearch
from anef_tui.ui.screens.home.words import empty_text
from anef_tui.ui.widgets.footer import Footer
from anef_tui.ui.widgets.header import Header
from anef_tui.ui.widgets.plain import DataTable, Input, Static


class HomeScreen(HomeSearch, HomeAlerts, HomeConsent, DonneesKey, Screen):
    """The home screen. Enter opens the selected dossier where it was left."""

    BINDINGS = [
        # The keys that matter first: at 80 columns the footer shows what fits, in this
        # order, and F1 lists them all with their full label (tooltip).
        Binding("ctrl+n", "new_dossier", "Nouveau", id="home.new", tooltip="Nouveau dossier"),
        Binding("ctrl+o", "open_dossier", "Ouvrir", id="home.open",
                tooltip="Ouvrir / reprendre le dossier sélectionné"),
        # Priority keys (run by the App before it hands on the next key): Ctrl+F and a name
        # typed together reach the field, Entrée and Entrée the results (search.py).
        Binding("ctrl+f", "focus_filter", "Chercher", id="home.search",
                tooltip="Rechercher un dossier", priority=True),
        Binding("f4", "notifications", "Notifications", id="home.notifications",
                tooltip="Mes Notifications du dossier sélectionné"),
        Binding("f6", "deadlines", "Échéances", id="home.deadlines",
                tooltip="Échéances de tous les dossiers"),
        Binding("f8", "abandon_dossier", "Abandonner", id="home.abandon",
                tooltip="Abandonner la demande"),
        Binding("ctrl+r", "renew_from", "Renouveler", id="home.renew",
                tooltip="Renouveler à partir de ce dossier"),
        Binding("f7", "renew_consent", "Consentement", id="home.consent",
                tooltip="Renouveler le consentement"),
        Binding("f5", "withdraw_consent", "Retirer", id="home.withdraw",
                tooltip="Retirer le consentement"),
        donnees_binding("home"),
        Binding("escape", "clear_filter", "Effacer la recherche", id="home.clear", show=False),
        # Not a key of its own (not in F1 nor the palette): Entrée in the field, made sure.
        Binding("enter", "submit_search", "", show=False, priority=True),
    ]

    # Focus the table from the first frame (not the search field, then the table: each
    # focus change restyles and repaints both); the search field when there are no rows.
    AUTO_FOCUS = "#dossiers"

    MAX_ROWS = 100  # the most urgent/recent first; the search finds the others
    FIRST_ROWS = 30
    WIDE = 110  # below this width, compact cells keep the table within 80 columns

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[DossierSummary] = []
        self._compact: bool | None = None
        self._generation = 0
        self._select_after: int | None = None
        self._search_pending = False
        self._rows_query: str | None = None  # the search text the rows were listed for
        self._shown_stamp: tuple | None = None

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="")
        with Vertical(id="home"):
            yield Input(
                placeholder="Rechercher un dossier (nom, démarche, état, n° de demande)…",
                id="filter",
            )
            yield DataTable(id="dossiers", cursor_type="row", zebra_stripes=True)
            yield Static("", id="more")
            yield Static(empty_text(self.services.dossiers.database.on_server), id="empty")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Mes dossiers"
        self._compact = self.app.size.width < self.WIDE
        self._build_columns()
        # The rows are added now, before the screen is shown. The table measures their
        # widths when it next goes idle, in practice before Textual's ScreenResume handler
        # paints the first frame: the cells are rendered once. (Added on ScreenResume, they
        # were painted with unmeasured widths, then again when the table got its size; see
        # bench/startup.py.)
        self.refresh_rows(all_at_once=True)
        self._first_show = True

    def _build_columns(self) -> None:
        table = self.query_one("#dossiers", DataTable)
        table.clear(columns=True)
        # Text labels: a str label is read as Rich markup, whose first use loads Rich's
        # table of emoji codes (~6 ms of start-up).
        for label, key in (
            ("Personne", "name"),
            ("Démarche", "procedure"),
            ("État", "status"),
            ("Étape", "step"),
            ("Enregistré" if self._compact else "Enregistré le", "updated"),
            ("Échéance", "deadline"),
        ):
            table.add_column(Text(label), key=key)

    def on_resize(self) -> None:
        compact = self.app.size.width < self.WIDE
        if compact != self._compact:
            self._compact = compact
            self._build_columns()
            self.refresh_rows()

    def on_screen_resume(self) -> None:
        if not self._first_show:
            # Back from a dossier: states, steps and dates may differ. Back from a screen
            # that changed nothing (F6, F4), the rows are kept: rebuilding them was most of
            # the return's UI-thread block (bench/scale.py).
            if self._shown_stamp != self._stamp():
                self.refresh_rows()
            self.refresh_alerts()
            return
        self._first_show = False
        if not self._rows:
            self.query_one("#filter", Input).focus()
        # After the first paint: the alerts read every notification.
        self.set_timer(ALERTS_DELAY, self.refresh_alerts)

    # -- data --------------------------------------------------------------------------
    def _stamp(self) -> tuple:
        """What the rows depend on: the data, the day (« dans 3 j. »), the search."""
        return (self.services.desk.stamp(), self.services.today(), self.query_text,
                self._compact)

    def desks_changed(self, change: object) -> None:
        """Another desk changed something (issue 25): the rows read again, the selection
        and the search text kept; under a dossier, at the return (`on_screen_resume`)."""
        if self.is_current and self._shown_stamp != self._stamp():
            self.refresh_rows()

    def refresh_rows(self, select_id: int | None = None, all_at_once: bool = False) -> None:
        table = self.query_one("#dossiers", DataTable)
        self._shown_stamp = self._stamp()
        previous = self.selected_id() if select_id is None else select_id
        self._rows_query = self.query_text
        self._rows = self.services.dossiers.list(self._rows_query, limit=self.MAX_ROWS)
        more = self.query_one("#more", Static)
        total = len(self._rows)
        if total == self.MAX_ROWS:
            # Counted from the index, and no further than COUNT_CAP.
            total = self.services.dossiers.count(self.query_text, cap=COUNT_CAP + 1)
        more.display = total > len(self._rows)
        if more.display:
            among = (f"plus de {COUNT_CAP:,}" if total > COUNT_CAP else f"{total:,}")
            more.update(
                f"{len(self._rows)} dossiers affichés sur {among} : ".replace(",", "\u202f")
                + "tapez un nom ou un numéro pour trouver les autres."
            )
        table.clear()
        self._select_after = previous
        self._generation += 1
        if all_at_once:
            self._add_rows(self._rows)
        else:
            # A screenful first, the rest after the next frame (typing in the search field).
            self._add_rows(self._rows[: self.FIRST_ROWS])
            if len(self._rows) > self.FIRST_ROWS:
                self.call_after_refresh(
                    self._add_rows, self._rows[self.FIRST_ROWS :], self._generation
                )
        self._update_empty_state()

    def _add_rows(self, rows: list[DossierSummary], generation: int | None = None) -> None:
        if generation is not None and generation != self._generation:
            return  # the filter changed meanwhile: these rows are stale
        table = self.query_one("#dossiers", DataTable)
        catalogue = self.services.index
        today = self.services.today()
        for row in rows:
            procedure = catalogue.get(row.procedure)
            deadline = deadline_text(row, today, bool(self._compact))
            compact = bool(self._compact)
            name = row.applicant_name or "(sans nom)"
            cells = (
                name if not compact or len(name) <= 16 else name[:15] + "…",
                procedure_label(procedure, row.procedure, compact=compact),
                states_cell(row, compact),
                step_label(procedure, row.current_step, compact=compact),
                fr_datetime(row.updated_at, compact=compact),
                deadline,
            )
            # Text, not str: a DataTable parses a str cell as Rich markup (time spent before
            # the first paint), and a name typed by the user is not markup (« [b] » would
            # vanish). A dossier in several states at once (issue 22) has one line per state.
            table.add_row(*(Text(cell, no_wrap=True, end="") for cell in cells), key=str(row.id),
                          height=len(row.states))
        self._restore_cursor()
        self.refresh_bindings()  # the row under the cursor may be another one now

    def action_notifications(self) -> None:
        from anef_tui.ui.screens.followup import NotificationsScreen

        row = self.selected()
        if row is None:
            self.notify("Aucun dossier sélectionné.", severity="warning")
            return
        if row.status.editable:
            self.notify("Les notifications arrivent après le dépôt : ce dossier n'est pas "
                        "encore déposé.", severity="warning")
            return
        follow_up_ready()
        self.app.push_screen(NotificationsScreen(row.id))

    def action_deadlines(self) -> None:
        from anef_tui.ui.screens.followup import DeadlinesScreen

        follow_up_ready()
        self.app.push_screen(DeadlinesScreen())

    def _restore_cursor(self) -> None:
        if self._select_after is None:
            return
        table = self.query_one("#dossiers", DataTable)
        for index, row in enumerate(self._rows[: table.row_count]):
            if row.id == self._select_after:
                table.move_cursor(row=index)
                self._select_after = None
                return

    def _update_empty_state(self) -> None:
        empty = self.query_one("#empty", Static)
        table = self.query_one("#dossiers", DataTable)
        self.AUTO_FOCUS = "#dossiers" if self._rows else "#filter"  # type: ignore[misc]
        if self._rows:
            empty.display = False
            table.display = True
            return
        table.display = False
        empty.display = True
        if self.query_text.strip():
            empty.update(
                f"Aucun dossier ne correspond à « {self.query_text.strip()} ».\n\n"
                "Échap efface la recherche ; Ctrl+N crée un nouveau dossier."
            )
        else:
            empty.update(empty_text(self.services.dossiers.database.on_server))

    def selected_id(self) -> int | None:
        table = self.query_one("#dossiers", DataTable)
        if not self._rows or table.cursor_row is None:
            return None
        index = min(max(table.cursor_row, 0), len(self._rows) - 1)
        return self._rows[index].id

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """F8 « Abandonner » only for a dossier being typed: a filed one is never abandoned,
        so neither the footer, F1 nor the palette offers it while its row has the cursor."""
        if action == "abandon_dossier":
            dossier_id = self.selected_id() if self.is_mounted else None
            row = next((r for r in self._rows if r.id == dossier_id), None)
            return row is None or row.status.editable
        return True

    @on(DataTable.RowHighlighted, "#dossiers")
    def _cursor_moved(self) -> None:
        self.refresh_bindings()  # what the footer, F1 and the palette offer follows the row

    def donnees_dossier(self) -> int | None:
        row = self.selected()
        return row.id if row is not None else None

    def selected(self) -> DossierSummary | None:
        """The dossier under the cursor, among the rows for the text now in the search field
        (a search still waiting for its debounce runs first: « HAMIDI », Entrée, F4 typed in
        one burst acts on HAMIDI, not on the row that was first before the search)."""
        self._settle_search()
        dossier_id = self.selected_id()
        return next((r for r in self._rows if r.id == dossier_id), None)

    # -- events ------------------------------------------------------------------------
    @on(DataTable.RowSelected, "#dossiers")
    def _row_selected(self) -> None:
        self.action_open_dossier()

    # -- actions -----------------------------------------------------------------------
    def action_new_dossier(self) -> None:
        from anef_tui.ui.screens.dialogs import NewDossierScreen

        def created(result: tuple[str, str, ConsentTerms] | None) -> None:
            if result is None:
                return
            procedure_id, name, terms = result
            dossier_id = self.services.dossiers.create(
                procedure_id, applicant_name=name, consent=terms
            )
            self.query_one("#filter", Input).value = ""
            self.refresh_rows(select_id=dossier_id)
            self.make_mandate(dossier_id, said_first="Dossier créé.")
            self._open(dossier_id)

        self.app.push_screen(NewDossierScreen(self.services.index), created)

    def action_open_dossier(self) -> None:
        row = self.selected()
        dossier_id = row.id if row else None
        if dossier_id is None:
            self.notify("Aucun dossier sélectionné : créez-en un avec Ctrl+N.", severity="warning")
            return
        self._open(dossier_id)

    def _open(self, dossier_id: int) -> None:

        self.navigation.open_dossier(dossier_id)

    def action_renew_from(self) -> None:
        """Start a renewal with the état civil, address and e-mail of the selected dossier."""
        row = self.selected()
        if row is None:
            self.notify("Aucun dossier sélectionné.", severity="warning")
            return
        # The renewal is a new démarche: its consent is recorded with the file's defaults
        # (as Entrée in « Nouveau dossier »), its mandate made; F5 changes it.
        dossier_id = self.services.dossiers.create_renewal_from(
            row.id, consent=default_terms()
        )
        self.make_mandate(dossier_id)
        self.query_one("#filter", Input).value = ""
        self.refresh_rows(select_id=dossier_id)
        self.notify(
            f"Renouvellement créé à partir du dossier de {row.applicant_name or '(sans nom)'} : "
            "complétez le numéro et les dates de votre titre actuel.",
            timeout=6,
        )
        self._open(dossier_id)

    def action_abandon_dossier(self) -> None:
        from anef_tui.ui.screens.dialogs import ConfirmScreen

        row = self.selected()
        if row is None:
            self.notify("Aucun dossier sélectionné.", severity="warning")
            return
        if not row.status.editable:
            self.notify(
                f"Ce dossier est « {row.status.label} » : il ne peut plus être abandonné ici.",
                severity="error",
            )
            return
        name = row.applicant_name or "(sans nom)"

        def confirmed(ok: bool | None) -> None:
            if not ok:
                return
            self.services.dossiers.abandon(row.id)
            self.refresh_rows()
            self.notify(f"La demande de {name} a été abandonnée.", timeout=4)

        self.app.push_screen(
            ConfirmScreen(
                "Abandonner la demande",
                abandon_question(name, self.services.dossiers.database.on_server),
                confirm_label="Abandonner la demande",
            ),
            confirmed,
        )


def follow_up_ready() -> None:
    """Before a follow-up screen opens: its notification kinds files read. One that cannot
    be used raises here, before anything is pushed; the App says so (a fault: `ui/errors.py`)
    and « Mes dossiers » stays as it was."""
    from anef_tui.domain.notification_kinds import kinds

    kinds()
