"""What the main app does for the erasure and the retention period (issue 24 item 5), as a
mixin of AnefApp: « Effacer cette personne » (the row under the cursor of « Mes
dossiers »), « Personnes à effacer » and « Durée de conservation » in the palette."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING

from textual.app import SystemCommand

from anef_tui.accounts.settings import retention_months as base_retention
from anef_tui.store.erasure.words import ERASE_PERSON

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen

    from anef_tui.store.erasure import Checkpoint
    from anef_tui.ui.screens.erase import Erasing
    from anef_tui.ui.services import Services

    _App = App[int]
else:
    _App = object


class EraseDesk(_App):
    """Mixin of AnefApp: the erasure's commands."""

    if TYPE_CHECKING:
        services: Services

        def report_fault(self, error: BaseException) -> None: ...

    #: Called with a step's name after each durable step of an erasure, in the worker's
    #: thread (`erasure.Checkpoint`); None in use. Tests look at the app from there.
    erasure_steps: Checkpoint | None = None

    def erase_person(self, dossier_id: int) -> None:
        """The confirmation dialog, which runs the erasure in a worker; then what was
        done."""
        from anef_tui.store import erasure
        from anef_tui.store.errors import StoreError
        from anef_tui.ui.screens.erase import EraseScreen

        try:
            seen = erasure.preview(self.services.dossiers, dossier_id)
        except (StoreError, OSError) as exc:
            self.report_fault(exc)
            return
        self.push_screen(EraseScreen(seen, partial(self._erase, [seen.dossiers[0]])),
                         self._erased)

    def _erase(self, dossiers: list[int]) -> Erasing:
        """Erase each person in turn (in a worker's thread: nothing here touches a
        widget); a fault stops there and is given back to be said."""
        from anef_tui.store import erasure
        from anef_tui.store.erasure.words import done_message
        from anef_tui.store.errors import StoreError
        from anef_tui.ui.screens.erase import Erasing

        outcome = Erasing()
        for dossier in dossiers:
            try:
                done = erasure.erase_person(self.services.dossiers, dossier,
                                            checkpoint=self.erasure_steps)
            except (StoreError, OSError) as exc:
                outcome.fault = exc
                break
            outcome.messages.append(done_message(done))
        return outcome

    def _erased(self, outcome: Erasing | None) -> None:
        """What was done, in French (a fault by `report_fault`), and « Mes dossiers »
        read again."""
        if outcome is None:
            return
        for message in outcome.messages:
            self.notify(message, timeout=12)
        if outcome.fault is not None:
            self.report_fault(outcome.fault)
        screen = self.screen
        for name in ("refresh_rows", "refresh_alerts"):
            method = getattr(screen, name, None)
            if callable(method):
                method()

    def show_retention(self) -> None:
        from anef_tui.store.erasure import retention
        from anef_tui.store.erasure.words import due_line
        from anef_tui.ui.screens.erase import RetentionScreen

        months = base_retention(self.services.dossiers)
        due = retention.due(self.services.dossiers, months)
        erase = partial(self._erase, [item.dossiers[0] for item in due])
        self.push_screen(RetentionScreen([due_line(item) for item in due], months, erase),
                         self._erased)

    def change_retention(self) -> None:
        from anef_tui.accounts.settings import may_set_retention
        from anef_tui.ui.screens.erase import PeriodScreen

        if not may_set_retention(self.services.dossiers, self.services.session):
            self.notify("Seul un référent de la structure peut changer la durée de "
                        "conservation de la base.", title="Durée de conservation",
                        severity="warning", timeout=8)
            return

        def kept(months: int | None) -> None:
            if months is not None:
                self.notify(f"Durée de conservation enregistrée : {months} mois.", timeout=6)
                refresh = getattr(self.screen, "refresh_alerts", None)
                if callable(refresh):
                    refresh()

        self.push_screen(PeriodScreen(base_retention(self.services.dossiers)), kept)

    def erase_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        selected = getattr(screen, "selected_id", None)
        dossier_id = selected() if callable(selected) else None
        if isinstance(dossier_id, int):
            yield SystemCommand(
                ERASE_PERSON,
                f"Effacer définitivement la personne du dossier n° {dossier_id}, ses fichiers "
                "et ses dossiers liés, et dans les sauvegardes",
                lambda: self.erase_person(dossier_id),
            )
        yield SystemCommand("Personnes à effacer",
                            "Les personnes dont la durée de conservation est passée",
                            self.show_retention)
        yield SystemCommand("Durée de conservation",
                            "Après combien de mois une démarche finie est à effacer",
                            self.change_retention)
