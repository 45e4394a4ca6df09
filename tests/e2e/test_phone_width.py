"""No page is wider than a phone: at 390 px every main page fits, wide tables scroll inside their own box,
and axe finds no serious violation at either width.

The pages are loaded as the administrator (who sees every column and button) with the demo data. With
SCREENSHOTS=1 each page is also captured at 1440 and 390 px into docs/screenshots/ (JPEG, the whole
page), which is how the README's pictures are refreshed; otherwise nothing is written to the tree.
"""

import os
from pathlib import Path

import pytest

from tests.e2e.test_pages import serious_violations

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
CAPTURE = os.environ.get("SCREENSHOTS") == "1"
PHONE = 390


TALLEST = (
    2400  # px of a page kept in its picture: the layout shows in the top, and the repository stays small
)


def capture(page, name: str) -> None:
    if CAPTURE:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        width, height = page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.scrollHeight]"
        )
        page.screenshot(
            path=SCREENSHOTS / f"{name}.jpg",
            full_page=True,
            clip={"x": 0, "y": 0, "width": width, "height": min(height, TALLEST)},
            type="jpeg",
            quality=40,
        )


PAGES = {
    "dashboard": "/?on=2024-12-10",
    "plenary-report": "/reports/plenary?from=2024-06-21&to=2024-12-10",
    "directory": "/directory/",
    "contact-point": "/directory/1",
    "contact-point-form": "/directory/new",
    "directory-releases": "/directory/releases/",
    "directory-release": "/directory/releases/14",
    "countries": "/countries/?on=2024-12-10",
    "country-profile": "/countries/FJI",
    "country-profile-non-party": "/countries/KEN",
    "events": "/events/",
    "event": "/events/1",
    "event-form": "/events/new",
    "action-items": "/action-items/",
    "activities": "/activities/",
    "activity": "/activities/1",
    "activity-form": "/activities/new",
    "activity-gaps": "/activities/gaps",
    "authorities": "/authorities/",
    "authorities-parties": "/authorities/parties/",
    "authorities-status": "/authorities/status?on=2024-12-10",
    "authorities-inputs": "/authorities/inputs/",
    "authorities-follow-up": "/authorities/follow-up",
    "declarations": "/authorities/declarations/",
    "organisations": "/organisations/",
    "outreach": "/outreach/",
    "outreach-outbox": "/outreach/outbox",
    "proposals": "/outreach/proposals",
    "users": "/admin/users/",
    "audit": "/admin/audit",
}


def page_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def widest_elements(page) -> list[str]:
    """The elements sticking out past the right edge, to name the culprit when the test fails."""
    return page.evaluate(
        """() => [...document.querySelectorAll('body *')]
             .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1
                          && !(e.parentElement
                               && e.parentElement.closest('.table-responsive, .table-scroll')))
             .slice(0, 8)
             .map(e => e.tagName + '.' + [...e.classList].join('.') + ' '
                       + Math.round(e.getBoundingClientRect().right))"""
    )


@pytest.mark.browser
@pytest.mark.parametrize("name", PAGES)
def test_page_fits_a_phone(open_as, live_server, name):
    watched = open_as("admin", width=1440)
    page = watched.page
    response = page.goto(live_server + PAGES[name])
    assert response.status == 200, name
    page.wait_for_load_state("networkidle")
    capture(page, f"{name}-1440")
    page.set_viewport_size({"width": PHONE, "height": 844})
    page.wait_for_timeout(250)
    width = page_width(page)
    assert width <= PHONE, f"{name} is {width} px wide at {PHONE} px: {widest_elements(page)}"
    assert serious_violations(page) == [], name
    capture(page, f"{name}-390")
    watched.assert_clean()


@pytest.mark.browser
def test_directory_filters_fold_away_on_a_phone(open_as, live_server):
    """On a phone the first entry is near the top; the filters open from one button."""
    page = open_as("admin", width=PHONE).page
    page.goto(live_server + "/directory/")
    first_entry = page.locator(".directory-entry, table tbody tr").first
    assert first_entry.bounding_box()["y"] < 600
    toggle = page.get_by_role("button", name="Filters")
    assert toggle.is_visible()
    filters = page.locator("#filters")
    assert not filters.is_visible()
    toggle.click()
    filters.wait_for(state="visible")
    assert filters.is_visible()
