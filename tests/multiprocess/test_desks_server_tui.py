"""Desks see each other on a structure's PostgreSQL base (issue 25 item 3), as two workers:
the test's app on screen (logged in with the keys), a colleague's desk in another process
(`other_desk.py` with the server's URL). The change feed LISTENs: « Mes dossiers » shows the
colleague's new dossier, an open dossier says who else has it (their backend in
`pg_stat_activity`) and that it changed, a save then asks (the conflict dialog), the
presence line goes when the colleague's process is killed -9, and all of it still works
after `pg_ctl restart` under both desks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from anef_tui.demo import fill_demo
from anef_tui.store import base_choice
from anef_tui.store.dossiers import DossierStore
from anef_tui.ui.screens.dialogs import ConflictScreen
from tests.accounts_helpers import REFERENT, REFERENT_PHRASE, with_referent
from tests.conftest import frozen_clock
from tests.multiprocess.test_desks_tui import WORKER, OtherDesk, ids_of, shown, until
from tests.ui.keys import tab_to
from tests.ui.test_faults import open_nguyen_motif
from tests.ui.test_server_base import log_in

pytestmark = pytest.mark.xdist_group("multiprocess")


@pytest.fixture
def server_base(postgres_server, data_dir: Path, tmp_path: Path):
    """The demo's dossiers on a fresh server base with a référent; the process's stores
    open it (as `--base URL` does)."""
    from anef_tui.accounts import login
    from anef_tui.store.journal.actor import COMMAND_LINE

    url = postgres_server.fresh_database()
    with_referent(data_dir, aidant=False, base=url)
    with DossierStore(tmp_path / "remplissage", clock=frozen_clock, base=url) as store:
        login(store.database, REFERENT, REFERENT_PHRASE, front_end=COMMAND_LINE)
        fill_demo(store)
    base_choice.choose(url)
    yield url
    base_choice.choose(None)


@pytest.fixture
def other_desk(data_dir, server_base):
    desks: list[OtherDesk] = []

    def start() -> OtherDesk:
        desks.append(OtherDesk(data_dir, base=server_base))
        return desks[-1]

    yield start
    for desk in desks:
        desk.stop()


@pytest.fixture
def watching(monkeypatch):
    """The change feed on (tests/conftest.py turns it off)."""
    from anef_tui.store.desks.desk import Desk

    monkeypatch.setattr(Desk, "watching", True)
    monkeypatch.setattr(Desk, "period", 0.05)


async def test_mes_dossiers_shows_a_colleagues_new_dossier_on_the_server(
        make_app, server_base, watching, other_desk):
    app = make_app()
    other = other_desk()
    async with app.run_test(size=(80, 24)) as pilot:
        await log_in(pilot)
        assert "ZORGLUB Awa" not in shown(app)
        other.ask("create ZORGLUB Awa")
        await until(pilot, lambda: "ZORGLUB Awa" in shown(app))


async def test_an_open_dossier_on_the_server_says_who_changed_it_and_forgets_a_killed_desk(
        make_app, data_dir, server_base, watching, other_desk):
    app = make_app()
    nguyen = ids_of(data_dir, "nguyen")
    other = other_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        await log_in(pilot)
        screen = await open_nguyen_motif(pilot)
        await tab_to(pilot, "f-situation_familiale")
        await pilot.press("down")  # typed, not saved
        await pilot.pause()
        mine = screen.current_values()
        other.ask(f"open {nguyen}")
        await until(pilot, lambda: f"Ouvert aussi par {WORKER} à un autre poste depuis"
                    in shown(app))
        theirs = {"situation_familiale": "Divorcé(e)"}
        other.ask(f"draft {nguyen} motif_sejour {json.dumps(theirs)}")
        await until(pilot, lambda: "Ce dossier a été modifié à un autre poste à" in shown(app))
        assert app.screen is screen and screen.current_values() == mine
        other.kill()  # its connection cut, its backend ends: the row is left, not alive
        await until(pilot, lambda: "Ouvert aussi" not in shown(app))
        assert "Ce dossier a été modifié à un autre poste à" in shown(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConflictScreen)  # never a lost update
        await pilot.press("enter")  # « Annuler »: nothing written, the typing kept
        await pilot.pause()
        assert app.screen is screen and screen.current_values() == mine
    with DossierStore(data_dir, clock=frozen_clock) as store:
        assert store.get(nguyen).drafts["motif_sejour"] == theirs


async def test_the_feed_survives_pg_ctl_restart_under_both_desks(
        make_app, postgres_server, server_base, watching, other_desk):
    app = make_app()
    other = other_desk()
    async with app.run_test(size=(80, 24)) as pilot:
        await log_in(pilot)
        other.ask("create AVANT Awa")
        await until(pilot, lambda: "AVANT Awa" in shown(app))
        postgres_server.stop("fast")
        postgres_server.start()
        # The colleague's next write reconnects its store; this desk's feed has
        # reconnected by itself and tells it (not a word lost).
        other.ask("create APRES Awa")
        await until(pilot, lambda: "APRES Awa" in shown(app))
        assert "AVANT Awa" in shown(app)


async def test_a_dossier_abandoned_at_another_desk_on_the_server_says_so(
        make_app, data_dir, server_base, watching, other_desk):
    app = make_app()
    nguyen = ids_of(data_dir, "nguyen")
    other = other_desk()
    async with app.run_test(size=(80, 24)) as pilot:
        await log_in(pilot)
        screen = await open_nguyen_motif(pilot)
        await tab_to(pilot, "f-situation_familiale")
        await pilot.press("down")
        await pilot.pause()
        mine = screen.current_values()
        other.ask(f"abandon {nguyen}")
        await until(pilot, lambda: "Ce dossier n'existe plus : il a été abandonné ou effacé "
                    "à un autre poste." in shown(app))
        assert app.screen is screen and screen.current_values() == mine
