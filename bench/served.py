"""Ten browser sessions on one `anef-tui servir` (issue 26, item 5): what a session costs in
memory, and how long a worker waits for the first screen, the login and a dossier, when
ten workers open the served app at once — against one session alone, in the same run.

Set-up. A temporary encrypted folder: a vault made with argon2id at its DEFAULT cost
(`KdfParams()`, 64 MiB, t=3, p=4 — not the tests' cheap parameters: the login is a real
login), the demo's dossiers (`demo.fill_demo`) and, with `--dossiers N`, N more invented by
the bulk filler (`demo.fill_many`, as bench/desks.py and bench/scale.py). The worker's name
is kept for the folder (no « Votre nom (aidant) » question). The bench starts its own
`anef-tui servir` on a free loopback port, as a user does (tests/serve/served.py), and stops
it at the end — also on Ctrl+C or SIGTERM; any session process still there then is killed
and counted (`processus de session restés`).

The browser is Debian's Chromium (`.ci/browser-binaries`), headless, driven by Playwright's
async API: ONE browser, one context (no shared cookie or cache) per session, 1000×640 pixels
as in the browser tests. The screen is read as a screen reader reads it (xterm.js's
accessibility tree, watched in the page by a MutationObserver). For each session, all
started together:

* first screen: from `page.goto` to « Phrase secrète » on screen (textual-serve's page, the
  session's process started by the server, Python and the app imported, the door drawn);
* login: the passphrase typed, then from its Entrée to « Mes dossiers » on screen (argon2id,
  the key unsealed, the base opened, the first list);
* memory of its process once every session shows « Mes dossiers » (/proc: RSS; PSS from
  smaps_rollup, the shared pages divided among the processes that map them; USS = Private
  _Clean + Private_Dirty, what the process alone holds, the honest cost of one more session;
  VmHWM, its peak RSS, argon2id's 64 MiB included). The server's own process too (RSS, PSS).
  Chromium is NOT counted: the browser is the worker's PC;
* a dossier opened: Ctrl+F, « bancservi », Entrée (to the list), then from the Entrée that
  opens it to « Étape 3 : Motif de séjour » on screen (every session opens the same dossier,
  read only: a copy of the demo's DIALLO Aminata, « BANCSERVI Aminata », found alone even
  among bulk dossiers). The keys before are spaced (300 ms) and the search text waited for
  in the field; a name that did not reach the field in 10 s (typed before the field had the
  focus: NOTES « Branch `benchserve` ») is typed again (Échap, Ctrl+F) and counted
  (`recherches retapées`); `--rafale` types Ctrl+F and the name in one burst;
* the CPU its process used until « Mes dossiers », and per phase the CPU of the sessions,
  of the server, and of Chromium with Playwright's driver (here on the same cores:
  `--nice-navigateur N` starts it at niceness N).

Then the contexts close and the bench waits (at most 30 s) until no session process is
left, and reads the server's RSS (every tab closed: what it kept of them). Each round measures ONE session alone first (the floor), then `--sessions` at once;
`--rounds` rounds. Floors measured once per run besides: a bare Python process that imports
`textual.app` (memory), and the app itself in a terminal (a pseudo-terminal 120×40, the
passphrase from a file — `ANEF_TUI_PHRASE_FILE`, same argon2id), from its start to « Mes
dossiers » in its output (time and memory).

Printed: the machine, the date, the load (uptime) at the start and the end; per measure the
median and the p95 over every session of every round (p95: the nearest rank), for one
session alone and for the sessions at once, and the ratio of the medians (at once / alone);
the floors and the ratios of a session's memory to them; the session processes counted and
left; the searches typed again; any line the server wrote besides its announcement; the
sessions that failed, with their screen. `--json FILE` writes the results.

Usage: `.venv/bin/python bench/served.py [--sessions 10] [--rounds 3] [--dossiers 0]
[--sans-terminal] [--rafale] [--nice-navigateur N] [--json FILE] [--dans DIR]` (`--dans`:
where its temporary folder is made). Heavy: run it on a quiet machine (load below 3).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import math
import os
import platform
import re
import select
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PHRASE = "le chat dort sur le toit"
WORKER = "Banc d'essai"
DOOR = "Phrase secrète"
HOME = "Mes dossiers"
OPENED = "BANCSERVI Aminata"  # a copy of the demo's DIALLO Aminata (`make_folder`)
SEARCHED = "bancservi"
STEP = "Étape 3 : Motif de séjour"
VIEWPORT = {"width": 1000, "height": 640}
RETYPE = 3  # tries at typing the name in the search field
WAIT = 120.0  # seconds a session may take to show a screen before it counts as failed

#: The measures of a session, in the order printed: key, label, unit.
MEASURES = (
    ("first", "goto → « Phrase secrète » (1er écran)", "ms"),
    ("login", "Entrée de la phrase → « Mes dossiers »", "ms"),
    ("open", "Entrée → « Étape 3 » (ouvrir un dossier)", "ms"),
    ("uss", "mémoire propre (USS) du processus de session", "Mo"),
    ("pss", "mémoire proportionnelle (PSS)", "Mo"),
    ("rss", "mémoire résidente (RSS)", "Mo"),
    ("hwm", "pic de RSS (VmHWM, argon2id compris)", "Mo"),
    ("cpu", "CPU du processus de session jusqu'à « Mes dossiers »", "ms"),
)


# --------------------------------------------------------------------------- memory
def memory(pid: int) -> dict[str, float]:
    """RSS, PSS, USS and peak RSS of a process, in MB (10^6 bytes); {} when it is gone."""
    found: dict[str, int] = {}
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            name, _, rest = line.partition(":")
            if rest.strip().endswith("kB"):
                found[name] = int(rest.split()[0])
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                found["VmHWM"] = int(line.split()[1])
    except (OSError, ValueError):
        return {}
    mb = 1024 / 1e6
    return {"rss": found.get("Rss", 0) * mb, "pss": found.get("Pss", 0) * mb,
            "uss": (found.get("Private_Clean", 0) + found.get("Private_Dirty", 0)) * mb,
            "hwm": found.get("VmHWM", 0) * mb}


TICK = os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> tuple[int, float, float]:
    """(parent pid, own CPU seconds, CPU seconds of its reaped children); (0, 0, 0) if gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except (OSError, IndexError):
        return 0, 0.0, 0.0
    return (int(fields[1]), (int(fields[11]) + int(fields[12])) / TICK,
            (int(fields[13]) + int(fields[14])) / TICK)


def cpu(pid: int) -> float:
    """The CPU seconds a process used so far (user + system)."""
    return _stat(pid)[1]


def tree_cpu(root: int, but: int) -> float:
    """The CPU seconds used by every process under `root` (not `root`, not `but`'s tree),
    their reaped children's included: Playwright's driver and Chromium under the bench."""
    parents: dict[int, int] = {}
    used: dict[int, float] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            parent, own, children = _stat(int(entry))
            parents[int(entry)] = parent
            used[int(entry)] = own + children
    total = 0.0
    for pid in parents:
        step = pid
        while step not in (0, 1, root, but) and step in parents:
            step = parents[step]
        if step == root and pid not in (root, but):
            total += used[pid]
    return total


# --------------------------------------------------------------------------- the folder
def make_folder(folder: Path, count: int) -> float:
    """An encrypted folder: a vault at the default argon2id cost, the demo's dossiers and
    `count` bulk ones, the worker's name kept. Returns the seconds taken."""
    from anef_tui.demo import fill_demo, fill_many
    from anef_tui.demo.builder import DEMO_CONSENT
    from anef_tui.paths import ensure_data_dir
    from anef_tui.preferences import save_worker_name
    from anef_tui.store.dossiers import DossierStore
    from anef_tui.vault import keys
    from anef_tui.vault.keyfile import KdfParams, key_file_path

    start = time.perf_counter()
    ensure_data_dir(folder)
    created = keys.create(key_file_path(folder), PHRASE, KdfParams())
    with DossierStore(folder, key=created.key) as store:
        fill_demo(store)
        # The dossier each session opens: the demo's DIALLO Aminata copied under a name the
        # bulk filler never draws (it draws DIALLO Aminata too, at any step), so that the
        # search finds it alone.
        (diallo,) = [row for row in store.list("diallo aminata")
                     if row.applicant_name == "DIALLO Aminata"]
        record = store.get(diallo.id)
        store.create(record.summary.procedure, applicant_name=OPENED,
                     answers=record.answers, current_step=record.summary.current_step,
                     consent=DEMO_CONSENT)
        if count:
            fill_many(store, count)
    save_worker_name(folder, WORKER)
    return time.perf_counter() - start


# --------------------------------------------------------------------------- floors
BARE = ("import sys, textual.app; sys.stdout.write('prêt\\n'); sys.stdout.flush(); "
        "sys.stdin.read()")


def bare_textual() -> dict[str, float]:
    """The memory of a Python process that imported textual.app and waits."""
    process = subprocess.Popen([sys.executable, "-c", BARE], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        process.stdout.readline()
        return memory(process.pid)
    finally:
        with contextlib.suppress(OSError):
            assert process.stdin is not None
            process.stdin.close()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


_ESCAPES = re.compile(rb"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-Z\\-_])")


def in_terminal(folder: Path, scratch: Path) -> dict[str, float]:
    """The app in a pseudo-terminal (120×40), unlocked from a phrase file: seconds from its
    start to « Mes dossiers » in its output, and its memory then. {} if it never showed."""
    import fcntl
    import struct
    import termios

    phrase = scratch / "phrase"
    phrase.write_text(PHRASE + "\n", encoding="utf-8")
    phrase.chmod(0o600)
    env = {k: v for k, v in os.environ.items() if not k.startswith("ANEF_TUI_")}
    env.update(ANEF_TUI_PHRASE_FILE=str(phrase), TERM="xterm-256color", COLUMNS="120",
               LINES="40")
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "anef_tui", "--data-dir", str(folder)],
        stdin=slave, stdout=slave, stderr=slave, env=env, cwd=ROOT, start_new_session=True)
    os.close(slave)
    seen = b""
    found: dict[str, float] = {}
    try:
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline and process.poll() is None:
            ready, _, _ = select.select([master], [], [], 0.05)
            if ready:
                try:
                    seen = (seen + os.read(master, 65536))[-200_000:]
                except OSError:
                    break
                if HOME.encode() in _ESCAPES.sub(b"", seen):
                    found = {"home": time.perf_counter() - start, **memory(process.pid)}
                    break
        if process.poll() is None:
            os.write(master, b"\x11")  # Ctrl+Q, as a worker quits
            end = time.monotonic() + 10
            while process.poll() is None and time.monotonic() < end:
                if select.select([master], [], [], 0.05)[0]:
                    with contextlib.suppress(OSError):
                        os.read(master, 65536)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        os.close(master)
    return found


# --------------------------------------------------------------------------- the browser
#: Resolves true once `text` is in the terminal's rows (xterm.js's accessibility tree), false
#: after `ms`: a MutationObserver, so that the waiting costs the browser nothing between
#: two changes of the page (polling the tree every few ms took a good share of its CPU).
SHOWN = """([text, ms]) => new Promise((resolve) => {
  const has = () => {
    const tree = document.querySelector('.xterm-accessibility-tree');
    return !!tree && tree.textContent.includes(text);
  };
  if (has()) { resolve(true); return; }
  const seen = new MutationObserver(() => {
    if (has()) { seen.disconnect(); clearTimeout(late); resolve(true); }
  });
  seen.observe(document, {childList: true, subtree: true, characterData: true});
  const late = setTimeout(() => { seen.disconnect(); resolve(false); }, ms);
})"""
SCREEN = ("() => { const tree = document.querySelector('.xterm-accessibility-tree');"
          " return tree ? tree.innerText : ''; }")


class NotShown(Exception):
    """The text did not come on screen in time."""


async def shown(page, text: str, wait: float = WAIT) -> None:
    if not await page.evaluate(SHOWN, [text, int(wait * 1000)]):
        raise NotShown(text)


def why(step: str, exc: Exception) -> str:
    """What failed, in French (never the browser's own English message)."""
    if isinstance(exc, NotShown):
        return f"{step} : rien à l'écran en {WAIT:.0f} s"
    return f"{step} : erreur du navigateur"


class Session:
    """One worker's tab: its own context, its timings."""

    def __init__(self, browser, url: str) -> None:
        self.browser, self.url = browser, url
        self.context = None
        self.page = None
        self.times: dict[str, float] = {}
        self.failed = ""
        self.screen = ""  # what was on screen when it failed
        self.pause = 300  # ms between Ctrl+F and the name (0: in one burst)
        self.retyped = 0  # searches typed again: the name was not in the field

    async def prepare(self) -> None:
        self.context = await self.browser.new_context(viewport=VIEWPORT)
        self.page = await self.context.new_page()

    async def login(self) -> None:
        page = self.page
        assert page is not None
        step = "1er écran"
        try:
            start = time.perf_counter()
            await page.goto(self.url)
            await shown(page, DOOR)
            self.times["first"] = time.perf_counter() - start
            step = "connexion"
            await page.keyboard.type(PHRASE)
            start = time.perf_counter()
            await page.keyboard.press("Enter")
            await shown(page, HOME)
            self.times["login"] = time.perf_counter() - start
        except Exception as exc:  # a session that fails is counted, not fatal
            self.failed = why(step, exc)
            with contextlib.suppress(Exception):
                self.screen = await page.evaluate(SCREEN)

    async def open_dossier(self) -> None:
        if self.failed or self.page is None:
            return
        page = self.page
        step = "ouverture (Ctrl+F, « bancservi »)"
        try:
            for _ in range(RETYPE):
                await page.keyboard.press("Control+f")
                await page.wait_for_timeout(self.pause)
                await page.keyboard.type(SEARCHED)
                with contextlib.suppress(NotShown):
                    await shown(page, SEARCHED, 10)  # in the field (names are in capitals)
                    break
                # Typed before the field had the focus: not in it. The worker sees it, and
                # types again (Échap empties the field).
                self.retyped += 1
                await page.keyboard.press("Escape")
                await page.wait_for_timeout(1000)
            else:
                raise NotShown(SEARCHED)
            await page.wait_for_timeout(300)
            await page.keyboard.press("Enter")  # to the list
            await page.wait_for_timeout(300)
            step = "ouverture (Entrée sur BANCSERVI)"
            start = time.perf_counter()
            await page.keyboard.press("Enter")  # open the row under the cursor
            await shown(page, STEP)
            self.times["open"] = time.perf_counter() - start
        except Exception as exc:
            self.failed = why(step, exc)
            with contextlib.suppress(Exception):
                self.screen = await page.evaluate(SCREEN)

    async def close(self) -> None:
        if self.context is not None:
            with contextlib.suppress(Exception):
                await self.context.close()


async def sessions_at_once(browser, server, count: int, pause: int) -> dict:
    """`count` sessions started together: their timings, their processes' memory once all
    show « Mes dossiers », the server's, then a dossier opened in each."""
    sessions = [Session(browser, server.url) for _ in range(count)]
    for session in sessions:
        session.pause = pause
    me, served_pid = os.getpid(), server.process.pid
    try:
        await asyncio.gather(*(s.prepare() for s in sessions))  # the tabs, still blank
        browser_cpu, server_cpu = tree_cpu(me, served_pid), cpu(served_pid)
        await asyncio.gather(*(s.login() for s in sessions))  # every page starts together
        pids = server.sessions()
        memories = [{**m, "cpu": cpu(pid)} for pid in pids for m in [memory(pid)] if m]
        server_memory = memory(served_pid)
        await asyncio.gather(*(s.open_dossier() for s in sessions))
        browser_cpu = tree_cpu(me, served_pid) - browser_cpu
        server_cpu = cpu(served_pid) - server_cpu
        sessions_cpu = sum(cpu(pid) for pid in pids)
    finally:
        await asyncio.gather(*(s.close() for s in sessions))
    left = await gone(server)
    idle = memory(served_pid)  # every tab closed: what the server kept of them
    return {"idle": idle.get("rss", 0.0), "times": [s.times for s in sessions], "memory": memories,
            "processes": len(pids), "server": server_memory, "left": left,
            "failed": [s.failed for s in sessions if s.failed],
            "screens": [s.screen for s in sessions if s.failed],
            "retyped": sum(s.retyped for s in sessions),
            "cpu": {"browser": browser_cpu, "server": server_cpu, "sessions": sessions_cpu}}


async def gone(server, seconds: float = 30.0) -> int:
    """Wait until no session process is left (the tabs closed); how many are left then."""
    deadline = time.monotonic() + seconds
    while server.sessions() and time.monotonic() < deadline:
        await asyncio.sleep(0.1)
    return len(server.sessions())


def browser_path(scratch: Path, nice: int) -> str:
    """Debian's Chromium; with `nice`, a script that starts it at that niceness (the browser
    is the worker's PC: niced, it leaves the served processes the machine's CPU first)."""
    from tests.serve.served import chromium_path

    found = chromium_path()
    if not nice:
        return found
    script = scratch / "chromium-nice"
    script.write_text(f'#!/bin/sh\nexec nice -n {nice} "{found}" "$@"\n', encoding="utf-8")
    script.chmod(0o700)
    return str(script)


async def run_rounds(server, sessions: int, rounds: int, browser_file: str,
                     pause: int) -> dict:
    from playwright.async_api import async_playwright

    from tests.serve.served import CHROMIUM_ARGS

    # Ctrl+C and SIGTERM cancel this task: the browser closes, then `main` stops the server.
    loop = asyncio.get_running_loop()
    task = asyncio.current_task()
    assert task is not None
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, task.cancel)
    results: dict = {"alone": [], "together": []}
    async with async_playwright() as driver:
        browser = await driver.chromium.launch(executable_path=browser_file,
                                               args=CHROMIUM_ARGS)
        try:
            for number in range(1, rounds + 1):
                print(f"passage {number}/{rounds} : une session seule…, charge {load()}",
                      flush=True)
                results["alone"].append(await sessions_at_once(browser, server, 1, pause))
                print(f"passage {number}/{rounds} : {sessions} sessions à la fois…, "
                      f"charge {load()}", flush=True)
                results["together"].append(
                    await sessions_at_once(browser, server, sessions, pause))
        finally:
            with contextlib.suppress(Exception):  # gone already after a Ctrl+C in a terminal
                await browser.close()
    return results


# --------------------------------------------------------------------------- figures
def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def percentile(values: list[float], q: float) -> float:
    """The median (q = 0.5) or the nearest-rank percentile; NaN when there is no value."""
    if not values:
        return float("nan")
    if q == 0.5:
        return statistics.median(values)
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def values(runs: list[dict], key: str) -> list[float]:
    if key == "cpu":
        return [m[key] * 1000 for run in runs for m in run["memory"]]
    if key in ("uss", "pss", "rss", "hwm"):
        return [m[key] for run in runs for m in run["memory"]]
    return [t[key] * 1000 for run in runs for t in run["times"] if key in t]


def summary(runs: list[dict]) -> dict:
    return {key: {"n": len(v), "p50": percentile(v, 0.5), "p95": percentile(v, 0.95)}
            for key, _, _ in MEASURES for v in [values(runs, key)]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=10,
                        help="browser sessions opened at once (10)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds (3)")
    parser.add_argument("--dossiers", type=int, default=0,
                        help="invented dossiers added to the demo's (0)")
    parser.add_argument("--sans-terminal", action="store_true",
                        help="no floor of the app in a terminal")
    parser.add_argument("--nice-navigateur", type=int, default=0, metavar="N",
                        help="start Chromium at niceness N (0: as the served processes)")
    parser.add_argument("--rafale", action="store_true",
                        help="Ctrl+F and the name in one burst (no pause between them)")
    parser.add_argument("--json", type=Path, help="write the results there")
    parser.add_argument("--dans", type=Path,
                        help="make the bench's temporary folder there (the system's)")
    args = parser.parse_args()
    # SIGTERM as Ctrl+C (outside the browser's part, which cancels itself: `run_rounds`).
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    from anef_tui.vault.keyfile import KdfParams
    from tests.serve.served import Served

    kdf = KdfParams()
    report: dict = {"sessions": args.sessions, "rounds": args.rounds,
                    "dossiers": args.dossiers, "load_before": load(),
                    "browser_nice": args.nice_navigateur,
                    "kdf": [kdf.memory_kib, kdf.iterations, kdf.lanes]}
    print(f"machine : {platform.machine()}, {os.cpu_count()} CPU (partagés avec d'autres "
          f"travaux), {os.sysconf('SC_PHYS_PAGES') * os.sysconf('SC_PAGE_SIZE') // 10**9} Go, "
          f"python {platform.python_version()}, {date.today()}, charge {load()}", flush=True)
    with tempfile.TemporaryDirectory(prefix="anef-banc-servir-", dir=args.dans) as tmp:
        scratch = Path(tmp)
        folder = scratch / "donnees"
        took = make_folder(folder, args.dossiers)
        print(f"dossier chiffré (argon2id {kdf.memory_kib // 1024} Mio, t={kdf.iterations}, "
              f"p={kdf.lanes} : le coût par défaut) : démo + {args.dossiers} dossiers, "
              f"écrit en {took:.1f} s", flush=True)
        report["bare"] = bare_textual()
        if not args.sans_terminal:
            report["terminal"] = in_terminal(folder, scratch)
        server = Served(folder)
        left = 0
        interrupted = False
        try:
            results = asyncio.run(run_rounds(server, args.sessions, args.rounds,
                                             browser_path(scratch, args.nice_navigateur),
                                             0 if args.rafale else 300))
        except (asyncio.CancelledError, KeyboardInterrupt):
            interrupted = True
        finally:
            left = len(server.sessions())
            server.stop()
            killed = len(server.sessions())
            report["server_lines"] = server_lines(server.log)
        if interrupted:
            print(f"interrompu : serveur arrêté, {left} processus de session arrêtés avec lui"
                  + (f", {killed} restés" if killed else ""), flush=True)
            sys.exit(130)
        report["left_at_stop"] = left
    report["load_after"] = load()
    report["alone"] = summary(results["alone"])
    report["together"] = summary(results["together"])
    runs = results["alone"] + results["together"]
    report["left_after_close"] = [r["left"] for r in runs]
    report["failed"] = [f for r in runs for f in r["failed"]]
    report["burst"] = args.rafale
    report["retyped"] = {"alone": sum(r["retyped"] for r in results["alone"]),
                         "together": sum(r["retyped"] for r in results["together"])}
    report["screens"] = [f for r in runs for f in r["screens"]]
    report["cpu"] = {"alone": [r["cpu"] for r in results["alone"]],
                     "together": [r["cpu"] for r in results["together"]]}
    report["processes"] = [r["processes"] for r in results["together"]]
    report["server"] = [r["server"] for r in results["together"]]
    report["server_alone"] = [r["server"] for r in results["alone"]]
    report["server_idle"] = [r["idle"] for r in runs_in_order(results)]
    print_report(report)
    if args.json:
        args.json.write_text(json.dumps(report), encoding="utf-8")


#: What `anef-tui servir` says when all goes well (its first two lines, then nothing).
SERVER_SAYS = ("anef-tui servi sur ", "Ctrl+C pour arrêter")


def server_lines(log: Path) -> list[str]:
    """The lines the server wrote besides its first two (a warning, an error)."""
    try:
        text = log.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    return [line for line in text.splitlines() if line.strip() and
            not line.startswith(SERVER_SAYS)]


def runs_in_order(results: dict) -> list[dict]:
    """The phases as they ran: alone, at once, alone, at once…"""
    return [run for pair in zip(results["alone"], results["together"], strict=True)
            for run in pair]


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}" if b and b == b and a == a else "—"


def print_report(report: dict) -> None:
    n, alone, together = report["sessions"], report["alone"], report["together"]
    print(f"\n{n} sessions à la fois sur un « anef-tui servir », {report['rounds']} passages, "
          f"démo + {report['dossiers']} dossiers, Chromium sur la même machine"
          + (f" (nice {report['browser_nice']})" if report["browser_nice"] else "")
          + f" ; charge avant {report['load_before']}, après {report['load_after']}")
    print(f"| mesure | 1 session seule : médiane | p95 | {n} à la fois : n | médiane | p95 | "
          f"rapport des médianes ({n} / 1) |")
    print("|---|---|---|---|---|---|---|")
    for key, label, unit in MEASURES:
        a, t = alone[key], together[key]
        print(f"| {label} ({unit}) | {a['p50']:.0f} | {a['p95']:.0f} | {t['n']} | "
              f"{t['p50']:.0f} | {t['p95']:.0f} | {ratio(t['p50'], a['p50'])} |")
    servers = [s for s in report["server"] if s]
    if servers:
        print(f"processus du serveur, {n} sessions ouvertes : RSS "
              f"{percentile([s['rss'] for s in servers], 0.5):.0f} Mo, PSS "
              f"{percentile([s['pss'] for s in servers], 0.5):.0f} Mo (médianes) ; "
              "Chromium n'est pas compté (c'est le poste de l'aidant)")
    print("RSS du serveur, tous les onglets fermés, après chaque phase (Mo) : "
          + ", ".join(f"{rss:.1f}" for rss in report["server_idle"]))
    bare = report["bare"]
    print(f"plancher : Python qui a importé textual.app : RSS {bare.get('rss', 0):.0f} Mo, "
          f"USS {bare.get('uss', 0):.0f} Mo ; une session seule : USS "
          f"{ratio(alone['uss']['p50'], bare.get('uss', 0))} × ce plancher, "
          f"{n} à la fois : {ratio(together['uss']['p50'], bare.get('uss', 0))} ×")
    terminal = report.get("terminal")
    if terminal:
        print(f"plancher : l'application dans un terminal (pty 120×40, phrase par fichier) : "
              f"démarrage → « Mes dossiers » {terminal['home'] * 1000:.0f} ms, RSS "
              f"{terminal['rss']:.0f} Mo, USS {terminal['uss']:.0f} Mo, pic "
              f"{terminal['hwm']:.0f} Mo ; session servie seule / terminal : USS "
              f"{ratio(alone['uss']['p50'], terminal['uss'])}, RSS "
              f"{ratio(alone['rss']['p50'], terminal['rss'])}")
    elif "terminal" in report:
        print("plancher : l'application dans un terminal n'a pas montré « Mes dossiers »")
    counted = report["processes"]
    print(f"processus de session comptés une fois « Mes dossiers » affiché : "
          f"{', '.join(map(str, counted))} (attendu : {n}) ; restés 30 s après la fermeture "
          f"des onglets : {sum(report['left_after_close'])} ; restés à l'arrêt du serveur : "
          f"{report['left_at_stop']}")
    for phase, label in (("alone", "une session seule"), ("together", f"{n} à la fois")):
        phases = report["cpu"][phase]
        print(f"CPU par passage, {label} (du 1er goto au dossier ouvert ; médianes) : "
              f"sessions {percentile([c['sessions'] for c in phases], 0.5):.1f} s, serveur "
              f"{percentile([c['server'] for c in phases], 0.5):.1f} s, Chromium et son pilote "
              f"{percentile([c['browser'] for c in phases], 0.5):.1f} s (sur la même machine "
              "pour le banc)")
    said = report["server_lines"]
    print(f"lignes écrites par le serveur en plus de son annonce : {len(said)}")
    kinds = [re.sub(r"\d+", "N", line) for line in said]  # « pid 6170 » → « pid N »
    for line, times in sorted({x: kinds.count(x) for x in kinds}.items())[:10]:
        print(f"  ({times} fois) {line}")
    retyped = report["retyped"]
    print("recherches retapées (« bancservi » tapé "
          + ("d'une traite après Ctrl+F" if report["burst"] else "300 ms après Ctrl+F")
          + f", absent du champ de recherche) : seule {retyped['alone']}, à la fois "
          f"{retyped['together']}")
    failed = report["failed"]
    print(f"sessions en échec : {len(failed)}" + (f" ({'; '.join(failed)})" if failed else ""))
    for shown_then in report["screens"]:
        print("  écran d'une session en échec :")
        for line in shown_then.splitlines():
            if line.strip():
                print(f"    {line.rstrip()}")


if __name__ == "__main__":
    main()
