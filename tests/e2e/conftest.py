"""Browser tests: Playwright driving Debian's Chromium against a real WSGI server on 127.0.0.1.

The server runs in a thread with its own SQLite database holding the demo data, whatever DATABASE_URL
says (the journeys are checked on SQLite; the rest of the suite covers PostgreSQL). Without
/usr/bin/chromium every browser test is skipped with that reason, visibly.
"""

import os
from pathlib import Path

import pytest

from tests.live import live_app, migrate_and_load_demo, serving

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(os.environ.get("E2E_ARTIFACTS", Path(__file__).resolve().parents[2] / "test-artifacts"))
DEMO_PASSWORDS = {"admin": "demo-admin-pass", "editor": "demo-editor-pass", "viewer": "demo-viewer-pass"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            if not os.path.exists(CHROMIUM):
                item.add_marker(
                    pytest.mark.skip(reason=f"{CHROMIUM} is not installed (apt-get install chromium)")
                )


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    app = live_app(tmp_path_factory.mktemp("live") / "live.sqlite")
    migrate_and_load_demo(app)
    with serving(app) as base:
        yield base


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
            ],
        )
        yield browser
        browser.close()


class Watched:
    """A page whose console errors and requests to other origins are collected for the test to check."""

    def __init__(self, page, origin: str):
        self.page = page
        self.origin = origin
        self.console_errors: list[str] = []
        self.foreign_requests: list[str] = []
        page.on(
            "console", lambda message: message.type == "error" and self.console_errors.append(message.text)
        )
        page.on("request", self._on_request)

    def _on_request(self, request):
        if not request.url.startswith((self.origin, "data:", "blob:")):
            self.foreign_requests.append(request.url)

    def assert_clean(self):
        assert self.console_errors == [], self.console_errors
        assert self.foreign_requests == [], self.foreign_requests


@pytest.fixture
def open_as(browser, live_server):
    """open_as("editor") -> a Watched page logged in with that demo account."""
    contexts = []

    def open_page(role: str | None, width: int = 1280):
        context = browser.new_context(viewport={"width": width, "height": 900}, accept_downloads=True)
        contexts.append(context)
        watched = Watched(context.new_page(), live_server)
        if role:
            page = watched.page
            page.goto(f"{live_server}/login")
            page.get_by_label("E-mail").fill(f"{role}@example.org")
            page.get_by_label("Password").fill(DEMO_PASSWORDS[role])
            page.get_by_role("button", name="Log in").click()
            page.wait_for_url(f"{live_server}/")
        return watched

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def screenshots():
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder
