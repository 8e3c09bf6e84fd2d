"""The Textual application: holds the store and the catalogue, starts on « Mes dossiers »."""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterable
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from anef_tui.domain.procedure_index import ProcedureRef, procedure_index
from anef_tui.store.dossiers import DossierStore
from anef_tui.ui.errors import fault_message, is_fault, unwrap
from anef_tui.ui.keys import binding_label, key_label, screen_bindings

if TYPE_CHECKING:
    from anef_tui.domain.catalogue import Procedure


CATALOGUE_DELAY = 0.3  # seconds after start-up


class AnefApp(App[int]):
    """anef-tui. Screens read the procedure catalogue and talk to the store, never to SQLite."""

    CSS_PATH = "app.tcss"
    TITLE = "anef-tui"
    ENABLE_COMMAND_PALETTE = True
    COMMAND_PALETTE_BINDING = "ctrl+p"
    BINDINGS = [
        Binding("f1", "show_keys", "Aide", id="app.help", priority=True),
        Binding("ctrl+q", "quit", "Quitter", id="app.quit", priority=True),
    ]

    def __init__(
        self,
        store: DossierStore,
        *,
        clock: Callable[[], datetime] = datetime.now,
    ) -> None:
        super().__init__()
        self.store = store
        self.clock = clock
        self._attachments = None
        self._followup = None
        self.index: dict[str, ProcedureRef] = procedure_index()
        self._quit_despite_error = False  # a draft could not be saved: Ctrl+Q again quits
        self._last_fault: tuple[str, float] | None = None
        self.crash_report: Path | None = None

    # -- the error boundary ------------------------------------------------------------
    def report_fault(self, error: BaseException) -> None:
        """A fault (disk full, busy base, vanished file…): a French message where the user
        is; nothing else changes, so what was typed stays and the action can be retried.
        The same message is not repeated within 10 s (the 3-second autosave)."""
        import time

        message = fault_message(error)
        now = time.monotonic()
        if self._last_fault and self._last_fault[0] == message and now - self._last_fault[1] < 10:
            return
        self._last_fault = (message, now)
        self.notify(message, title="Rien n'est perdu", severity="error", timeout=12)

    def notify(self, message: str, *, title: str = "", severity="information",
               timeout: float | None = None, markup: bool = False) -> None:
        """Toasts are plain text (they often quote what the user typed): markup only when a
        caller asks for it, with escaped values."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    async def _dispatch_action(self, namespace, action_name, params) -> bool:
        """Every key and button action: a fault becomes a message, never an exit."""
        try:
            return await super()._dispatch_action(namespace, action_name, params)
        except Exception as error:
            if not is_fault(error):
                raise
            self.report_fault(error)
            return True

    def _handle_exception(self, error: Exception) -> None:
        """Faults that escaped a timer or a worker: a message. Bugs: a crash report with no
        personal data, then a clean exit with a French message (Textual would print a
        traceback showing local variables, i.e. the applicant's answers)."""
        if is_fault(error) and self.is_running:
            self.report_fault(unwrap(error))
            return
        from rich.text import Text

        from anef_tui.crash import crash_message, write_report

        self._return_code = 1
        if self._exception is None:
            # Pilot re-raises it in tests: a bug still fails its test.
            self._exception = error
            self._exception_event.set()
        self.crash_report = write_report(self.store.data_dir, unwrap(error))
        self._exit_renderables.append(Text(crash_message(self.crash_report)))
        self._close_messages_no_wait()

    async def action_quit(self) -> None:
        """Ctrl+Q: keep what is being typed on every open screen (the drafts otherwise
        saved every 3 s), then quit. If a draft cannot be saved, say so and stay; a second
        Ctrl+Q quits anyway."""
        from anef_tui.ui.errors import FAULTS

        if not self._quit_despite_error:
            # Screens that keep a draft (a step, a complément answer) name it `save_draft`.
            for screen in self.screen_stack:
                save = getattr(screen, "save_draft", None)
                if not callable(save):
                    continue
                try:
                    if save() is False:
                        return  # changed in another window: the user chooses first
                except FAULTS as exc:
                    self._quit_despite_error = True
                    self.notify(
                        f"La saisie en cours n'a pas pu être enregistrée : {fault_message(exc)} "
                        "Ctrl+Q à nouveau pour quitter quand même.",
                        severity="error", timeout=15,
                    )
                    return
        self.exit()

    def run(self, *args, **kwargs):
        # What exists at this point (Textual, Rich, our modules: ~35,000 tracked objects)
        # lives as long as the process. Frozen, it is left out of every collection: the
        # full one that fell during the first paint took ~15 ms (bench/startup.py).
        # Here and not in make_app(): the tests build many apps in one process.
        gc.freeze()
        return super().run(*args, **kwargs)

    @property
    def attachments(self):
        """The attachment store (files copied into the data directory)."""
        if self._attachments is None:
            from anef_tui.store.attachments import AttachmentStore

            self._attachments = AttachmentStore(self.store)
        return self._attachments

    @property
    def followup(self):
        """Notifications, complément answers, certificate checklist, deadlines."""
        if self._followup is None:
            from anef_tui.store.followup import FollowUpStore

            self._followup = FollowUpStore(self.store)
        return self._followup

    def last_folder(self) -> Path:
        """Where the file picker starts: the last folder used, else the home folder."""
        from anef_tui.preferences import load_preferences

        folder = load_preferences(self.store.data_dir).get("last_folder")
        # A hand-edited or damaged preferences file may hold anything (`123`, a list, NUL).
        try:
            path = Path(folder) if isinstance(folder, str) and folder else Path.home()
            return path if path.is_dir() else Path.home()
        except (OSError, ValueError):
            return Path.home()

    def remember_folder(self, folder: Path) -> None:
        """Best effort: a full disk must not stop the file from being attached."""
        from anef_tui.preferences import save_preference

        try:
            save_preference(self.store.data_dir, "last_folder", str(folder))
        except (OSError, ValueError, TypeError):
            pass

    def save_pdf(self, kind: str, dossier_id: int) -> Path:
        """Make a PDF of the dossier into `<data dir>/documents/` (owner-only); return its path.

        Called from worker threads: fpdf is imported there, never at start-up.
        """
        from anef_tui.documents import default_filename, make_pdf

        record = self.store.get(dossier_id)
        procedure = self.catalogue[record.summary.procedure]
        data = make_pdf(
            kind, procedure, record, self.attachments.list(dossier_id),
            today=self.clock().date(),
        )
        folder = self.store.data_dir / "documents"
        folder.mkdir(mode=0o700, exist_ok=True)
        path = folder / default_filename(kind, record)
        tmp = path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
        return path

    def scratch_dir(self):
        """A private temporary folder inside the data directory (removed afterwards)."""
        import tempfile

        return _TempDir(tempfile.mkdtemp(prefix="tmp-", dir=self.store.data_dir))

    @property
    def catalogue(self) -> dict[str, Procedure]:
        """The full, validated catalogue (loaded once; cached by the domain)."""
        from anef_tui.domain.catalogue import load_catalogue

        return load_catalogue()

    def get_default_screen(self) -> Screen:
        """« Mes dossiers » is the base screen: no blank screen underneath to compose."""
        from anef_tui.ui.screens.home import HomeScreen

        return HomeScreen()

    def on_mount(self) -> None:
        # A large base is checked in a thread once « Mes dossiers » is painted (alongside,
        # it slowed the first paint: bench/scale.py): if it turns out damaged, say so then
        # (writes are refused anyway until it is restored).
        database = getattr(self.store, "database", None)
        if database is not None and getattr(database, "_integrity", None) is not None:
            self.call_after_refresh(self._check_integrity, database)
        from anef_tui.preferences import load_preferences
        from anef_tui.ui.themes import HIGH_CONTRAST, known_theme

        self.register_theme(HIGH_CONTRAST)
        chosen = known_theme(load_preferences(self.store.data_dir).get("theme"))
        if chosen != self.theme:
            self.theme = chosen
        warning = getattr(self.store, "backup_warning", None)
        if warning:
            self.notify(warning, severity="warning", timeout=15)
        # Validate the catalogue at start, but once the first screen is painted, so that
        # « Mes dossiers » shows up without waiting for it (bench/startup.py).
        self.set_timer(
            CATALOGUE_DELAY,
            partial(self.run_worker, self._validate_catalogue, thread=True,
                    exit_on_error=False, name="catalogue"),
        )

    def _check_integrity(self, database) -> None:
        database.start_check()
        self.run_worker(database.wait_for_check, thread=True, name="integrity")

    def _validate_catalogue(self) -> None:
        from anef_tui.domain.catalogue import CatalogueError, load_catalogue
        from anef_tui.domain.procedure_index import index_problems

        for problem in index_problems():  # files of the extra folder set aside
            self.call_from_thread(self._catalogue_broken, problem)
        try:
            load_catalogue()
        except CatalogueError as exc:
            self.call_from_thread(self._catalogue_broken, str(exc))

    def _catalogue_broken(self, message: str) -> None:
        self.notify(
            f"Procédure invalide : {message} (détails : anef-tui procedures)",
            severity="error",
            timeout=30,
            markup=False,
        )

    def on_unmount(self) -> None:
        self.store.close()

    # -- help and command palette ------------------------------------------------------
    def action_show_keys(self) -> None:
        from anef_tui.ui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()
            return
        self.push_screen(HelpScreen(self.screen))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Every key of the current screen, in French, plus the app's own actions."""
        for binding in screen_bindings(screen):
            if binding.action in ("show_keys", "quit", "command_palette"):
                continue
            yield SystemCommand(
                binding_label(binding),
                f"Touche : {key_label(binding.key)}",
                partial(screen.run_action, binding.action),
            )
        yield SystemCommand("Aide", "Afficher les touches de l'écran (F1)", self.action_show_keys)
        yield SystemCommand(
            "Thème de couleurs",
            "Sombre, clair, contraste élevé, couleurs du terminal (gardé pour la prochaine fois)",
            self.action_choose_theme,
        )
        yield SystemCommand("Quitter", "Quitter anef-tui (Ctrl+Q)", self.action_quit)
        yield SystemCommand(
            "Mode texte (lecteurs d'écran)",
            "Les mêmes dossiers, ligne à ligne : anef-tui texte",
            self.action_plain_mode,
        )

    # -- where a dossier opens (the screen registry; screens never import each other) --
    def screen_for(self, dossier_id: int, position: str, **options) -> Screen:
        from anef_tui.ui.router import screen_for

        return screen_for(self, dossier_id, position, **options)

    def open_dossier(self, dossier_id: int) -> None:
        from anef_tui.ui.router import open_dossier_screen

        open_dossier_screen(self, dossier_id)

    def action_command_palette(self) -> None:
        """The palette, in French."""
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(
                CommandPalette(id="--command-palette", placeholder="Rechercher une commande…")
            )

    def action_choose_theme(self) -> None:
        from textual.command import SimpleCommand

        from anef_tui.ui.themes import THEMES

        commands = [
            SimpleCommand(label + (" (actuel)" if name == self.theme else ""),
                          partial(self.set_theme, name), None)
            for name, label in THEMES.items()
        ]
        self.search_commands(commands, placeholder="Choisir un thème de couleurs…")

    def set_theme(self, name: str) -> None:
        """Apply a theme and remember it (best effort: a full disk only loses the choice)."""
        from anef_tui.preferences import save_preference
        from anef_tui.ui.themes import known_theme

        self.theme = known_theme(name)
        try:
            save_preference(self.store.data_dir, "theme", self.theme)
        except (OSError, ValueError, TypeError):
            pass

    def action_plain_mode(self) -> None:
        self.notify(
            "Mode texte, pour lecteurs d'écran et plages braille : quittez (Ctrl+Q) puis "
            "lancez « anef-tui texte » dans ce terminal. Mêmes dossiers, mêmes questions, "
            "une ligne à la fois ; vous reprenez là où vous en étiez.",
            title="Mode texte", timeout=20,
        )

    # -- the terminal cursor follows the focus (braille displays and screen readers do) --
    def _display(self, screen, renderable) -> None:
        """Before each frame is written, the cursor goes to the focused widget where it is
        now (after any scroll): an Input or a TextArea at its caret, anything else at its
        top-left corner."""
        focused = self.focused
        if focused is not None:
            region = focused.content_region
            if region.width and region.height:
                caret = getattr(focused, "cursor_screen_offset", None)
                self.cursor_position = caret if caret is not None else region.offset
        super()._display(screen, renderable)


class _TempDir:
    def __init__(self, path: str) -> None:
        self.path = Path(path)

    def __enter__(self) -> Path:
        return self.path

    def __exit__(self, *exc: object) -> None:
        import shutil

        shutil.rmtree(self.path, ignore_errors=True)


def make_app(
    data_dir: Path, *, clock: Callable[[], datetime] = datetime.now
) -> AnefApp:
    """Factory used by the CLI and the tests."""
    return AnefApp(DossierStore(data_dir, clock=clock), clock=clock)
