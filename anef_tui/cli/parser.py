"""The command line's grammar, in French (subcommand names too; the English names of earlier
versions stay as aliases)."""

from __future__ import annotations

import argparse

from anef_tui import __version__
from anef_tui.cli.backups import add_backups_parser
from anef_tui.cli.french_parser import EXIT_USAGE
from anef_tui.cli.french_parser import FrenchParser as _Parser

__all__ = ["EXIT_USAGE", "build_parser"]


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="anef-tui",
        description=(
            "Préparer hors ligne une demande de titre de séjour « étranger malade » "
            "(renouvellement ou première demande) sur l'ANEF."
        ),
    )
    parser.add_argument(
        "--version", action="version", version=f"anef-tui {__version__}",
        help="afficher la version et quitter",
    )
    parser.add_argument(
        "--data-dir",
        metavar="DOSSIER",
        help="dossier des données (sinon $ANEF_TUI_DATA_DIR, sinon le dossier de l'utilisateur)",
    )
    parser.add_argument(
        "--base",
        metavar="URL",
        help=(
            "base de la structure sur un serveur PostgreSQL (postgresql://utilisateur@serveur"
            "/base ; sinon $ANEF_TUI_BASE, sinon la base du dossier des données)"
        ),
    )
    parser.add_argument(
        "--procedures",
        metavar="DOSSIER",
        help=(
            "dossier de procédures en plus de celles livrées (fichiers *.toml : ajoutent ou "
            "remplacent une procédure du même id ; sinon $ANEF_TUI_PROCEDURES)"
        ),
    )
    parser.add_argument(
        "--aidant", metavar="NOM",
        help="nom de l'aidant noté dans le journal par les commandes qui écrivent (sinon "
             "$ANEF_TUI_AIDANT, sinon le nom enregistré par l'application)",
    )
    from anef_tui.cli.accounts import add_login_options
    from anef_tui.cli.accounts import add_parsers as add_account_parsers

    add_login_options(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMANDE")

    # French names; the English ones of earlier versions stay as aliases (scripts).
    p_list = sub.add_parser("liste", aliases=["list"], help="lister les dossiers")
    p_list.set_defaults(command="liste")
    p_list.add_argument("--json", action="store_true", help="sortie JSON")

    p_demo = sub.add_parser("demo", help="ajouter des dossiers de démonstration")
    p_demo.add_argument(
        "--nombre", "--count", dest="count", type=int, metavar="N", default=None,
        help="ajouter N dossiers fictifs (formations, mesures) au lieu des dossiers de démonstration",
    )

    p_pdf = sub.add_parser("pdf", help="fabriquer un PDF d'un dossier")
    p_pdf.add_argument("dossier_id", type=int, metavar="DOSSIER_ID")
    p_pdf.add_argument(
        "--document", "--kind", dest="kind", choices=["confirmation", "liste", "recapitulatif"],
        default="confirmation", help="le document (par défaut : confirmation)",
    )
    p_pdf.add_argument("-o", "--sortie", "--output", dest="output", metavar="FICHIER",
                       help="où l'enregistrer")

    p_procs = sub.add_parser(
        "procedures",
        help="lister les procédures et les notifications, ou vérifier leurs fichiers",
    )
    p_procs.add_argument(
        "--verifier", "--check", dest="check", metavar="FICHIER", nargs="?", const="",
        help="vérifier ce fichier de procédure ou des notifications (TOML), sans FICHIER "
             "tous ceux qu'anef-tui lit ; code 0 s'ils sont valides",
    )

    p_check = sub.add_parser("verifier", aliases=["check"],
                             help="vérifier des pièces justificatives")
    p_check.set_defaults(command="verifier")
    p_check.add_argument("--json", action="store_true", help="sortie JSON")
    p_check.add_argument("--piece", "--slot", dest="slot", metavar="PIECE",
                         help="appliquer la limite de fichiers de cette pièce")
    p_check.add_argument("paths", nargs="+", metavar="CHEMIN")

    p_journal = sub.add_parser(
        "journal", help="lire le journal d'un dossier, ou vérifier tout le journal",
        description="Afficher les entrées du journal d'un dossier (date, aidant, interface, "
                    "action) ; avec --verifier, vérifier le chaînage de tout le journal.",
    )
    p_journal.add_argument("dossier_id", type=int, metavar="DOSSIER_ID", nargs="?",
                           help="numéro du dossier (« anef-tui liste » les donne)")
    p_journal.add_argument(
        "--verifier", dest="check", action="store_true",
        help="vérifier tout le journal : code 0 s'il est intact, 1 avec la liste des "
             "problèmes sinon",
    )

    p_donnees = sub.add_parser(
        "donnees", help="fabriquer le PDF « Ce que anef-tui sait de vous » d'un dossier",
        description="Fabriquer, pour la personne, le PDF de tout ce que anef-tui garde sur "
                    "elle dans un dossier (réponses, fichiers, notifications, échéances, "
                    "consentements, journal) et de ses droits ; il est écrit dans le dossier "
                    "des exports, à lui remettre, et son chemin est affiché.",
    )
    p_donnees.add_argument("dossier_id", type=int, metavar="DOSSIER_ID",
                           help="numéro du dossier (« anef-tui liste » les donne)")
    from anef_tui.cli.consent import add_parser as add_consent_parser

    add_consent_parser(sub)
    p_erase = sub.add_parser(
        "effacer", help="effacer une personne (un dossier et ceux qui lui sont liés), ou "
                        "les personnes dont la durée de conservation est passée",
        description="Effacer définitivement une personne : ses dossiers (celui-ci et le "
                    "renouvellement qui en est fait), réponses, fichiers, notifications, PDF, "
                    "exports, et dans chaque sauvegarde ; le journal ne garde qu'une ligne "
                    "« Personne effacée ». La commande dit ce qui sera effacé et demande de "
                    "taper EFFACER ; sans terminal, --oui est obligatoire.",
    )
    p_erase.add_argument("dossier_id", type=int, metavar="DOSSIER_ID", nargs="?",
                         help="numéro d'un dossier de la personne (« anef-tui liste » les "
                              "donne)")
    p_erase.add_argument("--echus", dest="past", action="store_true",
                         help="effacer les personnes dont la durée de conservation est "
                              "passée (préférence « conservation_mois », 24 mois par défaut)")
    p_erase.add_argument("--oui", dest="yes", action="store_true",
                         help="ne pas demander de confirmation (scripts)")

    add_backups_parser(sub)
    from anef_tui.cli.bundles import add_parsers as add_bundle_parsers

    add_bundle_parsers(sub)
    from anef_tui.cli.base_migrate import add_parser as add_move_parser

    add_move_parser(add_account_parsers(sub), add_login_options)
    from anef_tui.cli.serve import add_parser as add_serve_parser

    add_serve_parser(sub)
    p_texte = sub.add_parser(
        "texte",
        help="mode texte ligne à ligne, pour lecteurs d'écran et plages braille",
    )
    p_texte.add_argument(
        "--reponses", metavar="FICHIER",
        help="réponses nommées par leurs identifiants (« écran.question = valeur », une par "
             "ligne), données quand leur question est posée",
    )
    return parser
