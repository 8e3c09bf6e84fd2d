"""The screens of a base with accounts (issue 25) that the main walk (tests/ui/test_crawler.py)
never reaches — its demo base has no account: the login, the passphrase a référent gave
changed first, and the lock (Ctrl+L) — crawled as the walk crawls its stops, at 80×24 and
120×40: each widget Tab reaches is in sight, with the terminal cursor on it."""

from __future__ import annotations

import pytest

from tests.accounts_helpers import AIDANT, AIDANT_INITIAL, AIDANT_OWN, with_referent
from tests.conftest import fill_demo_folder
from tests.ui.test_crawler import SIZES, crawl_screen
from tests.ui.test_vault_door import type_in, wait_until

#: Each stop of the crawl below, and the screen it shows (tests/ui/test_crawler.py counts
#: them in `test_every_screen_is_crawled`).
ACCOUNT_SCREEN_AT_STOP = {
    "connexion": "LoginScreen",
    "phrase-a-choisir": "OwnPhraseScreen",
    "verrou-compte": "AccountLockScreen",
}


def _screen(app) -> str:
    return type(app.screen).__name__


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_every_account_screen_is_in_sight(data_dir, make_app, size):
    fill_demo_folder(data_dir)
    with_referent(data_dir)
    problems: list[str] = []
    shown: dict[str, str] = {}
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        shown["connexion"] = _screen(app)
        assert await crawl_screen(pilot, "connexion", problems) >= 2
        app.screen.query_one("#account").focus()
        await pilot.pause()
        await type_in(pilot, AIDANT)
        await pilot.press("enter")
        await type_in(pilot, AIDANT_INITIAL)
        await pilot.press("enter")
        await wait_until(pilot, lambda: _screen(app) == "OwnPhraseScreen")
        shown["phrase-a-choisir"] = _screen(app)
        assert await crawl_screen(pilot, "phrase-a-choisir", problems) >= 2
        first = app.screen.query("Input").first()
        first.focus()
        await pilot.pause()
        await type_in(pilot, AIDANT_OWN)
        await pilot.press("enter")
        await type_in(pilot, AIDANT_OWN)
        await pilot.press("enter")
        await wait_until(pilot, lambda: _screen(app) == "HomeScreen")
        await pilot.press("ctrl+l")
        await wait_until(pilot, lambda: _screen(app) == "AccountLockScreen")
        shown["verrou-compte"] = _screen(app)
        assert await crawl_screen(pilot, "verrou-compte", problems) >= 1
    assert shown == ACCOUNT_SCREEN_AT_STOP
    assert problems == []
