"""A desk's data folder moved into the structure's base on a PostgreSQL server (issue 25,
`anef-tui base migrer --vers postgresql://…`): verified, resumable, refused if it would
overwrite. `source` reads the folder (never writes it), `move` makes the one transaction,
`journal` carries the journal over, `check` reads everything back. No Textual."""

from __future__ import annotations

from anef_tui.store.transfer.check import Moved
from anef_tui.store.transfer.move import move_folder, record_of
from anef_tui.store.transfer.words import MoveRefused

__all__ = ["MoveRefused", "Moved", "move_folder", "record_of"]
