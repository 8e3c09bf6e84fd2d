"""Run the plain mode in this process on lines of input (frozen clock)."""

from __future__ import annotations

import io
from pathlib import Path

from anef_tui.plain.cli import run
from tests.conftest import frozen_clock


def plain(data_dir: Path, lines: list[str], *, end_newline: bool = True) -> str:
    """Type `lines` into `anef-tui texte` on `data_dir`; return everything it wrote."""
    text = "\n".join(lines) + ("\n" if end_newline else "")
    out = io.BytesIO()
    code = run(data_dir, stdin=io.BytesIO(text.encode("utf-8")), stdout=out, clock=frozen_clock)
    assert code == 0
    written = out.getvalue()
    assert b"\x1b" not in written
    return written.decode("utf-8")
