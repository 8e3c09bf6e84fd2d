"""How long `anef-tui procedures --check` takes on hostile procedure files (issue #19).

Builds, from tests/procedures/essai.toml, the adversary's files — an array 1,000 deep, a key
20,000 deep, 20,000 steps (1.5 Mo) — and files that stay under the size limit while pushing
everything else: 1,200 steps, 4,000 fields, 256 Ko of nested brackets, 256 Ko of dotted keys
at the nesting limit, a valid procedure at the count limits (30 steps of 100 fields), 60
broken fields. Prints, for each, the median time of `check_file` in this process and of the
whole command (a new Python, imports included), then the time the light index (« Mes
dossiers ») takes to set them all aside from an extra folder.
Usage: ``.venv/bin/python bench/hostile.py [--runs N]``.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from anef_tui.domain import procedure_index as pi
from anef_tui.domain.catalogue import CatalogueError, check_file
from anef_tui.domain.data_limits import MAX_BYTES

ROOT = Path(__file__).resolve().parents[1]
ESSAI = (ROOT / "tests" / "procedures" / "essai.toml").read_text(encoding="utf-8")
FIRST_STEP_END = '\n[[steps]]\nid = "pieces"'


def steps(count: int, fields: int = 1) -> str:
    blocks = []
    for i in range(count):
        blocks.append(f'\n[[steps]]\nid = "plus_{i}"\nnumber = 0\ntitle = "Plus"\n'
                      f'heading = "Plus"\nkind = "form"\n\n[[steps.sections]]\nid = "s"\n')
        blocks += [f'\n[[steps.sections.fields]]\nid = "c{j}"\nlabel = "Champ"\ntype = "text"\n'
                   for j in range(fields)]
    text = ESSAI.replace(FIRST_STEP_END, "".join(blocks) + FIRST_STEP_END, 1)
    numbers = iter(range(1, 10**6))
    return "\n".join(f"number = {next(numbers)}" if line.startswith("number = ") else line
                     for line in text.split("\n"))


def fields(count: int, rule: str | None = None) -> str:
    extra = f'rule = "{rule}"\n' if rule else ""
    blocks = "".join(f'\n[[steps.sections.fields]]\nid = "p{i}"\nlabel = "P"\ntype = "text"\n'
                     f"{extra}" for i in range(count))
    return ESSAI.replace(FIRST_STEP_END, blocks + FIRST_STEP_END, 1)


def under_limit(text: str) -> str:
    """`text` cut to just under the size limit."""
    return text.encode("utf-8")[: MAX_BYTES - 16].decode("utf-8", "ignore")


def filled(line) -> str:
    """essai.toml followed by `line(i)` for i = 0, 1… as long as the file stays under the
    size limit (valid TOML to the end)."""
    parts, size, i = [ESSAI], len(ESSAI.encode("utf-8")), 0
    while size + len(line(i).encode("utf-8")) < MAX_BYTES:
        parts.append(line(i))
        size += len(line(i).encode("utf-8"))
        i += 1
    return "".join(parts)


def hostile() -> dict[str, str]:
    return {
        "array 1,000 deep": ESSAI + "\nextra = " + "[" * 1000 + "]" * 1000 + "\n",
        "key 20,000 deep": ESSAI.replace('brick = "', ".".join(["a"] * 20_000) + ' = 1\nbrick = "',
                                         1),
        "20,000 steps": steps(20_000),
        "1,200 steps (< 256 Ko)": steps(1_200),
        "4,000 fields (< 256 Ko)": under_limit(fields(4_000)).rsplit("\n[[", 1)[0],
        "256 Ko of [": under_limit(ESSAI + "\nx = " + "[" * MAX_BYTES),
        "256 Ko of dotted keys, 9 parts": filled(lambda i: f"\nk{i}.b.c.d.e.f.g.h.i = 1"),
        "256 Ko of tables": filled(lambda i: f'\n[t{i}]\nk = "v"'),
        "256 Ko of inline tables, 4 deep": filled(
            lambda i: f'\nk{i} = {{ a = {{ b = [1, "x"] }}, c = 2 }}'),
        "essai.toml (valid, as shipped)": ESSAI,
        "valid: 30 steps x 100 fields": steps(26, fields=100),
        "60 broken fields": fields(60, rule="inconnue"),
    }


def median_check(path: Path, runs: int) -> tuple[float, str]:
    times = []
    verdict = ""
    for _ in range(runs):
        start = time.perf_counter()
        try:
            procedure = check_file(path)
            verdict = f"valid, {len(procedure.steps)} steps"
        except CatalogueError as exc:
            verdict = "refused: " + exc.problems[0].split(" : ", 1)[-1][:60]
        times.append(time.perf_counter() - start)
    return statistics.median(times), verdict


def median_cli(path: Path, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "anef_tui.cli", "procedures", "--check", str(path)],
                       capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        print(f"{'file':<34} {'size':>9} {'check_file':>11} {'CLI':>8}  verdict")
        for name, text in hostile().items():
            path = folder / f"{len(list(folder.iterdir()))}.toml"
            path.write_text(text, encoding="utf-8")
            seconds, verdict = median_check(path, runs)
            cli = median_cli(path, runs)
            size = f"{path.stat().st_size / 1024:,.0f} Ko"
            print(f"{name:<34} {size:>9} {seconds * 1000:>8.0f} ms {cli * 1000:>5.0f} ms  "
                  f"{verdict}")
        pi.use_procedures_dir(folder)
        times = []
        for _ in range(runs):
            pi.clear_caches()
            start = time.perf_counter()
            pi.procedure_index()
            times.append(time.perf_counter() - start)
        refs = pi.procedure_index()
        print(f"index with all of them in the extra folder: {statistics.median(times) * 1000:.0f}"
              f" ms, {len(refs)} procedures, {len(pi.index_problems())} files set aside")
        pi.use_procedures_dir(None)


if __name__ == "__main__":
    main()
