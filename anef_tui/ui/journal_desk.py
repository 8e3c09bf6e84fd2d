"""What the main app does for the journal (issue 24), as a mixin of AnefApp: who acts (the
worker's name, asked once per desk, and the front end), « Changer le nom de l'aidant » and
« Journal du dossier » in the palette."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual.app import SystemCommand

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen

    from anef_tui.ui.services import Services

    _App = App[int]
else:
    _App = object


class JournalDesk(_App):
    """Mixin of AnefApp: the journal's commands."""

    if TYPE_CHECKING:
        services: Services

    def start_journal(self, *, ask: bool) -> None:
        """Who acts: the name kept for this folder (a demonstration folder has its own);
        with `ask` (a real start, not a test's app) and none kept, « Votre nom (aidant) »."""
        from anef_tui.preferences import DEMO_WORKER, worker_name
        from anef_tui.vault.folder import FolderKind, folder_kind

        data_dir = self.services.data_dir
        name = worker_name(data_dir)
        if not name and folder_kind(data_dir) is FolderKind.DEMO:
            name = DEMO_WORKER
        self._act_as(name)
        if ask and not name:
            self.action_worker_name()

    def _act_as(self, name: str) -> None:
        from anef_tui.store.journal.actor import APPLICATION, Actor

        self.services.dossiers.database.actor = Actor(name, APPLICATION)

    def action_worker_name(self) -> None:
        """« Votre nom (aidant) », filled with the current name."""
        from anef_tui.ui.screens.journal import WorkerNameScreen

        def kept(name: str | None) -> None:
            if name:
                self._act_as(name)
                self.notify(f"Nom de l'aidant enregistré : {name}", timeout=6)

        current = self.services.dossiers.database.actor.name
        self.push_screen(WorkerNameScreen(current), kept)

    def open_journal(self, dossier_id: int) -> None:
        from anef_tui.ui.screens.journal import JournalScreen

        self.push_screen(JournalScreen(dossier_id))

    def journal_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        dossier_id = dossier_of(screen)
        if dossier_id is not None:
            yield SystemCommand(
                "Journal du dossier",
                f"Ce qui a été fait sur le dossier n° {dossier_id}, par qui et quand ; "
                "exportable",
                lambda: self.open_journal(dossier_id),
            )
        if self.services.session is not None:  # a base with accounts (issue 25)
            yield SystemCommand("Changer ma phrase secrète",
                                "La phrase de votre compte ; l'ancienne ne servira plus",
                                self.action_own_phrase)
            return
        yield SystemCommand("Changer le nom de l'aidant",
                            "Le nom noté dans le journal des dossiers",
                            self.action_worker_name)

    def action_own_phrase(self) -> None:
        """« Changer ma phrase secrète » (a base with accounts)."""
        from anef_tui.ui.vault.login import OwnPhraseScreen

        session = self.services.session
        if session is None:
            return

        def kept(changed) -> None:
            if changed is not None:
                self.services.session = changed

        self.push_screen(OwnPhraseScreen(self.services.data_dir,
                                         self.services.dossiers.database, session,
                                         first=False), kept)


def dossier_of(screen: object) -> int | None:
    """The dossier a screen is about: an open dossier's, or the row under the cursor of
    « Mes dossiers »."""
    dossier_id = getattr(screen, "dossier_id", None)
    if isinstance(dossier_id, int):
        return dossier_id
    selected = getattr(screen, "selected_id", None)
    if callable(selected):
        found = selected()
        return found if isinstance(found, int) else None
    return None
