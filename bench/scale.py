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

Each size is measured twice, interleaved in the same run (plain, encrypted, then
encrypted, plain…): the plain demonstration folder, and an encrypted one (issue 23) — a
vault made first (`coffre.cle`, argon2id at the default cost), then filled by the same
`demo --count` through the keyed store, and opened as `anef-tui` opens it with
ANEF_TUI_PHRASE_FILE (a 0600 file holding the passphrase): the unlock (argon2id, once per
unlock) is then inside the start-up, so start-up is given with it and without it, and the
unlock alone. Printed per size: medians (min–max) of both, the ratio of the medians and the
median of the per-run ratios encrypted / plain. `--clair-seulement`: plain only.

Usage: `.venv/bin/python bench/scale.py [--runs N] [--sizes 1000,10000,100000]
[--clair-seulement]` (also run by `make bench`). Building 100k takes one to two minutes on 2
shared cores (the encrypted one a little more).
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
from anef_tui.cli.unlock import key_for
from anef_tui.ui.app import make_app
out = {}
# As `anef-tui` does (cli.cmd_app): the key from ANEF_TUI_PHRASE_FILE when the bench set it
# (argon2id, once per unlock), None for the plain demonstration folder.
before_unlock = time.time()
key = key_for(Path(sys.argv[1]), command=None)
out['unlock'] = time.time() - before_unlock
app = make_app(Path(sys.argv[1]), key=key)
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
    out['start_nokdf'] = out['start'] - out['unlock']
    out['frame_nokdf'] = out['frame'] - out['unlock']
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


PHRASE = "le chat dort sur le toit"
VARIANTS = ("clair", "chiffré")


def run_child(code: str, *args: str, env: dict[str, str] | None = None) -> dict:
    start = time.time()
    done = subprocess.run(
        [sys.executable, "-c", code, *args, str(start)],
        check=True, capture_output=True, text=True, cwd=ROOT, env=env,
    )
    import ast

    return ast.literal_eval(done.stdout.strip().splitlines()[-1])


def list_json(data_dir: Path, env: dict[str, str] | None = None) -> tuple[float, float]:
    """Seconds and peak memory (MB) of `anef-tui list --json`."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "anef_tui.cli", "--data-dir", str(data_dir), "list", "--json"],
        stdout=subprocess.DEVNULL, cwd=ROOT, env=env,
    )
    _pid, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    assert os.waitstatus_to_exitcode(status) == 0
    return elapsed, usage.ru_maxrss / 1024


def build(data_dir: Path, count: int, env: dict[str, str] | None = None) -> float:
    """`anef-tui demo --count`: a plain demonstration folder; with `env` naming a phrase
    file and a vault already made in `data_dir`, the same dossiers through the keyed store."""
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "anef_tui.cli", "--data-dir", str(data_dir), "demo", "--count",
         str(count)],
        check=True, capture_output=True, cwd=ROOT, env=env,
    )
    return time.perf_counter() - start


def phrase_env(tmp: Path) -> dict[str, str]:
    """The environment of an encrypted run: ANEF_TUI_PHRASE_FILE names a 0600 file holding
    the passphrase, so `anef-tui` unlocks from it (argon2id at the default cost) as the door
    would, without its screens."""
    phrase = tmp / "phrase"
    phrase.write_text(PHRASE + "\n", encoding="utf-8")
    phrase.chmod(0o600)
    return {**os.environ, "ANEF_TUI_PHRASE_FILE": str(phrase)}


def make_encrypted(data_dir: Path, count: int, env: dict[str, str]) -> float:
    """A new vault (default KDF cost) in `data_dir`, then `demo --count` fills it keyed.
    The vault is made in a child process: argon2id's 64 MiB in this one would be counted in
    every later child's peak memory (Linux keeps ru_maxrss across fork and exec)."""
    subprocess.run(
        [sys.executable, "-c",
         "import sys; from pathlib import Path; from anef_tui.paths import ensure_data_dir; "
         "from anef_tui.vault import keys; from anef_tui.vault.keyfile import key_file_path; "
         "ensure_data_dir(Path(sys.argv[1])); "
         "keys.create(key_file_path(Path(sys.argv[1])), sys.argv[2])",
         str(data_dir), PHRASE],
        check=True, cwd=ROOT,
    )
    return build(data_dir, count, env)


def spread(values: list[float], scale: float = 1000) -> str:
    return f"{statistics.median(values) * scale:.0f} ({min(values) * scale:.0f}–" \
           f"{max(values) * scale:.0f})"


ROWS = (
    ("frame", "démarrage → « Mes dossiers » peint (1re image), déverrouillage compris", 1000,
     "ms"),
    ("frame_nokdf", "démarrage → « Mes dossiers » peint, sans le déverrouillage", 1000, "ms"),
    ("unlock", "déverrouillage (fichier de phrase, argon2id, clé)", 1000, "ms"),
    ("start", "démarrage → processus au repos", 1000, "ms"),
    ("start_nokdf", "démarrage → processus au repos, sans le déverrouillage", 1000, "ms"),
    ("key", "touche dans la recherche → lignes peintes", 1000, "ms"),
    ("f6", "F6 « Échéances », premières lignes", 1000, "ms"),
    ("back", "retour à « Mes dossiers » (alertes)", 1000, "ms"),
    ("block", "plus long blocage du fil UI (médiane)", 1000, "ms"),
    ("json", "list --json, processus entier (déverrouillage compris)", 1000, "ms"),
    ("mem", "list --json, mémoire max", 1, "Mo"),
)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--clair-seulement", action="store_true",
                        help="no encrypted variant (as before issue 23)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    variants = VARIANTS[:1] if args.clair_seulement else VARIANTS
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPU, python "
          f"{platform.python_version()}, {date.today()}, charge "
          f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}", flush=True)
    results: dict[tuple[int, str], dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        dirs: dict[tuple[int, str], Path] = {}
        envs: dict[str, dict[str, str] | None] = {"clair": None,
                                                   "chiffré": phrase_env(Path(tmp))}
        for n in sizes:
            for variant in variants:
                dirs[n, variant] = Path(tmp) / f"d{n}-{variant}"
                env = envs[variant]
                took = (build(dirs[n, variant], n) if env is None
                        else make_encrypted(dirs[n, variant], n, env))
                print(f"{n:>7} dossiers ({variant}) construits en {took:.1f} s", flush=True)
        samples: dict[tuple[int, str], list[dict]] = {case: [] for case in dirs}
        bare = []
        for index in range(args.runs):  # interleaved: machine noise hits every case alike
            for n in sizes:
                # plain, encrypted, then encrypted, plain: neither always goes first
                for variant in variants if index % 2 == 0 else variants[::-1]:
                    run = run_child(CHILD, str(dirs[n, variant]), env=envs[variant])
                    run["json"], run["mem"] = list_json(dirs[n, variant], envs[variant])
                    samples[n, variant].append(run)
            bare.append(run_child(BARE)["key"])
            print(f"passage {index + 1}/{args.runs} fait, charge {os.getloadavg()[0]:.1f}",
                  flush=True)
        for case in dirs:
            results[case] = {k: statistics.median(s[k] for s in samples[case])
                             for k, v in samples[case][0].items() if isinstance(v, float)}
    floor = statistics.median(bare)
    print(f"médianes (min–max) de {args.runs} passages")
    for n in sizes:
        print(f"\n{n} dossiers")
        if len(variants) == 2:
            print("| | clair | chiffré | chiffré / clair (rapport des médianes ; médiane "
                  "des rapports par passage) |")
            print("|---|---|---|---|")
        for key, label, scale, _unit in ROWS:
            cells = [spread([s[key] for s in samples[n, v]], scale) for v in variants]
            line = f"| {label} | " + " | ".join(cells)
            if len(variants) == 2:
                plain, sealed = samples[n, "clair"], samples[n, "chiffré"]
                ratio = results[n, "chiffré"][key] / max(results[n, "clair"][key], 1e-9)
                paired = statistics.median(b[key] / max(a[key], 1e-9)
                                           for a, b in zip(plain, sealed, strict=True))
                line += f" | {ratio:.2f} ; {paired:.2f}"
            print(line + " |")
    last = (sizes[-1], variants[0])
    print(f"\nInput + DataTable nus (100 lignes), touche → lignes : {floor * 1000:.0f} ms ; "
          f"rapport à {sizes[-1]} (clair) : {results[last]['key'] / floor:.2f}")
    for case in dirs:  # in which phase each run had its longest block
        print(f"{case[0]:>7} {case[1]} : plus long blocage par passage : " + ", ".join(
            f"{s['block'] * 1000:.0f} ms ({s.get('where', '?')})" for s in samples[case]))


if __name__ == "__main__":
    main()
