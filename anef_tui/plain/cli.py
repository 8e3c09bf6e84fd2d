"""`anef-tui texte`: the plain mode on a data directory (wired in `anef_tui.cli`)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from anef_tui.plain.context import Context
from anef_tui.plain.interruptions import Stopped, stopped_by_sigterm
from anef_tui.plain.io import EndOfInput, PlainIO

if TYPE_CHECKING:
    from anef_tui.vault.keys import VaultKey


def run(
    data_dir: Path,
    *,
    stdin: BinaryIO | None = None,
    stdout: BinaryIO | None = None,
    clock: Callable[[], datetime] = datetime.now,
    answers: Path | None = None,
    key: VaultKey | None = None,
    worker: str | None = None,
    ask_worker: bool = False,
) -> int:
    """Run the plain mode until « :quitter » or the end of input; return the exit code
    (0; 130 after Ctrl+C, 143 after SIGTERM, each said in French; 2 when the answers file
    `answers` cannot be used, said in French line by line). StoreError from opening
    the store is the caller's (a French line on stderr). `worker`: the worker's name given
    (--aidant); `ask_worker`: ask it when none is kept (a person at a terminal)."""
    from anef_tui.plain.depot import make_owed_documents
    from anef_tui.plain.home import Home
    from anef_tui.plain.preseed import AnswersFile, AnswersFileError, read
    from anef_tui.store.dossiers import DossierStore

    io = PlainIO(stdin, stdout)
    preset: AnswersFile | None = None
    if answers is not None:
        try:
            preset = read(answers)
        except AnswersFileError as exc:
            io.say(*exc.lines, "Corrigez le fichier de réponses, puis relancez anef-tui texte.")
            return 2
        io.say(f"Fichier de réponses : {len(preset.answers)} réponse(s), données quand leur "
               "question est posée.")
    store = DossierStore(data_dir, clock=clock, key=key)
    from anef_tui.vault.door import at_a_terminal

    if key is not None and at_a_terminal():
        from anef_tui.plain import idle
        from anef_tui.preferences import load_preferences

        idle.install(io, data_dir, key, load_preferences(data_dir))
    try:
        with stopped_by_sigterm():
            try:
                ctx = Context(io, store, clock, answers=preset)
                from anef_tui.plain import journal

                journal.start(ctx, worker, ask=ask_worker)
                make_owed_documents(ctx)
                Home(ctx).run()
            except EndOfInput:
                io.say("Fin de l'entrée : tout est enregistré. Au revoir.")
                return 0
            except KeyboardInterrupt:
                io.say("", INTERRUPTED)
                return 130
            except Stopped:
                io.say("", INTERRUPTED)
                return 143
        io.say("Tout est enregistré. Au revoir.")
        return 0
    finally:
        store.close()


INTERRUPTED = "Interrompu : tout ce que vous avez validé est enregistré. Au revoir."

