"""`anef-tui liste --json` at 100,000 dossiers, against a floor measured in the same run.

The floor is a fresh interpreter that reads the same rows with the same store
(`DossierStore.iter`) and writes them with one `json.dumps(rows, ensure_ascii=False)` (the C
encoder, no indent) to the same place: what any JSON listing of that base costs. Each
repetition runs the floor and `anef-tui liste --json` (and, with `--before DIR`, the same
command from another tree: `git archive <commit> anef_tui | tar -x -C DIR`) one after the
other, in an order that turns each time, output to /dev/null; wall and CPU times (user +
system of the child) are taken per run. Printed: the median of each, and the median of the
per-repetition ratios to the floor (a shared machine: never trust one timing).

Usage: `.venv/bin/python bench/listing.py [--count 100000] [--runs 7] [--data-dir DIR]
[--before DIR]` (a base of `--count` dossiers is built in a temporary folder unless
`--data-dir` holds one: about a minute for 100,000).
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

FLOOR = """
import json, sys
from pathlib import Path
from anef_tui.store.dossiers import DossierStore
store = DossierStore(Path(sys.argv[1]))
rows = [{"id": r.id, "applicant": r.applicant_name, "procedure": r.procedure,
         "status": str(r.status), "step": r.current_step, "updated_at": r.updated_at,
         "next_deadline": r.next_deadline, "next_deadline_label": r.next_deadline_label}
        for r in store.iter()]
sys.stdout.write(json.dumps(rows, ensure_ascii=False))
store.close()
"""

LISTE = "import sys; from anef_tui.cli import main; sys.exit(main(sys.argv[1:]))"


def timed(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall, CPU of the child) seconds of one run, its output thrown away. Run from the
    root folder: `python -c` puts its working folder first on the path, where an
    `anef_tui/` would hide the one PYTHONPATH names."""
    start = time.perf_counter()
    with open(os.devnull, "wb") as sink:
        child = subprocess.Popen(argv, stdout=sink, env=env, cwd="/")
        _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"{argv[:3]}… ended with status {status}")
    return wall, usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--before", type=Path, help="a tree holding an older anef_tui/")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        data_dir = args.data_dir or Path(tmp) / "donnees"
        if not (data_dir / "anef-tui.db").exists():
            subprocess.run([sys.executable, "-m", "anef_tui", "--data-dir", str(data_dir),
                            "demo", "--nombre", str(args.count)], check=True,
                           stdout=subprocess.DEVNULL)
        env = dict(os.environ)  # the warm-up run byte-compiles what it imports
        variants = {
            "plancher": ([sys.executable, "-c", FLOOR, str(data_dir)], env),
            "liste --json": ([sys.executable, "-c", LISTE, "--data-dir", str(data_dir),
                              "liste", "--json"], env),
        }
        if args.before is not None:
            before_env = {**env, "PYTHONPATH": str(args.before.resolve())}
            variants["avant"] = (variants["liste --json"][0], before_env)
        names = list(variants)
        for name in names:  # warm the page cache and the byte-compiled modules
            timed(*variants[name])
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in names}
        for run in range(args.runs):
            order = names[run % len(names):] + names[:run % len(names)]
            for name in order:
                times[name].append(timed(*variants[name]))

    print(f"machine: {platform.machine()} python {platform.python_version()}, "
          f"{os.cpu_count()} cœurs, {date.today()}, charge {os.getloadavg()[0]:.1f}")
    print(f"anef-tui liste --json, {args.count} dossiers, médianes de {args.runs} passages "
          "entrelacés\n")
    print(f"| {'':<14} | {'mur':>8} | {'CPU':>8} | {'rapport mur':>11} | {'rapport CPU':>11} |")
    print(f"|{'-' * 16}|{'-' * 10}|{'-' * 10}|{'-' * 13}|{'-' * 13}|")
    floor = times["plancher"]
    for name in names:
        walls = [t[0] for t in times[name]]
        cpus = [t[1] for t in times[name]]
        wall_ratio = statistics.median(t[0] / f[0] for t, f in zip(times[name], floor, strict=True))
        cpu_ratio = statistics.median(t[1] / f[1] for t, f in zip(times[name], floor, strict=True))
        print(f"| {name:<14} | {statistics.median(walls):>6.2f} s | "
              f"{statistics.median(cpus):>6.2f} s | {wall_ratio:>11.2f} | {cpu_ratio:>11.2f} |")


if __name__ == "__main__":
    main()
