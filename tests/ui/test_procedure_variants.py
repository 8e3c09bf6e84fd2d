"""Any procedure file that `anef-tui procedures --check` accepts opens every screen of its
procedure: variations of tests/procedures/essai.toml (identifiers from a wide alphabet,
counts) are either refused by the check, and then left out of the app with a message, or
each of their positions opens from « Mes dossiers » without error. Keyboard only."""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from anef_tui.domain import flow
from anef_tui.domain import procedure_index as pi
from anef_tui.domain.catalogue import CatalogueError, check_file
from anef_tui.store.dossiers import DossierStore
from anef_tui.ui.screens.home import HomeScreen
from tests.conftest import frozen_clock
from tests.procedure_variants import ESSAI, GOOD_IDS, IDS, variants, with_id

_NAMES = ["ALPHA", "BRAVO", "CHARLIE", "DELTA", "ECHO", "FOXTROT", "GOLF", "HOTEL",
          "INDIA", "JULIETT", "KILO", "LIMA"]


async def _walk(app, names: dict[str, str]) -> list[str]:
    """Open each dossier (one per position) from « Mes dossiers », then come back."""
    seen = []
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        for position, name in names.items():
            await pilot.press("ctrl+f", "ctrl+u", *f"VARIANTE {name}", "enter", "enter")
            await pilot.pause()
            await pilot.wait_for_scheduled_animations()
            await pilot.pause()
            screen = app.screen
            assert app.is_running, position
            assert getattr(screen, "position", None) == position, (position, screen)
            seen.append(position)
            for _ in range(4):  # F9 « Quitter et revenir plus tard », Échap elsewhere
                if isinstance(app.screen, HomeScreen):
                    break
                await pilot.press("f9")
                await pilot.pause()
                if not isinstance(app.screen, HomeScreen):
                    await pilot.press("escape")
                    await pilot.pause()
            assert isinstance(app.screen, HomeScreen), position
    assert app.return_code in (None, 0)
    return seen


def _opens_every_screen(text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "procedures"
        folder.mkdir()
        path = folder / "variante.toml"
        path.write_text(text, encoding="utf-8")
        try:
            procedure = check_file(path)
        except CatalogueError:
            # Refused by the check: left out of the app, with its reason.
            pi.use_procedures_dir(folder)
            try:
                assert "variante" not in {str(r.source.stem) for r in
                                          pi.procedure_index().values() if r.source}
                assert any("variante.toml" in p for p in pi.index_problems())
            finally:
                pi.use_procedures_dir(None)
            return
        pi.use_procedures_dir(folder)
        try:
            data = Path(tmp) / "donnees"
            store = DossierStore(data, clock=frozen_clock)
            positions = flow.positions(procedure)
            names = dict(zip(positions, _NAMES, strict=False))
            for position, name in names.items():
                store.create(procedure.id, applicant_name=f"VARIANTE {name}",
                             current_step=position)
            store.close()
            from anef_tui.ui.app import make_app

            app = make_app(data, clock=frozen_clock)
            assert asyncio.run(_walk(app, names)) == list(names)
        finally:
            pi.use_procedures_dir(None)


@settings(max_examples=4, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(variant=variants(st.one_of(GOOD_IDS, GOOD_IDS, IDS), max_steps=2, max_fields=4,
                        max_options=4, max_text=40, max_depth=12))
@example(variant=(with_id(with_id(ESSAI, 3, "a" * 40), 1, "z9"), ["long field id"]))
def test_an_accepted_variation_opens_every_screen(variant):
    text, _changes = variant
    _opens_every_screen(text)


@pytest.mark.parametrize("odd", ["nom de famille", "nom.famille", "nom/famille", "nom\x00",
                                 "prénom"])
def test_the_adversary_s_field_ids_never_reach_a_screen(odd):
    """The five files `--check` used to accept, and that closed the app on their step."""
    text = with_id(ESSAI, 3, odd)  # the first field
    with pytest.raises(CatalogueError):
        check_file_text(text)
    _opens_every_screen(text)


def check_file_text(text: str):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "variante.toml"
        path.write_text(text, encoding="utf-8")
        return check_file(path)
