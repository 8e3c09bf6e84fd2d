"""Write a converted file beside the others, never over an existing one."""

from __future__ import annotations

import os
from pathlib import Path

from anef_tui.display import display_path
from anef_tui.files.convert.source import ConversionError
from anef_tui.oserrors import advice, reason


def stem(path: Path) -> str:
    """The name without its extension (« relevé 12.03.2024 » has none: « .2024 » is a date)."""
    name = path.name
    suffix = os.path.splitext(name)[1]
    if suffix and not suffix[1:].isdigit() and " " not in suffix:
        name = name[: -len(suffix)]
    return name.strip().lstrip(".") or "document"


def write_new(dest_dir: Path, stem: str, suffix: str, data: bytes) -> Path:
    """Write ``data`` to « stem.suffix » in ``dest_dir``, or « stem (2).suffix »... if taken."""
    where = display_path(dest_dir.name or str(dest_dir))
    try:
        dest_dir.mkdir(parents=True, exist_ok=True)
        number = 1
        while True:
            name = f"{stem}{suffix}" if number == 1 else f"{stem} ({number}){suffix}"
            target = dest_dir / name
            try:
                fh = open(target, "xb")  # never overwrites, even when racing another writer
            except FileExistsError:
                number += 1
                continue
            try:
                with fh:
                    fh.write(data)
            except BaseException:
                target.unlink(missing_ok=True)
                raise
            return target
    except OSError as exc:
        raise ConversionError(
            f"Impossible d'enregistrer le fichier converti dans « {where} » ({reason(exc)}) : "
            f"{advice(exc)}."
        ) from None
