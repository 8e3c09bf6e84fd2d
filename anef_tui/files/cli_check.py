"""Body of the ``anef-tui check [--json] [--slot SLOT] PATH...`` subcommand.

Checks files the way the ANEF will (see ``checks``) and prints one line per file, or a JSON
array with ``--json``. The argparse wiring lives in ``anef_tui.cli``.

File names are printed as ``checks.display_path`` shows them: a name whose bytes are not UTF-8
(argv gives it with lone surrogates) prints « \ufffd » for those bytes, in plain output and in
``--json`` alike, so that the output is always valid UTF-8 (and valid JSON); so do control
characters, which could otherwise move the terminal's cursor or colour its text.
"""

from __future__ import annotations

import json
import sys
from typing import TextIO

from anef_tui.display import lenient
from anef_tui.files.checks import (
    CheckResult,
    check_file,
    check_slot,
    display_path,
    format_size,
)


def procedure_slots() -> dict[str, tuple[str, int]]:
    """The document slots of every procedure found (shipped, then the extra folder's), from
    their files: id -> (title shown by the ANEF, maximum number of files). A slot several
    procedures declare keeps the first one's, in menu order."""
    from anef_tui.domain.catalogue import load_catalogue

    found: dict[str, tuple[str, int]] = {}
    for procedure in load_catalogue().values():
        for slot in procedure.all_slots():
            found.setdefault(slot.id, (slot.title, slot.max_files))
    return found

_FORMAT_LABELS = {"pdf": "PDF", "png": "PNG", "jpeg": "JPG", "tiff": "TIFF", "bmp": "BMP"}


def run(
    paths: list[str],
    *,
    as_json: bool,
    slot: str | None,
    slot_limits: dict[str, tuple[str, int]] | None,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    """Check ``paths``, print the verdicts; 0 when all are accepted, 1 otherwise, 2 for a bad slot.

    With ``slot``, the paths are meant for that document slot together: accepted files beyond
    the slot's limit are refused with the slot-limit message (every file is still checked).
    """
    out = lenient(sys.stdout) if out is None else out
    err = lenient(sys.stderr) if err is None else err
    if slot is None:
        results = [check_file(path) for path in paths]
    else:
        limits = procedure_slots() if slot_limits is None else slot_limits
        if slot not in limits:
            known = ", ".join(sorted(limits))
            print(
                f"Emplacement « {display_path(slot)} » inconnu : choisissez l'un de ceux-ci : {known}.",
                file=err,
            )
            return 2
        title, max_files = limits[slot]
        results = check_slot(paths, max_files=max_files, slot_title=title)

    if as_json:
        json.dump([r.to_json() for r in results], out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        for result in results:
            out.write(format_line(result) + "\n")
    return 0 if all(r.accepted for r in results) else 1


def format_line(result: CheckResult) -> str:
    """``OK      scan.pdf (PDF, 2 pages, 1,2 Mo)`` or ``REFUSÉ  photo.heic : raison``.

    Each warning follows on its own line, as ``  attention : …``.
    """
    if result.accepted:
        line = f"OK      {display_path(result.path)} ({describe(result)})"
    else:
        line = f"REFUSÉ  {display_path(result.path)} : {result.reason}"
    return "\n".join([line, *(f"  attention : {w}" for w in result.warnings)])


def describe(result: CheckResult) -> str:
    """« PDF, 2 pages, 1,2 Mo » / « JPG, 2480 × 3508 pixels, 1,8 Mo »."""
    parts = [_FORMAT_LABELS.get(result.format or "", result.format or "?")]
    if result.width is not None and result.height is not None:
        parts.append(f"{result.width} × {result.height} pixels")
    pages = result.pages
    if pages is not None and (result.format == "pdf" or pages > 1):
        parts.append(f"{pages} page" + ("s" if pages > 1 else ""))
    if result.size is not None:
        parts.append(format_size(result.size))
    return ", ".join(parts)
