"""Attaching a typed path in the plain mode as the full-screen slots do (ui/screens/slots.py):
the file checked and copied, its warnings read out (a scan of low resolution); a file refused
only for its format or its size offered a conversion (« Convertir … ? 1. Oui 2. Non »);
several photos assembled into one PDF (« assembler », one path per line). The user's
originals are never modified: what is made goes in a private folder of the data directory,
made in memory and attached from there (never a file on disk: issue 23).

Each caller says where the file goes (`attach`, a callable taking the path) and how a line is
asked (`ask_line(prompt)`, the commands handled its own way: « :retour » gives "").
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from anef_tui.files.memory import MemoryFile
from anef_tui.oserrors import error_text
from anef_tui.plain.io import PlainIO
from anef_tui.plain.text import NO, YES, choices_line, pick
from anef_tui.plain.text import file_problem as problem_of
from anef_tui.store.db import StoreError

if TYPE_CHECKING:
    from anef_tui.store.attachments import Attachment

Attach = Callable[[Path | MemoryFile], "Attachment"]
AskLine = Callable[[str], str]

#: The word typed at a slot's prompt to assemble photos into one PDF.
ASSEMBLE = "assembler"
ASSEMBLE_HELP = ("« assembler » pour assembler plusieurs photos (les pages d'un document) en "
                 "un seul PDF")


def warning_lines(attachment: Attachment) -> list[str]:
    """What the checks warned about a file kept (a scan of low resolution, a long PDF), as
    the full-screen slot shows it under the file's name."""
    return [f"Attention : {warning}" for warning in attachment.warnings]


def file_lines(attachments: list[Attachment]) -> list[str]:
    """The files of a slot, numbered, each followed by its warnings."""
    lines: list[str] = []
    for n, a in enumerate(attachments, 1):
        lines.append(f"{n}. {a.original_name}")
        lines += [f"   {line}" for line in warning_lines(a)]
    return lines


def joined(io: PlainIO, attachment: Attachment, title: str | None) -> None:
    where = f" à « {title} »" if title else ""
    io.say(f"Fichier « {attachment.original_name} » joint{where}.", *warning_lines(attachment))


def attach_typed(io: PlainIO, attach: Attach, text: str, *, ask_line: AskLine,
                 data_dir: Path, title: str | None = None, prefix: str = "",
                 offer: bool = True) -> Attachment | None:
    """Attach the file at the path typed; refused, say why and, when a conversion fixes it,
    offer it. The attachment made, or None. `offer=False`: no question (answers file)."""
    path = Path(text).expanduser()
    try:
        attachment = attach(path)
    except (StoreError, ValueError, OSError) as exc:
        io.say(prefix + problem_of(text, exc))
        if not offer or isinstance(exc, OSError | UnicodeError):
            return None  # a file that could not be read cannot be converted either
        return convert_offered(io, attach, path, ask_line=ask_line, data_dir=data_dir,
                               title=title)
    joined(io, attachment, title)
    return attachment


def convert_offered(io: PlainIO, attach: Attach, path: Path, *, ask_line: AskLine,
                    data_dir: Path, title: str | None) -> Attachment | None:
    """After a refusal: when the file was refused only for its format or its size, ask
    whether to convert it; converted, attach the copy."""
    from anef_tui.domain.conversion_texts import converted_note, offer_text, target_label
    from anef_tui.files.checks import check_file
    from anef_tui.files.convert import conversion_target, converted

    try:
        target = conversion_target(check_file(path))
    except (OSError, ValueError):
        return None
    if target is None:
        return None
    label = target_label(target)
    io.say(offer_text(path, label), *choices_line([YES, NO]))
    while True:
        chosen = pick(ask_line("Convertir : ") or NO, [YES, NO])
        if chosen is not None:
            break
        io.say(f"Répondez 1 ({YES}) ou 2 ({NO}).")
    if chosen == NO:
        io.say("Rien n'est converti ni joint.")
        return None
    return _derived(io, attach, lambda: converted(path), converted_note(path, label),
                    data_dir=data_dir, title=title)


def assemble(io: PlainIO, attach: Attach, *, ask_line: AskLine, data_dir: Path,
             title: str | None = None) -> Attachment | None:
    """« assembler »: photos given one path per line (an empty line ends), made into one PDF
    (one page per photo, in that order) attached to the slot."""
    from anef_tui.domain.conversion_texts import combined_name, combined_note
    from anef_tui.files.convert import combined

    io.say("Assembler des photos en un seul PDF : tapez le chemin de chaque photo, une par "
           "ligne, dans l'ordre des pages ; une ligne vide termine.")
    paths: list[Path] = []
    while text := ask_line(f"Photo {len(paths) + 1} : ").strip():
        paths.append(Path(text).expanduser())
    if not paths:
        io.say("Aucune photo : rien n'est assemblé.")
        return None
    name = combined_name(paths)
    return _derived(io, attach, lambda: combined(paths, name),
                    combined_note(paths, name), data_dir=data_dir, title=title)


def _derived(io: PlainIO, attach: Attach, make: Callable[[], MemoryFile], note: str, *,
             data_dir: Path, title: str | None) -> Attachment | None:
    """Make a file (conversion, assembly) in memory, then attach it: nothing of it is
    written anywhere but its copy in the store (encrypted in an encrypted folder)."""
    from anef_tui.files.convert import ConversionError

    try:
        attachment = attach(make())
    except (ConversionError, StoreError, ValueError, OSError) as exc:
        io.say(error_text(exc))
        return None
    io.say(note)
    joined(io, attachment, title)
    return attachment
