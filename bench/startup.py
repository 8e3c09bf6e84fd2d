"""Cold start of anef-tui to the first painted « Mes dossiers » with 1,000 dossiers,
against a minimal Textual app started the same way, in the same run.

Each start is a fresh interpreter (`python -c`), running the app headless with an
auto-pilot that exits as soon as the first screen has been painted. Prints both medians
and the ratio. Usage: `.venv/bin/python bench/startup.py [--runs N] [--dossiers N]`.
`make bench` byte-compiles anef_tui first, as `pip install` does (Textual's modules are):
run `make compile` before calling this script directly after changing the code.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

# Each child prints the wall-clock time of its first paint; the parent subtracts the time
# it spawned the child. That is cold start (interpreter, imports, database, first frame).
ANEF = """
import sys, time
from anef_tui.ui.app import make_app
from pathlib import Path
app = make_app(Path(sys.argv[1]))
async def pilot(p):
    await p.pause()
    assert app.screen.query_one('#dossiers').row_count > 0
    print(time.time(), flush=True)
    app.exit()
app.run(headless=True, size=(80, 24), auto_pilot=pilot)
"""

MINIMAL = """
import time
from textual.app import App
from textual.widgets import Footer, Header, Static
class Minimal(App):
    def compose(self):
        yield Header()
        yield Static('Bonjour')
        yield Footer()
app = Minimal()
async def pilot(p):
    await p.pause()
    print(time.time(), flush=True)
    app.exit()
app.run(headless=True, size=(80, 24), auto_pilot=pilot)
"""


def seed(data_dir: Path, count: int) -> None:
    from anef_tui.domain.consent import default_terms
    from anef_tui.store.dossiers import DossierStore

    store = DossierStore(data_dir)
    procedures = ["renouvellement", "premiere_demande"]
    for i in range(count):
        store.create(procedures[i % 2], applicant_name=f"PERSONNE{i:04d} Prénom",
                     consent=default_terms())
    store.close()


def time_once(code: str, *args: str) -> float:
    """Seconds from spawning the interpreter to the first painted screen."""
    start = time.time()
    out = subprocess.run(
        [sys.executable, "-c", code, *args], check=True, capture_output=True, text=True
    ).stdout
    painted = float(out.strip().splitlines()[-1])
    return painted - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--dossiers", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "donnees"
        seed(data_dir, args.dossiers)
        time_once(ANEF, str(data_dir))  # warm the OS file cache for both
        time_once(MINIMAL)
        anef, minimal = [], []
        for _ in range(args.runs):  # interleaved so that machine noise hits both alike
            anef.append(time_once(ANEF, str(data_dir)))
            minimal.append(time_once(MINIMAL))
    a, m = statistics.median(anef), statistics.median(minimal)
    print(f"machine: {platform.machine()} {platform.processor() or ''} python {platform.python_version()}, {date.today()}")
    print(f"anef-tui, {args.dossiers} dossiers : médiane {a * 1000:.0f} ms")
    print(f"Textual minimal           : médiane {m * 1000:.0f} ms")
    print(f"rapport                   : {a / m:.2f}")


if __name__ == "__main__":
    main()
