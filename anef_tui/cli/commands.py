"""`anef-tui demo`, `verifier` and `procedures`: the small subcommands."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from anef_tui.cli.common import fail, open_store
from anef_tui.cli.parser import EXIT_USAGE


def cmd_demo(data_dir: Path, count: int | None = None) -> int:
    from anef_tui.demo import fill_demo, fill_many

    if count is not None and not 1 <= count <= 1_000_000:
        return fail("--count attend un nombre de dossiers entre 1 et 1 000 000.", 2)
    store = open_store(data_dir)
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
            return fail(
                f"« {shown} » n'existe pas ou n'est pas un fichier : donnez le chemin d'un "
                "fichier de procédure (.toml).",
                EXIT_USAGE,
            )
        try:
            procedure = check_file(path)
        except ProcedureFileUnreadable as exc:
            return fail(str(exc), EXIT_USAGE)
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
        fail(problem)
    return 1 if problems else 0
