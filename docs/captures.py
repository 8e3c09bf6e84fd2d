"""The served app's pictures in README (« Dans un navigateur »): `anef-tui servir` on a new
encrypted demonstration folder, Debian's Chromium (as in tests/serve/), four screens saved
as PNG next to this file. Run from the sources: `.venv/bin/python docs/captures.py`.

Nothing here is a test: the tests are tests/serve/test_browser.py.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from tests.conftest import fill_encrypted_demo_folder  # noqa: E402
from tests.serve.served import (  # noqa: E402
    CHROMIUM_ARGS,
    chromium_path,
    served,
    type_keys,
    wait_for_text,
)
from tests.vault_helpers import PHRASE  # noqa: E402


def press(page, *keys: str) -> None:
    type_keys(page, *keys, pause_ms=200)


def main() -> int:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as root, sync_playwright() as driver:
        folder = Path(root) / "donnees"
        fill_encrypted_demo_folder(folder)
        browser = driver.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1100, "height": 680})
        with served(folder) as server:
            page.goto(server.url)
            wait_for_text(page, "Phrase secrète")
            page.wait_for_timeout(500)
            page.screenshot(path=HERE / "servi-connexion.png")
            press(page, "T:" + PHRASE, "Enter")
            wait_for_text(page, "Votre nom (aidant)")
            press(page, "T:Marie Aidante", "Enter")
            wait_for_text(page, "Mes dossiers")
            page.wait_for_timeout(7000)  # the toasts gone
            page.screenshot(path=HERE / "servi-mes-dossiers.png")
            press(page, "Control+f", "T:diallo", "Enter", "Enter")
            wait_for_text(page, "Étape 3 : Motif de séjour")
            press(page, "T:01/09/2015", "Tab", "Space")
            page.wait_for_timeout(500)
            page.screenshot(path=HERE / "servi-etape.png")
            press(page, "F9")  # « Plus tard »: the typing kept, back to « Mes dossiers »
            wait_for_text(page, "Mes dossiers")
            page.wait_for_timeout(500)
            press(page, "Control+f", "T:okafor", "Enter", "Enter")
            wait_for_text(page, "J'ouvre ma confirmation")
            with page.expect_download():
                press(page, "Control+s")
            wait_for_text(page, "envoyé au navigateur")
            page.wait_for_timeout(500)
            page.screenshot(path=HERE / "servi-confirmation.png")
        browser.close()
    for name in sorted(HERE.glob("servi-*.png")):
        print(name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
