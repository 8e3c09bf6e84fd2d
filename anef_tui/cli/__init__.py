"""The `anef-tui` command: the app by default, plus a few subcommands (one module each kind:
`parser` the grammar, `listing`, `backups`, `commands` the small ones, `common`).

Kept light on purpose: heavy modules (Textual, fpdf, pypdf, Pillow) are imported only by
the subcommand that needs them, so start-up stays fast.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from anef_tui.cli.backups import cmd_backups
from anef_tui.cli.commands import cmd_check, cmd_demo
from anef_tui.cli.common import fail as _fail
from anef_tui.cli.datafiles import cmd_procedures
from anef_tui.cli.listing import cmd_list
from anef_tui.cli.parser import EXIT_USAGE, build_parser


def cmd_app(data_dir: Path) -> int:
    """The full-screen app. An encrypted, new or old plain folder is opened through the
    unlock screens first (`ui/vault/`), unless ANEF_TUI_PHRASE_FILE gives the passphrase.
    On a server's base (`--base`, issue 25) the folder's vault has nothing to open."""
    from anef_tui.cli.unlock import key_for, phrase_file_set
    from anef_tui.store import base_choice
    from anef_tui.vault.folder import FolderKind, folder_kind

    kind = folder_kind(data_dir)
    if base_choice.chosen() is not None:
        key = None
    elif phrase_file_set() or kind in (FolderKind.DEMO, FolderKind.PLAIN_CHOSEN):
        key = key_for(data_dir, command=None)
    else:
        from anef_tui.ui.vault.door import run_door

        opened = run_door(data_dir, kind)
        if opened is None:  # the user left the door
            return 0
        key = opened.key
    from anef_tui.ui.app import make_app

    app = make_app(data_dir, key=key, ask_worker=True)
    app.run()
    return app.return_code or 0



#: `sauvegardes` on a server's base: the folder's backups are SQLite's (README).
SERVER_BACKUPS = (
    "Les sauvegardes d'anef-tui sont celles d'une base dans le dossier des données : une "
    "base sur un serveur PostgreSQL est sauvegardée par son administrateur (pg_dump)."
)


def _guarded(run):
    """A bug never prints a traceback (it may quote an answer): a report without personal
    data is written into the data directory, and one French sentence says where."""

    def main(argv: Sequence[str] | None = None) -> int:
        try:
            return run(argv)
        except Exception as exc:
            from anef_tui.crash import print_crash
            from anef_tui.paths import resolve_data_dir

            known, _ = build_parser().parse_known_args(argv)
            try:
                data_dir = resolve_data_dir(known.data_dir)
            except Exception:
                data_dir = None
            return print_crash(data_dir, exc)

    main.__doc__ = run.__doc__
    return main


@_guarded
def main(argv: Sequence[str] | None = None) -> int:
    from anef_tui.display import lenient
    from anef_tui.paths import private_umask

    private_umask()  # every file and folder the app creates is owner-only
    lenient(sys.stdout), lenient(sys.stderr)  # a terminal that is not UTF-8 gets « ? »
    # Messages are French lines chosen here: nothing is logged to the terminal (Python
    # would print a library's English warnings, or our developers' notes, on stderr).
    root = logging.getLogger()
    if not any(isinstance(h, logging.NullHandler) for h in root.handlers):
        root.addHandler(logging.NullHandler())
    args = build_parser().parse_args(argv)
    with _shown_output(args.command not in (None, "texte")):
        try:
            return _run(args)
        except (OSError, UnicodeError) as exc:
            # The system refused something no layer below put into words (a folder that
            # vanished, a name it cannot encode): French words, never Python's.
            from anef_tui.oserrors import error_text

            return _fail(error_text(exc))
        except KeyboardInterrupt:
            return 130


def _run(args: argparse.Namespace) -> int:
    if args.command == "verifier":
        return cmd_check(args)
    from anef_tui.domain import procedure_index
    from anef_tui.store import base_choice

    try:
        base_choice.choose(base_choice.from_command_line(args.base))
    except base_choice.BaseChoiceError as exc:
        return _fail(str(exc), EXIT_USAGE)
    if args.procedures:
        procedure_index.use_procedures_dir(args.procedures)
    try:
        return _run_with_procedures(args)
    finally:
        base_choice.choose(None)  # main() may be called again in the same process (tests)
        if args.procedures:
            procedure_index.use_procedures_dir(None)


@contextlib.contextmanager
def _shown_output(wanted: bool):
    """A command's output shows controls as glyphs (it quotes names and file names); not
    the TUI's (Textual writes its own sequences) nor the plain mode's (its own filter)."""
    if not wanted:
        yield
        return
    from anef_tui.controls import ShownStream

    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = ShownStream(sys.stdout), ShownStream(sys.stderr)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


#: The commands that still work on a server's base without any account: the one that
#: creates the first, and those a server refuses anyway with their own message.
_BEFORE_ANY_ACCOUNT = ("base", "sauvegardes", "exporter", "importer")


def _server_without_accounts(command: str | None) -> str | None:
    """On a server's base without any account (issue 25), what every front end says
    before any data (the TUI, `texte`, every command but `base initialiser`); else None."""
    from anef_tui.store import base_choice

    url = base_choice.chosen()
    if url is None or command in _BEFORE_ANY_ACCOUNT:
        return None
    from anef_tui.accounts.probe import server_has_accounts, server_without_accounts

    if server_has_accounts(url) is False:  # None: unreachable, the store says so
        return server_without_accounts(url)
    return None


def _run_with_procedures(args: argparse.Namespace) -> int:
    from anef_tui.domain import procedure_index
    from anef_tui.paths import DataDirError, ensure_data_dir, resolve_data_dir

    try:
        procedure_index.check_extra_dir()
    except procedure_index.ProcedureFolderError as exc:
        return _fail(str(exc), EXIT_USAGE)
    if args.command == "procedures":
        return cmd_procedures(args.check)
    from anef_tui.domain.kinds_error import NotificationKindsError, what_to_do

    try:
        from anef_tui.store.db import StoreError

        data_dir = ensure_data_dir(resolve_data_dir(args.data_dir))
        refusal = _server_without_accounts(args.command)
        if refusal is not None:
            return _fail(refusal)
        if args.command is None:
            return cmd_app(data_dir)
        if args.command == "servir":
            from anef_tui.cli.serve import cmd_serve

            return cmd_serve(data_dir, args)
        from anef_tui.cli.journal import command_line_actor
        from anef_tui.cli.unlock import key_for

        # `pdf` with no worker's name is refused once the dossier is found (cli_pdf).
        actor = command_line_actor(data_dir, args.aidant)
        from anef_tui.store import base_choice

        on_server = base_choice.chosen() is not None
        if on_server and args.command == "sauvegardes":
            return _fail(SERVER_BACKUPS)
        if on_server and args.command in ("exporter", "importer"):
            from anef_tui.bundle.errors import BundleOnServer

            return _fail(str(BundleOnServer()))  # before the phrase is asked for
        if args.command == "base" and args.base_action == "migrer":
            from anef_tui.cli.base_migrate import cmd_move

            return cmd_move(data_dir, args)  # asks the folder's phrase only if encrypted
        # On a server's base the folder's vault has nothing to open (issue 25): the files'
        # key is the structure's, which the login unseals.
        key = None if on_server else key_for(data_dir, command=args.command)
        if args.command in ("base", "comptes"):
            from anef_tui.cli import accounts as account_commands

            if args.command == "base":
                return account_commands.cmd_base(data_dir, key, args)
            return account_commands.cmd_accounts(data_dir, key, args)
        if args.command not in ("texte", "sauvegardes"):
            # A base with accounts: a login before anything is read (issue 25); the
            # journal names the worker logged in. Not `sauvegardes`: it must restore a
            # base that cannot be opened, and shows no dossier's data.
            from anef_tui.cli.accounts import session_for
            from anef_tui.store.journal.actor import COMMAND_LINE, Actor

            session = session_for(data_dir, key, args)
            if session is not None:
                actor = Actor(session.login, COMMAND_LINE)
                if on_server:
                    key = session.structure_key
        if args.command == "liste":
            return cmd_list(data_dir, args.json, key)
        if args.command == "journal":
            from anef_tui.cli.journal import cmd_journal

            return cmd_journal(data_dir, args.dossier_id, args.check, key)
        if args.command in ("exporter", "importer"):
            from anef_tui.cli import bundles

            if args.command == "exporter":
                return bundles.cmd_export(data_dir, args.dossier_id, Path(args.fichier), key,
                                          actor)
            return bundles.cmd_import(data_dir, Path(args.fichier), args.phrase_file, key,
                                      actor)
        if args.command == "effacer":
            from anef_tui.cli.erase import cmd_erase

            return cmd_erase(data_dir, args.dossier_id, args.past, args.yes, key, actor)
        if args.command == "demo":
            return cmd_demo(data_dir, args.count, key, actor)
        if args.command == "sauvegardes":
            return cmd_backups(data_dir, args.restaurer, args.confirmer, key=key)
        if args.command == "texte":
            from anef_tui.cli.accounts import account_options
            from anef_tui.plain.cli import run as run_plain
            from anef_tui.vault.door import at_a_terminal

            account, account_phrase = account_options(args)

            return run_plain(data_dir, answers=Path(args.reponses) if args.reponses else None,
                             key=key, worker=actor.name if actor else None,
                             ask_worker=at_a_terminal(), account=account,
                             account_phrase=account_phrase)
        if args.command == "consentement":
            from anef_tui.cli.consent import cmd_consent

            return cmd_consent(data_dir, args, key, actor)
        if args.command == "donnees":
            from anef_tui.cli.donnees import cmd_donnees

            return cmd_donnees(data_dir, args.dossier_id, key, actor)
        if args.command == "pdf":
            from anef_tui.documents import cli_pdf

            output = Path(args.output) if args.output else None
            return cli_pdf.run(data_dir, args.dossier_id, args.kind, output, key=key,
                               actor=actor, require_name=True)
        raise AssertionError(args.command)
    except (DataDirError, StoreError) as exc:
        return _fail(str(exc))
    except NotificationKindsError as exc:
        # A typo in a notification kinds file: which file, which line, what to do.
        return _fail(f"{str(exc).rstrip('.')}. {what_to_do()}")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
