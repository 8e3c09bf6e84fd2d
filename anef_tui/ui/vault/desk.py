"""What the main app does for an encrypted folder (issue 23), as a mixin of AnefApp: the
desk locked when left alone (the idle time, Ctrl+L: `lock.LockScreen` over every screen),
« Changer la phrase secrète », the files exported in plain (« Exports en clair », the
reminder at quit), their palette commands, and the title line's words for a plain folder.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events
from textual.app import SystemCommand

from anef_tui.ui.vault.base import Opened
from anef_tui.ui.vault.choose import NewPhraseScreen
from anef_tui.ui.vault.lock import (
    CURRENT_INTRO,
    IDLE_CHECK_SECONDS,
    LOCK_INTRO,
    CurrentPhraseScreen,
    LockScreen,
)
from anef_tui.vault.door import DEFAULT_IDLE_MINUTES, idle_minutes

if TYPE_CHECKING:
    from textual.app import App

    from anef_tui.store.dossiers import DossierStore
    from anef_tui.ui.services import Services
    from anef_tui.ui.vault.login import LoggedIn

    _App = App[int]
else:
    _App = object


def folder_banner(store: DossierStore) -> str | None:
    """What every screen says of a plain folder (None for an encrypted one)."""
    from anef_tui.vault.folder import banner, folder_kind

    if getattr(store.database, "key", None) is not None:
        return None
    return banner(folder_kind(store.data_dir))


class VaultDesk(_App):
    """Mixin for AnefApp: the login of a base with accounts (issue 25), the idle lock, Ctrl+L, « Changer la phrase secrète », the exports
    (« Exports en clair », the reminder at quit) and their palette commands."""

    if TYPE_CHECKING:
        services: Services

        def end_session(self) -> None: ...

    _last_input: float = 0.0
    _idle_limit: float = DEFAULT_IDLE_MINUTES * 60.0
    #: The clock the idle time is read on, and how often it is looked at (tests set both).
    idle_clock = staticmethod(time.monotonic)
    idle_check_seconds: float = IDLE_CHECK_SECONDS

    def on_logged_in(self, message: LoggedIn) -> None:
        """The login passed: the worker acts (`Database.actor`, set by the login), and
        « Mes dossiers » comes over the login screen (Textual cannot switch the bottom
        screen of the stack; nothing pops « Mes dossiers »)."""
        from anef_tui.accounts.login import refused_line
        from anef_tui.accounts.words import welcome
        from anef_tui.ui.screens.home import HomeScreen

        session = message.session
        self.services.session = session
        self.push_screen(HomeScreen())
        self.notify(welcome(session), title="Connexion", timeout=6)
        warning = refused_line(session)
        if warning:
            self.notify(warning, title="Connexion", severity="warning", timeout=20)

    def vault_data_dir(self) -> Path | None:
        """The data folder when it is encrypted (None: a plain folder, nothing to lock)."""
        database = getattr(self.services.dossiers, "database", None)
        if database is None or getattr(database, "key", None) is None:
            return None
        return database.data_dir

    def vault_id(self) -> str | None:
        database = getattr(self.services.dossiers, "database", None)
        key = getattr(database, "key", None)
        return key.vault_id if key is not None else None

    def start_idle_lock(self, preferences: dict) -> None:
        """The idle time (`vault.door.idle_minutes`): a desk locks after it; a served app
        (issue 26) ends its session, whatever the folder."""
        if (self.vault_data_dir() is None and not getattr(self, "login_required", False)
                and not self.services.served):
            return
        self._idle_limit = idle_minutes(preferences) * 60.0
        self._last_input = self.idle_clock()
        self.set_interval(self.idle_check_seconds, self._check_idle)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.MouseDown, events.Paste)):
            self._last_input = self.idle_clock()
        await super().on_event(event)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """F1 is not offered over the login or the lock of a base with accounts (it would
        do nothing there): the footer does not show it."""
        if action == "show_keys" and self._account_door_up():
            return False
        return super().check_action(action, parameters)

    def _account_door_up(self) -> bool:
        if getattr(self, "login_required", False) and self.services.session is None:
            return True
        from anef_tui.ui.vault.login import AccountLockScreen

        return isinstance(self.screen, AccountLockScreen)

    @property
    def locked(self) -> bool:
        """The lock screen is up, or nobody has logged in yet on a base with accounts."""
        return self._account_door_up() or isinstance(self.screen, LockScreen)

    def _check_idle(self) -> None:
        if self.idle_clock() - self._last_input < self._idle_limit:
            return
        if self.services.served:  # even at the login: the session's process ends
            self._last_input = self.idle_clock()
            self.end_session()
        elif not self.locked:
            self.action_lock()

    def action_lock(self) -> None:
        """Ctrl+L: the lock; served (issue 26), the session ends, the drafts kept."""
        if self.services.served:
            self.end_session()
            return
        self.lock_desk()

    def lock_desk(self) -> None:
        """The lock screen over everything, until the passphrase is typed."""
        session = self.services.session
        if session is not None:  # a base with accounts: the worker's passphrase
            if self.locked:
                return
            from anef_tui.ui.vault.login import AccountLockScreen

            self.clear_notifications()
            self.push_screen(AccountLockScreen(self.services.dossiers.database,
                                               self.services.data_dir, session),
                             self._unlocked)
            return
        data_dir = self.vault_data_dir()
        if data_dir is None:
            self.notify(
                "Ce dossier de données n'est pas chiffré : il n'y a pas de phrase secrète "
                "pour le verrouiller.", title="Verrouiller", markup=False)
            return
        if self.locked:
            return
        self.clear_notifications()
        self.push_screen(
            LockScreen(data_dir, intro=LOCK_INTRO, expected_vault=self.vault_id()),
            self._unlocked,
        )

    def _unlocked(self, result: Opened | None) -> None:
        self._last_input = self.idle_clock()

    def action_change_passphrase(self) -> None:
        data_dir = self.vault_data_dir()
        if data_dir is None:
            self.notify(
                "Ce dossier de données n'est pas chiffré : il n'a pas de phrase secrète.",
                title="Phrase secrète", markup=False)
            return

        def current(result: Opened | None) -> None:
            if result is not None and result.key is not None:
                self.push_screen(NewPhraseScreen(data_dir, result.key))

        self.push_screen(
            CurrentPhraseScreen(data_dir, intro=CURRENT_INTRO, expected_vault=self.vault_id()),
            current,
        )

    def _exports_reminder(self) -> bool:
        """Files exported in plain remain (issue 23): ask before quitting, naming how many
        (« Annuler », « Quitter sans nettoyer », « Nettoyer les exports et quitter »). True
        when the question is asked (the answer quits or not). Not while locked: the list
        names the exported files (a scan's name may name a person); Ctrl+Q then quits, the
        drafts saved, and the next quit reminds."""
        from anef_tui.store.exports import list_exports

        if self.services.served:  # served (issue 26): nothing is exported, Ctrl+Q ends
            return False
        if self.locked or not list_exports(self.services.data_dir):
            return False
        from anef_tui.ui.screens.exports import QUIT, ExportsScreen

        def answered(choice: str | None) -> None:
            if choice == QUIT:
                self.exit()

        self.push_screen(ExportsScreen(self.services.data_dir, quitting=True), answered)
        return True

    def _has_exports(self) -> bool:
        from anef_tui.store.exports import list_exports

        return bool(list_exports(self.services.data_dir))

    def action_exports(self) -> None:
        """« Exports en clair »: the exports folder, its files, « Nettoyer les exports »."""
        from anef_tui.ui.screens.exports import ExportsScreen

        if not self.services.served:
            self.push_screen(ExportsScreen(self.services.data_dir))

    def vault_commands(self) -> Iterable[SystemCommand]:
        """The palette's commands of an encrypted folder (and of remaining exports)."""
        served = self.services.served  # issue 26: Ctrl+L ends the session, no exports
        if served:
            yield SystemCommand("Terminer la session", "Enregistrer la saisie et fermer la "
                                "session de ce navigateur (Ctrl+L)", self.action_lock)
        elif self.vault_data_dir() is not None or self.services.session is not None:
            yield SystemCommand("Verrouiller", "Cacher les dossiers jusqu'à la phrase secrète "
                                "(Ctrl+L)", self.action_lock)
        if self.vault_data_dir() is not None:
            yield SystemCommand("Changer la phrase secrète",
                                "La clé de secours et les données restent les mêmes",
                                self.action_change_passphrase)
        if not served and (self.services.encrypted or self._has_exports()):
            yield SystemCommand(
                "Exports en clair",
                "Les fichiers exportés en clair et « Nettoyer les exports »",
                self.action_exports,
            )
