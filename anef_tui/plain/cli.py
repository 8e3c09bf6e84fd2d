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
    account: str | None = None,
    account_phrase: str | None = None,
) -> int:
    """Run the plain mode until « :quitter » or the end of input; return the exit code
    (0; 130 after Ctrl+C, 143 after SIGTERM, each said in French; 2 when the answers file
    `answers` cannot be used, said in French line by line). StoreError from opening
    the store is the caller's (a French line on stderr). `worker`: the worker's name given
    (--aidant); `ask_worker`: ask it when none is kept (a person at a terminal). A base
    with accounts asks the login first (`account`: the name given, --compte;
    `account_phrase`: the passphrase read from --phrase-compte): the passphrase without
    echo at a terminal, else as the next line of the input."""
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

                ctx.session = _login(io, store, account, account_phrase)
                if ctx.session is not None:
                    journal.start(ctx, ctx.session.login, ask=False)
                    if at_a_terminal():  # the worker's passphrase after the idle time
                        from anef_tui.plain import idle
                        from anef_tui.preferences import load_preferences

                        idle.install_for_account(io, store.database, ctx.session,
                                                 load_preferences(data_dir))
                else:
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


def _login(io: PlainIO, store, account: str | None, phrase: str | None):
    """The worker's session when the base has accounts (None otherwise): asked line by
    line, the passphrase without echo at a terminal (issue 25)."""
    import time

    from anef_tui.accounts import has_accounts, login
    from anef_tui.accounts.login import refused_line
    from anef_tui.accounts.words import change_by_asking, login_by_asking, welcome
    from anef_tui.store.journal.actor import PLAIN
    from anef_tui.vault.door import ask_without_echo, at_a_terminal

    if not has_accounts(store.database):
        return None

    def ask_line(prompt: str) -> str:
        return io.ask(f"{prompt} : ")

    ask_phrase = ask_without_echo if at_a_terminal() else ask_line
    if account and phrase is not None:
        session = login(store.database, account, phrase, front_end=PLAIN)
        for line in (welcome(session), refused_line(session)):
            if line:
                io.say(line)
        if session.must_change:
            session = change_by_asking(store.database, session, ask_phrase, io.say)
        return session
    return login_by_asking(store.database, ask_line, ask_phrase, io.say, time.sleep,
                           front_end=PLAIN, name=account)


INTERRUPTED = "Interrompu : tout ce que vous avez validé est enregistré. Au revoir."

