"""`anef-tui servir`: the app in a browser (issue 26, `anef_tui.serve`)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from anef_tui.cli.common import fail


def add_parser(sub: Any) -> None:
    from anef_tui.serve import (
        DEFAULT_HOST,
        DEFAULT_LOGIN_TIMEOUT,
        DEFAULT_MAX_SESSIONS,
        DEFAULT_PORT,
    )

    p_serve = sub.add_parser(
        "servir", aliases=["serve"],
        help="ouvrir anef-tui dans un navigateur (chaque onglet : sa session, après la "
             "connexion ; cet ordinateur seulement, ou derrière un mandataire HTTPS)",
    )
    p_serve.add_argument("--hote", "--host", dest="host", default=DEFAULT_HOST,
                         metavar="ADRESSE",
                         help=f"adresse d'écoute (cet ordinateur seulement ; {DEFAULT_HOST} "
                              "par défaut)")
    p_serve.add_argument("--port", type=int, default=DEFAULT_PORT, metavar="PORT",
                         help=f"port d'écoute ({DEFAULT_PORT} par défaut)")
    p_serve.add_argument("--url-publique", "--public-url", dest="public_url",
                         metavar="URL",
                         help="adresse par laquelle les navigateurs arrivent (https://… du "
                              "serveur mandataire HTTPS) ; sinon http://ADRESSE:PORT")
    p_serve.add_argument("--pieces", dest="pieces", metavar="DOSSIER",
                         help="le seul dossier où les sessions choisissent les pièces à "
                              "joindre (par exemple celui où le scanner de la structure "
                              "dépose ses fichiers) ; sans lui, aucun fichier de cet "
                              "ordinateur n'est proposé")
    p_serve.add_argument("--delai-connexion", dest="login_timeout", type=int,
                         default=DEFAULT_LOGIN_TIMEOUT, metavar="SECONDES",
                         help="une session où personne ne s'est connecté se termine après ce "
                              f"délai ({DEFAULT_LOGIN_TIMEOUT} s par défaut)")
    p_serve.add_argument("--sessions", dest="max_sessions", type=int,
                         default=DEFAULT_MAX_SESSIONS, metavar="N",
                         help=f"sessions ouvertes en même temps au plus ({DEFAULT_MAX_SESSIONS} "
                              "par défaut)")


def cmd_serve(data_dir: Path, args: argparse.Namespace) -> int:
    """Serve until Ctrl+C; refused (French) when the base asks no login or the address is
    not this computer's."""
    from anef_tui.serve.gate import refusal
    from anef_tui.serve.server import ServeError, serve
    from anef_tui.store import base_choice

    base_url = base_choice.chosen()
    why = refusal(data_dir, base_url)
    if why is not None:
        return fail(why)
    if not 0 < args.port < 65536 or args.max_sessions < 1 or args.login_timeout < 1:
        return fail("Le port doit être entre 1 et 65535, --sessions et --delai-connexion au "
                    "moins 1.", 2)
    pieces = Path(args.pieces).expanduser().absolute() if args.pieces else None
    if pieces is not None and not pieces.is_dir():
        return fail(f"Le dossier d'arrivée des pièces « {args.pieces} » n'existe pas : "
                    "créez-le ou donnez-en un autre (--pieces).", 2)
    try:
        serve(data_dir, base_url, host=args.host, port=args.port,
              public_url=args.public_url, procedures=args.procedures,
              max_sessions=args.max_sessions, pieces=pieces,
              login_timeout=args.login_timeout)
    except ServeError as exc:
        return fail(str(exc))
    except OSError as exc:  # the port is taken, the address cannot be listened on
        from anef_tui.oserrors import error_text

        return fail(f"Le serveur ne peut pas écouter sur {args.host}:{args.port} : "
                    f"{error_text(exc)} Choisissez un autre port (--port).")
    return 0
