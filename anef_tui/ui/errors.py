"""The UI's error boundary: what a fault says to the user, and which errors are faults.

A *fault* is something the machine or another program did (disk full, busy or damaged
database, a file that vanished, a dossier abandoned in another window): the user gets a
French message where they are, what they typed stays on screen, and the action can be
tried again. Anything else is a bug: `AnefApp` writes a crash report without personal data
(`anef_tui/crash.py`) and exits cleanly.
"""

from __future__ import annotations

import errno

from anef_tui.store.db import StoreError

# Errors that are faults, not bugs. pydantic / catalogue errors are bugs of the data and
# are reported at start-up.
FAULTS: tuple[type[BaseException], ...] = (StoreError, OSError)


def unwrap(error: BaseException) -> BaseException:
    """A failed worker wraps its error (`WorkerFailed.error`)."""
    inner = getattr(error, "error", None)
    return inner if isinstance(inner, BaseException) else error


def is_fault(error: BaseException) -> bool:
    return isinstance(unwrap(error), FAULTS)


_ERRNO_MESSAGES = {
    errno.ENOSPC: "Le disque est plein : rien n'a été enregistré. Libérez de la place sur le "
    "disque, puis réessayez. Ce que vous avez saisi est toujours à l'écran.",
    errno.EDQUOT: "Votre quota de disque est atteint : rien n'a été enregistré. Libérez de la "
    "place, puis réessayez. Ce que vous avez saisi est toujours à l'écran.",
    errno.EROFS: "Le disque est en lecture seule : rien n'a été enregistré. Choisissez un autre "
    "dossier de données (--data-dir), puis réessayez.",
    errno.EACCES: "Accès refusé à un fichier ou un dossier. Vérifiez ses droits, puis réessayez.",
    errno.EPERM: "Opération refusée par le système. Vérifiez les droits du fichier, puis "
    "réessayez.",
    errno.ENOENT: "Un fichier ou un dossier est introuvable (déplacé ou supprimé ?). Vérifiez "
    "qu'il existe, puis réessayez.",
    errno.EIO: "Erreur de lecture ou d'écriture sur le disque. Vérifiez le disque, puis "
    "réessayez.",
}


def fault_message(error: BaseException) -> str:
    """One French message: what happened and what to do. Never a traceback."""
    error = unwrap(error)
    if isinstance(error, StoreError):
        return str(error)
    if isinstance(error, OSError):
        known = _ERRNO_MESSAGES.get(error.errno or 0)
        if known:
            return known
        return (
            "Une opération sur un fichier a échoué"
            + (f" ({error.strerror})" if error.strerror else "")
            + ". Réessayez ; si cela recommence, vérifiez le disque et le dossier de données."
        )
    return "Une erreur inattendue s'est produite. Réessayez."
