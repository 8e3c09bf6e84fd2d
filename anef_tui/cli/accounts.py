"""The workers' accounts on the command line (issue 25): `anef-tui base initialiser` (the
first référent), `anef-tui comptes` (list; `ajouter`, `desactiver`, `phrase`, `journal`), and the
login every command asks first when the base has accounts.

Who logs in: `--compte NOM` (or $ANEF_TUI_COMPTE, else asked at the terminal); the
passphrase typed without echo, or read from `--phrase-compte F` / $ANEF_TUI_PHRASE_COMPTE
(a private file, as ANEF_TUI_PHRASE_FILE) for scripts. A passphrase a référent gives (a new
account, a reset) is typed twice, or read from `--phrase-nouvelle F`. Exit codes: 0 done,
1 refused (nothing written), 2 wrong use.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from anef_tui.cli.common import fail, open_store

if TYPE_CHECKING:
    from anef_tui.accounts.session import Session
    from anef_tui.store.database import Database
    from anef_tui.vault.keys import VaultKey

ENV_ACCOUNT = "ANEF_TUI_COMPTE"
ENV_ACCOUNT_PHRASE = "ANEF_TUI_PHRASE_COMPTE"


def add_login_options(parser: argparse.ArgumentParser, *, here: bool = False) -> None:
    """`--compte` and `--phrase-compte` (`here`: on a subcommand too, after its name)."""
    extra: dict[str, Any] = {"default": argparse.SUPPRESS} if here else {}
    parser.add_argument(
        "--compte", metavar="NOM", dest="compte", **extra,
        help=f"votre nom de compte, quand la base a des comptes (sinon ${ENV_ACCOUNT}, "
             "sinon il est demandé)")
    parser.add_argument(
        "--phrase-compte", metavar="F", dest="phrase_compte", **extra,
        help="fichier privé (chmod 600) contenant la phrase secrète de votre compte, pour "
             f"les scripts (sinon ${ENV_ACCOUNT_PHRASE}, sinon elle est demandée sans écho)")


def add_parsers(sub: Any) -> Any:
    """`base initialiser` and `comptes` among the subcommands; return `base`'s actions
    (`base migrer` joins them: `cli/base_migrate.py`)."""
    p_base = sub.add_parser(
        "base", help="la base partagée d'une structure : « base initialiser » crée le "
                     "premier référent, « base migrer » y déplace le dossier de ce poste",
        description="« initialiser » : créer le premier compte, un référent, sur une base qui "
                    "n'en a pas encore (dès lors, chaque aidant se connecte avec son nom et "
                    "sa phrase secrète, et le journal nomme chacun). « migrer » : déplacer le "
                    "dossier de données de ce poste dans la base de la structure sur un "
                    "serveur PostgreSQL.")
    base_sub = p_base.add_subparsers(dest="base_action", metavar="ACTION", required=True)
    p_init = base_sub.add_parser(
        "initialiser", help="créer le premier référent (une seule fois)",
        description="Créer le premier référent de la base (--compte NOM, --nom « Prénom "
                    "Nom ») ; sa phrase secrète est demandée deux fois sans écho, ou lue dans "
                    "--phrase-compte F.")
    add_login_options(p_init, here=True)
    p_init.add_argument("--nom", metavar="TEXTE", default="",
                        help="le nom affiché du référent (sinon son nom de compte)")

    p_accounts = sub.add_parser(
        "comptes", help="les comptes des aidants : lister, ajouter, désactiver, phrase",
        description="Sans ACTION : lister les comptes. Un référent ajoute un compte (avec une "
                    "phrase secrète initiale, à changer à la première connexion), en "
                    "désactive un, ou donne une nouvelle phrase à un aidant qui l'a oubliée. "
                    "« comptes phrase » sans NOM : changer sa propre phrase.")
    add_login_options(p_accounts, here=True)
    accounts_sub = p_accounts.add_subparsers(dest="accounts_action", metavar="ACTION")
    p_add = accounts_sub.add_parser("ajouter", help="ajouter un compte (référent)")
    p_add.add_argument("nom_compte", metavar="NOM", help="son nom de compte (ex. marie.dupont)")
    p_add.add_argument("--nom", metavar="TEXTE", default="",
                       help="le nom affiché (sinon le nom de compte)")
    p_add.add_argument("--role", metavar="ROLE", default="aidant",
                       help="« aidant » (par défaut) ou « référent »")
    p_add.add_argument("--phrase-nouvelle", metavar="F", dest="phrase_nouvelle",
                       help="fichier privé contenant la phrase initiale (sinon demandée)")
    p_off = accounts_sub.add_parser("desactiver", help="désactiver un compte (référent)")
    p_off.add_argument("nom_compte", metavar="NOM")
    p_phrase = accounts_sub.add_parser(
        "phrase", help="changer sa phrase secrète, ou en donner une nouvelle à un compte "
                       "(référent)")
    p_phrase.add_argument("nom_compte", metavar="NOM", nargs="?", default=None,
                          help="le compte (sans NOM : le vôtre)")
    p_phrase.add_argument("--phrase-nouvelle", metavar="F", dest="phrase_nouvelle",
                          help="fichier privé contenant la nouvelle phrase (sinon demandée)")
    p_journal = accounts_sub.add_parser(
        "journal", help="le journal des comptes : ajouts, désactivations, phrases, "
                        "connexions refusées, durée de conservation (référent)")
    for action in (p_add, p_off, p_phrase, p_journal):
        add_login_options(action, here=True)
    return base_sub


def _say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def _ask_line(prompt: str) -> str:
    print(f"{prompt} : ", end="", file=sys.stderr, flush=True)
    line = sys.stdin.readline()
    if not line:
        raise EOFError
    return line.rstrip("\n")


def _phrase_file(given: str | None, env: str | None, option: str, what: str) -> str | None:
    from anef_tui.vault.phrase_file import read_phrase_file

    value = given or (os.environ.get(env) if env else None)
    if not value:
        return None
    return read_phrase_file(Path(value).expanduser(), what=what,
                            given_by=option if given else f"${env}")


def _login_phrase(args: argparse.Namespace) -> str | None:
    return _phrase_file(getattr(args, "phrase_compte", None), ENV_ACCOUNT_PHRASE,
                        "--phrase-compte", "phrase secrète du compte")


def _name(args: argparse.Namespace) -> str | None:
    return getattr(args, "compte", None) or os.environ.get(ENV_ACCOUNT) or None


def account_options(args: argparse.Namespace) -> tuple[str | None, str | None]:
    """What the plain mode needs to log in without asking: the name, the phrase read from
    its file."""
    return _name(args), _login_phrase(args)


def login_to(database: Database, args: argparse.Namespace, *,
             can_ask: bool | None = None, own_change: bool = False) -> Session:
    """The command line's login on an open base with accounts (AccountError, LoginRequired
    without a terminal nor the options). `own_change`: the command changes the worker's own
    passphrase (a script may then log in with one a référent gave)."""
    from anef_tui.accounts import LoginRequired, login
    from anef_tui.accounts.login import refused_line
    from anef_tui.accounts.words import login_by_asking, welcome
    from anef_tui.store.journal.actor import COMMAND_LINE
    from anef_tui.vault.door import ask_without_echo, at_a_terminal

    name, phrase = _name(args), _login_phrase(args)
    if phrase is not None and name:
        session = login(database, name, phrase, front_end=COMMAND_LINE)
        if session.must_change and not own_change:
            from anef_tui.accounts.errors import AccountError

            raise AccountError(
                "La phrase secrète de ce compte a été donnée par un référent : changez-la "
                "d'abord à un terminal (« anef-tui --compte NOM comptes phrase »).")
        for line in (welcome(session), refused_line(session)):
            if line:
                _say(line)
        return session
    if not (at_a_terminal() if can_ask is None else can_ask):
        raise LoginRequired()
    try:
        return login_by_asking(database, _ask_line, ask_without_echo, _say, time.sleep,
                               front_end=COMMAND_LINE, name=name)
    except EOFError:
        raise LoginRequired() from None


def session_for(data_dir: Path, key: VaultKey | None,
                args: argparse.Namespace) -> Session | None:
    """The login before a command reads anything: None when the base has no account."""
    from anef_tui.accounts.probe import folder_has_accounts

    if not folder_has_accounts(data_dir, key):  # read-only: nothing written
        return None
    store = open_store(data_dir, key)
    try:
        return login_to(store.database, args)
    finally:
        store.close()


def _new_phrase(args: argparse.Namespace, what: str) -> str:
    from anef_tui.vault.door import ask_without_echo, at_a_terminal, new_phrase_by_asking

    given = _phrase_file(getattr(args, "phrase_nouvelle", None), None, "--phrase-nouvelle",
                         what)
    if given is not None:
        return given
    if not at_a_terminal():
        from anef_tui.accounts.errors import AccountError

        raise AccountError(f"Sans terminal, donnez la {what} dans un fichier privé : "
                           "--phrase-nouvelle F.")
    _say(f"Choisissez la {what}.")
    return new_phrase_by_asking(ask_without_echo, _say)


def cmd_base(data_dir: Path, key: VaultKey | None, args: argparse.Namespace) -> int:
    """`base initialiser`: the first référent (refused once the base has accounts)."""
    from anef_tui.accounts import create_first_referent, has_accounts
    from anef_tui.accounts.manage import ALREADY
    from anef_tui.store.journal.actor import COMMAND_LINE
    from anef_tui.vault.door import ask_without_echo, at_a_terminal, new_phrase_by_asking

    store = open_store(data_dir, key)
    try:
        if has_accounts(store.database):
            return fail(ALREADY)
        name = _name(args)
        phrase = _login_phrase(args)
        if phrase is None or not name:
            if not at_a_terminal():
                return fail("Sans terminal, donnez --compte NOM et --phrase-compte F (un "
                            "fichier privé contenant la phrase secrète du référent).", 2)
            try:
                name = name or _ask_line("Nom de compte du premier référent")
                if phrase is None:
                    phrase = new_phrase_by_asking(ask_without_echo, _say)
            except EOFError:
                return fail("Rien n'a été créé.")
        session = create_first_referent(store.database, name, args.nom, phrase,
                                        front_end=COMMAND_LINE)
    finally:
        store.close()
    print(f"Premier référent créé : {session.display_name} ({session.login}). Dès "
          "maintenant, chaque commande et chaque ouverture demandent un compte ; ajoutez les "
          "aidants avec « anef-tui comptes ajouter NOM ».")
    return 0


def cmd_accounts(data_dir: Path, key: VaultKey | None, args: argparse.Namespace) -> int:
    """`comptes` [ajouter | desactiver | phrase]."""
    from anef_tui import accounts
    from anef_tui.accounts.roles import MANAGE_ACCOUNTS, role_of_words
    from anef_tui.accounts.rows import login_of

    store = open_store(data_dir, key)
    try:
        database = store.database
        if not accounts.has_accounts(database):
            return fail("Cette base n'a pas encore de compte : créez le premier référent "
                        "avec « anef-tui base initialiser --compte NOM ».")
        action = getattr(args, "accounts_action", None)
        target: str = getattr(args, "nom_compte", None) or ""
        own = action == "phrase" and (not target or login_of(target) == login_of(
            _name(args) or ""))
        session = login_to(database, args, own_change=own)
        if action is None:
            for account in accounts.list_accounts(database):
                print(account.line())
            return 0
        if action == "journal":
            from anef_tui.accounts.journal import account_entries

            entries = account_entries(database, session)
            for entry in entries:
                print(f"{entry.seq:>6}  {entry.line()}")
            if not entries:
                print("Aucune entrée dans le journal des comptes.")
            return 0
        if action == "ajouter":
            role = role_of_words(args.role)
            if role is None:
                return fail("--role attend « aidant » ou « référent ».", 2)
            if not session.may(MANAGE_ACCOUNTS):
                raise accounts.NotAllowed("ajouter un compte")
            phrase = _new_phrase(args, "phrase secrète initiale du compte")
            accounts.add_worker(database, session, target, args.nom, role, phrase)
            print(f"Compte « {login_of(target)} » ajouté : donnez-lui sa phrase "
                  "initiale de vive voix ; elle lui sera demandée puis changée à sa première "
                  "connexion.")
        elif action == "desactiver":
            accounts.disable(database, session, target)
            print(f"Compte « {login_of(target)} » désactivé : il ne peut plus "
                  "se connecter ; ses entrées du journal restent.")
        elif not target or login_of(target) == session.login:
            accounts.change_own_passphrase(database, session,
                                           _new_phrase(args, "nouvelle phrase secrète"))
            print("Nouvelle phrase secrète enregistrée.")
        else:
            if not session.may(MANAGE_ACCOUNTS):
                raise accounts.NotAllowed("donner une nouvelle phrase secrète à un compte")
            accounts.reset_passphrase(database, session, target,
                                      _new_phrase(args, "nouvelle phrase initiale du compte"))
            print(f"Nouvelle phrase initiale donnée à « {login_of(target)} » : "
                  "elle lui sera demandée puis changée à sa prochaine connexion.")
        return 0
    finally:
        store.close()
