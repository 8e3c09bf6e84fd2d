"""Twenty desks on one PostgreSQL server (issue 25, item 6).

The bench starts its own PostgreSQL server from the project's own code
(`tests/postgres_server.py`: Debian's binaries, a temporary folder, a Unix socket only), with
the settings printed at the start, and stops it at the end — also when interrupted (Ctrl+C,
SIGTERM): the desks are ended by their process ids, then the server.

Seeding: `--dossiers` invented dossiers are written by the demo's bulk filler
(`demo.fill_many`, the store's own code: the search index is the one the app writes) into
a plain SQLite folder, which is also the floor's base; then each table is copied as it is
into a PostgreSQL base migrated by the store (`COPY`, triggers off during the copy so the
versions stay the store's; identity sequences moved past the copied ids; ANALYZE).

Then `--desks` desks, each a separate process with its own `DossierStore` on the server,
work for `--seconds`, with a pause drawn in [0, 2 × `--pause`] between two actions (a
worker reads, types, talks: 1 s on average; `--pause 0` is saturation), in a mix of what a
worker does (weights out of 100 in WEIGHTS):

* search: a word-start search (« mar », « ngu fa ») as « Mes dossiers » runs it — the first
  100 rows, and the count (capped) when there are more;
* open a dossier: the record, its files' counts, its notifications, its deadlines;
* save a step: a dossier opened (its version read), another search meanwhile, then
  `save_step(…, expected_version=)` (timed alone, as Ctrl+S waits for it); half the time
  among 40 « shared » drafts that every desk works on, so that conflicts happen: a ConflictError is counted as a conflict
  surfaced (the app opens its dialog), never retried blindly;
* attach a 2 MB scan (a PDF of JPEG pages, each attach a different content) to a draft,
  sealed with the structure's key before it leaves the desk (`AttachmentStore.attach`); a
  full slot is emptied of its oldest file first, as a worker does; an attach refused
  because another desk filled the slot meanwhile counts as a conflict;
* record a notification (a « certificat médical » received today) on a filed dossier;
* F6: the first page of the deadlines, their count and the prolongation alerts.

Each desk notes every step it saved (dossier, the version it read, the version it got, a
token unique to the save). At the end the bench re-reads every saved step from the server:
lost updates = two saves accepted from the same version read, or a step whose stored
answers are not the last accepted save's. Errors = any exception other than a conflict
(a StoreBusy « occupée » counts). Then the same actions, without pause, by ONE desk alone
on the server, and by ONE desk on the SQLite folder (same dossiers, no key: a plain
folder), each for `--floor-seconds`: the floors.

Printed: p50/p95 (ms) per action, for the desks on the server, for the one desk on the
server and for the one desk on SQLite, the ratio of the p50s (desks / SQLite), operations per second, conflicts, lost updates, errors, the
load of the machine (uptime) before and after.

Usage: `.venv/bin/python bench/desks.py [--desks 20] [--dossiers 100000] [--seconds 180]
[--floor-seconds 60] [--pause 1.0] [--fsync on|off] [--graine DIR]` (`--graine`: keep the
seeded folder there between runs; 100,000 dossiers take 1 to 3 minutes to write); `--court` (short): 3 desks, 1,000 dossiers, 5 s,
no floor, fsync off (the smoke test `tests/multiprocess/test_bench_desks.py` runs it).
`--json FILE` writes the results (the smoke test reads them).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import random
import signal
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

ACTIONS = ("recherche", "ouverture", "étape", "pièce", "notification", "F6")
#: How often a worker does each, out of 100 actions (searching and opening most).
WEIGHTS = (35, 25, 20, 5, 5, 10)
SHARED = 40  # drafts every desk works on (conflicts)
SCAN_BYTES = 2 * 1024 * 1024
STEP = "motif_sejour"  # the step the desks save (renewals and first applications have it)


# --------------------------------------------------------------------------- the server
def bench_server(fsync: str):
    """The project's test server (`tests/postgres_server.py`), started with the bench's
    settings instead of the tests' (fsync off there)."""
    from tests.postgres_server import PostgresServer

    class BenchServer(PostgresServer):
        def start(self) -> None:
            options = (f"-c listen_addresses='' -k {self.socket_dir} -c fsync={fsync} "
                       f"-c synchronous_commit={fsync} -c full_page_writes={fsync} "
                       "-c max_connections=100 -c shared_buffers=128MB "
                       "-c work_mem=4MB -c max_wal_size=1GB")
            self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w",
                      "-o", options, "start")

    return BenchServer()


SETTINGS = ("server_version", "max_connections", "shared_buffers", "work_mem", "fsync",
            "synchronous_commit", "full_page_writes", "wal_level", "max_wal_size",
            "effective_cache_size", "random_page_cost", "jit")


def server_settings(url: str) -> dict[str, str]:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        return {name: conn.execute(f"SHOW {name}").fetchone()[0]  # type: ignore[index]
                for name in SETTINGS}


# --------------------------------------------------------------------------- seeding
def seed_folder(folder: Path, count: int) -> float:
    """`count` dossiers in a plain SQLite folder by the demo's bulk filler."""
    from anef_tui.demo import fill_many
    from anef_tui.store.dossiers import DossierStore

    start = time.perf_counter()
    with DossierStore(folder) as store:
        fill_many(store, count)
    return time.perf_counter() - start


def seeded(folder: Path, count: int, keep: Path | None) -> float:
    """`seed_folder`, or a copy of the one kept in `keep` (made there first if missing:
    `fill_many` gives the same dossiers for the same count)."""
    import shutil

    if keep is None:
        return seed_folder(folder, count)
    kept = keep / f"dossiers-{count}"
    took = 0.0
    if not (kept / "fait").exists():
        shutil.rmtree(kept, ignore_errors=True)
        took = seed_folder(kept, count)
        (kept / "fait").write_text(f"{took:.1f}\n", encoding="utf-8")
    shutil.copytree(kept, folder)  # no connection is open on it
    return took or float((kept / "fait").read_text(encoding="utf-8"))


def copy_to_server(folder: Path, url: str, scratch: Path) -> tuple[float, dict[str, int]]:
    """Every table of the folder's base copied into the server's (migrated by the store
    first), as it is. Returns the seconds taken and the rows copied per table."""
    import psycopg

    from anef_tui.store.dossiers import DossierStore

    start = time.perf_counter()
    DossierStore(scratch / "migration", base=url).close()  # the store migrates the base
    copied: dict[str, int] = {}
    with psycopg.connect(url) as pg, DossierStore(folder) as store, \
            store.database.reading() as conn:
        pg_tables = {r[0] for r in pg.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")}
        lite_tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        pg.execute("SET session_replication_role = replica")  # no trigger, no FK check
        for table in lite_tables:
            if table not in pg_tables or table == "anef_base":
                continue
            pg_columns = [r[0] for r in pg.execute(
                "SELECT column_name FROM information_schema.columns "
                "WHERE table_schema = 'public' AND table_name = %s", (table,))]
            cursor = conn.execute(f"SELECT * FROM {table}")
            names = [d[0] for d in cursor.description]
            keep = [i for i, n in enumerate(names) if n in pg_columns]
            columns = ", ".join(f'"{names[i]}"' for i in keep)
            rows = 0
            with pg.cursor().copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in cursor:
                    copy.write_row([row[i] for i in keep])
                    rows += 1
            copied[table] = rows
            if "id" in names:
                pg.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                           f"coalesce((SELECT max(id) FROM {table}), 0) + 1, false)")
        pg.execute("SET session_replication_role = origin")
        pg.commit()
    with psycopg.connect(url, autocommit=True) as pg:
        pg.execute("ANALYZE")
    return time.perf_counter() - start, copied


def workload(folder: Path) -> dict:
    """What the desks draw from: draft and filed dossier ids, shared drafts, prefixes."""
    from anef_tui.demo.data import GIVEN_NAMES, SURNAMES
    from anef_tui.store.dossiers import DossierStore

    with DossierStore(folder) as store, store.database.reading() as conn:
        drafts = [r[0] for r in conn.execute(
            "SELECT id FROM dossiers WHERE status = 'brouillon' ORDER BY id")]
        filed = [r[0] for r in conn.execute(
            "SELECT id FROM dossiers WHERE status = 'deposee' ORDER BY id")]
        every = [r[0] for r in conn.execute("SELECT id FROM dossiers ORDER BY id")]
    rng = random.Random(25)
    shared = rng.sample(drafts, min(SHARED, len(drafts) // 2))
    alone = sorted(set(drafts) - set(shared))
    words = [w.lower() for w in SURNAMES + GIVEN_NAMES]
    return {"shared": shared, "drafts": alone, "filed": filed, "every": every,
            "words": words}


# --------------------------------------------------------------------------- one desk
def scan_template(scratch: Path) -> bytes:
    """A 2 MB PDF of JPEG pages, as a scanner writes it (bench/check.py)."""
    from check import scanned_pdf

    return scanned_pdf(scratch / "scan.pdf", SCAN_BYTES, 2).read_bytes()


class Desk:
    def __init__(self, number: int, store, work: dict, scan: bytes, seed: int) -> None:
        from anef_tui.store.attachments import AttachmentStore
        from anef_tui.store.deadlines import DeadlineIndex
        from anef_tui.store.followup import FollowUpStore

        self.number = number
        self.store = store
        self.files = AttachmentStore(store)
        self.followup = FollowUpStore(store)
        self.deadlines = DeadlineIndex(store)
        self.work = work
        self.scan = scan
        self.rng = random.Random(seed)
        self.times: dict[str, list[float]] = {a: [] for a in ACTIONS}
        self.saves: list[dict] = []
        self.conflicts = 0
        self.refusals: list[str] = []
        self.errors: list[str] = []
        self.count = 0
        self.timed: float | None = None  # an action that times only its own part

    def query(self) -> str:
        words = self.work["words"]
        first = self.rng.choice(words)[: self.rng.randint(2, 4)]
        if self.rng.random() < 0.3:
            return first + " " + self.rng.choice(words)[:2]
        return first

    def search(self, query: str) -> None:
        from anef_tui.store.dossiers import COUNT_CAP

        rows = self.store.list(query, limit=100)
        if len(rows) == 100:
            self.store.count(query, cap=COUNT_CAP + 1)

    def open(self, dossier_id: int) -> int:
        record = self.store.get(dossier_id)
        self.files.counts(dossier_id)
        self.followup.list_notifications(dossier_id)
        self.deadlines.of_dossier(dossier_id, self.store.now().date())
        return record.version

    def save(self) -> None:
        pool = self.work["shared"] if self.rng.random() < 0.5 else self.work["drafts"]
        dossier_id = self.rng.choice(pool)
        version = self.store.get(dossier_id).version  # the form as the screen read it
        self.search(self.query())  # the worker types meanwhile; other desks save
        self.count += 1
        token = f"poste{self.number}-{self.count}-{self.rng.getrandbits(32):08x}"
        from anef_tui.store.errors import ConflictError

        start = time.perf_counter()
        try:
            new = self.store.save_step(dossier_id, STEP, {"banc": token}, next_step=None,
                                       expected_version=version)
        except ConflictError:
            self.conflicts += 1
            return
        finally:
            self.timed = time.perf_counter() - start  # the save alone, as Ctrl+S waits
        self.saves.append({"dossier": dossier_id, "read": version, "got": new,
                           "token": token})

    def attach(self) -> None:
        from anef_tui.files.memory import MemoryFile
        from anef_tui.store.attachment_rows import AttachmentError

        dossier_id = self.rng.choice(self.work["drafts"])
        data = self.scan + f"\n% poste {self.number} {os.urandom(8).hex()}\n".encode()
        # A slot full (a small base: few drafts, 3 files each): the worker removes the
        # oldest first, as the refusal says. Another desk filling or emptying the same slot
        # meanwhile is refused in French, as it must be: counted as a conflict.
        try:
            held = self.files.list(dossier_id, "passeport")
            if len(held) >= 3:
                self.files.remove(held[0].id)
            self.files.attach(dossier_id, "passeport", MemoryFile("passeport.pdf", data),
                              max_files=3, slot_title="Passeport")
        except AttachmentError as exc:
            if "c'est le maximum" not in str(exc) and "introuvable" not in str(exc):
                raise
            self.conflicts += 1

    def notify(self) -> None:
        dossier_id = self.rng.choice(self.work["filed"])
        today = self.store.now().date()
        self.followup.add_notification(dossier_id, "certificat_medical", received_on=today,
                                       data={"registered_on": today.strftime("%d/%m/%Y")})

    def f6(self) -> None:
        today = self.store.now().date()
        self.deadlines.page(today, limit=100)
        self.deadlines.count(today)
        self.deadlines.prolongation_alerts(today, limit=5)

    def one(self, action: str) -> None:
        if action == "recherche":
            self.search(self.query())
        elif action == "ouverture":
            self.open(self.rng.choice(self.work["every"]))
        elif action == "étape":
            self.save()
        elif action == "pièce":
            self.attach()
        elif action == "notification":
            self.notify()
        else:
            self.f6()

    def run(self, until: float, parent: int, pause: float) -> None:
        from anef_tui.store.errors import StoreError

        while time.time() < until and os.getppid() == parent:
            if pause:  # the worker reads, types, talks with the applicant
                time.sleep(self.rng.uniform(0, 2 * pause))
            action = self.rng.choices(ACTIONS, WEIGHTS)[0]
            start = time.perf_counter()
            self.timed = None
            try:
                self.one(action)
            except StoreError as exc:  # the app's own refusals and faults, in French
                self.errors.append(f"{action}: {type(exc).__name__}: {exc}")
                continue
            except Exception as exc:  # anything else is a bug
                self.errors.append(f"{action}: {type(exc).__name__}: {exc!r}")
                continue
            elapsed = time.perf_counter() - start
            self.times[action].append(elapsed if self.timed is None else self.timed)


def desk_main(config_path: str) -> None:
    """A desk's process: `config` names the base, the work, the start and end times."""
    from anef_tui.store.dossiers import DossierStore
    from anef_tui.vault.keys import VaultKey

    config = json.loads(Path(config_path).read_text(encoding="utf-8"))
    work = json.loads(Path(config["work"]).read_text(encoding="utf-8"))
    key = VaultKey(config["key_id"], bytes.fromhex(config["key"])) if config["key"] else None
    scan = Path(config["scan"]).read_bytes()
    folder = Path(config["folder"])
    with DossierStore(folder, base=config["base"], key=key) as store:
        desk = Desk(config["number"], store, work, scan, seed=1000 + config["number"])
        while time.time() < config["start"]:
            time.sleep(0.01)
        desk.run(config["until"], config["parent"], config["pause"])
    Path(config["out"]).write_text(json.dumps({
        "times": desk.times, "saves": desk.saves, "conflicts": desk.conflicts,
        "errors": desk.errors,
    }), encoding="utf-8")


# --------------------------------------------------------------------------- a run
def run_desks(count: int, base: str | None, folders: Path, work_file: Path, scan: Path,
              key, seconds: float, pause: float) -> list[dict]:
    """`count` desk processes on `base` (None: the SQLite folder `folders`/sqlite) for
    `seconds`; their results. Every desk still running at the end (or on an interruption)
    is ended by its process id."""
    procs: list[subprocess.Popen] = []
    outs = []
    start = time.time() + 2.0 + 0.3 * count  # every desk open before the clock starts
    try:
        for n in range(count):
            out = folders / f"resultat-{n}-{base is None}-{count}.json"
            config = folders / f"poste-{n}.json"
            config.write_text(json.dumps({
                "number": n, "base": base, "work": str(work_file), "scan": str(scan),
                "folder": str(folders / ("sqlite" if base is None else f"poste-{n}")),
                "key_id": key.vault_id if key else "", "key": key.data_key.hex() if key else "",
                "start": start, "until": start + seconds, "parent": os.getpid(),
                "out": str(out), "pause": pause,
            }), encoding="utf-8")
            procs.append(subprocess.Popen([sys.executable, __file__, "--poste", str(config)],
                                          cwd=ROOT))
            outs.append(out)
        for proc in procs:
            proc.wait(timeout=seconds + 120 + 0.3 * count)
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.terminate()
        for proc in procs:
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=10)
            if proc.poll() is None:
                proc.kill()
    results = []
    for n, out in enumerate(outs):
        if procs[n].returncode != 0 or not out.exists():
            results.append({"times": {a: [] for a in ACTIONS}, "saves": [], "conflicts": 0,
                            "errors": [f"poste {n} : sortie {procs[n].returncode}"]})
        else:
            results.append(json.loads(out.read_text(encoding="utf-8")))
    return results


def lost_updates(results: list[dict], store) -> tuple[int, int]:
    """(lost updates, saves checked): two saves accepted from the same version read of a
    dossier, or a dossier whose saved step is not the last accepted save's."""
    by_dossier: dict[int, list[dict]] = {}
    for result in results:
        for save in result["saves"]:
            by_dossier.setdefault(save["dossier"], []).append(save)
    lost = 0
    for dossier_id, saves in by_dossier.items():
        reads = [s["read"] for s in saves]
        lost += len(reads) - len(set(reads))
        last = max(saves, key=lambda s: s["got"])
        stored = store.get(dossier_id).answers.get(STEP)
        if stored != {"banc": last["token"]}:
            lost += 1
    return lost, sum(len(s) for s in by_dossier.values())


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def summary(results: list[dict], seconds: float) -> dict:
    times = {a: [t for r in results for t in r["times"][a]] for a in ACTIONS}
    return {
        "p50": {a: percentile(v, 0.5) * 1000 for a, v in times.items()},
        "p95": {a: percentile(v, 0.95) * 1000 for a, v in times.items()},
        "n": {a: len(v) for a, v in times.items()},
        "ops": sum(len(v) for v in times.values()) / seconds,
        "conflicts": sum(r["conflicts"] for r in results),
        "errors": [e for r in results for e in r["errors"]],
    }


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--desks", type=int, default=20)
    parser.add_argument("--dossiers", type=int, default=100_000)
    parser.add_argument("--seconds", type=float, default=180)
    parser.add_argument("--floor-seconds", type=float, default=60)
    parser.add_argument("--fsync", choices=("on", "off"),
                        help="the server's fsync and synchronous_commit (on; off with --court)")
    parser.add_argument("--court", action="store_true",
                        help="short: 3 desks, 1,000 dossiers, 5 s, no floor, fsync off")
    parser.add_argument("--pause", type=float, default=1.0,
                        help="a desk's mean pause between actions, s (0: without pause)")
    parser.add_argument("--graine", type=Path,
                        help="a folder keeping the seeded SQLite base between runs")
    parser.add_argument("--json", type=Path, help="write the results there")
    parser.add_argument("--poste", help=argparse.SUPPRESS)  # a desk's own process
    args = parser.parse_args()
    if args.poste:
        desk_main(args.poste)
        return
    if args.court:
        args.desks, args.dossiers, args.seconds, args.floor_seconds = 3, 1000, 5, 0
        args.pause = 0.0
    args.fsync = args.fsync or ("off" if args.court else "on")
    # SIGTERM as Ctrl+C: the `finally`s end the desks and stop the server.
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    print(f"machine : {platform.machine()}, {os.cpu_count()} CPU (partagés avec d'autres "
          f"travaux), python {platform.python_version()}, {date.today()}, charge {load()}",
          flush=True)
    from anef_tui.accounts.sealing import new_structure_key
    from anef_tui.store.dossiers import DossierStore

    key = new_structure_key()
    report: dict = {"desks": args.desks, "dossiers": args.dossiers, "seconds": args.seconds,
                    "load_before": load()}
    with tempfile.TemporaryDirectory(prefix="anef-desks-") as tmp:
        scratch = Path(tmp)
        folder = scratch / "sqlite"
        took = seeded(folder, args.dossiers, args.graine)
        print(f"{args.dossiers} dossiers écrits par demo.fill_many (SQLite) en {took:.1f} s"
              + (f" (copiés de {args.graine})" if args.graine else ""), flush=True)
        work_file = scratch / "travail.json"
        work_file.write_text(json.dumps(workload(folder)), encoding="utf-8")
        scan = scratch / "scan-modele.pdf"
        scan.write_bytes(scan_template(scratch))
        server = bench_server(args.fsync)
        try:
            url = server.fresh_database()
            took, copied = copy_to_server(folder, url, scratch)
            print(f"copiés dans le serveur (COPY) en {took:.1f} s : "
                  f"{sum(copied.values())} lignes, {len(copied)} tables", flush=True)
            settings = server_settings(url)
            report["settings"] = settings
            print("réglages du serveur : " + ", ".join(f"{k}={v}" for k, v in
                                                       settings.items()), flush=True)
            print(f"{args.desks} postes pendant {args.seconds:.0f} s (pause moyenne entre deux "
                  f"actions {args.pause:.1f} s)…, charge {load()}", flush=True)
            report["pause"] = args.pause
            results = run_desks(args.desks, url, scratch, work_file, scan, key, args.seconds,
                                args.pause)
            report["load_server"] = load()
            if args.floor_seconds > 0:
                print(f"un poste seul sur le serveur pendant {args.floor_seconds:.0f} s…, "
                      f"charge {load()}", flush=True)
                alone = run_desks(1, url, scratch, work_file, scan, key, args.floor_seconds, 0)
                report["alone"] = summary(alone, args.floor_seconds)
            else:
                alone = []
            with DossierStore(scratch / "verification", base=url, key=key) as store:
                lost, checked = lost_updates(results + alone, store)
        finally:
            server.close()
        report["server"] = summary(results, args.seconds)
        report["lost"], report["checked"] = lost, checked
        if args.floor_seconds > 0:
            print(f"plancher : un poste sur SQLite pendant {args.floor_seconds:.0f} s…, "
                  f"charge {load()}", flush=True)
            floor = run_desks(1, None, scratch, work_file, scan, None, args.floor_seconds, 0)
            report["load_floor"] = load()
            with DossierStore(folder) as store:
                floor_lost, _ = lost_updates(floor, store)
            report["floor"] = summary(floor, args.floor_seconds)
            report["floor_lost"] = floor_lost
    print_report(report)
    if args.json:
        args.json.write_text(json.dumps(report), encoding="utf-8")


def print_report(report: dict) -> None:
    server, alone, floor = report["server"], report.get("alone"), report.get("floor")
    print(f"\n{report['desks']} postes sur PostgreSQL, {report['dossiers']} dossiers, "
          f"{report['seconds']:.0f} s, pause moyenne {report['pause']:.1f} s ; charge avant "
          f"{report['load_before']}, après {report['load_server']}")
    head = f"| action | {report['desks']} postes : n | p50 (ms) | p95 (ms) |"
    line = "|---|---|---|---|"
    if alone and floor:
        head += (" 1 poste serveur : p50 | p95 | 1 poste SQLite : p50 | p95 | "
                 "p50 postes / SQLite |")
        line += "---|---|---|---|---|"
    print(head)
    print(line)
    for a in ACTIONS:
        row = f"| {a} | {server['n'][a]} | {server['p50'][a]:.1f} | {server['p95'][a]:.1f} |"
        if alone and floor:
            ratio = server["p50"][a] / floor["p50"][a] if floor["p50"][a] else float("nan")
            row += (f" {alone['p50'][a]:.1f} | {alone['p95'][a]:.1f} | {floor['p50'][a]:.1f} | "
                    f"{floor['p95'][a]:.1f} | {ratio:.1f} |")
        print(row)
    print(f"actions par seconde : {server['ops']:.1f} (tous les postes)"
          + (f", {alone['ops']:.1f} (un poste seul sur le serveur, sans pause), "
             f"{floor['ops']:.1f} (un poste SQLite, sans pause, charge après "
             f"{report['load_floor']})" if alone and floor else ""))
    errors = server["errors"] + (alone["errors"] if alone else [])
    print(f"conflits signalés : {server['conflicts']} ; étapes enregistrées vérifiées : "
          f"{report['checked']} ; mises à jour perdues : {report['lost']} ; erreurs : "
          f"{len(errors)}" + (f" (SQLite : perdues {report['floor_lost']}, erreurs "
                              f"{len(floor['errors'])})" if floor else ""))
    kinds: dict[str, int] = {}
    for error in errors + (floor["errors"] if floor else []):
        kinds[error] = kinds.get(error, 0) + 1
    for error, n in sorted(kinds.items(), key=lambda kv: -kv[1])[:10]:
        print(f"  erreur ({n} fois) : {error}")


if __name__ == "__main__":
    main()
