"""The `anef-tui` command: the app by default, plus a few subcommands.

Kept light on purpose: heavy modules (Textual, fpdf, pypdf, Pillow) are imported only by
the subcommand that needs them, so start-up stays fast.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from anef_tui import __version__
from anef_tui.argparse_fr import EXIT_USAGE
from anef_tui.argparse_fr import FrenchParser as _Parser
from anef_tui.cli_backups import add_backups_parser, cmd_backups


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
        "--procedures",
        metavar="DOSSIER",
        help=(
            "dossier de procédures en plus de celles livrées (fichiers *.toml : ajoutent ou "
            "remplacent une procédure du même id ; sinon $ANEF_TUI_PROCEDURES)"
        ),
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMANDE")

    p_list = sub.add_parser("list", help="lister les dossiers")
    p_list.add_argument("--json", action="store_true", help="sortie JSON")

    p_demo = sub.add_parser("demo", help="ajouter des dossiers de démonstration")
    p_demo.add_argument(
        "--count", type=int, metavar="N", default=None,
        help="ajouter N dossiers fictifs (formations, mesures) au lieu des dossiers de démonstration",
    )

    p_pdf = sub.add_parser("pdf", help="fabriquer un PDF d'un dossier")
    p_pdf.add_argument("dossier_id", type=int, metavar="DOSSIER_ID")
    p_pdf.add_argument(
        "--kind", choices=["confirmation", "liste", "recapitulatif"], default="confirmation",
        help="le document (par défaut : confirmation)",
    )
    p_pdf.add_argument("-o", "--output", metavar="FICHIER", help="où l'enregistrer")

    p_procs = sub.add_parser(
        "procedures", help="lister les procédures, ou vérifier un fichier de procédure"
    )
    p_procs.add_argument(
        "--check", metavar="FICHIER", help="vérifier ce fichier (TOML) ; code 0 s'il est valide"
    )

    p_check = sub.add_parser("check", help="vérifier des pièces justificatives")
    p_check.add_argument("--json", action="store_true", help="sortie JSON")
    p_check.add_argument("--slot", metavar="PIECE", help="appliquer la limite de fichiers de cette pièce")
    p_check.add_argument("paths", nargs="+", metavar="CHEMIN")

    add_backups_parser(sub)
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


def _fail(message: str, code: int = 1) -> int:
    """One French line on stderr, shown safely (a quoted path that is not UTF-8 or holds
    control characters never breaks it)."""
    from anef_tui.display import display_text

    print(f"anef-tui : {display_text(message)}", file=sys.stderr)
    return code


def _open_store(data_dir: Path):
    from anef_tui.store.dossiers import DossierStore

    return DossierStore(data_dir)


def _json_line(row) -> str:
    from anef_tui.controls import json_text

    return json_text(json.dumps(
        {
            "id": row.id,
            "applicant": row.applicant_name,
            "procedure": row.procedure,
            "status": str(row.status),
            "step": row.current_step,
            "updated_at": row.updated_at,
            "next_deadline": row.next_deadline,
            "next_deadline_label": row.next_deadline_label,
        },
        ensure_ascii=False,
        indent=2,
    ))


def cmd_list(data_dir: Path, as_json: bool) -> int:
    """Written as read (`DossierStore.iter`, a batch at a time): the memory used does not
    grow with the number of dossiers."""
    from anef_tui.store.db import procedure_label

    store = _open_store(data_dir)
    out = sys.stdout
    try:
        return _write_list(store, out, as_json, procedure_label)
    except BrokenPipeError:
        # The reader stopped (`anef-tui list | head`): not an error of ours.
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    finally:
        store.close()


def _write_list(store, out, as_json: bool, procedure_label) -> int:
    rows = store.iter()
    if as_json:
        # The same document as json.dumps(list, indent=2), one dossier at a time.
        first = True
        for r in rows:
            out.write("[\n  " if first else ",\n  ")
            out.write(_json_line(r).replace("\n", "\n  "))
            first = False
        out.write("[]\n" if first else "\n]\n")
        return 0
    empty = True
    for r in rows:
        empty = False
        name = r.applicant_name or "(sans nom)"
        proc = procedure_label(r.procedure)
        out.write(
            f"{r.id:>5}  {name:<28.28}  {proc:<18}  {r.status.label:<22}  {r.updated_at}\n"
        )
    if empty:
        out.write("Aucun dossier. Lancez « anef-tui » puis Ctrl+N pour en créer un.\n")
    return 0


def cmd_demo(data_dir: Path, count: int | None = None) -> int:
    from anef_tui.demo import fill_demo, fill_many

    if count is not None and not 1 <= count <= 1_000_000:
        return _fail("--count attend un nombre de dossiers entre 1 et 1 000 000.", 2)
    store = _open_store(data_dir)
    try:
        added = fill_demo(store) if count is None else fill_many(store, count)
    finally:
        store.close()
    from anef_tui.display import display_path

    if count is None:
        print(f"{added} dossier(s) de démonstration ajouté(s) dans {display_path(data_dir)}.")
    else:
        print(f"{added} dossier(s) fictif(s) ajouté(s) dans {display_path(data_dir)}.")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from anef_tui.files import cli_check

    return cli_check.run(args.paths, as_json=args.json, slot=args.slot, slot_limits=None)


def cmd_procedures(check: str | None) -> int:
    """`anef-tui procedures`: every procedure found (id, label, steps, file), then the files
    set aside; `--check FICHIER`: validate one file, each problem on its own line.
    Exit codes: 0 valid, 1 invalid, 2 file missing or unreadable."""
    from anef_tui.display import display_path, display_text
    from anef_tui.domain.catalogue import (
        CatalogueError,
        ProcedureFileUnreadable,
        check_file,
        load_procedure,
    )

    if check is not None:
        path = Path(check).expanduser()
        shown = display_path(path)
        if not path.is_file():
            return _fail(
                f"« {shown} » n'existe pas ou n'est pas un fichier : donnez le chemin d'un "
                "fichier de procédure (.toml).",
                EXIT_USAGE,
            )
        try:
            procedure = check_file(path)
        except ProcedureFileUnreadable as exc:
            return _fail(str(exc), EXIT_USAGE)
        except CatalogueError as exc:
            print(f"anef-tui : « {shown} » n'est pas une procédure valide :", file=sys.stderr)
            for problem in exc.problems:
                print(f"  - {display_text(problem)}", file=sys.stderr)
            return 1
        print(display_text(
            f"« {shown} » est valide : procédure « {procedure.id} » "
            f"({procedure.short_label}), {len(procedure.steps)} étapes."
        ))
        return 0

    from anef_tui.domain.procedure_index import index_problems, procedure_index

    refs = procedure_index()
    problems = index_problems()
    if not refs:
        print("Aucune procédure trouvée.")
    for pid, ref in refs.items():
        try:
            load_procedure(pid)
        except CatalogueError as exc:
            problems.extend(exc.problems)
        source = display_path(ref.source) if ref.source is not None else ""
        print(display_text(f"{pid:<20}  {ref.short_label:<24}  {len(ref.steps)} étapes  {source}"))
    for problem in problems:
        _fail(problem)
    return 1 if problems else 0


def cmd_app(data_dir: Path) -> int:
    from anef_tui.ui.app import make_app

    app = make_app(data_dir)
    app.run()
    return app.return_code or 0


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
    if args.command == "check":
        return cmd_check(args)
    from anef_tui.domain import procedure_index

    if args.procedures:
        procedure_index.use_procedures_dir(args.procedures)
    try:
        return _run_with_procedures(args)
    finally:
        if args.procedures:  # main() may be called again in the same process (tests)
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


def _run_with_procedures(args: argparse.Namespace) -> int:
    from anef_tui.domain import procedure_index
    from anef_tui.paths import DataDirError, ensure_data_dir, resolve_data_dir

    try:
        procedure_index.check_extra_dir()
    except procedure_index.ProcedureFolderError as exc:
        return _fail(str(exc), EXIT_USAGE)
    if args.command == "procedures":
        return cmd_procedures(args.check)
    try:
        from anef_tui.store.db import StoreError

        data_dir = ensure_data_dir(resolve_data_dir(args.data_dir))
        if args.command == "list":
            return cmd_list(data_dir, args.json)
        if args.command == "demo":
            return cmd_demo(data_dir, args.count)
        if args.command == "sauvegardes":
            return cmd_backups(data_dir, args.restaurer, args.confirmer)
        if args.command == "texte":
            from anef_tui.plain.cli import run as run_plain

            return run_plain(data_dir, answers=Path(args.reponses) if args.reponses else None)
        if args.command == "pdf":
            from anef_tui.documents import cli_pdf

            output = Path(args.output) if args.output else None
            return cli_pdf.run(data_dir, args.dossier_id, args.kind, output)
        return cmd_app(data_dir)
    except (DataDirError, StoreError) as exc:
        return _fail(str(exc))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
