"""Shared fixtures: a fresh data directory, a frozen clock and an app factory."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

FROZEN_NOW = datetime(2026, 11, 22, 10, 30, 0)


def frozen_clock() -> datetime:
    return FROZEN_NOW


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "donnees"


@pytest.fixture
def make_app(data_dir: Path):
    """Build the app on `data_dir` with the frozen clock; `demo=True` fills it first."""

    def factory(*, demo: bool = False):
        from anef_tui.ui.app import make_app as build

        if demo:
            from anef_tui.demo import fill_demo
            from anef_tui.store.dossiers import DossierStore

            store = DossierStore(data_dir, clock=frozen_clock)
            fill_demo(store)
            store.close()
        return build(data_dir, clock=frozen_clock)

    return factory
