"""Titles cut with a sign, toasts that fit and never hide the field being typed in (issue
21): read from the screen as drawn, at 80×24 and 120×40, keys only."""

from __future__ import annotations

import pytest
from textual.geometry import Region

from anef_tui.store.dossiers import DossierStore
from anef_tui.ui.screens.confirmation import ConfirmationScreen
from anef_tui.ui.screens.file_picker import FilePickerScreen
from anef_tui.ui.screens.preliminary import PreliminaryScreen
from anef_tui.ui.screens.profile import ProfileScreen
from tests.conftest import frozen_clock
from tests.ui.cursor_cells import screen_rows
from tests.ui.keys import tab_to, type_into
from tests.ui.test_slots import SLOT, open_first_dossier, renewal_at_documents
from tests.vault_helpers import make_vault


@pytest.fixture
def lasting_toasts(monkeypatch):
    """Toasts stay until the test has looked at them: on a loaded machine « Dossier créé. »
    (3 s) was gone before the next key (as conftest sets the autosave to an hour)."""
    from anef_tui.ui.app import AnefApp

    notify = AnefApp.notify

    def lasting(self, message, *, timeout=None, **kwargs):
        notify(self, message, timeout=3600, **kwargs)

    monkeypatch.setattr(AnefApp, "notify", lasting)


def line(app, y: int, region: Region | None = None) -> str:
    row = screen_rows(app)[y]
    if region is not None:
        row = row[region.x:region.right]
    return "".join(char for char, _ in row).strip()


def drawn_in(app, region: Region) -> list[str]:
    return [line(app, y, region) for y in range(region.y, region.bottom)]


async def test_a_step_title_loses_the_app_name_before_its_own_words(make_app, data_dir):
    """At 80 columns « anef-tui — Renouvellement — Étape 1 : Informations personnell… » lost
    the end of the step's name; the app's name goes first. At 120 everything fits. An
    encrypted folder: no « Données non chiffrées » before the title."""
    key = make_vault(data_dir).key
    with DossierStore(data_dir, clock=frozen_clock, key=key) as store:
        store.create("renouvellement", applicant_name="GUIDE Malade",
                     current_step="informations_personnelles")
    app = make_app(key=key)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.step_id == "informations_personnelles"
        assert line(app, 0) == "Renouvellement — Étape 1 : Informations personnelles"
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert line(app, 0) == "anef-tui — Renouvellement — Étape 1 : Informations personnelles"


async def test_a_plain_folder_says_so_before_the_title_at_every_width(make_app, data_dir):
    """A plain folder (issue 23): « Données non chiffrées » comes first on the title line,
    the step's title after it, its end cut with « … » where it does not fit."""
    with DossierStore(data_dir, clock=frozen_clock) as store:
        store.create("renouvellement", applicant_name="GUIDE Malade",
                     current_step="informations_personnelles")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        title = line(app, 0)
        assert title.startswith("Données non chiffrées — Renouvellement — Étape 1")
        assert title.endswith("…"), title
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert line(app, 0) == ("anef-tui — Données non chiffrées — Renouvellement — "
                                "Étape 1 : Informations personnelles")


async def test_a_title_still_too_long_ends_with_an_ellipsis(make_app, data_dir):
    """« Première demande — Je n'ai pas de numéro d'étranger et je souhaite faire une
    première demande en ligne : » does not fit in 80 columns even without the app's name."""
    app = make_app(key=make_vault(data_dir).key)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+n", "down", "ctrl+s")  # « Je demande un premier titre … »
        await pilot.pause()
        assert isinstance(app.screen, ProfileScreen)
        await type_into(pilot, "f-email", "awa.ndiaye@exemple.fr")
        await type_into(pilot, "f-email_confirmation", "awa.ndiaye@exemple.fr")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PreliminaryScreen)
        title = line(app, 0)
        assert title.startswith("Première demande — Je n'ai pas") and title.endswith("…"), title


async def test_the_file_pickers_title_ends_with_an_ellipsis_when_cut(make_app, data_dir):
    """« Assembler en un PDF : Justificatif de domicile datant de moins de 6 mo » was cut
    at 80 columns with no sign that something was missing."""
    renewal_at_documents(data_dir)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first_dossier(pilot)
        await tab_to(pilot, f"combine-{SLOT}")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, FilePickerScreen)
        title = app.screen.query_one(".dialog-title")
        shown = line(app, title.region.y, title.region)
        assert shown.startswith("Assembler en un PDF : Justificatif de domicile"), shown
        assert shown.endswith("…"), shown


def toast_lines(app) -> list[str]:
    lines: list[str] = []
    for toast in app.screen.query("Toast"):
        lines += [text.lstrip("▌ ") for text in drawn_in(app, toast.region)]
    return lines


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_pdf_toast_keeps_the_file_name_and_says_where_the_path_was_cut(
        make_app, lasting_toasts, data_dir, size):
    """The path of a saved PDF was folded over the toast's lines and its end cut (« .pd »):
    the file name is kept whole, « … » stands where the path was cut."""
    app = make_app(demo=True)
    async with app.run_test(size=size, notifications=True) as pilot:
        await pilot.press("ctrl+f", *"guide", "enter", "enter")  # filed: its confirmation
        await pilot.pause()
        assert isinstance(app.screen, ConfirmationScreen)
        await tab_to(pilot, "pdf-recapitulatif")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        [pdf] = (data_dir / "documents").glob("recapitulatif-*.pdf")
        shown = toast_lines(app)
        assert shown[0] == "PDF enregistré :", shown
        path = "".join(shown[1:])  # a file name longer than a line runs on, whole
        assert path.startswith("…/") and path.endswith(f"/{pdf.name}"), shown
        assert str(pdf).endswith(path[1:])


def overlap(app) -> list[str]:
    """The toasts drawn over the focused widget, if any."""
    focused = app.focused.region
    return [str(toast.region) for toast in app.screen.query("Toast")
            if toast.region.overlaps(focused)]


async def test_a_toast_does_not_cover_the_search_field_being_typed_in(make_app, lasting_toasts):
    """F4 with no dossier says so in a toast: at the top right it covered the search field
    of « Mes dossiers », which has the focus; it goes above the footer instead."""
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("ctrl+f", "f4")
        await pilot.pause()
        assert app.screen.query("Toast") and app.focused.id == "filter"
        assert not overlap(app), overlap(app)
        await pilot.press(*"dupont")
        assert app.focused.value == "dupont"


async def test_toasts_above_the_footer_are_drawn_whole(make_app, lasting_toasts):
    """F9 on a step, then on « Mes dossiers » the search field and Ctrl+C: two toasts above
    the footer. The last line of the last one (« quitter. ») was drawn under the footer:
    Textual sized the rack for lines one cell wider than the ones it drew."""
    app = make_app(demo=True)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("ctrl+f", *"diallo", "enter", "enter", "f9")  # « Saisie enregistrée »
        await pilot.pause()
        await pilot.press("ctrl+f", *"zz", "ctrl+c")
        await pilot.pause()
        toasts = list(app.screen.query("Toast"))
        assert len(toasts) == 2 and app.focused.id == "filter" and not overlap(app)
        footer = app.size.height - 1
        assert max(toast.region.bottom for toast in toasts) <= footer, [
            toast.region for toast in toasts]
        assert toast_lines(app)[-1] == "quitter.", toast_lines(app)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_toasts_piling_up_never_cover_the_field_being_typed_in(make_app, lasting_toasts, size):
    """Ctrl+C twice on « Mon titre actuel »: three toasts (« Dossier créé. » and the same
    five lines twice) ran from the top over the first field, the one with the focus. The
    same message is shown once; wherever Tab brings the field, no toast is over it."""
    app = make_app()
    async with app.run_test(size=size, notifications=True) as pilot:
        await pilot.press("ctrl+n", "ctrl+s")  # a renewal: « Mon titre actuel »
        await pilot.pause()
        assert isinstance(app.screen, ProfileScreen)
        await pilot.press("ctrl+c", "ctrl+c")
        await pilot.pause()
        # « Dossier créé. » with the mandate to have signed (issue 24), Ctrl+C's lines once.
        assert len(app.screen.query("Toast")) == 2 and app.focused.id == "f-n_etranger"
        assert not overlap(app), overlap(app)
        for _ in range(4):  # and wherever Tab brings the field typed in
            await pilot.press("tab")
            await pilot.pause()
            assert not overlap(app), (app.focused, overlap(app))
