"""What the main app does to hand a dossier over (issue 24 item 4), as a mixin of AnefApp:
« Exporter le dossier » and « Importer un dossier » in the palette."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import SystemCommand

from anef_tui.ui.journal_desk import dossier_of

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen

    from anef_tui.ui.services import Services

    _App = App[int]
else:
    _App = object


class BundleDesk(_App):
    """Mixin of AnefApp: export and import of a dossier's bundle."""

    if TYPE_CHECKING:
        services: Services

        def open_dossier(self, dossier_id: int) -> None: ...

    def export_bundle(self, dossier_id: int) -> None:
        """Write the bundle into the exports folder, then say its phrase once."""
        from anef_tui.bundle import export_dossier, shown_phrase
        from anef_tui.ui.screens.bundle import PhraseShownScreen

        database = self.services.dossiers.database
        if self.services.served:  # issue 26: to the browser, nothing left on the server
            from anef_tui.bundle import bundle_for_browser, bundle_name
            from anef_tui.ui.delivery import BINARY, Handout, send, sent_line

            data, phrase = bundle_for_browser(database, dossier_id)
            handout = Handout.for_browser(bundle_name(dossier_id), data, mime_type=BINARY,
                                          what="Paquet chiffré")
            send(self, handout)
            self.push_screen(PhraseShownScreen(None, shown_phrase(phrase),
                                               sent=sent_line(handout)))
            return
        exported = export_dossier(database, dossier_id)
        self.push_screen(PhraseShownScreen(exported.path, shown_phrase(exported.phrase)))

    def import_bundle(self) -> None:
        """The file picker, then the import dialog; the imported dossier opens."""
        from anef_tui.ui.screens.bundle import ImportScreen
        from anef_tui.ui.screens.file_picker import FilePickerScreen

        def imported(new_id: int | None) -> None:
            if new_id is not None:
                self.notify(f"Dossier importé : n° {new_id}", timeout=8)
                self.open_dossier(new_id)

        def chosen(path: Path | None) -> None:
            if path is not None:
                self.push_screen(ImportScreen(Path(path)), imported)

        start = self.services.data_dir / "exports"
        self.push_screen(FilePickerScreen(start if start.is_dir() else self.services.last_folder(),
                                          title="Importer un dossier"), chosen)

    def bundle_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        dossier_id = dossier_of(screen)
        if dossier_id is not None:
            yield SystemCommand(
                "Exporter le dossier",
                f"Le dossier n° {dossier_id} entier dans un paquet chiffré, pour un autre "
                "poste (sa phrase est affichée une fois)",
                lambda: self.export_bundle(dossier_id),
            )
        yield SystemCommand("Importer un dossier",
                            "Un dossier venu d'un autre poste, depuis son paquet chiffré",
                            self.import_bundle)
