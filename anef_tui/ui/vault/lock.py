"""The lock screens (issue 23): when the worker steps away — after the idle time the user
sets (`vault.door.idle_minutes`) or at once with Ctrl+L (`desk.VaultDesk`) — a screen covers
every other one until the passphrase is typed again. What was being typed stays in its
field underneath (in memory), and drafts keep being saved as before. Only for an encrypted folder: a plain one
has no passphrase to ask for.

While locked, nothing of an applicant shows: the lock screen is opaque, the notifications
shown are cleared, and the help (F1) and the palette (Ctrl+P) are refused.
"""

from __future__ import annotations

from anef_tui.ui.vault.unlock import UnlockScreen

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
