"""Who acts, and from which front end: set on the open Database by the front end (the
application, the plain mode, the command line), read by every journal entry."""

from __future__ import annotations

from dataclasses import dataclass

#: Shown for an entry written without a worker's name (a store opened by a tool, a test).
UNKNOWN_NAME = "(non renseigné)"
#: The longest worker's name kept (one line).
MAX_NAME = 80

#: A writing command of the command line with no worker's name at all is refused so.
NO_NAME_COMMAND_LINE = (
    "cette commande écrit dans le journal des dossiers, qui note le nom de l'aidant : "
    "donnez-le avec --aidant NOM ou la variable ANEF_TUI_AIDANT, ou ouvrez l'application une "
    "fois pour l'enregistrer."
)

APPLICATION = "application"
PLAIN = "texte"
COMMAND_LINE = "ligne_de_commande"
UNKNOWN_FRONT_END = "inconnu"


@dataclass(frozen=True)
class Actor:
    """The worker's name (empty: not given) and the front end's code (`journal.toml`)."""

    name: str = ""
    front_end: str = UNKNOWN_FRONT_END

    @property
    def shown_name(self) -> str:
        return self.name or UNKNOWN_NAME


def clean_name(text: str) -> str:
    """A worker's name as kept: one line, no control character, spaces folded, at most
    MAX_NAME characters; "" when nothing is left."""
    from anef_tui.controls import strip_controls

    return " ".join(strip_controls(str(text)).split())[:MAX_NAME]
