"""Playwright on Debian's chromium: never a browser download."""

import os
import shutil

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser import tabs

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            # The browser tests share one live server; keep them on one xdist worker.
            item.add_marker(pytest.mark.xdist_group("browser"))


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail("Debian's chromium is missing: run `make browser-deps`.")
    # Playwright's sync API runs an event loop; Django must allow ORM calls beside it.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=ARGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def axe():
    """axe-core, which the browser tests run in their pages."""
    return Axe()


@pytest.fixture
def page(browser, live_server, settings):
    # The live server is the site: links in its emails point at it, as they
    # point at MERIDIAN_SITE_URL on a real one.
    settings.SITE_URL = live_server.url
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    errors = []
    page.on(
        "console", lambda msg: errors.append(msg.text) if msg.type == "error" else None
    )
    page.console_errors = errors
    yield page
    context.close()
    tabs.close_all()


@pytest.fixture(autouse=True)
def _tabs_closed(settings):
    """Close the signed-in tabs a test opened while its rows and settings last."""
    yield
    tabs.close_all()
