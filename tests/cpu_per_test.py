"""CPU time per test, to find where `make test`'s time goes (a measuring aid, not a test).

The host is shared: wall time moves by ±25 % between runs, CPU time much less. Load this
plugin by name and say where to write:

    ANEF_CPU_PER_TEST=/tmp/cpu .venv/bin/python -m pytest -p tests.cpu_per_test -n 4 \\
        --dist loadgroup -m "not snapshot" tests
    .venv/bin/python -m tests.cpu_per_test /tmp/cpu          # totals per folder
    .venv/bin/python -m tests.cpu_per_test /tmp/cpu 30       # and the 30 dearest tests

Each pytest process (every xdist worker) appends to `cpu-<pid>.tsv` in that folder, one
line per test in the order run: CPU seconds of the process (`time.process_time`, set-up and
tear-down included), CPU seconds of the child processes it waited for (a CLI run in a
subprocess), wall seconds, node id. A session-scoped fixture is paid by the first test
that asks for it.
"""

from __future__ import annotations

import os
import resource
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

_ENV = "ANEF_CPU_PER_TEST"
_out: list = []


def _children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    folder = os.environ.get(_ENV)
    if not folder:
        yield
        return
    cpu, children, wall = time.process_time(), _children(), time.perf_counter()
    yield
    cpu, children = time.process_time() - cpu, _children() - children
    wall = time.perf_counter() - wall
    if not _out:
        Path(folder).mkdir(parents=True, exist_ok=True)
        _out.append(open(Path(folder) / f"cpu-{os.getpid()}.tsv", "a", encoding="utf-8"))
    _out[0].write(f"{cpu:.3f}\t{children:.3f}\t{wall:.3f}\t{item.nodeid}\n")
    _out[0].flush()


def read(folder: Path) -> list[tuple[float, float, float, str]]:
    rows = []
    for path in sorted(folder.glob("cpu-*.tsv")):
        for line in path.read_text(encoding="utf-8").splitlines():
            cpu, children, wall, nodeid = line.split("\t", 3)
            rows.append((float(cpu), float(children), float(wall), nodeid))
    return rows


def main(argv: list[str]) -> None:
    rows = read(Path(argv[0]))
    cpu, children, count = Counter(), Counter(), Counter()
    for own, kids, _wall, nodeid in rows:
        folder = "/".join(nodeid.split("::")[0].split("/")[:2])
        cpu[folder] += own
        children[folder] += kids
        count[folder] += 1
    for folder in sorted(cpu):
        print(f"{folder:24} {cpu[folder]:8.1f} s  (+{children[folder]:.1f} s in child "
              f"processes)  {count[folder]} tests")
    print(f"{'total':24} {sum(cpu.values()):8.1f} s  (+{sum(children.values()):.1f} s)  "
          f"{len(rows)} tests")
    for own, kids, wall, nodeid in sorted(rows, reverse=True)[:int(argv[1]) if argv[1:] else 0]:
        print(f"{own:7.2f} {kids:6.2f} {wall:7.2f}  {nodeid}")


if __name__ == "__main__":
    main(sys.argv[1:])
