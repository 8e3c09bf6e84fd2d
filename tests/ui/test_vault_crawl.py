"""The vault's screens crawled as the app's are (tests/ui/test_crawler.py): at 80×24 and
120×40, every widget Tab reaches is in sight with the terminal cursor on it. The door's
screens in order of a first start (choose a passphrase, the plain warning, the recovery
key), of a later start (unlock, the recovery key typed, a new passphrase), of an old folder
(the offer, the passphrase, a conversion refused while the folder is open elsewhere), and
the main app's lock, « Changer la phrase secrète » and « Exports en clair »."""

from __future__ import annotations

import pytest

from anef_tui.store.dossiers import DossierStore
from anef_tui.store.exports import export_bytes
from anef_tui.ui.vault.door import DoorApp
from anef_tui.vault.folder import FolderKind
from tests.conftest import frozen_clock
from tests.ui.test_crawler import SIZES, crawl_screen
from tests.vault_helpers import CHEAP, PHRASE, make_vault

#: Each stop of the walks below, and the screen it shows.
VAULT_SCREEN_AT_STOP = {
    "coffre-creer": "CreateScreen",
    "coffre-sans-chiffrement": "PlainWarningScreen",
    "coffre-cle-de-secours": "RecoveryShownScreen",
    "coffre-ouvrir": "UnlockScreen",
    "coffre-secours": "RecoveryUnlockScreen",
    "coffre-nouvelle-phrase": "NewPhraseScreen",
    "coffre-ancien": "ConvertOfferScreen",
    "coffre-chiffrer": "ConvertScreen",
    "coffre-chiffrement-refuse": "ConversionScreen",
    "verrou": "LockScreen",
    "changer-phrase": "CurrentPhraseScreen",
    "exports": "ExportsScreen",
}


async def _pause_until(pilot, condition, tries: int = 300) -> None:
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError("never happened")


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_every_vault_screen_is_in_sight(tmp_path, size):
    problems: list[str] = []
    shown: dict[str, str] = {}

    async def visit(pilot, stop: str) -> None:
        shown[stop] = type(pilot.app.screen).__name__
        assert await crawl_screen(pilot, stop, problems) >= 1, stop

    # A first start: the passphrase, the warning (Échap back), then the recovery key.
    new = tmp_path / "neuf"
    app = DoorApp(new, FolderKind.NEW, params=CHEAP)
    async with app.run_test(size=size) as pilot:
        await visit(pilot, "coffre-creer")
        await pilot.press("f3")
        await visit(pilot, "coffre-sans-chiffrement")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press(*PHRASE, "enter", *PHRASE, "enter")
        await _pause_until(pilot, lambda: type(app.screen).__name__ == "RecoveryShownScreen")
        await visit(pilot, "coffre-cle-de-secours")
    # A later start: unlock, the recovery key, a new passphrase.
    created = make_vault(tmp_path / "chiffre")
    app = DoorApp(tmp_path / "chiffre", FolderKind.ENCRYPTED)
    async with app.run_test(size=size) as pilot:
        await visit(pilot, "coffre-ouvrir")
        await pilot.press("f2")
        await visit(pilot, "coffre-secours")
        await pilot.press(*created.recovery_key, "enter")
        await _pause_until(pilot, lambda: type(app.screen).__name__ == "NewPhraseScreen")
        await visit(pilot, "coffre-nouvelle-phrase")
    # An old folder, open in another window: its conversion is refused and says why.
    old = tmp_path / "ancien"
    DossierStore(old, clock=frozen_clock).close()
    app = DoorApp(old, FolderKind.PLAIN_OLD, params=CHEAP)
    async with app.run_test(size=size) as pilot:
        await visit(pilot, "coffre-ancien")
        await pilot.press("f2")
        await visit(pilot, "coffre-chiffrer")
        with DossierStore(old, clock=frozen_clock):  # the other window
            await pilot.press(*PHRASE, "enter", *PHRASE, "enter")
            await _pause_until(pilot, lambda: "fermez toutes ses fenêtres"
                               in str(app.screen.query_one("#message").render()))
            await visit(pilot, "coffre-chiffrement-refuse")
    # The main app of an encrypted folder: the lock, then « Changer la phrase secrète ».
    from anef_tui.ui.app import make_app

    main_dir = tmp_path / "principal"
    key = make_vault(main_dir).key
    app = make_app(main_dir, clock=frozen_clock, key=key)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+l")
        await visit(pilot, "verrou")
        await pilot.press(*PHRASE, "enter")
        await _pause_until(pilot, lambda: type(app.screen).__name__ == "HomeScreen")
        await pilot.press("ctrl+p", *"Changer la phrase")
        await pilot.pause()
        await pilot.press("enter")
        await visit(pilot, "changer-phrase")
        await pilot.press("escape")
        await pilot.pause()
        export_bytes(main_dir, "liste-0001.pdf", b"%PDF-1.4\n%%EOF\n")
        await pilot.press("ctrl+p", *"Exports en clair")
        await pilot.pause()
        await pilot.press("enter")
        await visit(pilot, "exports")
    assert shown == VAULT_SCREEN_AT_STOP
    assert not problems, "\n".join(problems)
