"""« Mes dossiers », driven with the keyboard only (pilot.press)."""

from __future__ import annotations

from textual.widgets import DataTable, Input, Static

from anef_tui.store.dossiers import DossierStore
from anef_tui.ui.screens.dialogs import ConfirmScreen, NewDossierScreen
from anef_tui.ui.screens.dossier import StepScreen
from anef_tui.ui.screens.help import HelpScreen
from anef_tui.ui.screens.home import HomeScreen
from anef_tui.ui.screens.profile import ProfileScreen
from tests.conftest import frozen_clock


def _rows(app) -> list[str]:
    table = app.screen.query_one("#dossiers", DataTable)
    return [str(table.get_row_at(i)[0]) for i in range(table.row_count)]


async def test_empty_state_tells_what_to_do(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        empty = app.screen.query_one("#empty", Static)
        assert empty.display
        assert "Ctrl+N" in str(empty.render())
        assert not app.screen.query_one("#dossiers", DataTable).display


async def test_create_renewal_then_quit_later_and_find_it(make_app, data_dir):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+n")
        assert isinstance(app.screen, NewDossierScreen)
        # Renewal is the first choice and selected by default; go to the name field.
        await pilot.press("tab")
        await pilot.press(*"NDIAYE Awa")
        await pilot.press("enter")
        await pilot.pause()
        # A renewal starts with « Mon titre actuel », as the ANEF starts from the title.
        assert isinstance(app.screen, ProfileScreen)
        assert app.screen.step_id == "titre_actuel"
        await pilot.press("f9")  # Quitter et revenir plus tard
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert _rows(app) == ["NDIAYE Awa"]
    store = DossierStore(data_dir)
    [row] = store.list()
    assert row.procedure == "renouvellement"
    store.close()


async def test_create_first_application(make_app, data_dir):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+n", "down", "tab", "escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)  # Échap cancels: nothing created
        await pilot.press("ctrl+n", "down", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, StepScreen)
    store = DossierStore(data_dir)
    assert [r.procedure for r in store.list()] == ["premiere_demande"]
    store.close()


async def test_filter_ignores_case_and_accents(make_app):
    app = make_app(demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        total = len(_rows(app))
        assert total >= 4
        await pilot.press("ctrl+f", *"zoe")
        await pilot.pause()
        assert _rows(app) == ["BENALI Zoé"]
        await pilot.press("escape")
        await pilot.pause()
        assert len(_rows(app)) == total
        await pilot.press("ctrl+f", *"GUIDÉ")
        await pilot.pause()
        assert _rows(app) == ["GUIDE Malade"]
        app.screen.query_one("#filter", Input).value = ""
        await pilot.press(*"personne-inconnue")
        await pilot.pause()
        empty = app.screen.query_one("#empty", Static)
        assert empty.display and "personne-inconnue" in str(empty.render())


async def test_open_resumes_at_last_saved_step(make_app):
    app = make_app(demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+f", *"nguyen", "enter")  # Entrée moves to the results
        await pilot.press("enter")  # opens the selected dossier
        await pilot.pause()
        assert isinstance(app.screen, StepScreen)
        assert app.screen.step_id == "justificatifs"


async def test_a_filed_dossier_opens_on_its_confirmation_read_only(make_app):
    from anef_tui.ui.screens.confirmation import ConfirmationScreen

    app = make_app(demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+f", *"guide", "enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmationScreen)
        assert "5901202611190000001" in str(app.screen.query_one("#references").render())
        await pilot.press("f3")  # back to the dépôt: shown, but nothing can be changed
        await pilot.pause()
        assert not app.screen.editable
        assert not app.screen.query(".edit")  # no « Modifier » buttons once filed
        await pilot.press("f8")  # « Abandonner la demande » is refused
        await pilot.pause()
        assert app.screen.is_current


async def test_abandon_asks_then_removes(make_app, data_dir):
    app = make_app(demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+f", *"benali", "enter")
        await pilot.press("f8")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("enter")  # the focused button is « Annuler »: nothing happens
        await pilot.pause()
        assert _rows(app) == ["BENALI Zoé"]
        await pilot.press("f8", "tab", "enter")  # tab to « Abandonner la demande »
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert _rows(app) == []
    store = DossierStore(data_dir, clock=frozen_clock)
    assert "BENALI Zoé" not in [r.applicant_name for r in store.list()]
    store.close()


async def test_f1_lists_the_keys_of_the_screen(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one("#keys", DataTable)
        actions = [str(table.get_row_at(i)[1]) for i in range(table.row_count)]
        assert "Nouveau dossier" in actions
        assert "Abandonner la demande" in actions
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_every_home_action_is_in_the_command_palette(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for expected in ("Nouveau dossier", "Ouvrir / reprendre le dossier sélectionné",
                         "Abandonner la demande", "Rechercher un dossier", "Aide", "Quitter",
                         "Thème de couleurs"):
            assert expected in titles
        await pilot.press("ctrl+p", *"Nouveau dos")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, NewDossierScreen)


async def test_an_action_acts_on_the_rows_of_the_text_in_the_search_field(make_app):
    """« POPESCU », Entrée, F4 arriving in one burst (a paste, a fast typist, a loaded
    machine) can reach F4 before the search field's Changed message: F4 still acts on
    POPESCU's dossier, not on the row that was first before the search ran."""
    from anef_tui.ui.screens.followup import NotificationsScreen

    app = make_app(demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert not _rows(app)[0].startswith("POPESCU")
        # The field has the text; its Changed message has not been handled yet; F4 now.
        screen.query_one("#filter", Input).value = "POPESCU"
        screen.action_notifications()
        await pilot.pause()
        assert isinstance(app.screen, NotificationsScreen)
        record = app.services.dossiers.get(app.screen.dossier_id)
        assert record.summary.applicant_name.startswith("POPESCU")
        await pilot.press("escape")
        await pilot.pause()
        assert _rows(app) == ["POPESCU Elena"]
        # Same for Entrée on the field then Entrée on the table (open).
        await pilot.press("ctrl+f", "ctrl+u")
        await pilot.pause()
        screen.query_one("#filter", Input).value = "TRAORE"
        screen.action_open_dossier()
        await pilot.pause()
        assert app.services.dossiers.get(app.screen.dossier_id).summary.applicant_name \
            .startswith("TRAORÉ")


async def test_a_name_typed_with_ctrl_f_in_one_burst_is_searched_and_opened(make_app):
    """Ctrl+F, the name, Entrée, Entrée arriving together (a fast desk, a browser tab under
    load: `bench/served.py --rafale`): every letter reaches the search field and the
    dossier opens. The field and then the table took the focus one turn later, and the
    keys queued meanwhile went to the table (the letters) or to the field (the Entrée)."""
    from tests.ui.test_step_focus import _burst

    app = make_app(demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        _burst(app, "ctrl+f", *"nguyen", "enter", "enter")
        await pilot.pause()
        for _ in range(100):
            if isinstance(app.screen, StepScreen):
                break
            await pilot.pause(0.01)
        opened = app.screen.load().summary
        assert opened.applicant_name.startswith("NGUYEN"), opened.applicant_name
        assert isinstance(app.screen, StepScreen), app.screen
