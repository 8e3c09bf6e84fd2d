"""The benchmarks' own set-up still works with the app as it is (`make bench` is not run by
`make test`): issue 24 made every write need a consent, and bench/step.py stopped on its
first dossier without anyone noticing. Each script's seeding runs here on a tiny folder,
without the tests' default consent, as the real scripts run."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from tests.consent_helpers import no_default_consent  # noqa: F401 - fixture

BENCH = Path(__file__).resolve().parents[2] / "bench"

pytestmark = pytest.mark.usefixtures("no_default_consent")


def bench_module(name: str):
    """bench/<name>.py as a module (the scripts are not a package)."""
    sys.path.insert(0, str(BENCH))
    try:
        spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(BENCH))


def test_step_seeds_its_renewal(tmp_path):
    assert bench_module("step").seed(tmp_path / "d", None, 0) >= 1


def test_startup_seeds_its_dossiers(tmp_path):
    bench_module("startup").seed(tmp_path / "d", 3)


def test_pdf_builds_its_dossier(tmp_path):
    assert bench_module("pdf").build_dossier(tmp_path / "d")
