"""bench/served.py (issue 26 item 5) still runs: two browser sessions at once on its own
`anef-tui servir` (Debian's Chromium, a vault at the default argon2id cost) — every session
shows its first screen, logs in and opens a dossier, every measure is printed, and no
session process is left behind, neither after a run nor after an interruption. Timings are
the bench's business, never asserted here."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.multiprocess.test_several_processes import REPO_ROOT, _env

# Chromium, as the browser tests: one module of the group runs at a time.
pytestmark = pytest.mark.xdist_group("browser")


def _bench(tmp_path: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen(  # its folder (the server's and the sessions') in tmp_path
        [sys.executable, str(REPO_ROOT / "bench" / "served.py"), "--dans", str(tmp_path), *args],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=_env(), cwd=REPO_ROOT)


def _ours(tmp_path: Path) -> list[str]:
    """The command lines of running processes that name tmp_path (the server, sessions)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                cmdline = Path("/proc", entry, "cmdline").read_bytes()
            except OSError:
                continue
            if str(tmp_path).encode() in cmdline and b"anef_tui" in cmdline:
                found.append(cmdline.replace(b"\0", b" ").decode(errors="replace"))
    return found


def test_two_sessions_at_once_are_measured_end_to_end(tmp_path):
    out = tmp_path / "servi.json"
    bench = _bench(tmp_path, "--sessions", "2", "--rounds", "1", "--json", str(out))
    printed, _ = bench.communicate(timeout=180)
    assert bench.returncode == 0, printed[-3000:]
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["failed"] == [], printed
    assert report["kdf"] == [64 * 1024, 3, 4]  # the default cost, not the tests' cheap one
    assert report["processes"] == [2]  # one process per tab
    for key in ("first", "login", "open", "uss", "pss", "rss", "hwm", "cpu"):
        assert report["together"][key]["n"] == 2, (key, report["together"])
        assert report["alone"][key]["n"] == 1, (key, report["alone"])
        assert report["together"][key]["p50"] > 0
    assert report["left_after_close"] == [0, 0]
    assert report["left_at_stop"] == 0
    assert len(report["server_idle"]) == 2
    assert report["terminal"]["uss"] > 0 and report["bare"]["uss"] > 0
    for line in ("machine : ", "charge avant", "| goto → « Phrase secrète » (1er écran) (ms) |",
                 "| mémoire propre (USS) du processus de session (Mo) |",
                 "processus du serveur, 2 sessions ouvertes", "RSS du serveur, tous les",
                 "plancher : Python", "lignes écrites par le serveur en plus de son annonce",
                 "plancher : l'application dans un terminal", "recherches retapées",
                 "sessions en échec : 0"):
        assert line in printed, line
    assert _ours(tmp_path) == []
    assert [p.name for p in tmp_path.iterdir()] == ["servi.json"]  # its folder removed


def test_an_interrupted_bench_stops_its_server_and_every_session(tmp_path):
    bench = _bench(tmp_path, "--sessions", "2", "--rounds", "1", "--sans-terminal")
    deadline = time.monotonic() + 120
    while not any("serve.session" in p for p in _ours(tmp_path)):
        assert bench.poll() is None and time.monotonic() < deadline, bench.communicate()[0]
        time.sleep(0.05)
    bench.send_signal(signal.SIGINT)  # Ctrl+C, a session open
    printed, _ = bench.communicate(timeout=60)
    assert bench.returncode == 130, printed[-3000:]
    assert "interrompu : serveur arrêté" in printed
    assert _ours(tmp_path) == []
