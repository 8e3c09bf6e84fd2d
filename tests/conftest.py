"""Shared fixtures: a fresh data directory, a frozen clock and an app factory."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import pytest

# No scrolling animations in tests: every key press waits for animations to finish, and a
# Tab that scrolls the form would otherwise cost a whole animation (frozen snapshots too).
os.environ["TEXTUAL_ANIMATIONS"] = "none"


def _settled_waits() -> None:
    """Pilot waits until the app has nothing left to do, not until the process looks idle
    by its CPU time, which a loaded machine fools (see tests/settle.py)."""
    from tests import settle

    settle.install()


_settled_waits()


def _no_autosave_by_the_wall_clock() -> None:
    """A form saves a draft every 3 s of real time: on a loaded machine a long walk crossed
    that mark at different places (the crawler's conflict step: an autosave between the
    other window's write and Ctrl+S asked first). Tests that are about the autosave set a
    short interval themselves (monkeypatch); for the others it never fires."""
    import anef_tui.ui.screens.dossier as step_screens
    import anef_tui.ui.screens.followup.notification as notification_screens

    step_screens.DRAFT_INTERVAL = 3600.0
    notification_screens.DRAFT_INTERVAL = 3600.0


_no_autosave_by_the_wall_clock()


def _no_desk_watcher_by_default() -> None:
    """The store's change feed (issue 25) refreshes screens when another connection
    commits, at a moment of its thread's choosing: a test whose second window writes (the
    conflict tests, the crawler's conflict step) would see its screen change under it, or
    not, by luck. Off by default, as the autosave; the tests about desks turn it on."""
    from anef_tui.store.desks.desk import Desk

    Desk.watching = False


_no_desk_watcher_by_default()


def _same_examples_every_run() -> None:
    """Property tests draw the same examples at every run (derived from each test), so that
    `make test` is green five times out of five or red every time: a failure hypothesis
    finds once is then found again, not by luck. To explore further by hand:
    `pytest --hypothesis-profile=explore`."""
    from hypothesis import settings

    settings.register_profile("anef", derandomize=True)
    settings.register_profile("explore", derandomize=False, max_examples=1000)
    settings.load_profile("anef")


_same_examples_every_run()


def _steady_cursor() -> None:
    """The text cursor of a focused Input blinks every 0.5 s: a snapshot taken on a loaded
    machine could catch it hidden. In tests it stays shown (frozen, as the clock is)."""
    from textual.widgets._input import Input

    def _toggle_cursor(self) -> None:
        self._cursor_visible = True

    Input._toggle_cursor = _toggle_cursor  # type: ignore[method-assign]


_steady_cursor()

FROZEN_NOW = datetime(2026, 11, 22, 10, 30, 0)


def frozen_clock() -> datetime:
    return FROZEN_NOW


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "donnees"


@pytest.fixture
def make_app(data_dir: Path):
    """Build the app on `data_dir` with the frozen clock; `demo=True` fills it first; `key`:
    the vault of an encrypted `data_dir` (tests/vault_helpers.make_vault)."""

    def factory(*, demo: bool = False, key=None):
        from anef_tui.ui.app import make_app as build

        if demo:
            fill_demo_folder(data_dir)
        return build(data_dir, clock=frozen_clock, key=key)

    return factory


@pytest.fixture(scope="session")
def fidelity_steps_walk(tmp_path_factory) -> dict:
    """The fidelity walk of the renewal and of the first application, typed from « Mes
    dossiers » to their PDFs (tests/fidelity/test_inventory.py `walk_both`), once per
    process: the inventory reads it, and so do the end-to-end tests of both procedures
    (tests/ui/test_renewal_e2e.py, test_first_application_e2e.py). Their tests share the
    xdist group « fidelity-steps »."""
    from tests.fidelity.test_inventory import walk_both

    return walk_both(tmp_path_factory)


_DEMO_TEMPLATE: list[Path] = []


def fill_demo_folder(data_dir: Path) -> None:
    """The demo's dossiers in `data_dir`, as `fill_demo` makes them with the frozen clock.
    A new folder gets a copy of a folder filled once per test process (same bytes: the
    demo is deterministic, its files are content-addressed under `pieces/`, no path of the
    folder is stored); a folder a test already filled gets the demo added to it."""
    import shutil
    import tempfile

    from anef_tui.demo import fill_demo
    from anef_tui.store.dossiers import DossierStore
    from anef_tui.vault.folder import CHOICE_DEMO, record_plain_choice

    if data_dir.exists():
        with DossierStore(data_dir, clock=frozen_clock) as store:
            fill_demo(store)
        return
    if not _DEMO_TEMPLATE:
        import atexit

        root = Path(tempfile.mkdtemp(prefix="anef-demo-"))
        atexit.register(shutil.rmtree, root, ignore_errors=True)
        template = root / "donnees"
        with DossierStore(template, clock=frozen_clock) as store:
            fill_demo(store)
        # As `anef-tui demo` on a new folder: a demonstration folder, kept plain, whose
        # screens say « Données de démonstration » (issue 23).
        record_plain_choice(template, CHOICE_DEMO)
        _DEMO_TEMPLATE.append(template)
    data_dir.parent.mkdir(parents=True, exist_ok=True)
    shutil.copytree(_DEMO_TEMPLATE[0], data_dir)  # modes kept: owner-only


_ENCRYPTED_TEMPLATE: list[tuple[Path, object]] = []


def fill_encrypted_demo_folder(data_dir: Path):
    """The demo's dossiers in a new encrypted folder `data_dir` (a vault with cheap key
    derivation, as tests/vault_helpers.py makes); return its key. A copy of a folder filled
    once per test process, `coffre.cle` included (one vault id for all the copies)."""
    import shutil
    import tempfile

    from anef_tui.demo import fill_demo
    from anef_tui.store.dossiers import DossierStore
    from tests.vault_helpers import make_vault

    if not _ENCRYPTED_TEMPLATE:
        import atexit

        root = Path(tempfile.mkdtemp(prefix="anef-demo-chiffree-"))
        atexit.register(shutil.rmtree, root, ignore_errors=True)
        template = root / "donnees"
        key = make_vault(template).key
        with DossierStore(template, clock=frozen_clock, key=key) as store:
            fill_demo(store)
        _ENCRYPTED_TEMPLATE.append((template, key))
    template, key = _ENCRYPTED_TEMPLATE[0]
    data_dir.parent.mkdir(parents=True, exist_ok=True)
    shutil.copytree(template, data_dir)  # modes kept: owner-only
    return key


# Every test is watched for descriptors opened on a live base outside SQLite (issue 19):
# closing one would drop this process's locks on it (see tests/descriptor_guard.py).
from tests import descriptor_guard  # noqa: E402

descriptor_guard.install()


@pytest.fixture(autouse=True)
def _no_descriptor_on_a_live_base():
    descriptor_guard.take()
    yield
    found = descriptor_guard.take()
    if found:
        path, stack = found[0]
        pytest.fail(
            f"{len(found)} descriptor(s) opened outside SQLite on a base this process holds "
            f"locks on; the first on {path}, from:\n{stack}",
            pytrace=False,
        )


def _a_consent_by_default() -> None:
    """Issue 24: the store refuses writes on a dossier without a consent in force. The
    application's own creation paths record one (their tests say so, with this default
    removed: `tests/consent_helpers.no_default_consent`); the hundreds of tests that create
    dossiers through the store get one of twelve months from their clock."""
    from anef_tui.domain.consent import ConsentTerms
    from anef_tui.store.database import Database

    Database.default_consent = ConsentTerms("formulaire_signe", 12)


_a_consent_by_default()


@pytest.fixture(scope="session")
def postgres_server():
    """A real PostgreSQL server for this test process (tests/postgres_server.py): started
    on first use, stopped at the end of the session."""
    from tests.postgres_server import running_server

    with running_server() as server:
        yield server


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request) -> str:
    """The store's engine (issue 25): a contract test that takes it runs on both."""
    return request.param


MIGRATED_TEMPLATE = "anef_migrated"


@pytest.fixture
def store_base(engine, request, tmp_path_factory) -> str | None:
    """Where a contract test's store keeps its base: None (SQLite, in the data folder) or
    the URL of a PostgreSQL database migrated once per session and emptied for each test
    (tests/postgres_server.py `emptied`)."""
    if engine == "sqlite":
        return None
    return migrated_base(request.getfixturevalue("postgres_server"), tmp_path_factory)


def migrated_base(server, tmp_path_factory) -> str:
    """The URL of this process's migrated PostgreSQL database, emptied (tests/
    postgres_server.py `emptied`: migrated once, truncated for each caller)."""

    def migrate(url: str) -> None:
        from anef_tui.store.dossiers import DossierStore

        DossierStore(tmp_path_factory.mktemp("template"), base=url).close()

    return server.emptied(MIGRATED_TEMPLATE, migrate)


@pytest.fixture
def store_key(engine, tmp_path_factory):
    """The key a contract test's store seals files with: None on SQLite (a plain folder);
    on PostgreSQL the structure's key, which the server's base requires for any file (the
    workers' accounts bring it; a vault of cheap derivation stands for it here)."""
    if engine == "sqlite":
        return None
    from tests.vault_helpers import make_vault

    return make_vault(tmp_path_factory.mktemp("cle")).key


@pytest.fixture(params=["sqlite", "postgresql"])
def journey_desk(request, data_dir, tmp_path_factory):
    """Where a TUI end-to-end journey runs (issue 25 item 5): a desk's folder on SQLite,
    then a structure's base on the real PostgreSQL server with a référent who logs in
    (tests/ui/e2e_desk.py). The journeys take it: each runs once on each engine."""
    from tests.ui.e2e_desk import journey_desk_for

    return journey_desk_for(request.param, data_dir, request, tmp_path_factory)


def pytest_collection_finish(session) -> None:
    """What is alive once the tests are collected (modules, test items, parametrized
    values) lives until the process ends: `gc.freeze()` takes it out of the cycle
    collector's full passes, which otherwise walked it again at each one (~3 % of a
    worker's CPU measured on four test files, NOTES « Branch `budget3` »), and out of
    pytest's five collections at the end. Objects the tests make are collected as before."""
    import gc

    gc.freeze()
