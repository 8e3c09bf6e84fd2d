"""SVG snapshots of the login of a base with accounts (issue 25). Run in their own process
(see Makefile, textual#5788).

Each docstring says what a person should see.
"""

from __future__ import annotations

import pytest

from tests.accounts_helpers import with_referent
from tests.conftest import fill_demo_folder

pytestmark = pytest.mark.snapshot

SIZES = [(80, 24), (120, 40)]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_login_before_any_dossier(snap_compare, make_app, data_dir, size):
    """« anef-tui — Connexion »: what the base is, « Nom de compte » with « marc » typed,
    the focus in « Phrase secrète » (its border drawn heavier), the line for a forgotten
    phrase; no dossier, no name of a person; the footer says Échap quits."""
    fill_demo_folder(data_dir)
    with_referent(data_dir)
    assert snap_compare(make_app(), press=[*"marc", "enter"], terminal_size=size)
