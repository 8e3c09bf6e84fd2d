"""The journal in the application (issue 24): the worker's name, asked once per desk, and a
dossier's entries (date, worker, front end, action, details), exportable as text.

Both are dialogs opened by the App (at start, from the palette): they read and write
through the services, never SQLite.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical

from anef_tui.oserrors import error_message
from anef_tui.store.journal.reading import Entry
from anef_tui.ui.screens.guarded import ModalScreen
from anef_tui.ui.widgets.plain import Button, DataTable, ErrorLine, Input, Label, Static

WORKER_TITLE = "Votre nom (aidant)"
WORKER_WHY = (
    "Le journal de chaque dossier note qui a fait quoi et quand. Saisissez votre nom : il "
    "est gardé pour ce dossier de données et se change depuis la palette (Ctrl+P, « Changer "
    "le nom de l'aidant »)."
)


class WorkerNameScreen(ModalScreen[str | None]):
    """« Votre nom (aidant) »: Entrée keeps it; Échap leaves it (entries say « (non
    renseigné) » until a name is given). Gives back the name as kept, or None."""

    BINDINGS = [Binding("escape", "close", "Plus tard", id="worker.close")]

    def __init__(self, current: str = "") -> None:
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="worker"):
            yield Label(WORKER_TITLE, classes="dialog-title")
            yield Static(WORKER_WHY, classes="question")
            yield Input(value=self.current, id="worker-name", max_length=80,
                        placeholder="Prénom Nom")
            yield ErrorLine(id="worker-problem")
            with Horizontal(classes="buttons"):
                yield Button("Enregistrer", id="save", variant="primary")
                yield Button("Plus tard", id="later")

    def on_mount(self) -> None:
        self.query_one("#worker-name", Input).focus()

    @on(Input.Submitted, "#worker-name")
    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        from anef_tui.preferences import save_worker_name

        typed = self.query_one("#worker-name", Input).value
        try:
            kept = save_worker_name(self.services.data_dir, typed)
        except ValueError as exc:
            self.query_one("#worker-problem", ErrorLine).update(str(exc))
            self.query_one("#worker-name", Input).focus()
            return
        except OSError as exc:
            self.query_one("#worker-problem", ErrorLine).update(
                f"Le nom n'a pas pu être enregistré. {error_message(exc)}")
            return
        self.dismiss(kept)

    @on(Button.Pressed, "#later")
    def action_close(self) -> None:
        self.dismiss(None)


class JournalScreen(ModalScreen[None]):
    """The entries of one dossier's journal, one row each (the row under the cursor is read
    whole); F5 exports them as a text file in the exports folder."""

    BINDINGS = [
        Binding("escape", "close", "Fermer", id="journal.close"),
        Binding("f5", "export", "Exporter le journal", id="journal.export"),
    ]

    def __init__(self, dossier_id: int) -> None:
        super().__init__()
        self.dossier_id = dossier_id
        self._entries: dict[str, Entry] = {}
        self._brought: dict[str, Entry] = {}

    def compose(self) -> ComposeResult:
        from anef_tui.store.journal import dossier_entries
        from anef_tui.store.journal.imported import HEADING, imported_entries

        database = self.services.dossiers.database
        entries = dossier_entries(database, self.dossier_id)
        brought = imported_entries(database, self.dossier_id)
        self._entries = {str(entry.seq): entry for entry in entries}
        self._brought = {f"paquet-{entry.seq}": entry for entry in brought}
        with Vertical(classes="dialog", id="journal"):
            yield Label(f"Journal du dossier n° {self.dossier_id}", classes="dialog-title")
            count = len(entries)
            said = (f"{count} entrée{'s' if count > 1 else ''}, de la plus ancienne à "
                    "la plus récente.")
            if brought:  # the source desk's part first, said in words (not by colour)
                said = (f"{HEADING} : {len(brought)} entrée{'s' if len(brought) > 1 else ''} "
                        f"(lignes « Paquet — … »), puis ce poste : {said}")
            yield Static(said, id="journal-count", classes="question")
            table: DataTable = DataTable(id="journal-entries", cursor_type="row",
                                         zebra_stripes=False)
            table.add_columns("Date", "Action", "Aidant")
            for key, entry in self._brought.items():
                table.add_row(entry.when, f"Paquet — {entry.label}", entry.worker_shown,
                              key=key)
            for entry in entries:
                table.add_row(entry.when, entry.label, entry.worker_shown, key=str(entry.seq))
            yield table
            # The entry under the cursor, whole and wrapped (its front end, its details):
            # the table's columns do not hold it at 80 columns.
            yield Static("", id="journal-entry", classes="question")
            with Horizontal(classes="buttons"):
                yield Button("Exporter le journal (F5)", id="export")
                yield Button("Fermer", id="close")

    def on_mount(self) -> None:
        table = self.query_one("#journal-entries", DataTable)
        if table.row_count:
            table.move_cursor(row=table.row_count - 1)
            table.focus()
        else:
            self.query_one("#close", Button).focus()

    @on(DataTable.RowHighlighted, "#journal-entries")
    def _entry_shown(self, event: DataTable.RowHighlighted) -> None:
        key = str(event.row_key.value)
        entry = self._entries.get(key)
        brought = self._brought.get(key)
        from anef_tui.store.journal.imported import HEADING

        self.query_one("#journal-entry", Static).update(
            f"Entrée n° {entry.seq} : {entry.line()}" if entry is not None else
            f"{HEADING}, entrée n° {brought.seq} : {brought.line()}" if brought is not None
            else "")

    @on(Button.Pressed, "#export")
    def action_export(self) -> None:
        from anef_tui.ui.delivery import hand_over

        try:
            handout = self.services.hand_journal(self.dossier_id)
        except OSError as exc:
            self.notify(f"Le journal n'a pas pu être exporté. {error_message(exc)}",
                        severity="error", timeout=10)
            return
        said = hand_over(self.app, handout, "Journal exporté en clair")[0]
        self.query_one("#journal-count", Static).update(said)
        self.notify(said, timeout=8)

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        self.dismiss(None)
