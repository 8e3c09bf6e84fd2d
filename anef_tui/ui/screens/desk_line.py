"""The line above an open dossier's form that says what other desks do with it (issue 25):
« Ouvert aussi par NOM à un autre poste depuis HH:MM » (presence: said as the dossier opens,
and while the other desk keeps it open) and « Ce dossier a été modifié à un autre poste à
HH:MM » (a change from elsewhere, told by the store's change feed). It informs, never
blocks; what is being typed is left as it is, and a save after a change from elsewhere goes
through the conflict dialog (the version the screen read is kept: `drafts.py`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.widget import Widget

from anef_tui.store.desks import Change
from anef_tui.store.desks.presence import presence_line
from anef_tui.store.errors import DossierGone, StoreError
from anef_tui.ui.widgets.plain import Static

if TYPE_CHECKING:
    from anef_tui.ui.screens.guarded import Screen

    _Host = Screen[Any]  # what the mixin is mixed into, for the type checker
else:
    _Host = object

LINE_ID = "desks"


#: Said when another desk abandoned the dossier or erased its person while it is open here.
GONE_LINE = "Ce dossier n'existe plus : il a été abandonné ou effacé à un autre poste."


def modified_line(updated_at: str) -> str:
    return f"Ce dossier a été modifié à un autre poste à {updated_at[11:16]}"


class DeskLine(_Host):
    """Mixed into DossierScreen: enters the dossier's presence at mount, leaves at unmount,
    and keeps the line above the form up to date (named handlers: a plain mixin)."""

    dossier_id: int
    _desk_entered = False
    _desk_seen_version: int | None = None
    _desk_modified: str | None = None  # when another desk changed it, as stored

    # `Any`: the screens' own `on_mount` (Textual calls every class's) may be async.
    def on_mount(self) -> Any:
        desk = self.services.desk
        desk.presence.enter(self.dossier_id)
        self._desk_entered = True
        try:
            self._desk_seen_version = self.services.dossiers.version(self.dossier_id)
        except StoreError:
            self._desk_seen_version = None
        self.refresh_desk_line()

    def on_unmount(self) -> None:
        if self._desk_entered:
            self._desk_entered = False
            self.services.desk.presence.leave(self.dossier_id)

    def on_screen_resume(self) -> None:
        if self.is_mounted:
            self.refresh_desk_line()

    def desks_changed(self, change: Change) -> None:
        """The store's feed: another desk changed something (maybe this dossier), or one
        holding it open went away."""
        if change.dossier_id not in (None, self.dossier_id):
            return
        self.refresh_desk_line()

    def _version_read(self) -> int | None:
        """The version this screen's saves are checked against (a form's), else the one
        read at mount."""
        return getattr(self, "version", self._desk_seen_version)

    def refresh_desk_line(self) -> None:
        try:
            record = self.services.dossiers.get(self.dossier_id)
            others = self.services.desk.presence.others(self.dossier_id)
        except DossierGone:
            self._show_desk_line(GONE_LINE)  # a save says « introuvable », the typing kept
            return
        except StoreError:
            return  # the base busy a moment: the next change reads it
        read = self._version_read()
        if read is not None and record.version != read:
            self._desk_modified = record.summary.updated_at
        elif read is not None:
            self._desk_modified = None
        lines = []
        if self._desk_modified:
            lines.append(modified_line(self._desk_modified))
        if others:
            lines.append(presence_line(others))
        self._show_desk_line("\n".join(lines))

    def _show_desk_line(self, text: str) -> None:
        found = self.query(f"#{LINE_ID}")
        line = found.first(Static) if found else None
        if line is None:
            if not text:
                return
            line = Static(text, id=LINE_ID, classes="desks")
            self.mount(line, after=self._desk_line_anchor())
            return
        line.update(text)
        line.display = bool(text)

    def _desk_line_anchor(self) -> Widget:
        """Above the form: below the progress bar, or the title line where there is none."""
        for selector in ("#progress", "Header"):
            found = self.query(selector)
            if found:
                return found.first()
        return self.children[0]
