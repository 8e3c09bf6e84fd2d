"""The desk locked when the worker steps away (issue 23): after an idle time the user sets
(default DEFAULT_IDLE_MINUTES) or at once with Ctrl+L, a screen covers every other one until
the passphrase is typed again. What was being typed stays in its field underneath (in
memory), and drafts keep being saved as before. Only for an encrypted folder: a plain one
has no passphrase to ask for.

While locked, nothing of an applicant shows: the lock screen is opaque, the notifications
shown are cleared, and the help (F1) and the palette (Ctrl+P) are refused.
"""

from __future__ import annotations

import time
from pathlib import Path

from textual import events

from anef_tui.ui.vault.base import Opened
from anef_tui.ui.vault.choose import NewPhraseScreen
from anef_tui.ui.vault.unlock import UnlockScreen
from anef_tui.vault.door import DEFAULT_IDLE_MINUTES, idle_minutes

#: How often the idle time is looked at (s): the lock comes at most this late.
IDLE_CHECK_SECONDS = 5.0
LOCK_INTRO = (
    "anef-tui est verrouillé : les dossiers sont cachés. Tapez la phrase secrète pour "
    "reprendre là où vous en étiez ; ce qui était en cours de saisie est gardé."
)
CURRENT_INTRO = "Tapez d'abord la phrase secrète actuelle."


class LockScreen(UnlockScreen):
    """The unlock form over everything; Échap does nothing here (Ctrl+Q still quits, which
    saves what was typed)."""

    TITLE_TEXT = "anef-tui — Verrouillé"
    BINDINGS = [("f2", "recovery", "Clé de secours")]

    def action_leave(self) -> None:  # no Échap binding: kept for the parent's callers
        return


class CurrentPhraseScreen(UnlockScreen):
    """« Changer la phrase secrète », first the current one; Échap goes back."""

    TITLE_TEXT = "anef-tui — Changer la phrase secrète"
    BINDINGS = [("escape", "leave", "Retour")]

    def action_leave(self) -> None:
        self.dismiss(None)


class IdleLock:
    """Mixin for AnefApp: the idle lock, Ctrl+L, « Changer la phrase secrète »."""

    _last_input: float = 0.0
    _idle_limit: float = DEFAULT_IDLE_MINUTES * 60.0
    #: The clock the idle time is read on, and how often it is looked at (tests set both).
    idle_clock = staticmethod(time.monotonic)
    idle_check_seconds: float = IDLE_CHECK_SECONDS

    def vault_data_dir(self) -> Path | None:
        """The data folder when it is encrypted (None: a plain folder, nothing to lock)."""
        database = getattr(self.services.dossiers, "database", None)  # type: ignore[attr-defined]
        if database is None or getattr(database, "key", None) is None:
            return None
        return database.data_dir

    def vault_id(self) -> str | None:
        database = getattr(self.services.dossiers, "database", None)  # type: ignore[attr-defined]
        key = getattr(database, "key", None)
        return key.vault_id if key is not None else None

    def start_idle_lock(self, preferences: dict) -> None:
        if self.vault_data_dir() is None:
            return
        self._idle_limit = idle_minutes(preferences) * 60.0
        self._last_input = self.idle_clock()
        self.set_interval(self.idle_check_seconds, self._check_idle)  # type: ignore[attr-defined]

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.MouseDown, events.Paste)):
            self._last_input = self.idle_clock()
        await super().on_event(event)  # type: ignore[misc]

    @property
    def locked(self) -> bool:
        return isinstance(self.screen, LockScreen)  # type: ignore[attr-defined]

    def _check_idle(self) -> None:
        if not self.locked and self.idle_clock() - self._last_input >= self._idle_limit:
            self.action_lock()

    def action_lock(self) -> None:
        data_dir = self.vault_data_dir()
        if data_dir is None:
            self.notify(  # type: ignore[attr-defined]
                "Ce dossier de données n'est pas chiffré : il n'y a pas de phrase secrète "
                "pour le verrouiller.", title="Verrouiller", markup=False)
            return
        if self.locked:
            return
        self.clear_notifications()  # type: ignore[attr-defined]
        self.push_screen(  # type: ignore[attr-defined]
            LockScreen(data_dir, intro=LOCK_INTRO, expected_vault=self.vault_id()),
            self._unlocked,
        )

    def _unlocked(self, result: Opened | None) -> None:
        self._last_input = self.idle_clock()

    def action_change_passphrase(self) -> None:
        data_dir = self.vault_data_dir()
        if data_dir is None:
            self.notify(  # type: ignore[attr-defined]
                "Ce dossier de données n'est pas chiffré : il n'a pas de phrase secrète.",
                title="Phrase secrète", markup=False)
            return

        def current(result: Opened | None) -> None:
            if result is not None and result.key is not None:
                self.push_screen(NewPhraseScreen(data_dir, result.key))  # type: ignore[attr-defined]

        self.push_screen(  # type: ignore[attr-defined]
            CurrentPhraseScreen(data_dir, intro=CURRENT_INTRO, expected_vault=self.vault_id()),
            current,
        )
