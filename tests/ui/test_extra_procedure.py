"""A procedure dropped in the extra folder ($ANEF_TUI_PROCEDURES) is offered, created and
listed like the shipped ones; a broken one is set aside with a message. Keyboard only."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, RadioButton

from anef_tui.domain import procedure_index as pi
from anef_tui.store.dossiers import DossierStore
from anef_tui.ui.screens.dialogs import NewDossierScreen
from anef_tui.ui.screens.dossier import StepScreen
from anef_tui.ui.screens.home import HomeScreen
from tests.unit.test_procedures import third_procedure_text


@pytest.fixture
def extra(tmp_path, monkeypatch):
    folder = tmp_path / "procedures-asso"
    folder.mkdir()
    monkeypatch.setenv(pi.ENV_PROCEDURES, str(folder))
    pi.clear_caches()
    yield folder
    monkeypatch.delenv(pi.ENV_PROCEDURES, raising=False)
    pi.clear_caches()


def _cells(app, column: int) -> list[str]:
    table = app.screen.query_one("#dossiers", DataTable)
    return [str(table.get_row_at(i)[column]) for i in range(table.row_count)]


async def test_new_dossier_offers_and_creates_a_third_procedure(extra, make_app, data_dir):
    (extra / "asso.toml").write_text(third_procedure_text(), encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+n")
        assert isinstance(app.screen, NewDossierScreen)
        labels = [str(b.label) for b in app.screen.query(RadioButton)]
        assert labels[2] == "Démarche « Demande asso »"
        await pilot.press("down", "down", "tab", *"SOW Awa", "enter")
        await pilot.pause()
        assert isinstance(app.screen, StepScreen)
        assert app.screen.procedure.id == "asso_test"
        await pilot.press("f9")  # Quitter et revenir plus tard
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert _cells(app, 1) == ["Demande asso"]
    store = DossierStore(data_dir)
    assert [r.procedure for r in store.list()] == ["asso_test"]
    store.close()


async def test_a_dossier_whose_procedure_is_gone_does_not_open(extra, make_app, data_dir,
                                                                 monkeypatch):
    (extra / "asso.toml").write_text(third_procedure_text(), encoding="utf-8")
    store = DossierStore(data_dir)
    store.create("asso_test", applicant_name="SOW Awa")
    store.close()
    monkeypatch.delenv(pi.ENV_PROCEDURES)  # started without the folder this time
    pi.clear_caches()
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert _cells(app, 1) == ["asso_test"]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)  # stays, and says why
        messages = [n.message for n in app._notifications]
        assert any("« asso_test »" in m and "--procedures" in m for m in messages)


async def test_a_broken_extra_procedure_is_reported_and_left_out(extra, make_app):
    (extra / "casse.toml").write_text("id = \n", encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        for _ in range(200):  # the catalogue is checked 0.3 s after start, in a thread
            messages = [n.message for n in app._notifications]
            if messages:
                break
            await pilot.pause(0.05)
        assert any("casse.toml" in m and "ligne 1" in m for m in messages)
        await pilot.press("ctrl+n")
        assert len(app.screen.query("#procedure RadioButton")) == 2


async def test_a_hostile_extra_procedure_is_set_aside_quickly(extra, make_app):
    """An array 1,000 deep (it crashed the CLI) and 20,000 steps (« Mes dossiers » took 11 s
    to appear): the first paint is not held up, both are said, the valid file is offered."""
    from tests.procedure_variants import ESSAI, with_extra_steps, with_nested_array

    (extra / "profond.toml").write_text(with_nested_array(ESSAI, 1_000), encoding="utf-8")
    (extra / "long.toml").write_text(with_extra_steps(ESSAI, 20_000), encoding="utf-8")
    (extra / "asso.toml").write_text(third_procedure_text(), encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        messages: list[str] = []
        for _ in range(200):  # the catalogue is checked 0.3 s after start, in a thread
            messages = [n.message for n in app._notifications]
            if len(messages) >= 2:
                break
            await pilot.pause(0.05)
        assert isinstance(app.screen, HomeScreen)
        assert any("profond.toml" in m and "imbrication" in m for m in messages)
        assert any("long.toml" in m and "n'a pas été lu" in m for m in messages)
        await pilot.press("ctrl+n")
        assert len(app.screen.query("#procedure RadioButton")) == 3
