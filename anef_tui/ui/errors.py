"""The UI's error boundary: what a fault says to the user, and which errors are faults.

A *fault* is something the machine or another program did (disk full, busy or damaged
database, a file that vanished, a dossier abandoned in another window): the user gets a
French message where they are, what they typed stays on screen, and the action can be
tried again. Anything else is a bug: `AnefApp` writes a crash report without personal data
(`anef_tui/crash.py`) and exits cleanly.
"""

from __future__ import annotations

from anef_tui.display import display_text
from anef_tui.domain.kinds_error import NotificationKindsError, unavailable_message
from anef_tui.oserrors import error_message, is_system_error
from anef_tui.store.db import StoreError

# Errors that are faults, not bugs. pydantic / catalogue errors are bugs of the data and
# are reported at start-up. A UnicodeError comes from outside too: a file name whose bytes
# are not UTF-8, a file that is not the text it should be. A notification kinds file that
# cannot be used (a typo in `followup.toml`) is a fault of the data: the follow-up waits for
# it to be corrected, everything else works.
FAULTS: tuple[type[BaseException], ...] = (
    StoreError, OSError, UnicodeError, NotificationKindsError,
)


def unwrap(error: BaseException) -> BaseException:
    """A failed worker wraps its error (`WorkerFailed.error`)."""
    inner = getattr(error, "error", None)
    return inner if isinstance(inner, BaseException) else error


def is_fault(error: BaseException) -> bool:
    return isinstance(unwrap(error), FAULTS)


def fault_message(error: BaseException) -> str:
    """One French message: what happened and what to do. Never a traceback, never Python's
    English text (`strerror`, a codec's complaint): `anef_tui.oserrors` words it."""
    error = unwrap(error)
    if isinstance(error, StoreError):
        return display_text(error)
    if isinstance(error, NotificationKindsError):
        return display_text(unavailable_message(error))
    if is_system_error(error):
        return error_message(error)
    return "Une erreur inattendue s'est produite. Réessayez."


def fault_title(error: BaseException) -> str:
    """The toast's title: nothing typed is lost by a fault; a data file says what it is."""
    if isinstance(unwrap(error), NotificationKindsError):
        return "Fichier des notifications à corriger"
    return "Rien n'est perdu"
