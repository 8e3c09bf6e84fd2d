"""Kill a writer with SIGKILL at random moments: the database must stay intact and keep
every commit the writer saw acknowledged."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from anef_tui.store.dossiers import DossierStore

REPO_ROOT = Path(__file__).resolve().parents[2]
WRITER = Path(__file__).with_name("crash_writer.py")
ROUNDS = 10
STEP = "compteur"


def _spawn(data_dir: Path) -> subprocess.Popen[str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")]))
    return subprocess.Popen(
        [sys.executable, str(WRITER), str(data_dir)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=REPO_ROOT,
    )


def _run_and_kill(data_dir: Path, rng: random.Random) -> tuple[int, int]:
    """Let the writer commit a random number of times, SIGKILL it; return (start, last
    acknowledged counter)."""
    proc = _spawn(data_dir)
    watchdog = threading.Timer(20, proc.kill)
    watchdog.start()
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline()
        assert first.startswith("start "), f"writer failed: {first!r} {proc.stderr.read()!r}"
        start = last = int(first.split()[1])
        target = rng.randint(0, 40)
        for _ in range(target):
            line = proc.stdout.readline()
            assert line, f"writer died: {proc.stderr.read()!r}"
            value = int(line)
            assert value == last + 1
            last = value
        # Land the kill anywhere: between commits, inside a transaction, during a checkpoint.
        time.sleep(rng.uniform(0, 0.004))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        # Lines written before the kill are commits that returned too.
        for line in proc.stdout:
            last = max(last, int(line))
        assert proc.returncode == -signal.SIGKILL
        return start, last
    finally:
        watchdog.cancel()
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        if proc.stdout:
            proc.stdout.close()
        if proc.stderr:
            proc.stderr.close()


def test_sigkill_never_corrupts_or_loses_acknowledged_commits(tmp_path):
    rng = random.Random(20240611)
    data_dir = tmp_path / "data"
    saved = 0
    for _ in range(ROUNDS):
        start, acknowledged = _run_and_kill(data_dir, rng)
        assert start == saved  # the previous round's commits all survived the restart

        store = DossierStore(data_dir)
        try:
            (check,) = store.db.conn.execute("PRAGMA integrity_check").fetchone()
            assert check == "ok"
            (fk_problems,) = store.db.conn.execute(
                "SELECT count(*) FROM pragma_foreign_key_check"
            ).fetchone()
            assert fk_problems == 0

            [summary] = store.list()
            record = store.get(summary.id)
            saved = record.answers.get(STEP, {}).get("n", 0)
            # Nothing acknowledged is lost (one more may have committed unreported).
            assert acknowledged <= saved <= acknowledged + 1
            # Each save_step is one transaction: answers, current step and event agree.
            if saved:
                assert summary.current_step == f"etape-{saved}"
            step_events = [e for e in store.events(summary.id) if e["kind"] == "step_saved"]
            assert len(step_events) == saved
            # The draft is either gone (step saved) or exactly one ahead (draft saved).
            draft = record.drafts.get(STEP)
            assert draft is None or draft["n"] == saved + 1
        finally:
            store.close()
    assert saved > 0
