"""« Mes dossiers »: the search field above the table, searched as you type (once, on the
last text, when keys arrive in a burst), and the keys between the field and the table."""

from __future__ import annotations

from typing import TYPE_CHECKING

from anef_tui.ui.widgets.plain import DataTable, Input

if TYPE_CHECKING:
    from typing import Any

    from anef_tui.ui.screens.guarded import Screen

    _Host = Screen[Any]  # what the mixin is mixed into, for the type checker
else:
    _Host = object


class HomeSearch(_Host):
    """The search of « Mes dossiers » (mixed into HomeScreen, which lists the rows)."""

    _search_pending: bool
    _rows_query: str | None  # the search text the rows were listed for
    _rows: list

    def refresh_rows(self, select_id: int | None = None, all_at_once: bool = False) -> None:
        raise NotImplementedError  # the screen lists the rows of `query_text`

    @property
    def query_text(self) -> str:
        return self.query_one("#filter", Input).value

    # Named handlers (not `@on`): Textual collects decorated handlers only on its own
    # classes, and this mixin is not one.
    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id != "filter":
            return
        # Debounced without a delay: the keys already waiting (fast typing, a paste) are
        # all handled before the search runs, once, on the last text.
        if not self._search_pending:
            self._search_pending = True
            self.call_later(self._run_search)

    def _run_search(self) -> None:
        self._search_pending = False
        if self.is_attached and self._rows_query != self.query_text:
            self.refresh_rows()

    def _settle_search(self) -> None:
        """Run the search now if the rows are not those of the text in the field (its
        Changed message may still be on its way, or waiting for the debounce)."""
        if self._rows_query != self.query_text:
            self._run_search()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id != "filter":
            return
        self._settle_search()
        if self._rows:
            self.query_one("#dossiers", DataTable).focus()

    def on_key(self, event) -> None:
        # Down from the search field goes to the table, as in a search box with results.
        if event.key == "down" and self.focused is self.query_one("#filter", Input):
            self._settle_search()
            if self._rows:
                self.query_one("#dossiers", DataTable).focus()
                event.stop()

    # -- actions --------------------------------------------------------------------
    def action_focus_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_clear_filter(self) -> None:
        filt = self.query_one("#filter", Input)
        if filt.value:
            filt.value = ""
        if self._rows:
            self.query_one("#dossiers", DataTable).focus()
