"""Time from « Enregistrer et poursuivre » to the next step painted, and PDF making.

Runs the app headless on a renewal of GUIDE Malade (the demo's data) placed at step 1, and
presses Ctrl+S; each run is a fresh app on a fresh copy of the data. Median of N runs.
Usage: `.venv/bin/python bench/step.py [--runs N]`.

The figure ends when Pilot sees the app idle, which it samples in 20 ms windows (after the key
press, then in `pause()`): ~45 to 65 ms of it are that wait. The second line gives when the
new step's first and last frames were written (the last one shows the focused field).
"""

from __future__ import annotations

import argparse
import asyncio
import platform
import shutil
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from anef_tui.demo import _GUIDE_PROFILE, _MOTIF, _RENEWAL_PRELIMINARIES, _step1
from anef_tui.store.dossiers import DossierStore
from anef_tui.ui.app import make_app

_frames: list[float] = []  # when frames of the new step were written (perf_counter)


def _record_frames() -> None:
    from textual.app import App

    display = App._display

    def recorded(app, screen, renderable):
        if renderable is not None and getattr(screen, "step_id", None) == "motif_sejour":
            _frames.append(time.perf_counter())
        return display(app, screen, renderable)

    App._display = recorded


def seed(data_dir: Path) -> None:
    store = DossierStore(data_dir)
    dossier_id = store.create("renouvellement", applicant_name="GUIDE Malade")
    store.save_profile(dossier_id, "titre_actuel", _GUIDE_PROFILE, applicant_name="GUIDE Malade")
    for step_id, values in _RENEWAL_PRELIMINARIES:
        store.save_step(dossier_id, step_id, values, next_step=None)
    store.save_step(dossier_id, "informations_personnelles",
                    _step1(_GUIDE_PROFILE, "01 02 03 04 05"), next_step=None)
    store.save_step(dossier_id, "motif_sejour", _MOTIF, next_step="informations_personnelles")
    store.close()


async def one_step_change(data_dir: Path) -> tuple[float, float, float]:
    """Seconds from Ctrl+S on step 1 to step 2 mounted and painted (Pilot idle), to its
    first frame and to its last frame."""
    app = make_app(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.step_id == "informations_personnelles"
        _frames.clear()
        start = time.perf_counter()
        await pilot.press("ctrl+s")
        while getattr(app.screen, "step_id", None) != "motif_sejour":
            await asyncio.sleep(0)
        await pilot.pause()
        return time.perf_counter() - start, _frames[0] - start, _frames[-1] - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    _record_frames()
    with tempfile.TemporaryDirectory() as tmp:
        template = Path(tmp) / "modele"
        seed(template)
        timings = []
        for index in range(args.runs + 1):
            data_dir = Path(tmp) / f"run{index}"
            shutil.copytree(template, data_dir)
            elapsed = asyncio.run(one_step_change(data_dir))
            if index:  # the first run pays for imports and the catalogue
                timings.append(elapsed)
    idle = [t[0] for t in timings]
    print(f"machine: {platform.machine()} python {platform.python_version()}, {date.today()}")
    print(f"Enregistrer et poursuivre → étape suivante peinte : médiane "
          f"{statistics.median(idle) * 1000:.0f} ms, max {max(idle) * 1000:.0f} ms "
          f"({args.runs} passages)")
    print(f"  dont première image de l'étape à "
          f"{statistics.median(t[1] for t in timings) * 1000:.0f} ms, dernière à "
          f"{statistics.median(t[2] for t in timings) * 1000:.0f} ms (médianes)")


if __name__ == "__main__":
    main()
