"""`anef-tui base migrer --vers postgresql://…` (issue 25): a desk's data folder moved into
the structure's base on a server (`store/transfer/`). The folder's vault phrase is asked as
the other commands ask it (an encrypted folder), then the login of a référent of the
server's base (`--compte`, its passphrase); the files are sealed with the structure's key
that login opens. Verified, resumable (run it again after an interruption), refused if it
would overwrite; the folder is left as it was, for the user to erase after checking.
Exit codes: 0 moved (or found moved) and verified, 1 refused or a difference, 2 wrong use.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from anef_tui.cli.common import fail


def add_parser(base_sub: Any, add_login_options: Any) -> None:
    """`base migrer` among `base`'s actions."""
    p_move = base_sub.add_parser(
        "migrer", help="déplacer le dossier de données de ce poste dans la base de la "
                       "structure sur un serveur PostgreSQL",
        description="Déplacer les dossiers, les fichiers et le journal du dossier de données "
                    "de ce poste (--data-dir, chiffré ou non) dans la base de la structure "
                    "sur un serveur PostgreSQL, puis tout vérifier (chaque table comptée, "
                    "chaque fichier relu depuis le serveur). Il faut un compte de référent "
                    "sur cette base (--compte NOM). Interrompu, relancez la même commande : "
                    "elle reprend sans rien doubler. Refusé si la base du serveur a déjà "
                    "d'autres dossiers. Le dossier de données n'est pas modifié : effacez-le "
                    "vous-même une fois la base du serveur vérifiée.")
    p_move.add_argument("--vers", metavar="URL", required=True,
                        help="l'adresse de la base du serveur "
                             "(postgresql://utilisateur@serveur/base)")
    add_login_options(p_move, here=True)
    p_move.add_argument(
        "--compte-dossier", metavar="NOM", dest="compte_dossier",
        help="quand le dossier de données a ses propres comptes : votre nom de compte sur "
             "ce dossier (sinon celui de --compte)")
    p_move.add_argument(
        "--phrase-compte-dossier", metavar="F", dest="phrase_compte_dossier",
        help="fichier privé contenant la phrase secrète de ce compte (sinon celle de "
             "--phrase-compte, sinon elle est demandée sans écho)")


def _say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def _folder_login(args: argparse.Namespace) -> Any:
    """The check of a worker of a folder that has accounts: reading only (nothing is
    written in the folder), and a worker who may move it (a référent)."""

    def check(conn: Any) -> None:
        from anef_tui.accounts import LoginRequired, NotAllowed
        from anef_tui.accounts.login import check_read_only
        from anef_tui.accounts.roles import MOVE_FOLDER, may
        from anef_tui.cli import accounts as account_commands
        from anef_tui.vault.door import ask_without_echo, at_a_terminal

        name, phrase = account_commands.account_options(args)
        name = getattr(args, "compte_dossier", None) or name
        given = getattr(args, "phrase_compte_dossier", None)
        if given:
            from anef_tui.vault.phrase_file import read_phrase_file

            phrase = read_phrase_file(Path(given).expanduser(),
                                      what="phrase secrète du compte",
                                      given_by="--phrase-compte-dossier")
        if not name:
            raise LoginRequired()
        if phrase is None:
            if not at_a_terminal():
                raise LoginRequired()
            _say("Ce dossier de données a des comptes d'aidants.")
            try:
                phrase = ask_without_echo(f"Phrase secrète du compte « {name} » sur ce "
                                          "dossier de données")
            except EOFError:
                raise LoginRequired() from None
        account = check_read_only(conn, name, phrase)
        if not may(account.role, MOVE_FOLDER):
            raise NotAllowed("déplacer ce dossier de données")

    return check


def cmd_move(data_dir: Path, args: argparse.Namespace, *,
             checkpoint: Any = None) -> int:
    """Move `data_dir` into the base at `--vers`; print what was moved and checked."""
    from anef_tui.accounts import has_accounts
    from anef_tui.accounts.roles import MOVE_FOLDER
    from anef_tui.cli import accounts as account_commands
    from anef_tui.store import base_choice
    from anef_tui.store.database import Database
    from anef_tui.store.engine.postgresql import where
    from anef_tui.store.transfer import move_folder
    from anef_tui.vault.folder import FolderKind, folder_kind

    if base_choice.chosen() is not None:
        return fail("« base migrer » déplace le dossier de données de ce poste : retirez "
                    "--base (et ANEF_TUI_BASE), et donnez le serveur avec --vers.", 2)
    try:
        url = base_choice.from_command_line(args.vers)
    except base_choice.BaseChoiceError:
        url = None
    if url is None:
        return fail("--vers attend l'adresse d'un serveur PostgreSQL, de la forme "
                    "« postgresql://utilisateur@serveur/base ».", 2)
    kind = folder_kind(data_dir)
    if kind is FolderKind.NEW:
        return fail(f"Le dossier de données « {data_dir} » n'a pas de base à déplacer : "
                    "vérifiez --data-dir.")
    folder_key = None
    if kind is FolderKind.ENCRYPTED:
        from anef_tui.cli.unlock import key_for

        folder_key = key_for(data_dir, command="base")
    place = where(url)
    server = Database(data_dir, base=url)
    try:
        if not has_accounts(server):
            return fail(
                f"La base du serveur « {place} » n'a pas encore de compte : créez d'abord son "
                "premier référent (« anef-tui --base URL base initialiser --compte NOM »), "
                "puis relancez le déplacement.")
        _say(f"Connexion à la base du serveur « {place} ».")
        session = account_commands.login_to(server, args)
        if not session.may(MOVE_FOLDER):
            from anef_tui.accounts import NotAllowed

            raise NotAllowed("déplacer un dossier de données dans la base de la structure")
        moved = move_folder(data_dir, folder_key, server, say=_say,
                            folder_login=_folder_login(args),
                            **({"checkpoint": checkpoint} if checkpoint else {}))
    finally:
        server.close()
    done = ("Ce dossier de données avait déjà été déplacé : la base du serveur a été "
            "vérifiée à nouveau." if moved.already else "Déplacement terminé et vérifié.")
    print(done)
    print(f"Sur le serveur « {place} » : {moved.counts.get('dossiers', 0)} dossiers, "
          f"{moved.files} pièces et {moved.documents} PDF relus et identiques, "
          f"{moved.entries} entrées du journal "
          "(le journal du serveur se vérifie).")
    print(f"Le dossier de données « {data_dir} » n'a pas été modifié. Travaillez désormais "
          "sur le serveur (--base ou ANEF_TUI_BASE) ; après avoir vérifié vos dossiers sur "
          "le serveur, effacez vous-même ce dossier de données de ce poste : il contient "
          "encore les données des personnes.")
    return 0
