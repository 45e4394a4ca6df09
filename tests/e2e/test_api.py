"""The API's two pages in Chromium: a viewer makes a token on a phone-sized screen and the API takes it;
the Swagger UI documentation draws every endpoint from static files under the CSP, with nothing fetched
from elsewhere."""

import json
import urllib.request

from tests.e2e.test_pages import serious_violations


def test_a_viewer_makes_a_token_on_a_phone_and_the_api_takes_it(open_as, live_server, screenshots):
    watched = open_as("viewer", width=390)
    page = watched.page
    page.goto(f"{live_server}/account/tokens")
    page.get_by_label("Name").fill("Phone test")
    page.get_by_role("button", name="Create token").click()
    token = page.get_by_label("Token").input_value()
    assert token.startswith("tnt_")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert serious_violations(page) == []
    watched.assert_clean()
    page.screenshot(path=screenshots / "api-tokens-phone.png", full_page=True)

    # no cookie: the token alone opens the API (the test's own server, http)
    url, headers = f"{live_server}/api/v1/events?year=2024", {"Authorization": f"Bearer {token}"}
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers)) as response:  # noqa: S310
        events = json.load(response)
    assert events and all("attendance" in e for e in events)

    page.reload()  # shown once: a new visit lists it without the secret
    assert token not in page.content() and "Phone test" in page.content()


def test_the_documentation_draws_every_endpoint_offline(open_as, live_server, screenshots):
    watched = open_as(None)
    page = watched.page
    page.goto(f"{live_server}/api/v1/docs")
    page.wait_for_selector(".opblock-summary-path")
    paths = {p.inner_text().replace("\u200b", "") for p in page.locator(".opblock-summary-path").all()}
    assert {"/api/v1/directory", "/api/v1/reports/plenary", "/api/v1/events/{event_id}"} <= paths
    watched.assert_clean()
    page.screenshot(path=screenshots / "api-docs-desktop.png", full_page=True)
