"""The French sentences that offer a conversion or report one, said by both front ends (the
full-screen slots' dialog and notes, the plain mode's question and lines)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from anef_tui.display import display_name, display_path

OFFER_TITLE = "Convertir le fichier"
OFFER_CONFIRM = "Convertir et joindre"
#: The slot's action that makes one PDF of several photos (a button, a plain menu entry).
COMBINE_LABEL = "Assembler des photos en un PDF"


def target_label(target: Literal["jpeg", "pdf"]) -> str:
    """« PDF » for a TIFF of several pages, « JPEG » for one picture."""
    return "PDF" if target == "pdf" else "JPEG"


def offer_text(path: Path, label: str) -> str:
    return (f"« {display_name(path)} » peut être converti en {label} accepté par l'ANEF. "
            "L'original ne sera pas modifié. Convertir et joindre la copie ?")


def converted_note(path: Path, label: str) -> str:
    return f"« {display_name(path)} » converti en {label} et joint."


def combined_name(paths: Sequence[Path]) -> str:
    """The name of the PDF assembled from `paths`: « <first stem>-<count>-pages.pdf »."""
    return f"{display_path(paths[0].stem)}-{len(paths)}-pages.pdf"


def combined_note(paths: Sequence[Path], name: str) -> str:
    return f"{len(paths)} images assemblées en « {name} »."
