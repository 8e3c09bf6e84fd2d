"""How a session of the app ends, as a mixin of AnefApp: Ctrl+Q's drafts first, and the
served app's session (issue 26) that ends where a desk would lock.

Served to a browser (`ui/served.py`), the idle time and Ctrl+L do not show the lock screen:
what is typed is kept, as by Ctrl+Q, and the app exits (the browser then says « Session
terminée »). When the tab closes, textual-serve sends « quit » and Textual posts
`ExitApp` straight away: the drafts are kept then too (`on_exit_app`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual import events, messages
    from textual.app import App

    from anef_tui.ui.services import Services

    _App = App[int]
else:
    _App = object

#: Said when a file could not be handed to the browser (Textual's `DeliveryFailed`).
DELIVERY_FAILED = ("Le fichier n'a pas pu être envoyé au navigateur. Réessayez ; si cela "
                   "recommence, fermez l'onglet et reconnectez-vous.")


class SessionEnd(_App):
    """Mixin of AnefApp: keeping the drafts of every open screen, and the served session's
    end (`end_session`)."""

    if TYPE_CHECKING:
        services: Services
        crash_report: Path | None

        def lock_desk(self) -> None: ...

        def vault_data_dir(self) -> Path | None: ...

    #: Where a file handed to the user is saved when the app is served but not through a
    #: web driver (`delivery.send`; None: the downloads folder). Tests set it.
    delivery_directory: Path | None = None
    #: Whether the desktop's viewer may open a PDF while headless (None: only with a
    #: terminal; `delivery.viewer_allowed`). A test running a real viewer sets True.
    opens_viewer: bool | None = None

    def keep_drafts(self) -> bool | BaseException:
        """Save what is typed on every open screen (the drafts otherwise saved every 3 s):
        True when all are kept; False when one waits for the user's choice (the dossier
        changed in another window: nothing written, the typing stays); the fault when one
        could not be written."""
        from anef_tui.ui.errors import FAULTS

        # Screens that keep a draft (a step, a complément answer) name it `save_draft`.
        for screen in self.screen_stack:
            save = getattr(screen, "save_draft", None)
            if not callable(save):
                continue
            try:
                if save() is False:
                    return False
            except FAULTS as exc:
                return exc
        return True

    def end_session(self) -> None:
        """Served, after the idle time or on Ctrl+L: the drafts kept, then the app exits.
        A draft that cannot be kept (another window changed the dossier, a fault) is not
        dropped: the lock comes instead where there is one (an encrypted folder, a base with
        accounts), hiding everything as on a desk."""
        kept = self.keep_drafts()
        if kept is True or (self.services.session is None and self.vault_data_dir() is None):
            self.exit()
            return
        self.lock_desk()

    def on_exit_app(self, message: messages.ExitApp) -> None:
        """Served, the tab closed (or the app exits): the typing kept first, quietly — no
        one is there to answer. A fault leaves the last draft saved as it was."""
        if not self.services.served or self.crash_report is not None:
            return
        self.keep_drafts()

    def on_file_arrived(self, message) -> None:
        """Served: a file the worker sent from the browser (`serve.driver.FileArrived`) goes
        to the open file picker, which takes it."""
        take = getattr(self.screen, "file_arrived", None)
        if callable(take):
            take(message.name)

    def on_delivery_failed(self, event: events.DeliveryFailed) -> None:
        """A file that could not be handed to the browser: said in French (Textual says
        nothing but of its screenshots)."""
        self.notify(DELIVERY_FAILED, title="Téléchargement", severity="error", timeout=12)
