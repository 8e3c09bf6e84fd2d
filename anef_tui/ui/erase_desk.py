"""What the main app does for the erasure and the retention period (issue 24 item 5), as a
mixin of AnefApp: « Effacer cette personne » (the row under the cursor of « Mes
dossiers »), « Personnes à effacer » and « Durée de conservation » in the palette."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual.app import SystemCommand

from anef_tui.store.erasure.words import ERASE_PERSON

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen

    from anef_tui.ui.services import Services

    _App = App[int]
else:
    _App = object


class EraseDesk(_App):
    """Mixin of AnefApp: the erasure's commands."""

    if TYPE_CHECKING:
        services: Services

        def report_fault(self, error: BaseException) -> None: ...

    def erase_person(self, dossier_id: int) -> None:
        """The confirmation dialog, then the erasure and what was done."""
        from anef_tui.store import erasure
        from anef_tui.store.errors import StoreError
        from anef_tui.ui.screens.erase import EraseScreen

        try:
            seen = erasure.preview(self.services.dossiers, dossier_id)
        except (StoreError, OSError) as exc:
            self.report_fault(exc)
            return

        def confirmed(yes: bool | None) -> None:
            if yes:
                self._erase([seen.dossiers[0]])

        self.push_screen(EraseScreen(seen), confirmed)

    def _erase(self, dossiers: list[int]) -> None:
        from anef_tui.store import erasure
        from anef_tui.store.erasure.words import done_message
        from anef_tui.store.errors import StoreError

        for dossier in dossiers:
            try:
                done = erasure.erase_person(self.services.dossiers, dossier)
            except (StoreError, OSError) as exc:
                self.report_fault(exc)
                break
            self.notify(done_message(done), timeout=12)
        screen = self.screen
        for name in ("refresh_rows", "refresh_alerts"):
            method = getattr(screen, name, None)
            if callable(method):
                method()

    def show_retention(self) -> None:
        from anef_tui.store.erasure import retention
        from anef_tui.store.erasure.words import due_line
        from anef_tui.ui.screens.erase import RetentionScreen

        months = retention.retention_months(self.services.data_dir)
        due = retention.due(self.services.dossiers, months)

        def confirmed(yes: bool | None) -> None:
            if yes:
                self._erase([item.dossiers[0] for item in due])

        self.push_screen(RetentionScreen([due_line(item) for item in due], months), confirmed)

    def change_retention(self) -> None:
        from anef_tui.store.erasure import retention
        from anef_tui.ui.screens.erase import PeriodScreen

        def kept(months: int | None) -> None:
            if months is not None:
                self.notify(f"Durée de conservation enregistrée : {months} mois.", timeout=6)
                refresh = getattr(self.screen, "refresh_alerts", None)
                if callable(refresh):
                    refresh()

        self.push_screen(PeriodScreen(retention.retention_months(self.services.data_dir)),
                         kept)

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
