"""Issue 24: the tests about consent itself turn off the conftest's default consent, so
that only what the application records counts."""

from __future__ import annotations

import pytest

from anef_tui.store.database import Database


@pytest.fixture
def no_default_consent(monkeypatch):
    monkeypatch.setattr(Database, "default_consent", None)
