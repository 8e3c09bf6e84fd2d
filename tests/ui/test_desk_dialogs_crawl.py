"""The desk's dialogs of issue 24 that the main walk (tests/ui/test_crawler.py) leaves out,
crawled as it crawls its stops, at 80×24 and 120×40: « Durée de conservation »,
« Personnes à effacer » (one person past the period, so « Tout effacer » is there) and the
phrase shown once after « Exporter le dossier ». Each widget Tab reaches is in sight, with
the terminal cursor on it. (« Effacer cette personne » and « Importer un dossier », met
more often, are stops of the main walk, with a picture.)"""

from __future__ import annotations

from datetime import datetime

import pytest

from anef_tui.store.dossiers import DossierStore
from anef_tui.ui.app import make_app
from tests.conftest import fill_demo_folder, frozen_clock
from tests.ui.test_crawler import SIZES, crawl_screen
from tests.ui.test_journal_screens import palette

#: Each stop of the crawl below, and the screen it shows (tests/ui/test_crawler.py counts
#: them in `test_every_screen_is_crawled`).
DESK_SCREEN_AT_STOP = {
    "duree": "PeriodScreen",
    "a-effacer": "RetentionScreen",
    "phrase": "PhraseShownScreen",
}


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_every_desk_dialog_is_in_sight(tmp_path, size):
    data = tmp_path / "donnees"
    with DossierStore(data, clock=lambda: datetime(2024, 1, 2, 9, 0)) as store:
        store.create("renouvellement", applicant_name="ANCIEN Brouillon")
    fill_demo_folder(data)
    problems: list[str] = []
    shown: dict[str, str] = {}
    app = make_app(data, clock=frozen_clock)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for stop, words in (("duree", "Durée de conservation"),
                            ("a-effacer", "Personnes à effacer"),
                            ("phrase", "Exporter le dossier")):
            await palette(pilot, words)
            shown[stop] = type(app.screen).__name__
            assert await crawl_screen(pilot, stop, problems) >= 1
            if stop == "a-effacer":
                assert app.screen.query("#confirm")  # « Tout effacer »: one person is due
            await pilot.press("escape")
            await pilot.pause()
    assert shown == DESK_SCREEN_AT_STOP
    assert problems == []
