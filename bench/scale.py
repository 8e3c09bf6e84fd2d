"""As fast with 100,000 dossiers as with 100 (issue 14).

Builds 1k / 10k / 100k data sets with `anef-tui demo --count N` (the store API, one
transaction) and prints for each, as medians of `--runs` fresh interpreters:

* start-up to the first frame of « Mes dossiers » (its rows are in it: they are added and
  measured before that frame), and to the process at rest (Pilot's idle wait counts the
  CPU time of every thread: the deferred integrity check of a large base is in it);
* a keystroke in the search (« d ») to its rows painted, and the same for a bare Textual
  Input + DataTable that shows 100 rows (the floor);
* F6 « Échéances » to its first rows painted; Échap back to « Mes dossiers » with its alerts;
* the longest block of the UI thread (event loop lag, sampled every 5 ms) from the first
  paint to 5 s after the start, F6 and the search included;
* `anef-tui list --json`: whole process and its peak memory (maxrss).

Usage: `.venv/bin/python bench/scale.py [--runs N] [--sizes 1000,10000,100000]`
(also run by `make bench`). Building 100k takes about a minute on 2 shared cores.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = """
import asyncio, sys, time
T0 = float(sys.argv[2])
from pathlib import Path
from anef_tui.ui.app import make_app
app = make_app(Path(sys.argv[1]))
out = {}
frames = []
_display = app._display
def display(screen, renderable):
    if not frames:
        frames.append(time.time() - T0)
    _display(screen, renderable)
app._display = display
lag = [0.0]
phase = ['repos']
where = {}
async def watch():
    while time.time() - T0 < 5.0:
        before = time.perf_counter()
        await asyncio.sleep(0.005)
        late = time.perf_counter() - before - 0.005
        lag[0] = max(lag[0], late)
        where[phase[0]] = max(where.get(phase[0], 0.0), late)
async def until(pilot, test):
    while not test():
        await pilot.pause(0.002)
async def pilot(p):
    await p.pause()
    out['start'] = time.time() - T0
    out['frame'] = frames[0]
    task = asyncio.get_running_loop().create_task(watch())
    await p.app.workers.wait_for_complete()
    await p.pause(0.4)
    t = time.perf_counter()
    phase[0] = 'F6'
    await p.press('f6')
    await until(p, lambda: getattr(app.screen, 'rows', None))
    await p.pause()
    out['f6'] = time.perf_counter() - t
    t = time.perf_counter()
    phase[0] = 'retour'
    await p.press('escape')
    await p.app.workers.wait_for_complete()
    await p.pause()
    out['back'] = time.perf_counter() - t
    phase[0] = 'Ctrl+F'
    await p.press('ctrl+f')
    await p.pause()
    t = time.perf_counter()
    phase[0] = 'touche'
    await p.press('d')
    await p.pause()
    assert app.screen.query_one('#dossiers').row_count > 0
    out['key'] = time.perf_counter() - t
    phase[0] = 'repos'
    await task
    out['block'] = lag[0]
    out['where'] = max(where, key=where.get) if where else ''
    print(repr(out), flush=True)
    app.exit()
app.run(headless=True, size=(100, 30), auto_pilot=pilot)
"""

BARE = """
import sys, time
from rich.text import Text
from textual.app import App
from textual.widgets import DataTable, Input
class Bare(App):
    def compose(self):
        yield Input()
        yield DataTable()
    def on_mount(self):
        t = self.query_one(DataTable)
        t.add_columns(*'ABCDEF')
        self.fill('')
    def fill(self, prefix):
        t = self.query_one(DataTable)
        t.clear()
        for i in range(100):
            t.add_row(*(Text(f'{prefix}{c}{i}') for c in 'ABCDEF'))
    def on_input_changed(self, event):
        self.fill(event.value)
app = Bare()
async def pilot(p):
    await p.pause()
    t = time.perf_counter()
    await p.press('d')
    await p.pause()
    print(repr({'key': time.perf_counter() - t}), flush=True)
    app.exit()
app.run(headless=True, size=(100, 30), auto_pilot=pilot)
"""


def run_child(code: str, *args: str) -> dict:
    start = time.time()
    done = subprocess.run(
        [sys.executable, "-c", code, *args, str(start)],
        check=True, capture_output=True, text=True, cwd=ROOT,
    )
    import ast

    return ast.literal_eval(done.stdout.strip().splitlines()[-1])


def list_json(data_dir: Path) -> tuple[float, float]:
    """Seconds and peak memory (MB) of `anef-tui list --json`."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "anef_tui.cli", "--data-dir", str(data_dir), "list", "--json"],
        stdout=subprocess.DEVNULL, cwd=ROOT,
    )
    _pid, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    assert os.waitstatus_to_exitcode(status) == 0
    return elapsed, usage.ru_maxrss / 1024


def build(data_dir: Path, count: int) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "anef_tui.cli", "--data-dir", str(data_dir), "demo", "--count",
         str(count)],
        check=True, capture_output=True, cwd=ROOT,
    )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", default="1000,10000,100000")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPU, python "
          f"{platform.python_version()}, {date.today()}")
    results: dict[int, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        dirs = {}
        for n in sizes:
            dirs[n] = Path(tmp) / f"d{n}"
            print(f"{n:>7} dossiers construits en {build(dirs[n], n):.1f} s", flush=True)
        samples: dict[int, list[dict]] = {n: [] for n in sizes}
        bare = []
        for _ in range(args.runs):  # interleaved: machine noise hits every size alike
            for n in sizes:
                run = run_child(CHILD, str(dirs[n]))
                run["json"], run["mem"] = list_json(dirs[n])
                samples[n].append(run)
            bare.append(run_child(BARE)["key"])
        for n in sizes:
            results[n] = {k: statistics.median(s[k] for s in samples[n])
                          for k, v in samples[n][0].items() if isinstance(v, float)}
            results[n]["block_max"] = max(s["block"] for s in samples[n])
    floor = statistics.median(bare)
    samples_of = samples
    rows = (
        ("frame", "démarrage → « Mes dossiers » peint (1re image)", 1000, "ms"),
        ("start", "démarrage → processus au repos", 1000, "ms"),
        ("key", "touche dans la recherche → lignes peintes", 1000, "ms"),
        ("f6", "F6 « Échéances », premières lignes", 1000, "ms"),
        ("back", "retour à « Mes dossiers » (alertes)", 1000, "ms"),
        ("block", "plus long blocage du fil UI (médiane)", 1000, "ms"),
        ("block_max", "plus long blocage du fil UI (pire)", 1000, "ms"),
        ("json", "list --json, processus entier", 1000, "ms"),
        ("mem", "list --json, mémoire max", 1, "Mo"),
    )
    head = " | ".join(f"{n:,}".replace(",", " ") for n in sizes)
    print(f"| | {head} | {sizes[-1]} / {sizes[0]} |")
    print("|---" * (len(sizes) + 2) + "|")
    for key, label, scale, unit in rows:
        cells = " | ".join(f"{results[n][key] * scale:.0f} {unit}" for n in sizes)
        ratio = results[sizes[-1]][key] / max(results[sizes[0]][key], 1e-9)
        print(f"| {label} | {cells} | {ratio:.2f} |")
    print(f"Input + DataTable nus (100 lignes), touche → lignes : {floor * 1000:.0f} ms ; "
          f"rapport à {sizes[-1]} : {results[sizes[-1]]['key'] / floor:.2f}")
    for n in sizes:  # in which phase each run had its longest block
        print(f"{n:>7} : plus long blocage par passage : " + ", ".join(
            f"{s['block'] * 1000:.0f} ms ({s.get('where', '?')})" for s in samples_of[n]))


if __name__ == "__main__":
    main()
