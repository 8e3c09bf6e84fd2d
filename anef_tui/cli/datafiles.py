"""`anef-tui procedures`: the data files the app reads — procedures and notification kinds —
listed, or checked (`--verifier`), each problem on its own French line naming the file.

- `procedures`: every procedure found (id, label, steps, file), then the notification kinds
  files in use; the files that cannot be used are said after.
- `procedures --verifier`: every file in use checked: each procedure, the kinds file (the
  shipped `followup.toml`, or the one `ANEF_TUI_FOLLOWUP` names) and the extra kinds folder
  (`ANEF_TUI_NOTIFICATIONS`).
- `procedures --verifier FICHIER`: that file, a procedure or a kinds file (one with
  `[[kinds]]`).

Exit codes: 0 all valid, 1 a file invalid, 2 a file missing or unreadable.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from anef_tui.cli.common import fail
from anef_tui.cli.parser import EXIT_USAGE
from anef_tui.display import display_path, display_text

#: What makes a file a notification kinds file rather than a procedure.
_KINDS_TABLE = re.compile(r"^\s*(\[\[\s*kinds\s*[\].]|kinds\s*=)", re.M)


def cmd_procedures(check: str | None) -> int:
    """`check`: None to list, "" to check every file in use, else the file to check."""
    if check is None:
        return _list()
    if check == "":
        return _check_all()
    path = Path(check).expanduser()
    if not path.is_file():
        return fail(
            f"« {display_path(path)} » n'existe pas ou n'est pas un fichier : donnez le chemin "
            "d'un fichier de procédure ou des notifications (.toml).",
            EXIT_USAGE,
        )
    if _is_kinds_file(path):
        return _check_kinds(path, str(path))
    return _check_procedure(path)


def _is_kinds_file(path: Path) -> bool:
    """A file the app reads as notification kinds, or one that declares `[[kinds]]`."""
    from anef_tui.domain.data_limits import read_bounded
    from anef_tui.domain.notification_kinds import files_in_use

    try:
        if any(path.resolve() == used.resolve() for used, _ in files_in_use()):
            return True
        return bool(_KINDS_TABLE.search(read_bounded(path)))
    except (OSError, ValueError):  # unreadable: the procedure check says why
        return False


def _check_procedure(path: Path) -> int:
    from anef_tui.domain.catalogue import CatalogueError, ProcedureFileUnreadable, check_file

    shown = display_path(path)
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


def _check_kinds(path: Path, name: str) -> int:
    """One kinds file, on its own: 0 valid, 1 invalid, 2 unreadable."""
    from anef_tui.domain.notification_kinds import NotificationKindsError, read_kinds_file

    shown = display_path(name)
    try:
        parsed = read_kinds_file(path, name)
    except NotificationKindsError as exc:
        if exc.unreadable:
            return fail(str(exc), EXIT_USAGE)
        print(f"anef-tui : « {shown} » n'est pas un fichier des notifications valide :",
              file=sys.stderr)
        for problem in exc.problems:
            print(f"  - {display_text(problem)}", file=sys.stderr)
        return 1
    ids = ", ".join(kind.id for kind in parsed.kinds)
    print(display_text(f"« {shown} » est valide : fichier des notifications, "
                       f"{len(parsed.kinds)} type(s) de notification ({ids or 'aucun'})."))
    return 0


def _kinds_files() -> tuple[list[tuple[Path, str]], int]:
    """The kinds files in use, or ([], exit code) when the extra folder cannot be listed."""
    from anef_tui.domain.notification_kinds import NotificationKindsError, files_in_use

    try:
        return files_in_use(), 0
    except NotificationKindsError as exc:  # more files than allowed in the extra folder
        return [], fail(str(exc))


def _check_kinds_together() -> int:
    """Files valid one by one may still clash (a kind id or a deadline code twice)."""
    from anef_tui.domain import notification_kinds

    notification_kinds.clear_caches()
    try:
        notification_kinds.load_kinds()
    except notification_kinds.NotificationKindsError as exc:
        return fail(str(exc))
    return 0


def _check_all() -> int:
    """Every data file in use, each said valid or with its problems."""
    from anef_tui.domain.procedure_index import index_problems, procedure_index

    worst = 0
    for problem in index_problems():  # files of the extra folder set aside
        worst = max(worst, fail(problem))
    for ref in procedure_index().values():
        if ref.source is not None:
            worst = max(worst, _check_procedure(Path(ref.source)))
    files, code = _kinds_files()
    worst = max(worst, code)
    for path, name in files:
        worst = max(worst, _check_kinds(path, name))
    if files and worst == 0:
        worst = _check_kinds_together()
    return worst


def _list() -> int:
    from anef_tui.domain.catalogue import CatalogueError, load_procedure
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
    kinds_code = _list_kinds()
    return 1 if problems or kinds_code else 0


def _list_kinds() -> int:
    """The notification kinds files in use, one a line, or why one cannot be used."""
    from anef_tui.domain import notification_kinds

    files, code = _kinds_files()
    if code:
        return code
    notification_kinds.clear_caches()
    try:
        every = notification_kinds.kinds()
    except notification_kinds.NotificationKindsError as exc:
        return fail(f"{str(exc).rstrip('.')}. Détails : anef-tui procedures --verifier.")
    names = ", ".join(display_path(name) for _, name in files)
    print(display_text(f"Notifications : {len(every)} type(s) de notification "
                       f"({', '.join(every)}), fichier(s) {names}."))
    return 0
