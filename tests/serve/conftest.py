"""The served app's browser: one Chromium per test module (Playwright's own event loop
is closed with it, before another module's tests run in the process), a new context (no
cookie, no cache, its own downloads) per test."""

from __future__ import annotations

import pytest

from tests.serve.served import CHROMIUM_ARGS, chromium_path


@pytest.fixture(scope="module")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def browser_page(chromium):
    """A page in a fresh context, 1000×640 pixels (the served terminal's size follows), with
    every request it made in `page.requests`."""
    context = chromium.new_context(viewport={"width": 1000, "height": 640},
                                   accept_downloads=True)
    page = context.new_page()
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page.requests = requests  # type: ignore[attr-defined]
    try:
        yield page
    finally:
        context.close()
