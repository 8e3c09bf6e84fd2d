"""Several processes on one data folder (issue 19): desks saving, `list`, `texte`, backups,
restore attempts and a second window coming and going, desks killed at random: every save
a desk saw acknowledged is there afterwards, and the base passes the full integrity check.

Before the fix, one `anef-tui list` between a save and a kill lost every later save: the
desk had opened and closed a descriptor of the base outside SQLite (`tighten_modes`),
which dropped its locks, so `list` believed it was the last process, checkpointed and
deleted the `-wal` the desk went on writing into.
"""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from anef_tui.store.dossiers import DossierStore
from anef_tui.store.sqlite_file import connect_to
from anef_tui.vault.keys import VaultKey
from tests.vault_helpers import PHRASE, make_vault

REPO_ROOT = Path(__file__).resolve().parents[2]
STEP = "etat-civil"

# Processes here spawn processes: keep them together on one xdist worker.
pytestmark = pytest.mark.xdist_group("multiprocess")


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")]))
    env.pop("ANEF_TUI_DATA_DIR", None)
    return env


def _cli(data_dir: Path, *args: str, stdin: str = "", timeout: float = 60):
    return subprocess.run(
        [sys.executable, "-m", "anef_tui", "--data-dir", str(data_dir), *args],
        input=stdin, capture_output=True, text=True, env=_env(), cwd=REPO_ROOT,
        timeout=timeout,
    )


@dataclass
class Desk:
    """A worker process and what it acknowledged: the last value saved per dossier."""

    proc: subprocess.Popen[str]
    acknowledged: dict[int, int] = field(default_factory=dict)
    lines: int = 0

    @classmethod
    def start(cls, data_dir: Path, name: str, *, pause: float = 0.0,
              phrase: str | None = None) -> Desk:
        proc = subprocess.Popen(
            [sys.executable, "-m", "tests.multiprocess.worker", str(data_dir), name,
             "--pause", str(pause), *(["--phrase", phrase] if phrase else [])],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env(),
            cwd=REPO_ROOT,
        )
        desk = cls(proc)
        line = desk._line()
        assert line == "ready", f"the desk did not start: {line!r} {desk._errors()}"
        return desk

    def _errors(self) -> str:
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            return "(still running)"
        assert self.proc.stderr is not None
        return self.proc.stderr.read()[-2000:]

    def _line(self) -> str:
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline().strip()
        assert line, f"the desk stopped: {self._errors()!r}"
        return line

    def _take(self, line: str) -> None:
        kind, *values = line.split()
        if kind == "dossier":
            self.acknowledged.setdefault(int(values[0]), 0)
        elif kind == "save":
            dossier_id, value = int(values[0]), int(values[1])
            self.acknowledged[dossier_id] = value
        self.lines += 1

    def read(self, count: int) -> None:
        """Wait for `count` more acknowledgements."""
        for _ in range(count):
            self._take(self._line())

    def kill(self) -> None:
        """SIGKILL, then take the acknowledgements it printed before dying (once)."""
        if self.proc.stdout is None or self.proc.stdout.closed:
            return
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=10)
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            if line.strip():
                self._take(line.strip())
        for stream in (self.proc.stdout, self.proc.stderr):
            if stream is not None:
                stream.close()


def _assert_everything_kept(data_dir: Path, desks: list[Desk], key: VaultKey | None = None,
                            ) -> None:
    """Every acknowledged dossier exists and holds at least its last acknowledged save; the
    base passes `PRAGMA integrity_check` (full) and opens again; the journal is whole."""
    base = data_dir / "anef-tui.db"
    conn = connect_to(f"file:{base}?mode=ro", key, base, uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        if key is not None:
            assert conn.execute("PRAGMA cipher_integrity_check").fetchall() == []
    finally:
        conn.close()
    with DossierStore(data_dir, key=key) as store:
        checked = 0
        for desk in desks:
            for dossier_id, value in desk.acknowledged.items():
                record = store.get(dossier_id)  # DossierGone: an acknowledged dossier lost
                saved = record.drafts.get(STEP, {}).get("n", 0)
                assert saved >= value, (
                    f"dossier {dossier_id}: save {value} was acknowledged, {saved} is stored"
                )
                checked += 1
        assert checked
        # The journal (issue 24), appended by every one of these processes in their write
        # transactions, killed or not: its chain is whole, and no anchor is ahead of it.
        from anef_tui.store.journal import verify_whole

        verdict = verify_whole(store.database)
        assert verdict.problems == [], verdict.problems
        assert verdict.entries >= len(store.list())


def _list_encrypted(data_dir: Path) -> None:
    """`anef-tui list` on an encrypted folder: a process that unlocks, lists and quits."""
    result = subprocess.run(
        [sys.executable, "-m", "tests.multiprocess.worker", str(data_dir), "LISTE", "--list",
         "--phrase", PHRASE], capture_output=True, text=True, env=_env(), cwd=REPO_ROOT,
        timeout=60,
    )
    assert result.returncode == 0 and result.stdout.startswith("listed"), result.stderr


@pytest.mark.parametrize("encrypted", [False, True], ids=["plain", "encrypted"])
def test_a_list_between_two_saves_loses_nothing(tmp_path, encrypted):
    """The issue's case: a desk saves, `anef-tui list` runs and quits, the desk saves again
    and is killed: every acknowledged save is there. Encrypted (issue 23) as plain."""
    data_dir = tmp_path / "donnees"
    key = None
    if encrypted:
        data_dir.mkdir(mode=0o700)
        key = make_vault(data_dir).key
    desk = Desk.start(data_dir, "BUREAU", pause=0.005, phrase=PHRASE if encrypted else None)
    try:
        for _ in range(6):
            desk.read(3)
            if encrypted:
                _list_encrypted(data_dir)
            else:
                result = _cli(data_dir, "list")
                assert result.returncode == 0, result.stderr
        desk.read(3)
    finally:
        desk.kill()
    _assert_everything_kept(data_dir, [desk], key)


def _interloper(data_dir: Path, rng: random.Random, backups: list[str]) -> str:
    """One of the other programs a structure runs on the folder; returns what it was."""
    choice = rng.choice(["list", "json", "texte", "sauvegardes", "restaurer"])
    if choice == "list":
        result = _cli(data_dir, "list")
        assert result.returncode == 0, result.stderr
    elif choice == "json":
        result = _cli(data_dir, "list", "--json")
        assert result.returncode == 0, result.stderr
    elif choice == "texte":
        result = _cli(data_dir, "texte", stdin=":quitter\n")
        assert result.returncode == 0, result.stdout[-500:] + result.stderr
    elif choice == "sauvegardes":
        result = _cli(data_dir, "sauvegardes")
        assert result.returncode == 0, result.stderr
        backups[:] = re.findall(r"anef-tui-\d{8}-\d{6}\S*\.db", result.stdout)
    else:
        # Refused while desks have the base open: the keeper desk never closes it.
        if backups:
            result = _cli(data_dir, "sauvegardes", "--restaurer", rng.choice(backups))
            assert result.returncode != 0, "a restore ran under open windows"
            assert "Traceback" not in result.stderr
    return choice


def test_desks_killed_at_random_beside_list_texte_and_backups(tmp_path):
    """Torture: one keeper desk for the whole run, two desks killed and restarted at random,
    interlopers (`list`, `list --json`, `texte`, `sauvegardes`, a refused restore) and this
    process opening and closing its own store in between; then every acknowledged save is
    there and the base is sound."""
    rng = random.Random(19)
    data_dir = tmp_path / "donnees"
    keeper = Desk.start(data_dir, "GARDIEN", pause=0.01)
    desks = [keeper]
    moving = [Desk.start(data_dir, f"BUREAU{i}") for i in range(2)]
    done_ones: list[Desk] = []
    backups: list[str] = []
    stop = threading.Event()
    failures: list[BaseException] = []

    def drain() -> None:  # the keeper's pipe must never fill up
        try:
            while not stop.is_set():
                keeper.read(1)
        except BaseException as exc:  # reported by the test
            if not stop.is_set():
                failures.append(exc)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    seen = {"list": 0, "json": 0, "texte": 0, "sauvegardes": 0, "restaurer": 0}
    try:
        deadline = time.monotonic() + 14
        rounds = 0
        while time.monotonic() < deadline or rounds < 8:
            rounds += 1
            index = rng.randrange(len(moving))
            moving[index].read(rng.randint(1, 12))
            time.sleep(rng.uniform(0, 0.01))
            moving[index].kill()
            done_ones.append(moving[index])
            seen[_interloper(data_dir, rng, backups)] += 1
            if rng.random() < 0.3:
                with DossierStore(data_dir) as store:  # a window opening and closing here
                    store.list()
            moving[index] = Desk.start(data_dir, f"BUREAU{rounds}")
        for desk in moving:
            desk.read(2)
    finally:
        for desk in moving:
            desk.kill()
        stop.set()
        if keeper.proc.poll() is None:
            os.kill(keeper.proc.pid, signal.SIGKILL)
        reader.join(timeout=10)
        keeper.kill()  # what the reader left
    assert not failures, failures
    _assert_everything_kept(data_dir, desks + done_ones + moving)
    assert sum(seen.values()) >= 8
