"""Every main page in a real browser: it renders, its charts draw, nothing leaves the origin, axe passes."""

import pytest
from axe_playwright_python.sync_playwright import Axe

MAIN_PAGES = {
    "dashboard": "/?on=2024-12-10",
    "plenary-report": "/reports/plenary?from=2024-06-21&to=2024-12-10",
    "directory": "/directory/",
    "contact-point": "/directory/1",
    "contact-point-form": "/directory/new",
    "directory-releases": "/directory/releases/",
    "directory-release": "/directory/releases/14",
    "countries": "/countries/?on=2024-12-10",
    "country-profile": "/countries/FJI",
    "events": "/events/",
    "event": "/events/1",
    "event-form": "/events/new",
    "action-items": "/action-items/",
    "certificate-wording": "/events/1/certificate-template",
    "people": "/people/",
    "person": "/people/1",
    "people-duplicates": "/people/duplicates",
    "authorities": "/authorities/",
    "authorities-status": "/authorities/status?on=2024-12-10",
    "organisations": "/organisations/",
    "organisation-form": "/organisations/new",
    "users": "/admin/users/",
    "audit": "/admin/audit",
}
CHART_PAGES = {"dashboard", "plenary-report"}


def serious_violations(page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("name", MAIN_PAGES)
def test_main_page_is_accessible_and_self_contained(open_as, live_server, name, screenshots):
    watched = open_as("admin")
    page = watched.page
    page.goto(live_server + MAIN_PAGES[name])
    page.wait_for_load_state("networkidle")
    if name in CHART_PAGES:
        page.wait_for_selector(".chart svg.main-svg")
        charts = page.locator(".chart").all()
        assert charts
        for chart in charts:
            assert chart.locator("svg.main-svg").count() >= 1, chart.get_attribute("id")
    assert serious_violations(page) == []
    watched.assert_clean()
    page.screenshot(path=screenshots / f"{name}-desktop.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.wait_for_timeout(300)
    page.screenshot(path=screenshots / f"{name}-phone.png", full_page=True)


def test_login_page_is_accessible(open_as, live_server):
    watched = open_as(None)
    watched.page.goto(live_server + "/login")
    assert serious_violations(watched.page) == []
    watched.assert_clean()
