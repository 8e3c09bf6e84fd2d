"""What a plain dossier session provides to its parts (slots, dépôt): the mixins' host.

Only type declarations: `DossierSession` (plain/steps.py) has these; its parts inherit this
class so that a type checker knows them, declared once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from anef_tui.domain.catalogue import Procedure
    from anef_tui.plain.commands import Command
    from anef_tui.plain.context import Context
    from anef_tui.plain.io import PlainIO
    from anef_tui.plain.parts import Item


class SessionPart:
    """Base of the parts of DossierSession (a mixin)."""

    if TYPE_CHECKING:  # provided by DossierSession (plain/steps.py)
        ctx: Context
        io: PlainIO
        dossier_id: int
        procedure: Procedure
        where: str
        position: str

        def command(
            self, cmd: Command, repeat: Any, remaining: Any = None
        ) -> str | None: ...
        def items(self, form: Any) -> list[Item]: ...
        def ask_items(
            self, form: Any, position: str, items: list[Item], values: dict, answers: dict,
            *, first_is_back: bool, start: int = 0, lead: str | None = None,
        ) -> None: ...
        def remaining(self, form: Any, values: dict, answers: dict) -> list[str]: ...
        def write(self, write: Any) -> bool: ...
        def read_version(self) -> None: ...

