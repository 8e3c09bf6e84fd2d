"""anef-tui as a real package: the wheel carries every asset and works installed elsewhere.

The wheel is built from a copy of the sources (nothing written into the checkout), offline
(no build isolation: setuptools comes from the test extras), installed without its
dependencies into a fresh venv outside the checkout; the dependencies are reached through
a `.pth` line naming the checkout venv's site-packages (no network). Then, from another
folder: `anef-tui demo`, `list`, `pdf`, `procedures` and a headless start of the app.
One test on purpose: the build and the venv are made once.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import textwrap
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ("pyproject.toml", "README.md", "LICENSE", "anef_tui")

HEADLESS = textwrap.dedent(
    """
    import asyncio, sys
    import anef_tui
    from anef_tui.ui.app import make_app
    from anef_tui.ui.screens.home import HomeScreen
    from textual.widgets import DataTable

    async def main():
        app = make_app(sys.argv[1])
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen), app.screen
            rows = app.screen.query_one("#dossiers", DataTable).row_count
            catalogue = app.services.catalogue  # the full validation, from the installed files
            await pilot.press("ctrl+n")
            choices = len(app.screen.query("#procedure RadioButton"))
            print(anef_tui.__file__, rows, ",".join(catalogue), choices)

    asyncio.run(main())
    """
)


def _run(args: list, *, cwd: Path, env: dict) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, f"{args}\n{result.stdout}\n{result.stderr}"
    return result


def test_wheel_installs_and_runs_outside_the_checkout(tmp_path):
    env = {
        k: v for k, v in os.environ.items()
        if not k.startswith(("ANEF_TUI_", "PYTHON", "VIRTUAL_ENV"))
    }
    env |= {"PIP_NO_INDEX": "1", "HOME": str(tmp_path / "home"), "TERM": "xterm-256color"}
    (tmp_path / "home").mkdir()

    # Build from a copy, so that build/ and *.egg-info never land in the checkout.
    src = tmp_path / "src"
    src.mkdir()
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, src / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(ROOT / name, src / name)
    dist = tmp_path / "dist"
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
          "-w", dist, src], cwd=tmp_path, env=env)
    (wheel,) = dist.glob("anef_tui-*.whl")

    # Every asset of the checkout (fonts and their licence, procedures, tables) and the CSS.
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        metadata = zf.read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode()
    assets = {
        p.relative_to(ROOT).as_posix()
        for p in (ROOT / "anef_tui" / "assets").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    assert assets and assets <= names, sorted(assets - names)
    assert "anef_tui/ui/app.tcss" in names
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    assert "License-Expression: MIT AND Bitstream-Vera" in metadata

    # A fresh venv elsewhere; the checkout venv's site-packages only for the dependencies.
    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", venv], cwd=tmp_path, env=env)
    python = venv / "bin" / "python"
    site = Path(_run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                     cwd=tmp_path, env=env).stdout.strip())
    (site / "deps-from-checkout.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    _run([sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "-q", wheel],
         cwd=tmp_path, env=env)
    anef = venv / "bin" / "anef-tui"

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    data = tmp_path / "donnees"
    where = _run([python, "-c", "import anef_tui; print(anef_tui.__file__)"],
                 cwd=elsewhere, env=env).stdout.strip()
    assert Path(where).is_relative_to(venv), where  # the wheel's copy, not the checkout

    assert "anef-tui 0.1.0" in _run([anef, "--version"], cwd=elsewhere, env=env).stdout
    out = _run([anef, "--data-dir", data, "demo"], cwd=elsewhere, env=env).stdout
    assert "dossier(s) de démonstration ajouté(s)" in out

    listed = json.loads(_run([anef, "--data-dir", data, "list", "--json"],
                             cwd=elsewhere, env=env).stdout)
    filed = next(d["id"] for d in listed if d["status"] == "deposee")
    for kind in ("confirmation", "recapitulatif"):
        pdf = elsewhere / f"{kind}.pdf"
        _run([anef, "--data-dir", data, "pdf", filed, "--kind", kind, "-o", pdf],
             cwd=elsewhere, env=env)
        assert pdf.read_bytes().startswith(b"%PDF")  # with the shipped DejaVu fonts

    procedures = _run([anef, "procedures"], cwd=elsewhere, env=env).stdout
    for pid in ("renouvellement", "premiere_demande"):
        line = next(x for x in procedures.splitlines() if x.startswith(pid))
        assert str(venv) in line  # read from the installed package

    headless = _run([python, "-c", HEADLESS, data], cwd=elsewhere, env=env).stdout.split()
    assert Path(headless[0]).is_relative_to(venv)
    assert int(headless[1]) == len(listed)
    assert headless[2] == "renouvellement,premiere_demande"
    assert headless[3] == "2"  # « Nouveau dossier » offers both procedures
