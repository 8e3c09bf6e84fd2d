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

    def action_submit_search(self) -> None:
        """Entrée in the search field: the rows of its text, and the focus on them before
        the next key (a priority key: the App runs it before it hands on the next Entrée,
        which then opens the first result). Elsewhere Entrée does what it does there."""
        from textual.actions import SkipAction

        if self.focused is not self.query_one("#filter", Input):
            raise SkipAction()
        self._settle_search()
        if self._rows:
            self._focus_now(self.query_one("#dossiers", DataTable))

    def _focus_now(self, widget) -> None:
        """The focus moves before the next key is handled (`Screen.set_focus`): the keys
        typed in the same burst — Ctrl+F and a name, Entrée and Entrée — reach the widget
        they were typed for (`Widget.focus` moves it one turn later: the name went to the
        table, the second Entrée to the field)."""
        self.set_focus(widget)

    def on_key(self, event) -> None:
        # Down from the search field goes to the table, as in a search box with results.
        if event.key == "down" and self.focused is self.query_one("#filter", Input):
            self._settle_search()
            if self._rows:
                self._focus_now(self.query_one("#dossiers", DataTable))
                event.stop()

    # -- actions --------------------------------------------------------------------
    def action_focus_filter(self) -> None:
        self._focus_now(self.query_one("#filter", Input))

    def action_clear_filter(self) -> None:
        filt = self.query_one("#filter", Input)
        if filt.value:
            filt.value = ""
        if self._rows:
            self.query_one("#dossiers", DataTable).focus()
