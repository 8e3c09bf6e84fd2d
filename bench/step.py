"""Time from « Enregistrer et poursuivre » to the next step painted, against Textual's own
floor measured in the same run.

Runs the app headless on a renewal of GUIDE Malade (the demo's data) placed at step 1, and
presses Ctrl+S; each run is a fresh app on a fresh copy of the data. The floor: a bare
Textual app whose Ctrl+S pushes a screen of 50 Inputs in a scrolling container (« Motif de
séjour » has 53 widgets), timed the same way. Floor and step change alternate, in an order
that turns each time; printed: the medians and the median of the per-run ratios.
`--before DIR` measures another tree too (`git archive <commit> anef_tui | tar -x -C DIR`):
rounds of child processes, one per tree in turn, each with its own floor.
`--count N`: N dossiers of the demo's bulk filler in the folder too (1k, 100k).
`--chiffre`: the same step change in an encrypted folder (issue 23), a third case in the
same turning order; printed: encrypted against plain, medians, spreads, per-run ratios.
Usage: `.venv/bin/python bench/step.py [--runs N] [--chiffre] [--before DIR --rounds R]`.

The figure ends when Pilot sees the app idle, which it samples in 20 ms windows (after the key
press, then in `pause()`): ~45 to 65 ms of it are that wait. The second line gives when the
new step's first and last frames were written (the last one shows the focused field).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from anef_tui.demo import _GUIDE_PROFILE, _MOTIF, _RENEWAL_PRELIMINARIES, _step1, fill_many
from anef_tui.domain.consent import default_terms
from anef_tui.store.dossiers import DossierStore
from anef_tui.ui.app import make_app
from anef_tui.vault.keys import VaultKey

PHRASE = "le chat dort sur le toit"

_frames: list[float] = []  # when frames of the new step were written (perf_counter)


def _record_frames() -> None:
    from textual.app import App

    display = App._display

    def recorded(app, screen, renderable):
        if renderable is not None and getattr(screen, "step_id", None) == "motif_sejour":
            _frames.append(time.perf_counter())
        return display(app, screen, renderable)

    App._display = recorded


def seed(data_dir: Path, key: VaultKey | None = None, count: int = 0) -> int:
    """The renewal of GUIDE Malade at step 1, after `count` dossiers of the demo's bulk
    filler; its id."""
    store = DossierStore(data_dir, key=key)
    if count:
        fill_many(store, count)
    dossier_id = store.create("renouvellement", applicant_name="GUIDE Malade",
        consent=default_terms())
    store.save_profile(dossier_id, "titre_actuel", _GUIDE_PROFILE, applicant_name="GUIDE Malade")
    for step_id, values in _RENEWAL_PRELIMINARIES:
        store.save_step(dossier_id, step_id, values, next_step=None)
    store.save_step(dossier_id, "informations_personnelles",
                    _step1(_GUIDE_PROFILE, "01 02 03 04 05"), next_step=None)
    store.save_step(dossier_id, "motif_sejour", _MOTIF, next_step="informations_personnelles")
    store.close()
    return dossier_id


def reset(data_dir: Path, key: VaultKey | None, dossier_id: int) -> None:
    """The dossier back at step 1 (a large folder is not copied for every run)."""
    store = DossierStore(data_dir, key=key)
    store.save_step(dossier_id, "motif_sejour", _MOTIF, next_step="informations_personnelles")
    store.close()


async def settled(app, pilot) -> None:
    """The start-up's own work done (the catalogue is checked 0.3 s after start, the alerts
    read 0.35 s after the first paint, in threads): a person does not press Ctrl+S sooner,
    and that work would be counted in the step change."""
    await asyncio.sleep(0.5)
    await app.workers.wait_for_complete()
    await pilot.pause()


async def one_step_change(data_dir: Path, key: VaultKey | None = None,
                          dossier_id: int | None = None) -> tuple[float, float, float, float]:
    """Seconds from Ctrl+S on step 1 to step 2 mounted and painted (Pilot idle): wall time,
    CPU time of the process, its first frame and its last frame (wall). `key`: the folder's
    vault, unlocked once beforehand (the unlock is not in the step change). `dossier_id`:
    opened by the app's own call (a large folder lists others before it), else Entrée on
    the first row."""
    app = make_app(data_dir, key=key)
    async with app.run_test(size=(80, 24)) as pilot:
        if dossier_id is None:
            await pilot.press("enter")
        else:
            await pilot.pause()
            app.open_dossier(dossier_id)
        await pilot.pause()
        assert app.screen.step_id == "informations_personnelles"
        await settled(app, pilot)
        _frames.clear()
        start, cpu = time.perf_counter(), time.process_time()
        await pilot.press("ctrl+s")
        while getattr(app.screen, "step_id", None) != "motif_sejour":
            await asyncio.sleep(0)
        await pilot.pause()
        return (time.perf_counter() - start, time.process_time() - cpu, _frames[0] - start,
                _frames[-1] - start)


def floor_app():
    """A bare Textual app: Ctrl+S pushes a screen of 50 Inputs (the floor)."""
    from textual.app import App
    from textual.binding import Binding
    from textual.containers import VerticalScroll
    from textual.screen import Screen
    from textual.widgets import Input

    class Inputs(Screen):
        def compose(self):
            with VerticalScroll():
                for n in range(50):
                    yield Input(id=f"i{n}")

    class Floor(App):
        BINDINGS = [Binding("ctrl+s", "next")]

        def compose(self):
            yield Input()

        def action_next(self):
            self.push_screen(Inputs())

    return Floor()


async def one_floor_push() -> tuple[float, float]:
    """(wall, CPU) seconds from Ctrl+S to the 50 Inputs painted (Pilot idle)."""
    app = floor_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(app, pilot)
        start, cpu = time.perf_counter(), time.process_time()
        await pilot.press("ctrl+s")
        while not app.screen.query("Input#i49"):
            await asyncio.sleep(0)
        await pilot.pause()
        return time.perf_counter() - start, time.process_time() - cpu


def encrypted_template(folder: Path, count: int = 0) -> tuple[VaultKey, int]:
    """The same dossier in an encrypted folder (a vault at the default KDF cost); its key,
    unlocked once with the passphrase as the door does."""
    from anef_tui.paths import ensure_data_dir
    from anef_tui.vault import keys
    from anef_tui.vault.keyfile import key_file_path

    ensure_data_dir(folder)
    keys.create(key_file_path(folder), PHRASE)
    key = keys.unlock_with_passphrase(key_file_path(folder), PHRASE)
    return key, seed(folder, key, count)


def measure(runs: int, encrypted: bool = False, count: int = 0
            ) -> tuple[list[tuple], list[tuple], list[tuple]]:
    """`runs` step changes and floors, alternating (the first of each pays for imports);
    with `encrypted`, a step change in an encrypted folder too, the order of the three
    turning each run. `count`: dossiers of the demo's bulk filler beside GUIDE Malade; then
    one folder per kind, GUIDE put back at step 1 before each run instead of a copy.
    Returns (plain step changes, floors, encrypted step changes)."""
    _record_frames()
    with tempfile.TemporaryDirectory() as tmp:
        template = Path(tmp) / "modele"
        plain_id = seed(template, None, count)
        sealed_template = Path(tmp) / "modele-chiffre"
        key, sealed_id = (encrypted_template(sealed_template, count) if encrypted
                          else (None, 0))
        timings: list[tuple] = []
        floors: list[tuple] = []
        sealed: list[tuple] = []
        for index in range(runs + 1):
            if count:
                data_dir, sealed_dir = template, sealed_template
                reset(data_dir, None, plain_id)
                if encrypted:
                    reset(sealed_dir, key, sealed_id)
                opened: tuple[int | None, int | None] = (plain_id, sealed_id)
            else:
                data_dir = Path(tmp) / f"run{index}"
                shutil.copytree(template, data_dir)
                sealed_dir = Path(tmp) / f"chiffre{index}"
                if encrypted:
                    shutil.copytree(sealed_template, sealed_dir)
                opened = (None, None)
            cases = [("plain", lambda d=data_dir, o=opened: asyncio.run(
                         one_step_change(d, None, o[0]))),
                     ("floor", lambda: asyncio.run(one_floor_push()))]
            if encrypted:
                cases.append(("sealed", lambda d=sealed_dir, o=opened: asyncio.run(
                    one_step_change(d, key, o[1]))))
            turn = index % len(cases)
            got = dict((name, run()) for name, run in cases[turn:] + cases[:turn])
            if index:
                timings.append(got["plain"])
                floors.append(got["floor"])
                if encrypted:
                    sealed.append(got["sealed"])
    return timings, floors, sealed


def report(label: str, timings: list, floors: list) -> None:
    for index, what in ((0, "mur"), (1, "CPU")):
        ours = [t[index] for t in timings]
        floor = [f[index] for f in floors]
        ratios = [t / f for t, f in zip(ours, floor, strict=True)]
        print(f"{label}{what} : Enregistrer et poursuivre → étape suivante peinte, médiane "
              f"{statistics.median(ours) * 1000:.0f} ms (max {max(ours) * 1000:.0f}) ; "
              f"plancher (50 Input poussés) {statistics.median(floor) * 1000:.0f} ms ; "
              f"rapport médian {statistics.median(ratios):.2f} ({len(ours)} passages)")
    print(f"{label}  première image de l'étape à "
          f"{statistics.median(t[2] for t in timings) * 1000:.0f} ms, dernière à "
          f"{statistics.median(t[3] for t in timings) * 1000:.0f} ms (médianes, mur)")


def report_sealed(timings: list, sealed: list) -> None:
    """Encrypted against plain, run by run (the same run, interleaved)."""
    for index, what in ((0, "mur"), (1, "CPU")):
        plain = [t[index] for t in timings]
        ours = [t[index] for t in sealed]
        ratios = [b / a for a, b in zip(plain, ours, strict=True)]
        print(f"chiffré {what} : médiane {statistics.median(ours) * 1000:.0f} ms "
              f"({min(ours) * 1000:.0f}–{max(ours) * 1000:.0f}) ; en clair "
              f"{statistics.median(plain) * 1000:.0f} ms ({min(plain) * 1000:.0f}–"
              f"{max(plain) * 1000:.0f}) ; chiffré / clair : rapport des médianes "
              f"{statistics.median(ours) / statistics.median(plain):.2f}, médiane des "
              f"rapports par passage {statistics.median(ratios):.2f} "
              f"({min(ratios):.2f}–{max(ratios):.2f}, {len(ours)} passages)")


def compare_trees(before: Path, rounds: int, runs: int) -> None:
    """Rounds of child processes, this tree and `before` in turn, each with its floor."""
    here = Path(__file__).resolve()
    trees = {"après ": here.parent.parent, "avant ": before.resolve()}
    results: dict[str, tuple[list, list]] = {name: ([], []) for name in trees}
    for round_ in range(rounds):
        for name in list(trees) if round_ % 2 == 0 else list(trees)[::-1]:
            env = {**os.environ, "PYTHONPATH": str(trees[name])}
            out = subprocess.run([sys.executable, str(here), "--child", "--runs", str(runs)],
                                 env=env, cwd="/", check=True, capture_output=True,
                                 text=True).stdout
            timings, floors, _sealed = json.loads(out)
            results[name][0].extend(timings)
            results[name][1].extend(floors)
    for name, (timings, floors) in results.items():
        report(name, timings, floors)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--before", type=Path, help="a tree holding an older anef_tui/")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--count", type=int, default=0,
                        help="dossiers of `demo --count` in the folder beside GUIDE Malade")
    parser.add_argument("--chiffre", action="store_true",
                        help="also an encrypted folder, interleaved (issue 23)")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.runs)))
        return
    print(f"machine: {platform.machine()} python {platform.python_version()}, {date.today()}, "
          f"charge {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    if args.before is not None:
        compare_trees(args.before, args.rounds, args.runs)
        return
    timings, floors, sealed = measure(args.runs, args.chiffre, args.count)
    report("", timings, floors)
    if args.chiffre:
        report_sealed(timings, sealed)


if __name__ == "__main__":
    main()
