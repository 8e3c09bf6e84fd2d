"""Which procedures exist, and a light index of them (labels and steps) read from their TOML.

Procedures are found, not listed: every `*.toml` of the package's `assets/procedures/` is a
procedure, and so is every `*.toml` of an extra folder (`--procedures DOSSIER` or
$ANEF_TUI_PROCEDURES), whose files add procedures or replace the shipped one with the same
`id` (an association updating a label without waiting for a release). A procedure's id, labels
and menu position (`order`) come from its file; no module outside this one and the catalogue
names a procedure.

« Mes dossiers » needs only the light index to paint, so it does not wait for the full
catalogue (pydantic models, cross-checks), which the app validates right after the first
paint. The shipped files are read light; the extra folder's are fully validated here (only
when such a folder is given), so that a broken file there is set aside with its reason and
never reaches a screen: `index_problems()` says why.
"""

from __future__ import annotations

import functools
import os
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from anef_tui.display import display_path
from anef_tui.domain.data_limits import (
    MAX_BYTES,
    MAX_EXTRA_BYTES,
    MAX_EXTRA_FILES,
    LimitError,
    read_bounded,
    size_label,
    toml_nesting,
)
from anef_tui.domain.procedure_refs import DEFAULT_ORDER, ProcedureRef, StepRef
from anef_tui.oserrors import reason
from anef_tui.paths import assets_dir

ENV_PROCEDURES = "ANEF_TUI_PROCEDURES"


class ProcedureFolderError(Exception):
    """The extra procedures folder cannot be read; the message is French."""


# --- where procedures come from ---------------------------------------------------------------

_option_dir: Path | None = None
_cache_clearers: list[Callable[[], None]] = []


def use_procedures_dir(folder: str | os.PathLike[str] | None) -> None:
    """`--procedures DOSSIER`: the extra folder (None: back to $ANEF_TUI_PROCEDURES, if set).

    Forgets every cached procedure (index and catalogue)."""
    global _option_dir
    _option_dir = Path(folder).expanduser() if folder else None
    clear_caches()


def on_clear(clearer: Callable[[], None]) -> None:
    """Register a cache to forget when the procedures change (the catalogue's)."""
    _cache_clearers.append(clearer)


def clear_caches() -> None:
    """Forget every procedure read (index and catalogue): they are read again when asked."""
    _build.cache_clear()
    for clearer in _cache_clearers:
        clearer()


def packaged_dir() -> Path:
    """The procedures shipped in the package."""
    return assets_dir() / "procedures"


def extra_dir() -> Path | None:
    """`--procedures DOSSIER`, else $ANEF_TUI_PROCEDURES, else None."""
    if _option_dir is not None:
        return _option_dir
    env = os.environ.get(ENV_PROCEDURES)
    return Path(env).expanduser() if env else None


def check_extra_dir() -> Path | None:
    """The extra folder, once checked to be a readable folder; raises ProcedureFolderError."""
    folder = extra_dir()
    if folder is None:
        return None
    try:
        if not folder.is_dir():
            raise ProcedureFolderError(
                f"Le dossier de procédures « {display_path(folder)} » n'existe pas ou n'est pas "
                "un dossier : vérifiez --procedures ou $ANEF_TUI_PROCEDURES."
            )
        os.listdir(folder)  # glob() would take an unreadable folder for an empty one
    except OSError as exc:
        raise ProcedureFolderError(
            f"Le dossier de procédures « {display_path(folder)} » est illisible "
            f"({reason(exc)}) : vérifiez ses droits, --procedures ou $ANEF_TUI_PROCEDURES."
        ) from exc
    return folder


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # said by the reading that follows


def _toml_files(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.glob("*.toml") if p.is_file())
    except OSError:
        return []


# --- the index ---------------------------------------------------------------------------------


@dataclass
class _Index:
    refs: dict[str, ProcedureRef]
    problems: list[str]


@functools.cache
def _build() -> _Index:
    problems: list[str] = []
    found: dict[str, ProcedureRef] = {}
    for path in _toml_files(packaged_dir()):
        ref = _read_light(path, problems)
        if ref is not None and _not_twice(ref, found, problems):
            found[ref.id] = ref
    try:
        folder = check_extra_dir()
    except ProcedureFolderError as exc:
        problems.append(str(exc))
        folder = None
    if folder is not None:
        extra: dict[str, ProcedureRef] = {}
        paths = _toml_files(folder)
        if len(paths) > MAX_EXTRA_FILES:
            problems.append(
                f"Le dossier de procédures « {display_path(folder)} » contient {len(paths)} fichiers .toml : "
                f"seuls les {MAX_EXTRA_FILES} premiers (par ordre alphabétique) sont lus, "
                "rangez les autres ailleurs."
            )
        budget = MAX_EXTRA_BYTES
        for path in paths[:MAX_EXTRA_FILES]:
            size = _size(path)
            if size <= MAX_BYTES:  # a larger file is refused unread: it costs nothing
                if size > budget:
                    problems.append(
                        f"Le dossier de procédures « {display_path(folder)} » contient plus de "
                        f"{size_label(MAX_EXTRA_BYTES)} de fichiers .toml : « {path.name} » et "
                        "les suivants (par ordre alphabétique) ne sont pas lus, rangez-les "
                        "ailleurs."
                    )
                    break
                budget -= size
            ref = _read_full(path, problems)
            if ref is not None and _not_twice(ref, extra, problems):
                extra[ref.id] = ref
        found.update(extra)  # same id: the extra folder's file replaces the shipped one
    ordered = sorted(found.values(), key=lambda r: (r.order, r.id))
    return _Index({r.id: r for r in ordered}, problems)


def procedure_index() -> dict[str, ProcedureRef]:
    """{procedure id: ProcedureRef} for every procedure found, in menu order (`order`, id)."""
    return _build().refs


def step_position(procedure_id: str, step_id: str | None) -> str:
    """Where a dossier stands, in words (« étape 2 sur 5 », « avant l'étape 1 », « pas
    commencé »), for the lists of the plain mode and the command line."""
    ref = procedure_index().get(procedure_id)
    if not step_id:
        return "pas commencé"
    if ref is None:
        return ""
    try:
        step = ref.step(step_id)
    except KeyError:
        return "avant l'étape 1"
    return f"étape {step.number} sur {len(ref.steps)}"


def index_problems() -> list[str]:
    """Why files were set aside (French, one sentence each, naming the file)."""
    return list(_build().problems)


def _not_twice(ref: ProcedureRef, seen: dict[str, ProcedureRef], problems: list[str]) -> bool:
    first = seen.get(ref.id)
    if first is None:
        return True
    assert first.source is not None and ref.source is not None
    problems.append(
        f"« {display_path(ref.source)} » décrit la procédure « {ref.id} », déjà décrite par "
        f"« {display_path(first.source.name)} » dans le même dossier : ce fichier est ignoré."
    )
    return False


def _read_light(path: Path, problems: list[str]) -> ProcedureRef | None:
    """A shipped file: only its head and steps are read (start-up), once its size and
    nesting are known to be within bounds (`data_limits`)."""
    try:
        text = read_bounded(path)
        toml_nesting(text)
        try:
            data = _index_part(text)
            ref = _procedure_ref(data, path)
        except (tomllib.TOMLDecodeError, KeyError, TypeError, ValueError):
            data = tomllib.loads(text)  # a layout _index_part does not follow: read it all
            ref = _procedure_ref(data, path)
    except LimitError as exc:
        problems.append(
            f"« {display_path(path)} »{_line(exc.line)} : {exc.message} ; ce fichier est ignoré."
        )
        return None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, KeyError, TypeError,
            ValueError) as exc:
        problems.append(
            f"« {display_path(path)} » est illisible ou incomplet ({_why(exc)}) : ce fichier "
            "est ignoré."
        )
        return None
    return ref


def _line(line: int | None) -> str:
    return f", ligne {line}" if line else ""
def _why(exc: Exception) -> str:
    """Why a shipped file could not be indexed, in French (never Python's English text)."""
    if isinstance(exc, OSError | UnicodeError):
        return reason(exc)
    if isinstance(exc, tomllib.TOMLDecodeError):
        return "TOML invalide"
    if isinstance(exc, KeyError):
        return f"clé « {display_path(str(exc.args[0]) if exc.args else '')} » absente"
    return "valeur invalide"


def _read_full(path: Path, problems: list[str]) -> ProcedureRef | None:
    """An extra folder's file: validated as the catalogue does, set aside if invalid."""
    from anef_tui.domain.procedure_check import check_file
    from anef_tui.domain.procedure_model import CatalogueError

    try:
        procedure = check_file(path)
    except CatalogueError as exc:
        problems.append(f"{exc} Ce fichier est ignoré.")
        return None
    return ProcedureRef(
        procedure.id,
        procedure.short_label,
        procedure.brick,
        tuple(StepRef(s.id, s.number, s.title) for s in procedure.steps),
        procedure.order,
        procedure.compact_label,
        path,
    )


def _procedure_ref(data: dict, source: Path | None = None) -> ProcedureRef:
    steps = tuple(StepRef(s["id"], int(s["number"]), s["title"]) for s in data["steps"])
    return ProcedureRef(
        str(data["id"]),
        data["short_label"],
        data["brick"],
        steps,
        int(data.get("order", DEFAULT_ORDER)),
        data.get("compact_label"),
        source,
    )


_TABLE_HEADER = re.compile(r"^(?=\[)", re.MULTILINE)


def _index_part(text: str) -> dict:
    """The top-level keys and the keys of each `[[steps]]` table, without the rest.

    A procedure file is ~25 KB of TOML, mostly fields and documents; parsing only what the
    index needs takes a quarter of the time of a full parse (start-up, bench/startup.py).
    Each part is parsed on its own: the text before the first table header, then the body
    of each `[[steps]]` table up to the next header. tests/unit/test_catalogue.py checks
    that the result equals the full parse for the shipped files.
    """
    head, *tables = _TABLE_HEADER.split(text)
    data = tomllib.loads(head)
    steps = []
    for table in tables:
        header, _, body = table.partition("\n")
        if "".join(header.split("#", 1)[0].split()) == "[[steps]]":
            steps.append(tomllib.loads(body))
    data["steps"] = steps
    return data
