"""Nothing typed, pasted or stored reaches the terminal raw (issue 20): a name that holds
escape sequences is drawn with glyphs in « Mes dossiers » and in a screen's title; a paste
with controls is cleaned and said; a stored draft with controls is shown cleaned."""

from __future__ import annotations

from textual import events

from anef_tui.controls import is_control
from anef_tui.store import driver
from anef_tui.store.dossiers import DossierStore
from anef_tui.ui.widgets.plain import PASTE_CLEANED, Input
from tests.conftest import frozen_clock
from tests.ui.test_faults import toasts

EVIL = "EVIL\x1b[2J\x1b]0;pwn\x07\u202eZ"


def drawn(app) -> str:
    """What the terminal would be sent for the screen, as text (the SVG's characters)."""
    return app.export_screenshot()


def raw_controls(text: str) -> set[str]:
    return {c for c in text if is_control(c) and c not in "\n"}


async def test_a_stored_name_with_escape_sequences_is_drawn_with_glyphs(make_app, data_dir):
    with DossierStore(data_dir, clock=frozen_clock) as store:
        dossier = store.create("renouvellement", applicant_name="PLACEHOLDER")
    conn = driver.connect(data_dir / "anef-tui.db", isolation_level=None)
    conn.execute("UPDATE dossiers SET applicant_name = ? WHERE id = ?", (EVIL, dossier))
    conn.close()
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = drawn(app)
        assert not raw_controls(screen)
        assert "EVIL␛[2J" in screen
        await pilot.press("enter")  # « Mon titre actuel », the name in the title
        await pilot.pause()
        assert not raw_controls(drawn(app))


async def test_a_paste_with_controls_is_cleaned_and_said(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+n")
        await pilot.pause()
        field = app.screen.query_one("#name", Input)
        field.focus()
        await pilot.pause()
        field.post_message(events.Paste("DUPONT\x1b[2J\x1b]0;pwn\x07 Jean\nsuite"))
        await pilot.pause()
        assert field.value == "DUPONT Jean"
        assert PASTE_CLEANED in toasts(app)
        assert not raw_controls(drawn(app))


async def test_a_stored_draft_with_controls_is_shown_cleaned(make_app, data_dir):
    import json

    with DossierStore(data_dir, clock=frozen_clock) as store:
        dossier = store.create("renouvellement", applicant_name="DUPONT Jean")
    conn = driver.connect(data_dir / "anef-tui.db", isolation_level=None)
    conn.execute(
        "UPDATE answers SET drafts = ? WHERE dossier_id = ?",
        (json.dumps({"titre_actuel": {"n_etranger": "NOM\x1b]0;pwned\x07"}}), dossier),
    )
    conn.close()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        # The form opens on the first required field still empty (issue 21); the N° étranger
        # of the draft is the one before it.
        assert app.focused is not None and app.focused.id == "f-n_titre"
        await pilot.press("shift+tab")
        field = app.focused
        assert isinstance(field, Input) and field.value == "NOM"
        assert not raw_controls(drawn(app))
