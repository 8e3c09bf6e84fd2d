"""Where a TUI end-to-end journey runs (issue 25 item 5): a desk's own folder (SQLite, as
always), or a structure's base on a real PostgreSQL server (tests/postgres_server.py).

The journeys (`test_first_application_e2e.py`, `test_renewal_e2e.py`) take the fixture
`journey_desk` (tests/conftest.py) and run once on each: the same keys, the same
assertions. What differs is here, and only here:
- on the server the base has a référent (tests/accounts_helpers.py), so the app opens on
  the login screen and the worker logs in with keys (`open`), which unseals the
  structure's key: the scans and PDFs are sealed with it and kept in the base;
- what the journey left is read back by another desk of the structure (`other_desk`,
  logged in as a worker is) and the PDFs from the base (`pdfs`); the desk's folder keeps
  nothing of the person (`pdfs` checks it).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from anef_tui.store.dossiers import DossierStore
from tests.conftest import frozen_clock

SQLITE = "sqlite"
POSTGRESQL = "postgresql"


class JourneyDesk:
    """One desk for one journey: `engine` SQLite (`base` None, the folder `data_dir`) or
    PostgreSQL (`base` the URL of a base holding a référent)."""

    def __init__(self, engine: str, data_dir: Path, base: str | None = None) -> None:
        self.engine = engine
        self.data_dir = data_dir
        self.base = base

    @property
    def on_server(self) -> bool:
        return self.base is not None

    def make_app(self):
        """The app on this desk, with the frozen clock (as conftest's `make_app`)."""
        from anef_tui.ui.app import AnefApp
        from anef_tui.ui.app import make_app as build

        if self.base is None:
            return build(self.data_dir, clock=frozen_clock)
        store = DossierStore(self.data_dir, clock=frozen_clock, base=self.base)
        return AnefApp(store, clock=frozen_clock)

    async def open(self, pilot) -> None:
        """From the app's first screen to « Mes dossiers »: on the server, the login
        screen, passed with keys (name, Entrée, passphrase, Entrée) as a worker does."""
        if self.base is None:
            return
        from tests.accounts_helpers import REFERENT, REFERENT_PHRASE
        from tests.ui.test_vault_door import wait_until

        app = pilot.app
        await pilot.pause()
        assert type(app.screen).__name__ == "LoginScreen"
        await pilot.press(*REFERENT, "enter", *REFERENT_PHRASE, "enter")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "HomeScreen", 1000)
        await pilot.pause()
        assert app.services.dossiers.database.key is not None  # the structure's, unsealed

    @contextlib.contextmanager
    def other_desk(self, folder: Path) -> Iterator[DossierStore]:
        """The journey's base read afresh: the same folder on SQLite; on the server another
        desk's folder (`folder`), logged in as the référent, which unseals the key."""
        if self.base is None:
            with DossierStore(self.data_dir, clock=frozen_clock) as store:
                yield store
            return
        from anef_tui import accounts
        from anef_tui.store.journal.actor import COMMAND_LINE
        from tests.accounts_helpers import REFERENT, REFERENT_PHRASE

        with DossierStore(folder, clock=frozen_clock, base=self.base) as store:
            accounts.login(store.database, REFERENT, REFERENT_PHRASE, front_end=COMMAND_LINE)
            yield store

    def pdfs(self, store: DossierStore, kind: str) -> list[bytes]:
        """The PDFs of `kind` (« confirmation », « liste »…) the journey kept: on SQLite the
        files of the folder's documents/; on the server the ones kept sealed in the base,
        unsealed, and none in the desk's documents/ folder."""
        documents = self.data_dir / "documents"
        if self.base is None:
            return [path.read_bytes() for path in sorted(documents.glob(f"{kind}-*.pdf"))]
        from anef_tui.store import server_files

        assert not documents.exists() or not any(p.is_file() for p in documents.rglob("*"))
        with store.database.reading() as conn:
            names = sorted(row[0] for row in conn.execute(
                "SELECT name FROM kept_documents WHERE name LIKE ?", (f"{kind}-%",)))
        found = [server_files.kept_document(store.database, name) for name in names]
        return [data for data in found if data is not None]


def journey_desk_for(engine: str, data_dir: Path, request, tmp_path_factory) -> JourneyDesk:
    """conftest's `journey_desk`: on PostgreSQL, the process's migrated base emptied
    (`PostgresServer.emptied`, as the contract tests' `store_base`: no migration or
    CREATE DATABASE per journey), then its first référent."""
    if engine == SQLITE:
        return JourneyDesk(SQLITE, data_dir)
    from tests.accounts_helpers import with_referent
    from tests.conftest import migrated_base

    url = migrated_base(request.getfixturevalue("postgres_server"), tmp_path_factory)
    with_referent(tmp_path_factory.mktemp("referent"), aidant=False, base=url)
    return JourneyDesk(POSTGRESQL, data_dir, url)
