"""Any text is just text: what a user types is shown literally everywhere and never closes
the app (Rich/Textual markup, odd digits, emoji, very long pastes)."""

from __future__ import annotations

import asyncio

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual import events

from anef_tui.ui.screens.home import HomeScreen
from anef_tui.ui.screens.profile import ProfileScreen
from tests.conftest import frozen_clock
from tests.ui.keys import tab_to

HOSTILE = [
    "DUPONT [/]",
    "[link=https://exemple.org]clic[/link]",
    "[b]gras[/b] [red]rouge",
    "[@click=app.quit]quitter[/]",
    "\\[/]",
    "03/10/200²",
    "③/10/2000",
    "Zoé 🙂 [/",
    "é" * 2000,
]


FIELDS = ("nom_naissance", "date_naissance", "pays_naissance")


async def paste(pilot, widget_id: str, text: str) -> None:
    """Reach the field with Tab, empty it, paste (as a terminal delivers a paste)."""
    await tab_to(pilot, widget_id)
    await pilot.press("end", "ctrl+u")
    pilot.app.focused.post_message(events.Paste(text))
    await pilot.pause()


def shown_text(screen) -> str:
    """Everything the screen's text widgets show, as plain text."""
    parts = []
    for widget in screen.query("Static, Label, Input, DataTable"):
        if widget.__class__.__name__ == "DataTable":
            parts += [str(c) for row in range(widget.row_count) for c in widget.get_row_at(row)]
        elif hasattr(widget, "value"):
            parts.append(widget.value)
        else:
            parts.append(str(widget.render()))
    return "\n".join(parts)


async def journey(app, text: str) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+n")
        await pilot.pause()
        await paste(pilot, "name", text)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ProfileScreen)
        for field in FIELDS:  # in Tab order: one pass through the form
            await paste(pilot, f"f-{field}", text)
        await pilot.press("ctrl+s")  # errors: the summary quotes what was typed
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, ProfileScreen)
        for field in FIELDS:
            assert app.screen.query_one(f"#f-{field}").value == text  # nothing lost
        summary = str(app.screen.query_one("#errors").render())
        assert "[/b]" not in text or "gras" not in summary or "[/b]" in summary
        await pilot.press("f9")  # « Quitter et revenir plus tard »
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        if text.strip():
            # The dossier's name, as typed, in « Mes dossiers » (cut to the column's width).
            assert text.strip()[:10] in shown_text(app.screen)


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
async def test_hostile_text_is_shown_literally_and_kept(make_app, text):
    app = make_app()
    await journey(app, text)
    assert app.return_code in (None, 0)


_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=80
)


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                    HealthCheck.function_scoped_fixture])
@given(text=_TEXT)
def test_any_text_never_closes_the_app(tmp_path_factory, text):
    from anef_tui.ui.app import make_app

    app = make_app(tmp_path_factory.mktemp("donnees"), clock=frozen_clock)
    asyncio.run(journey(app, text))
    assert app.return_code in (None, 0)
