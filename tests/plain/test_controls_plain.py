"""The issue's own attack through the plain mode (issue 20): a name typed with escape
sequences is refused and asked again, nothing raw is written, and `anef-tui list` after it
prints no control either (both as real processes, through pipes)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from anef_tui.controls import is_control
from anef_tui.plain.io import CONTROLS_REFUSED
from anef_tui.store.dossiers import DossierStore
from tests.vault_helpers import plain_folder

REPO_ROOT = Path(__file__).resolve().parents[2]


def _run(data_dir: Path, *args: str, stdin: bytes = b"") -> bytes:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO_ROOT)
    result = subprocess.run(
        [sys.executable, "-m", "anef_tui", "--data-dir", str(data_dir), *args],
        input=stdin, capture_output=True, env=env, cwd=REPO_ROOT, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_a_name_with_escape_sequences_is_refused_and_nothing_raw_is_written(tmp_path):
    data_dir = plain_folder(tmp_path / "donnees")
    out = _run(
        data_dir, "texte",
        stdin=b"nouveau\n1\nEVIL\x1b[2J\x1b]0;pwn\x07\nDUPONT Jean\n\n:quitter\n:quitter\n",
    )
    text = out.decode("utf-8")
    assert CONTROLS_REFUSED in text
    assert not [c for c in text if is_control(c) and c != "\n"]
    with DossierStore(data_dir) as store:
        [row] = store.list()
    assert row.applicant_name == "DUPONT Jean"
    listed = _run(data_dir, "list").decode("utf-8")
    assert "DUPONT Jean" in listed
    assert not [c for c in listed if is_control(c) and c != "\n"]
