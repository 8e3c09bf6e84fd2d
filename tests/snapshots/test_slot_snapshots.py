"""SVG snapshots of a document slot (« pièce justificative »): empty, filled, full, refused.

A tiny purpose-built app shows one slot from the renewal catalogue, with no database.
"""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.containers import VerticalScroll

from anef_tui.domain.catalogue import load_procedure
from anef_tui.ui.themes import FocusVariable
from anef_tui.ui.widgets.slot import FileView, SlotWidget

pytestmark = pytest.mark.snapshot

WARNING = (
    "Le fichier « photo-bail.jpg » a une faible résolution (640 × 480 pixels) : l'agent "
    "pourrait ne pas pouvoir le lire ; numérisez-le à 300 ppp si possible."
)
FILES = [
    FileView(1, "bail-page1.pdf", "pdf", 1_234_567, 2),
    FileView(2, "quittance-octobre.png", "png", 845_000, 1),
    FileView(3, "photo-bail.jpg", "jpeg", 5_120, 1, (WARNING,)),
]


class SlotApp(FocusVariable, App):
    CSS_PATH = "../../anef_tui/ui/app.tcss"  # its `$focus` comes with FocusVariable

    def __init__(self, slot_id: str, files: list[FileView], error: str | None = None) -> None:
        super().__init__()
        slot = load_procedure("renouvellement").slot(slot_id)
        self.widget = SlotWidget(slot, files, error=error)

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield self.widget


def test_slot_empty(snap_compare):
    """« Justificatif de nationalité », optional: its accepted documents, 0 of 3 files."""
    assert snap_compare(SlotApp("justificatif_nationalite", []), terminal_size=(80, 24))


def test_slot_filled(snap_compare):
    """One PDF attached: name, format, size and pages, a « SUPPRIMER » button."""
    assert snap_compare(
        SlotApp("justificatif_nationalite", FILES[:1]), terminal_size=(80, 24)
    )


def test_slot_full_with_warning(snap_compare):
    """Three files (the maximum), the low-resolution one with its warning."""
    assert snap_compare(
        SlotApp("justificatif_nationalite", FILES), terminal_size=(80, 30)
    )


def test_slot_refusal(snap_compare):
    """A refused file: the reason in red under the files, saying how to fix it."""
    error = (
        "Le fichier « passeport.pdf » est un fichier PNG mais son nom se termine par .pdf : "
        "renommez-le en .png."
    )
    assert snap_compare(
        SlotApp("justificatif_nationalite", [], error=error), terminal_size=(80, 24)
    )
