"""« Ce que anef-tui sait de vous » (issue 24 item 3): the key that makes the applicant's
PDF, on « Mes dossiers » (the dossier under the cursor), on an open dossier's screens and
on its follow-up (« Mes Notifications », a notification, « Échéances »: the row's). A
mixin: each screen says which dossier it is about (`donnees_dossier`, its `dossier_id`
unless it says otherwise) and carries `donnees_binding(…)`. The PDF is made in a worker,
kept like the other PDFs (sealed in an encrypted folder), exported to `<data>/exports` and
journalled; the toast gives the path. Served (issue 26): sent to the browser, not exported."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.binding import Binding

from anef_tui.ui.delivery import tell_handed

if TYPE_CHECKING:
    from typing import Any

    from anef_tui.ui.screens.guarded import Screen

    _Host = Screen[Any]  # what the mixin is mixed into, for the type checker
else:
    _Host = object

#: The document's title, as the palette and F1 say it.
DONNEES_TITLE = "Ce que anef-tui sait de vous"
#: What the toast says above the path.
DONNEES_SAVED = "« Ce que anef-tui sait de vous » exporté, à remettre à la personne"


def donnees_binding(screen: str) -> Binding:
    """Ctrl+G (« ce que anef-tui garde »): free on every screen and in every text field;
    not in the footer (already full at 80 columns), listed by F1 and the palette."""
    return Binding("ctrl+g", "donnees", "Données", id=f"{screen}.donnees",
                   tooltip=DONNEES_TITLE, show=False)


class DonneesKey(_Host):
    """Mixin of a screen about one dossier."""

    def donnees_dossier(self) -> int | None:
        """The dossier the screen is about: its `dossier_id` (a list says the row's)."""
        dossier_id = getattr(self, "dossier_id", None)
        return dossier_id if isinstance(dossier_id, int) else None

    def action_donnees(self) -> None:
        dossier_id = self.donnees_dossier()
        if dossier_id is None:
            self.notify("Aucun dossier sélectionné.", severity="warning")
            return
        self.make_donnees(dossier_id)

    @work(thread=True, group="pdf")
    def make_donnees(self, dossier_id: int) -> None:
        handout = self.services.hand_donnees(dossier_id)
        self.app.call_from_thread(tell_handed, self.app, handout, DONNEES_SAVED, timeout=10)
