"""The UI's error boundary: what a fault says to the user, and which errors are faults.

A *fault* is something the machine or another program did (disk full, busy or damaged
database, a file that vanished, a dossier abandoned in another window): the user gets a
French message where they are, what they typed stays on screen, and the action can be
tried again. Anything else is a bug: `AnefApp` writes a crash report without personal data
(`anef_tui/crash.py`) and exits cleanly.
"""

from __future__ import annotations

from anef_tui.display import display_text
from anef_tui.oserrors import error_message, is_system_error
from anef_tui.store.db import StoreError

# Errors that are faults, not bugs. pydantic / catalogue errors are bugs of the data and
# are reported at start-up. A UnicodeError comes from outside too: a file name whose bytes
# are not UTF-8, a file that is not the text it should be.
FAULTS: tuple[type[BaseException], ...] = (StoreError, OSError, UnicodeError)


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
    if is_system_error(error):
        return error_message(error)
    return "Une erreur inattendue s'est produite. Réessayez."
