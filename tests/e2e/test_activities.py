"""The activity pages in a real browser: the country picker works by keyboard, offline; axe passes."""

from tests.e2e.test_pages import serious_violations

PAGES = {
    "activities": "/activities/",
    "activity-form": "/activities/new",
    "activity-gaps": "/activities/gaps?on=2024-12-10",
}


def test_activity_pages_are_accessible_and_self_contained(open_as, live_server, screenshots):
    watched = open_as("admin")
    for name, url in PAGES.items():
        watched.page.goto(live_server + url)
        watched.page.wait_for_load_state("networkidle")
        assert serious_violations(watched.page) == [], name
        watched.page.screenshot(path=screenshots / f"{name}-desktop.png", full_page=True)
    watched.assert_clean()


def test_log_an_activity_with_the_keyboard_using_the_country_picker(open_as, live_server):
    watched = open_as("editor")
    page = watched.page
    page.goto(f"{live_server}/activities/new")
    page.get_by_label("Title").fill("Workshop typed by keyboard")

    # the field's label now names the search box
    search = page.get_by_role("searchbox", name="Beneficiary countries")
    search.fill("cote")  # accents and case are ignored
    assert page.locator("#beneficiary_ids-options .form-check:visible").count() == 1
    search.press("Enter")  # adds the best match, and does not submit the form
    search.fill("kiri")
    search.press("Enter")
    chosen = page.get_by_role("list", name="Chosen: Beneficiary countries")
    assert chosen.get_by_role("button").all_inner_texts() == ["Côte d'Ivoire ×", "Kiribati ×"]
    chosen.get_by_role("button", name="Remove Kiribati").press("Enter")
    assert chosen.get_by_role("button").count() == 1

    contributors = page.get_by_role(
        "searchbox", name="Contributing countries (contact points that lent expertise)"
    )
    contributors.fill("dominican")
    contributors.press("Tab")  # to the one matching checkbox
    page.keyboard.press("Space")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url(f"{live_server}/activities/*")
    body = page.locator("main").inner_text()
    assert "Workshop typed by keyboard" in body
    assert "Côte d'Ivoire" in body and "Dominican Republic" in body and "Kiribati" not in body
    watched.assert_clean()
