"""Layers: the domain, store, files and documents modules never import Textual.

Checked in a fresh interpreter, since this test process itself imports Textual elsewhere.
"""

from __future__ import annotations

import subprocess
import sys

CORE_MODULES = [
    "anef_tui.domain.status",
    "anef_tui.domain.text",
    "anef_tui.domain.rules",
    "anef_tui.domain.countries",
    "anef_tui.domain.models",
    "anef_tui.domain.catalogue",
    "anef_tui.domain.validation",
    "anef_tui.store.db",
    "anef_tui.store.dossiers",
    "anef_tui.store.attachments",
    "anef_tui.store.followup",
    "anef_tui.domain.notifications",
    "anef_tui.domain.notification_kinds",
    "anef_tui.domain.notification_form",
    "anef_tui.domain.complement_answers",
    "anef_tui.domain.deadlines",
    "anef_tui.files.convert",
    "anef_tui.preferences",
    "anef_tui.domain.procedure_index",
    "anef_tui.files.checks",
    "anef_tui.files.cli_check",
    "anef_tui.documents",
    "anef_tui.documents.complement",
    "anef_tui.demo",
    "anef_tui.paths",
    "anef_tui.cli",
]


def _imported_after(code: str) -> set[str]:
    probe = code + "\nimport sys\nprint('\\n'.join(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", probe], check=True, capture_output=True, text=True
    ).stdout
    return set(out.split())


def test_core_modules_do_not_import_textual():
    code = "\n".join(f"import {m}" for m in CORE_MODULES)
    code += "\nfrom anef_tui.domain.catalogue import load_catalogue\nload_catalogue()"
    modules = _imported_after(code)
    assert not {m for m in modules if m == "textual" or m.startswith("textual.")}
    assert "rich" not in modules


def test_cli_start_up_stays_light():
    """fpdf, pypdf and Pillow are imported where used, never when the app starts."""
    modules = _imported_after("import anef_tui.cli, anef_tui.ui.app")
    for heavy in ("fpdf", "pypdf", "PIL"):
        assert heavy not in modules, heavy
