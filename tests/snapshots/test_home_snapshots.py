"""SVG snapshots of « Mes dossiers ». Run in their own process (see Makefile, textual#5788).

Each docstring says what a person should see.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.snapshot

SIZES = [(80, 24), (120, 40)]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_home_empty(snap_compare, make_app, size):
    """An empty list: the search field and a message saying Ctrl+N creates a dossier."""
    assert snap_compare(make_app(), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_home_with_demo_data(snap_compare, make_app, size):
    """The demo dossiers in a table: person, démarche, état, étape, last saved, deadline."""
    assert snap_compare(make_app(demo=True), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_home_filtered(snap_compare, make_app, size):
    """Typing « guidé » in the search keeps only « GUIDE Malade » (accents ignored)."""
    assert snap_compare(
        make_app(demo=True), press=["ctrl+f", *"guidé"], terminal_size=size
    )


def test_home_new_dossier_dialog(snap_compare, make_app):
    """Ctrl+N asks which démarche: the renewal brick is selected, the name is optional."""
    assert snap_compare(make_app(), press=["ctrl+n"], terminal_size=(80, 24))


def test_home_abandon_confirmation(snap_compare, make_app):
    """F8 asks for confirmation before abandoning; « Annuler » has the focus."""
    assert snap_compare(
        make_app(demo=True), press=["ctrl+f", *"zoé", "enter", "f8"], terminal_size=(80, 24)
    )


def test_home_help(snap_compare, make_app):
    """F1 lists the keys of « Mes dossiers » in French."""
    assert snap_compare(make_app(), press=["f1"], terminal_size=(80, 24))
