"""The Textual application: holds the store and the catalogue, starts on « Mes dossiers »."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from anef_tui.controls import visible
from anef_tui.store.dossiers import DossierStore
from anef_tui.ui import collector
from anef_tui.ui.bundle_desk import BundleDesk
from anef_tui.ui.cursor import cursor_cell
from anef_tui.ui.desks import DesksWatch
from anef_tui.ui.erase_desk import EraseDesk
from anef_tui.ui.errors import fault_message, fault_title, is_fault, unwrap
from anef_tui.ui.journal_desk import JournalDesk
from anef_tui.ui.keys import binding_label, key_label, screen_bindings
from anef_tui.ui.services import Services
from anef_tui.ui.session_end import SessionEnd
from anef_tui.ui.textual_private import AppHooks, exit_after_bug, withdraw_notifications
from anef_tui.ui.themes import FocusVariable
from anef_tui.ui.vault.desk import VaultDesk, folder_banner

if TYPE_CHECKING:
    from anef_tui.vault.keys import VaultKey

CATALOGUE_DELAY = 0.3  # seconds after start-up


#: Said on Ctrl+C, which quits most terminal programs but not a Textual app.
QUIT_HINT = (
    "Pour quitter anef-tui, appuyez sur Ctrl+Q : ce que vous avez saisi est enregistré "
    "avant de quitter."
)


#: The actions of the priority keys that read a field (Ctrl+S, F2, F3 on a step; Entrée in
#: « Mes dossiers »'s search): the keys typed before them are taken into their field
#: before they act (`textual_private.focused_keys_taken`).
TYPED_FIRST = frozenset({"save_continue", "view_next", "previous", "submit_search"})


class AnefApp(FocusVariable, AppHooks, VaultDesk, SessionEnd, JournalDesk, BundleDesk,
              EraseDesk, DesksWatch, App[int]):
    """anef-tui. Screens read the procedure catalogue and talk to the store, never to SQLite."""

    CSS_PATH = "app.tcss"
    TITLE = "anef-tui"
    ENABLE_COMMAND_PALETTE = True
    COMMAND_PALETTE_BINDING = "ctrl+p"
    BINDINGS = [
        Binding("f1", "show_keys", "Aide", id="app.help", priority=True),
        Binding("ctrl+q", "quit", "Quitter", id="app.quit", priority=True),
        # An encrypted folder: hide everything until the passphrase is typed (ui/vault/).
        Binding("ctrl+l", "lock", "Verrouiller", id="app.lock", priority=True, show=False),
    ]

    def __init__(
        self,
        store: DossierStore,
        *,
        clock: Callable[[], datetime] = datetime.now,
        ask_worker: bool = False,
    ) -> None:
        super().__init__()
        #: Ask « Votre nom (aidant) » at start when none is kept (a real start: `cmd_app`).
        self.ask_worker = ask_worker
        #: The stores, catalogue, clock and file helpers; screens read them through their
        #: typed `self.services` (`ui/screens/guarded.py`).
        self.services = Services(store, clock=clock)
        #: Said on every screen's title line for a plain folder: « Données de
        #: démonstration » or « Données non chiffrées » (issue 23); None when encrypted.
        self.folder_banner = folder_banner(store)
        self._quit_despite_error = False  # a draft could not be saved: Ctrl+Q again quits
        self._last_fault: tuple[str, float] | None = None
        self._toasts_shown: dict[tuple[str, str, str], float] = {}  # until when, by text
        self.crash_report: Path | None = None
        from anef_tui.accounts import has_accounts

        #: The base has accounts (issue 25): the login screen comes before any data.
        self.login_required = has_accounts(store.database)

    # -- the error boundary ------------------------------------------------------------
    def report_fault(self, error: BaseException) -> None:
        """A fault (disk full, busy base, vanished file…): a French message where the user
        is; nothing else changes, so what was typed stays and the action can be retried.
        The same message is not repeated while it is shown (10 s at least: the 3-second
        autosave)."""
        import time

        message = fault_message(error)
        # A long message (a data file's problems) stays long enough to be read.
        timeout = 30 if len(message) > 200 else 12
        now = time.monotonic()
        if (self._last_fault and self._last_fault[0] == message
                and now - self._last_fault[1] < max(10, timeout)):
            return
        self._last_fault = (message, now)
        self.notify(message, title=fault_title(error), severity="error", timeout=timeout)

    def notify(self, message: str, *, title: str = "", severity="information",
               timeout: float | None = None, markup: bool = False) -> None:
        """Toasts are plain text (they often quote what the user typed, or a file name):
        markup only when a caller asks for it, with escaped values; controls shown as
        glyphs, never sent raw. A message already shown is not stacked again (Ctrl+C
        twice): the pile would reach the field being typed in (issue 21)."""
        import time

        now = time.monotonic()
        key = (visible(title), visible(message), str(severity))
        self._toasts_shown = {k: end for k, end in self._toasts_shown.items() if end > now}
        if key in self._toasts_shown:
            return
        self._toasts_shown[key] = now + (self.NOTIFICATION_TIMEOUT if timeout is None else timeout)
        super().notify(key[1], title=key[0], severity=severity, timeout=timeout, markup=markup)

    def withdraw_toast(self, message: str) -> None:
        """The toast saying `message` goes now, and only it: what it said is no longer
        true (it may be shown again at once)."""
        text = visible(message)
        self._toasts_shown = {k: end for k, end in self._toasts_shown.items() if k[1] != text}
        withdraw_notifications(self, text)

    async def run_action(self, action, default_namespace=None, namespaces=None) -> bool:
        """Every key binding, button action and link: a fault becomes a message, never an
        exit. The step keys (priority bindings, `screens/base.py`) act on the keys typed
        before them: those are taken into their field first."""
        name = action.partition("(")[0].rpartition(".")[2] if isinstance(action, str) else ""
        if name in TYPED_FIRST:
            from anef_tui.ui.textual_private import focused_keys_taken

            await focused_keys_taken(self)
        try:
            return await super().run_action(action, default_namespace, namespaces)
        except Exception as error:
            if not is_fault(error):
                raise
            self.report_fault(error)
            return True

    def handle_unexpected(self, error: Exception) -> bool:
        """An exception that escaped a timer, a worker or a callback (`AppHooks`). Faults:
        a message. Bugs: a crash report with no personal data, then a clean exit with a
        French message (Textual would print a traceback showing local variables, i.e. the
        applicant's answers)."""
        if is_fault(error) and self.is_running:
            self.report_fault(unwrap(error))
            return True
        from rich.text import Text

        from anef_tui.crash import crash_message, write_report

        self.crash_report = write_report(self.services.dossiers.data_dir, unwrap(error))
        exit_after_bug(self, error, Text(crash_message(self.crash_report)))
        return True

    async def action_quit(self) -> None:
        """Ctrl+Q: keep what is being typed on every open screen (the drafts otherwise
        saved every 3 s), then quit. If a draft cannot be saved, say so and stay; a second
        Ctrl+Q quits anyway."""
        if not self._quit_despite_error:
            kept = self.keep_drafts()
            if kept is False:
                return  # changed in another window: the user chooses first
            if kept is not True:
                self._quit_despite_error = True
                self.notify(
                    f"La saisie en cours n'a pas pu être enregistrée : {fault_message(kept)} "
                    "Ctrl+Q à nouveau pour quitter quand même.",
                    severity="error", timeout=15,
                )
                return
        if self._exports_reminder():
            return
        self.exit()

    def run(self, *args, **kwargs):
        # What exists at this point (Textual, Rich, our modules: ~35,000 tracked objects)
        # lives as long as the process. Frozen, it is left out of every collection: the
        # full one that fell during the first paint took ~15 ms (bench/startup.py).
        # Here and not in make_app(): the tests build many apps in one process.
        gc.freeze()
        return super().run(*args, **kwargs)

    def get_default_screen(self) -> Screen:
        """« Mes dossiers » is the base screen: no blank screen underneath to compose."""
        if self.login_required and self.services.session is None:
            from anef_tui.ui.vault.login import LoginScreen

            return LoginScreen(self.services.dossiers.database, self.services.data_dir)
        from anef_tui.ui.screens.home import HomeScreen

        return HomeScreen()

    def on_mount(self) -> None:
        # A large base is checked in a thread once « Mes dossiers » is painted (alongside,
        # it slowed the first paint: bench/scale.py): if it turns out damaged, say so then
        # (writes are refused anyway until it is restored).
        database = getattr(self.services.dossiers, "database", None)
        if database is not None and getattr(database, "_integrity", None) is not None:
            self.call_after_refresh(self._check_integrity, database)
        from anef_tui.preferences import load_preferences, take_notices
        from anef_tui.ui.themes import HIGH_CONTRAST, known_theme

        self.register_theme(HIGH_CONTRAST)
        data_dir = self.services.dossiers.data_dir
        preferences = load_preferences(data_dir)
        chosen = known_theme(preferences.get("theme"))
        if chosen != self.theme:
            self.theme = chosen
        self.start_idle_lock(preferences)
        if not self.login_required:  # with accounts, the journal names the login
            self.start_journal(ask=self.ask_worker)
        # Other desks' changes refresh what is shown (issue 25), from the first paint on.
        self.call_after_refresh(self.start_desks_watch)
        for notice in take_notices(data_dir):  # a damaged preferences file, set aside
            self.notify(notice, severity="warning", timeout=15, markup=False)
        warning = getattr(self.services.dossiers, "backup_warning", None)
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
        from anef_tui.domain.notification_kinds import NotificationKindsError, kinds
        from anef_tui.domain.procedure_index import index_problems

        for problem in index_problems():  # files of the extra folder set aside
            self.call_from_thread(self._catalogue_broken, problem)
        try:
            load_catalogue()
        except CatalogueError as exc:
            self.call_from_thread(self._catalogue_broken, str(exc))
        try:
            kinds()  # the notification kinds files: a typo is said now, not at F4 or F6
        except NotificationKindsError as exc:
            # Said once: the alerts' worker may have met it first (`report_fault` does not
            # repeat a message within 10 s).
            self.call_from_thread(self.report_fault, exc)

    def _catalogue_broken(self, message: str) -> None:
        self.notify(
            f"Procédure invalide : {message} (détails : anef-tui procedures)",
            severity="error",
            timeout=30,
            markup=False,
        )

    def on_unmount(self) -> None:
        self.stop_desks_watch()
        self.services.dossiers.close()

    # -- help and command palette ------------------------------------------------------
    def action_help_quit(self) -> None:
        """Ctrl+C (Textual's « Do you want to quit? » with its markup shown as text, since
        toasts here are plain): said in French."""
        self.notify(QUIT_HINT, title="Quitter anef-tui ?", timeout=8)

    def action_show_keys(self) -> None:
        from anef_tui.ui.screens.help import HelpScreen

        if self.locked:
            return
        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()
            return
        self.push_screen(HelpScreen(self.screen))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Every key of the current screen, in French, plus the app's own actions."""
        for binding in screen_bindings(screen):
            if binding.action in ("show_keys", "quit", "command_palette", "lock"):
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
        yield from self.vault_commands()
        yield from self.journal_commands(screen)
        yield from self.bundle_commands(screen)
        yield from self.erase_commands(screen)
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
        """The palette, in French (`ui/palette.py`)."""
        from anef_tui.ui.palette import open_palette

        if self.use_command_palette and not self.locked:
            open_palette(self, placeholder="Rechercher une commande…")

    def search_commands(self, commands, placeholder: str = "Rechercher…"):
        """A list of commands to choose from (the themes), in the same French palette."""
        from textual.command import SimpleProvider

        from anef_tui.ui.palette import open_palette

        open_palette(self, [SimpleProvider(self.screen, commands)], placeholder=placeholder)

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
            save_preference(self.services.dossiers.data_dir, "theme", self.theme)
        except (OSError, ValueError, TypeError):
            pass

    def action_plain_mode(self) -> None:
        self.notify(
            "Mode texte, pour lecteurs d'écran et plages braille : quittez (Ctrl+Q) puis "
            "lancez « anef-tui texte » dans ce terminal. Mêmes dossiers, mêmes questions, "
            "une ligne à la fois ; vous reprenez là où vous en étiez.",
            title="Mode texte", timeout=20,
        )

    def post_display_hook(self) -> None:
        """After each frame: toasts never over the focused field (`ui/toasts.py`)."""
        from anef_tui.ui.toasts import place_toasts

        place_toasts(self)

    # -- the terminal cursor follows the focus (braille displays and screen readers do) --
    def before_frame(self) -> None:
        """Before each frame is written, the cursor goes to the focused widget where it is
        now (after any scroll), on the cell the next key acts on (`ui/cursor.py`)."""
        focused = self.focused
        if focused is not None:
            cell = cursor_cell(focused)
            if cell is not None:
                self.cursor_position = cell

def make_app(
    data_dir: Path, *, clock: Callable[[], datetime] = datetime.now,
    key: VaultKey | None = None, ask_worker: bool = False,
) -> AnefApp:
    """Factory used by the CLI and the tests. `key`: the unlocked vault of an encrypted
    folder (the door, `ui/vault/`), None for a plain one."""
    collector.tune()
    return AnefApp(DossierStore(data_dir, clock=clock, key=key), clock=clock,
                   ask_worker=ask_worker)
