"""`anef-tui texte`: the plain mode on a data directory (wired in `anef_tui.cli`)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from anef_tui.plain.context import Context
from anef_tui.plain.io import EndOfInput, PlainIO


def run(
    data_dir: Path,
    *,
    stdin: BinaryIO | None = None,
    stdout: BinaryIO | None = None,
    clock: Callable[[], datetime] = datetime.now,
) -> int:
    """Run the plain mode until « :quitter » or the end of input; return the exit code.
    StoreError from opening the store is the caller's (a French line on stderr)."""
    from anef_tui.plain.home import Home
    from anef_tui.store.dossiers import DossierStore

    io = PlainIO(stdin, stdout)
    store = DossierStore(data_dir, clock=clock)
    try:
        try:
            Home(Context(io, store, clock)).run()
        except EndOfInput:
            io.say("Fin de l'entrée : tout est enregistré. Au revoir.")
            return 0
        io.say("Tout est enregistré. Au revoir.")
        return 0
    finally:
        store.close()
