"""What the desks' change feed costs an idle desk (issue 25 item 3, SQLite's watcher).

The watcher (`store/desks/sqlite_watch.py`) asks `PRAGMA data_version` on its own
connection every period. Measured here: the CPU of one look (median of many, on a base of
`--dossiers` dossiers, plain or encrypted), then the process's CPU over `--seconds` of
idleness with the watcher on at several periods against the same time with it off; and
how long another desk's commit takes to reach a listener (one period at most, plus the
look). Figures only, never asserted (README « Mesures »).
Usage: ``.venv/bin/python bench/desk_watch.py [--seconds S] [--dossiers N] [--encrypted]``.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import threading
import time
from pathlib import Path

from anef_tui.domain.consent import ConsentTerms
from anef_tui.store.database import Database
from anef_tui.store.desks import desk_of
from anef_tui.store.desks.sqlite_watch import PERIOD
from anef_tui.store.dossiers import DossierStore
from anef_tui.store.sqlite_file import _connect

Database.default_consent = ConsentTerms("formulaire_signe", 12)


def folder(dossiers: int, encrypted: bool) -> tuple[Path, object]:
    data = Path(tempfile.mkdtemp(prefix="anef-desks-")) / "donnees"
    key = None
    if encrypted:
        from anef_tui.vault import keys
        from anef_tui.vault.keyfile import key_file_path

        data.mkdir(parents=True)
        key = keys.create(key_file_path(data), "le chat dort sur le toit du garage").key
    store = DossierStore(data, key=key)
    for n in range(dossiers):
        store.create("renouvellement", applicant_name=f"PERSONNE {n}")
    store.close()
    return data, key


def one_look(data: Path, key) -> float:
    conn = _connect(data / "anef-tui.db", key)
    try:
        times = []
        for _ in range(20):
            start = time.process_time_ns()
            for _ in range(1000):
                conn.execute("PRAGMA data_version").fetchone()
            times.append((time.process_time_ns() - start) / 1000)
        return statistics.median(times) / 1000  # µs per look
    finally:
        conn.close()


def idle_cpu(data: Path, key, seconds: float, period: float | None) -> float:
    """CPU seconds of the whole process over `seconds` of idleness (watcher on or off)."""
    store = DossierStore(data, key=key)
    desk = desk_of(store.database)
    try:
        if period is not None:
            desk.period = period
            desk.feed.subscribe(lambda change: None)
        time.sleep(0.2)  # the watcher's connection opened
        start = time.process_time()
        time.sleep(seconds)
        return time.process_time() - start
    finally:
        desk.close()
        store.close()


def delay(data: Path, key, period: float) -> float:
    """From another desk's commit returning to the listener being told (median of 10)."""
    store, other = DossierStore(data, key=key), DossierStore(data, key=key)
    desk = desk_of(store.database)
    desk.period = period
    told = threading.Event()
    desk.feed.subscribe(lambda change: told.set())
    dossier_id = other.list("", limit=1)[0].id
    delays = []
    try:
        time.sleep(0.2)
        for n in range(10):
            told.clear()
            other.save_draft(dossier_id, "etat-civil", {"n": n})
            start = time.perf_counter()
            told.wait(10)
            delays.append(time.perf_counter() - start)
            time.sleep(period * 0.37)  # commits at various points of the period
    finally:
        desk.close()
        other.close()
        store.close()
    return statistics.median(delays)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--dossiers", type=int, default=1000)
    parser.add_argument("--encrypted", action="store_true")
    args = parser.parse_args()
    data, key = folder(args.dossiers, args.encrypted)
    print(f"{args.dossiers} dossiers, {'chiffré' if args.encrypted else 'non chiffré'}")
    print(f"one look (PRAGMA data_version): {one_look(data, key):.2f} µs CPU")
    off = idle_cpu(data, key, args.seconds, None)
    print(f"idle {args.seconds:.0f} s, watcher off: {off * 1000:.1f} ms CPU")
    for period in (PERIOD, 0.1, 0.02):
        on = idle_cpu(data, key, args.seconds, period)
        print(f"idle {args.seconds:.0f} s, watcher every {period:g} s: {on * 1000:.1f} ms CPU "
              f"({(on - off) / args.seconds * 100:.3f} % of one core above off)")
    for period in (PERIOD, 0.1):
        print(f"another desk's commit told after (period {period:g} s): "
              f"{delay(data, key, period) * 1000:.0f} ms (median)")


if __name__ == "__main__":
    main()
